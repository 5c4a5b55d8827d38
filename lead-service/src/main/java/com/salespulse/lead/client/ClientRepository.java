package com.salespulse.lead.client;

import com.salespulse.lead.integration.Referable;
import com.salespulse.lead.integration.References;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.ActingScope;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<Client, UUID>, Referable {

    @Inject
    ActingScope acting;

    public Optional<Client> byExternalRef(String system, String id) {
        return find("externalSystem = ?1 and externalId = ?2", system, id).firstResultOptional();
    }

    /** The contacts of a client, in a stable order. */
    public List<ClientContact> contactsOf(UUID clientId) {
        return getEntityManager()
                .createQuery("from ClientContact where clientId = ?1 order by kind, value", ClientContact.class)
                .setParameter(1, clientId)
                .getResultList();
    }

    /**
     * The contacts looked up by client_contact_lookup, each on its own, then their clients by key alone
     * ({@code = any(array(…))}, the hits being the tenant's already): with the tenant named again there, a tenant the
     * statistics put at a client or two had its live clients walked by client_tenant_live_created (stop 33). See
     * {@link ContactMatch}. Placeholders: tenant, phone, tenant, e-mail. Public for intake, which sends it with
     * its lead search in one round trip.
     */
    public static final String LIVE_BY_CONTACT = """
            with hit as materialized (
                select client_id, true as by_phone from client_contact
                where tenant_id = ? and kind = 'PHONE' and value = ?
                union all
                select client_id, false from client_contact
                where tenant_id = ? and kind = 'EMAIL' and value = ?)
            select c.id from client c
            where c.id = any(array(select client_id from hit)) and c.merged_into_id is null
            order by case when c.id = any(array(select client_id from hit where by_phone)) then 0 else 1 end,
                c.created_at, c.id
            limit 1""";

    /**
     * The id of the first live (not merged) client matching these contacts by {@link ContactMatch}'s rule, a client
     * matching by phone first, then the oldest.
     */
    public Optional<UUID> liveByContact(ContactMatch contacts) {
        if (contacts.isEmpty()) {
            return Optional.empty();
        }
        // plain JDBC: an HQL query is translated again at every call with the tenant filter on (discriminator
        // multitenancy), and a native query mapped to the entity builds its result mapping at every call; the intake
        // needs the id
        String tenant = acting.requireTenant();
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(LIVE_BY_CONTACT)) {
                select.setString(1, tenant);
                select.setString(2, contacts.phone());
                select.setString(3, tenant);
                select.setString(4, contacts.email());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty();
                }
            }
        });
    }

    public void persistContact(ClientContact contact) {
        getEntityManager().persist(contact);
    }

    /** Deletes every contact of the client (an edit replaces them). */
    public void deleteContacts(UUID clientId) {
        getEntityManager()
                .createQuery("delete from ClientContact where clientId = ?1")
                .setParameter(1, clientId)
                .executeUpdate();
        getEntityManager().flush();
    }

    /**
     * What the client list is narrowed to: live (not merged) clients only; for a manager, those they hold a lead of;
     * {@code text} (lower case) anywhere in the name or a contact's normalized value, {@code digits} anywhere in a
     * phone.
     */
    public record Search(Optional<UUID> managerScope, String text, String digits) {}

    /** One page of live clients in the order asked for, the id breaking ties in the same direction. */
    public List<Client> page(Search search, SortOrder order, int page, int size) {
        // the field comes from ClientApi.SORT, never from the caller's text
        String direction = order.descending() ? " desc" : " asc";
        String nulls = " nulls last";
        var query = getEntityManager()
                .createQuery(
                        "select c" + where(search) + " order by c." + order.field() + direction + nulls + ", c.id"
                                + direction,
                        Client.class)
                .setFirstResult(page * size)
                .setMaxResults(size);
        bind(search, query);
        return query.getResultList();
    }

    public long count(Search search) {
        var query = getEntityManager().createQuery("select count(c)" + where(search), Long.class);
        bind(search, query);
        return query.getSingleResult();
    }

    private static String where(Search search) {
        StringBuilder where = new StringBuilder(" from Client c where c.mergedIntoId is null");
        if (search.managerScope().isPresent()) {
            // the leads the manager holds (ClientLeads' rule for reading one client): by the entity's name, not code
            where.append(" and c.id in (select l.clientId from Lead l where l.managerId = :manager)");
        }
        if (search.text() != null) {
            // lower(c.name) like '%…%' and the contact values are served by the trigram indexes of V2026_12_09_10
            where.append(" and (lower(c.name) like :text or c.id in (select cc.clientId from ClientContact cc where"
                    + " cc.value like :text" + (search.digits() == null ? "" : " or cc.value like :digits") + "))");
        }
        return where.toString();
    }

    private static void bind(Search search, jakarta.persistence.Query query) {
        search.managerScope().ifPresent(manager -> query.setParameter("manager", manager));
        if (search.text() != null) {
            query.setParameter("text", "%" + escapeLike(search.text()) + "%");
            if (search.digits() != null) {
                query.setParameter("digits", "%" + search.digits() + "%");
            }
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public References.Kind kind() {
        return References.Kind.CLIENT;
    }

    @Override
    public Optional<UUID> idByRef(ExternalRef ref) {
        return byExternalRef(ref.externalSystem(), ref.externalId()).map(c -> c.id);
    }

    @Override
    public boolean exists(UUID id) {
        return findByIdOptional(id).isPresent();
    }
}
