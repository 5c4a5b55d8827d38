package com.salespulse.lead;

import com.salespulse.lead.client.ClientLeads;
import com.salespulse.lead.client.ClientRepository;
import com.salespulse.lead.client.ContactMatch;
import com.salespulse.lead.integration.Referable;
import com.salespulse.lead.integration.References;
import com.salespulse.lead.roster.OpenLeads;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.ActingScope;
import com.salespulse.security.CallerScope;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Leads of the caller's tenant: Hibernate adds the tenant to every query (discriminator multitenancy), so no method
 * here can read another tenant's lead. The caller's scope narrows further to a manager's own cards, or a team lead's
 * teams' managers' cards.
 */
@ApplicationScoped
public class LeadRepository implements PanacheRepositoryBase<Lead, UUID>, Referable, OpenLeads, ClientLeads {

    @Inject
    ActingScope acting;

    /** What a list may be narrowed by; every field is optional. */
    public record Filter(
            CallerScope managerScope,
            Lead.Status status,
            UUID managerId,
            UUID teamId,
            String source,
            String externalSystem,
            String externalId,
            Instant from,
            Instant to,
            Boolean duplicate,
            String text,
            boolean archived,
            Boolean unassigned) {

        public static Filter scope(CallerScope managerScope) {
            return new Filter(managerScope, null, null, null, null, null, null, null, null, null, null, false, null);
        }

        /** Every lead without an owner, out of the archive: the queue as GET /api/v1/leads/queue lists it. */
        public static Filter queue() {
            return new Filter(
                    CallerScope.wholeTenant(), null, null, null, null, null, null, null, null, null, null, false, true);
        }
    }

    /** The lead when the caller's scope holds its owner: the whole tenant, a manager's own, a team lead's teams'. */
    public Optional<Lead> findVisible(UUID id, CallerScope managerScope) {
        return managerScope.isWholeTenant()
                ? findByIdOptional(id)
                : find("id = ?1 and managerId in ?2", id, managerScope.managers())
                        .firstResultOptional();
    }

    /** Newest first; the id breaks ties so pages never overlap or skip. */
    public List<Lead> list(Filter filter, int page, int size) {
        return query(filter).page(Page.of(page, size)).list();
    }

    /** In the order asked for, the id breaking ties in the same direction, so pages never overlap or skip. */
    public List<Lead> list(Filter filter, SortOrder order, int page, int size) {
        Sort.Direction direction = order.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
        Sort sort = Sort.by(order.field(), direction, Sort.NullPrecedence.NULLS_LAST)
                .and("id", direction);
        return query(filter, sort).page(Page.of(page, size)).list();
    }

    private PanacheQuery<Lead> query(Filter filter) {
        return query(filter, Sort.descending("createdAt", "id"));
    }

    public long count(Filter filter) {
        return query(filter).count();
    }

