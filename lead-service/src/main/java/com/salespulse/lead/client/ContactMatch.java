package com.salespulse.lead.client;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The duplicate rule, defined once for the open leads and the live clients: a card matches a new lead when it has the
 * same normalized phone or the same normalized e-mail (a contact the lead lacks matches nothing), and a match by
 * phone is the stronger one.
 *
 * <p>In SQL each contact is looked up on its own, by the index that leads with the contact's value, and the hits are
 * put together with {@code union all} in a {@code materialized} CTE; the statement then reads its rows by primary key
 * and nothing else. Two plans it replaces walked a whole tenant's rows per intake (issue 16's write-path benchmark):
 * "the tenant's leads where phone = ? or e-mail = ?, newest first, limit 1" went backwards through the tenant's leads
 * by lead_tenant_created, and "the tenant's live clients whose id is a hit" through client_tenant_live_created,
 * whenever the statistics put the tenant at a row or two: statistics taken while a table was young, or a tenant newer
 * than the last ANALYZE. Any index that leads with tenant_id then looks as good as another, so a lookup here never
 * gives the planner the tenant as its only way in, and the contact columns are declared nearly distinct
 * (V2026_12_15_20) so that a lookup by value always looks like the few rows it is.
 */
public record ContactMatch(String phone, String email) {

    /**
     * One contact's lookup: the SQL select of its hits; its placeholders are the leading values given to {@link #bind}
     * (none, or e.g. the tenant), then the contact's value.
     */
    @FunctionalInterface
    public interface Lookup {
        String select(ClientContact.Kind kind);
    }

    /** Whether the lead has neither contact, so nothing can match it. */
    public boolean isEmpty() {
        return phone == null && email == null;
    }

    /**
     * A {@code materialized} CTE named {@code hit}, the phone's lookup and the e-mail's joined by {@code union all}
     * (a contact not given left out), followed by a space; bind it with {@link #bind} first. Empty when the lead has
     * no contact.
     */
    public String hits(Lookup lookup) {
        List<String> selects = new ArrayList<>(2);
        if (phone != null) {
            selects.add(lookup.select(ClientContact.Kind.PHONE));
        }
        if (email != null) {
            selects.add(lookup.select(ClientContact.Kind.EMAIL));
        }
        return selects.isEmpty() ? "" : "with hit as materialized (" + String.join(" union all ", selects) + ") ";
    }

    /**
     * Binds the placeholders of {@link #hits}: for each contact given, the leading values then the contact's value;
     * answers the index of the statement's next placeholder.
     */
    public int bind(PreparedStatement statement, Object... leading) throws SQLException {
        int index = 1;
        for (String value : new String[] {phone, email}) {
            if (value != null) {
                for (Object lead : leading) {
                    statement.setObject(index++, lead);
                }
                statement.setString(index++, value);
            }
        }
        return index;
    }
}
