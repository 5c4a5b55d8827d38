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
 * <p>In SQL each contact is looked up on its own, by its own index, and the hits are put together with {@code union
 * all} in a {@code materialized} CTE that the statement then reads by key. Written as "the tenant's rows where phone =
 * ? or e-mail = ?, ordered, limit 1", the generic plan on a young table's statistics walked the tenant's rows in the
 * order asked for with the OR as a filter: every row of the tenant read per intake when nothing matched (issue 16's
 * write-path benchmark). Equality lookups leave no such plan, and the contact columns are declared nearly distinct to
 * the planner (V2026_12_15_20), so that statistics taken while a table was young cannot make a lookup by value look
 * like a walk of the table.
 */
public record ContactMatch(String phone, String email) {

    /**
     * One contact's lookup: the SQL select of its hits, with two placeholders, the tenant then the contact's value.
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

    /** Binds the placeholders of {@link #hits}; answers the index of the statement's next placeholder. */
    public int bind(PreparedStatement statement, String tenant) throws SQLException {
        int index = 1;
        for (String value : new String[] {phone, email}) {
            if (value != null) {
                statement.setString(index++, tenant);
                statement.setString(index++, value);
            }
        }
        return index;
    }
}