    private PanacheQuery<Lead> query(Filter filter, Sort sort) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        where.add(filter.archived() ? "archivedAt is not null" : "archivedAt is null");
        if (!filter.managerScope().isWholeTenant()) {
            where.add("managerId in :scope");
            params.and("scope", filter.managerScope().managers());
        }
        if (filter.status() != null) {
            where.add("status = :status");
            params.and("status", filter.status());
        }
        if (filter.managerId() != null) {
            where.add("managerId = :managerId");
            params.and("managerId", filter.managerId());
        }
        if (filter.teamId() != null) {
            where.add("teamId = :teamId");
            params.and("teamId", filter.teamId());
        }
        if (filter.source() != null) {
            where.add("source = :source");
            params.and("source", filter.source());
        }
        if (filter.externalSystem() != null) {
            where.add("externalSystem = :externalSystem");
            params.and("externalSystem", filter.externalSystem());
        }
        if (filter.externalId() != null) {
            where.add("externalId = :externalId");
            params.and("externalId", filter.externalId());
        }
        if (filter.from() != null) {
            where.add("createdAt >= :from");
            params.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("createdAt < :to");
            params.and("to", filter.to());
        }
        if (filter.duplicate() != null) {
            where.add("duplicate = :duplicate");
            params.and("duplicate", filter.duplicate());
        }
        if (Boolean.TRUE.equals(filter.unassigned())) {
            where.add("managerId is null");
        } else if (Boolean.FALSE.equals(filter.unassigned())) {
            where.add("managerId is not null");
        }
        if (filter.text() != null) {
            // name, phone or e-mail; the digits of a phone are matched against the normalized number
            String text = filter.text().toLowerCase(Locale.ROOT);
            String digits = text.replaceAll("[^0-9]", "");
            String phoneClause = digits.isEmpty() ? "" : " or phoneNormalized like :digits";
            where.add("(lower(clientName) like :text or emailNormalized like :text" + phoneClause + ")");
            params.and("text", "%" + escapeLike(text) + "%");
            if (!digits.isEmpty()) {
                params.and("digits", "%" + digits + "%");
            }
        }
        return find(String.join(" and ", where), sort, params);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The unassigned queue: open leads without an owner, oldest first (the order they are drained in). */
    public List<Lead> queue(int limit) {
        return find(
                        "managerId is null and archivedAt is null and status in ?1",
                        Sort.ascending("createdAt", "id"),
                        Lead.Status.OPEN)
                .page(0, limit)
                .list();
    }

    /** A manager's open leads, oldest first (the order a transfer hands them out). */
    public List<Lead> openOf(UUID managerId) {
        return list(
                "managerId = ?1 and archivedAt is null and status in ?2",
                Sort.ascending("createdAt", "id"),
                managerId,
                Lead.Status.OPEN);
    }

    /** Open leads per manager, in the caller's tenant: the load that distribution reads ({@link #countOpenSql}). */
    @Override
    public Map<UUID, Long> openCountByManager() {
        return openCounts(
                "select c.manager_id, c.open_leads from manager_open_leads c join manager m on m.id = c.manager_id"
                        + " where m.tenant_id = ? and c.open_leads > 0",
                null);
    }

    /** An open lead found by its contacts: its id and its client's. */
    public record SameContact(UUID id, UUID clientId) {}

    /** What intake's duplicate search found: the newest open lead and the first live client with the contacts. */
    public record Duplicates(Optional<SameContact> lead, Optional<UUID> client) {

        static final Duplicates NONE = new Duplicates(Optional.empty(), Optional.empty());

        public boolean any() {
            return lead.isPresent() || client.isPresent();
        }
    }

