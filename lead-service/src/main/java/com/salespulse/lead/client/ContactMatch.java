package com.salespulse.lead.client;

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
 *
 * <p>The statements are constant text, each with both lookups: a contact not given is bound as null, which equals
 * nothing, so its lookup finds no row in one index probe.
 */
public record ContactMatch(String phone, String email) {

    /** One contact of this kind (a phone or an e-mail; any other kind matches nothing). */
    public static ContactMatch of(ClientContact.Kind kind, String value) {
        return new ContactMatch(
                kind == ClientContact.Kind.PHONE ? value : null, kind == ClientContact.Kind.EMAIL ? value : null);
    }

    /** Whether the lead has neither contact, so nothing can match it. */
    public boolean isEmpty() {
        return phone == null && email == null;
    }
}