    /**
     * The newest open lead matching these contacts by {@link ContactMatch}'s rule (each contact looked up by its own
     * index of open leads, lead_open_phone and lead_open_email, the tenant's newest hit then read by key), and the
     * client {@link ClientRepository#liveByContact} finds: the two statements in one round trip, the same statements
     * (so the same plans) sent together and answered together, instead of one exchange with the database each.
     */
    public Duplicates withContact(ContactMatch contacts) {
        if (contacts.isEmpty()) {
            return Duplicates.NONE;
        }
        // plain JDBC on the intake path: an HQL query is translated again at every call with the tenant filter on
        // (discriminator multitenancy), and a native query mapped to the entity builds its result mapping at every
        // call (7 % of an intake's CPU); the intake needs three ids
        String tenant = acting.requireTenant();
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement(OPEN_WITH_CONTACT + ";\n" + ClientRepository.LIVE_BY_CONTACT)) {
                select.setString(1, contacts.phone());
                select.setString(2, contacts.email());
                select.setString(3, tenant);
                select.setString(4, tenant);
                select.setString(5, contacts.phone());
                select.setString(6, tenant);
                select.setString(7, contacts.email());
                select.execute();
                Optional<SameContact> lead;
                try (ResultSet row = select.getResultSet()) {
                    lead = row.next()
                            ? Optional.of(new SameContact(row.getObject(1, UUID.class), row.getObject(2, UUID.class)))
                            : Optional.empty();
                }
                select.getMoreResults();
                try (ResultSet row = select.getResultSet()) {
                    return new Duplicates(
                            lead, row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty());
                }
            }
        });
    }

    /**
     * The lookups by value leave the tenant out on purpose (it is applied to their few hits), each written as its
     * index's predicate is: see {@link ContactMatch}. Placeholders: phone, e-mail, tenant.
     */
    private static final String OPEN_WITH_CONTACT = """
            with hit as materialized (
                select id, tenant_id, created_at from lead
                where phone_normalized = ? and archived_at is null and status in ('NEW', 'IN_WORK', 'QUALIFIED')
                union all
                select id, tenant_id, created_at from lead
                where email_normalized = ? and archived_at is null and status in ('NEW', 'IN_WORK', 'QUALIFIED'))
            select l.id, l.client_id from lead l
            where l.id = (select id from hit where tenant_id = ? order by created_at desc, id desc limit 1)""";

    /** Open leads with no change since {@code before}: the stale rule's candidates. */
    public List<Lead> staleSince(Instant before) {
        // what lead-service last wrote, not the business time: an imported old history is not archived at once
        return list(
                "archivedAt is null and status in ?1 and lastRecordedAt < ?2",
                Sort.ascending("lastRecordedAt", "id"),
                Lead.Status.OPEN,
                before);
    }

    /** Whether the manager holds a lead of the client, in any status, archived or not. */
    @Override
    public boolean anyOfClientHeldBy(UUID clientId, UUID managerId) {
        return count("clientId = ?1 and managerId = ?2", clientId, managerId) > 0;
    }

    @Override
    public int openCountOf(UUID managerId) {
        return Math.toIntExact(openCountByManager(List.of(managerId)).getOrDefault(managerId, 0L));
    }

    /** Open leads of these managers, in the caller's tenant ({@link #countOpenSql}). */
    @Override
    public Map<UUID, Long> openCountByManager(Collection<UUID> managerIds) {
        if (managerIds.isEmpty()) {
            return new HashMap<>();
        }
        return openCounts(
                "select c.manager_id, c.open_leads from manager_open_leads c join manager m on m.id = c.manager_id"
                        + " where m.tenant_id = ? and c.manager_id = any(?) and c.open_leads > 0",
                managerIds);
    }

    private Map<UUID, Long> openCounts(String sql, Collection<UUID> managerIds) {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            Map<UUID, Long> counts = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, acting.requireTenant());
                if (managerIds != null) {
                    select.setArray(2, connection.createArrayOf("uuid", managerIds.toArray()));
                }
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        counts.put(row.getObject(1, UUID.class), row.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    /**
     * Each manager's open leads are kept in a row of {@code manager_open_leads} by a trigger on the lead table, in
     * the transaction of the statement that opens, closes, archives or moves a lead (V2026_12_16_20): one row a
     * manager to read instead of their leads to count. No row means none.
     */
    @Override
    public String countOpenSql() {
        return "select coalesce(max(c.open_leads), 0) as open from manager_open_leads c where c.manager_id = m.id";
    }

    @Override
    public List<UUID> moveLeads(UUID from, UUID to) {
        List<UUID> moved = new java.util.ArrayList<>();
        for (Lead lead : ofClient(from)) {
            lead.clientId = to;
            moved.add(lead.id);
        }
        return moved;
    }

    public List<Lead> ofClient(UUID clientId) {
        return list("clientId", Sort.ascending("createdAt", "id"), clientId);
    }

    /** The lead with this external reference, in the caller's tenant. */
    public Optional<Lead> byExternalRef(String system, String id) {
        return find("externalSystem = ?1 and externalId = ?2", system, id).firstResultOptional();
    }

    @Override
    public References.Kind kind() {
        return References.Kind.LEAD;
    }

    @Override
    public Optional<UUID> idByRef(ExternalRef ref) {
        return byExternalRef(ref.externalSystem(), ref.externalId()).map(l -> l.id);
    }

    @Override
    public boolean exists(UUID id) {
        return findByIdOptional(id).isPresent();
    }
}
