package com.salespulse.deal;

import com.salespulse.deal.pipeline.DefaultPipelines;
import com.salespulse.deal.roster.RosterReplica;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.security.ActingScope;
import com.salespulse.security.CallerScope;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Deals of the caller's tenant (Hibernate adds the tenant to every query). The manager scope, when given, narrows
 * to one manager's deals.
 */
@ApplicationScoped
public class DealRepository implements PanacheRepositoryBase<Deal, UUID> {

    private final ActingScope acting;

    public DealRepository(ActingScope acting) {
        this.acting = acting;
    }

    public Optional<Deal> findVisible(UUID id, Optional<UUID> managerScope) {
        return managerScope
                .map(manager -> find("id = ?1 and managerId = ?2", id, manager).firstResultOptional())
                .orElseGet(() -> findByIdOptional(id));
    }

    /** The deal when the caller's scope holds its owner: the whole tenant, a manager's own, a team lead's teams'. */
    public Optional<Deal> findVisible(UUID id, CallerScope scope) {
        return scope.isWholeTenant()
                ? findByIdOptional(id)
                : find("id = ?1 and managerId in ?2", id, scope.managers()).firstResultOptional();
    }

    public Optional<Deal> findByLead(UUID leadId) {
        return find("leadId", leadId).firstResultOptional();
    }

    /**
     * What opening a deal needs to know about a client: whether deal-service knows them (a deal with them, or
     * lead-service created them), the name on their latest deal that has one (a lead may come in without a name),
     * else the client base's, and whether they have a won deal (the new deal is then a repeat sale).
     */
    public record ClientFacts(boolean known, String name, boolean hasWonDeal) {}

    /**
     * What a deal opening reads before its insert: the client's facts, the manager the body names (empty when there is
     * none of that id on the roster, or {@code managerId} is null), the default pipeline's head (null when the tenant
     * has none, or {@code defaultPipeline} is false). One statement and one round trip instead of three; each part is
     * a lookup by key (deal_client and known_client's key, roster_manager's key, pipeline_one_default).
     */
    public OpeningFacts openingFacts(UUID clientId, UUID managerId, boolean defaultPipeline) {
        // plain JDBC, not a native query: Hibernate caches a native query with a scalar result under a new key at
        // every call and looks it up among the colliding keys of the earlier ones (lead-service's absences and
        // settings, issue 16); the statement's text is the one Hibernate sent, so the plan is the same
        String tenant = acting.tenant();
        // no manager named by id: an id no manager has, so the statement's types stay the same
        UUID manager = managerId != null ? managerId : NO_ONE;
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(OPENING_FACTS)) {
                int at = 1;
                for (int lookup = 0; lookup < 5; lookup++) {
                    select.setString(at++, tenant);
                    select.setObject(at++, clientId);
                }
                select.setString(at++, tenant);
                select.setObject(at++, manager);
                select.setBoolean(at++, defaultPipeline);
                select.setString(at, tenant);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    UUID managerFound = row.getObject(4, UUID.class);
                    UUID pipeline = row.getObject(8, UUID.class);
                    OffsetDateTime dismissedAt = row.getObject(7, OffsetDateTime.class);
                    return new OpeningFacts(
                            new ClientFacts(row.getBoolean(1), row.getString(2), row.getBoolean(3)),
                            managerFound == null
                                    ? Optional.empty()
                                    : Optional.of(new RosterReplica.Manager(
                                            managerFound,
                                            row.getString(5),
                                            row.getObject(6, UUID.class),
                                            dismissedAt == null ? null : dismissedAt.toInstant())),
                            pipeline == null ? null : new DefaultPipelines.Head(pipeline, row.getLong(9)));
                }
            }
        });
    }

    /**
     * {@link #openingFacts}' statement. Placeholders: tenant and client five times (the client's lookups), tenant and
     * manager, whether the default pipeline is read, tenant.
     */
    private static final String OPENING_FACTS = """
            select exists (select 1 from deal where tenant_id = ? and client_id = ?)
                    or exists (select 1 from known_client where tenant_id = ? and client_id = ?),
                coalesce(
                    (select client_name from deal
                     where tenant_id = ? and client_id = ? and trim(client_name) <> ''
                     order by opened_at desc, id desc limit 1),
                    (select name from known_client
                     where tenant_id = ? and client_id = ? and trim(name) <> '')),
                exists (select 1 from deal where tenant_id = ? and client_id = ? and status = 'WON'),
                m.manager_id, m.name, m.team_id, m.dismissed_at,
                p.id, p.version
            from (select 1) as opening
            left join roster_manager m on m.tenant_id = ? and m.manager_id = ?
            left join pipeline p on ? and p.tenant_id = ? and p.default_pipeline""";

    private static final UUID NO_ONE = new UUID(0, 0);

    /** What {@link #openingFacts} read. */
    public record OpeningFacts(
            ClientFacts client, Optional<RosterReplica.Manager> manager, DefaultPipelines.Head defaultPipeline) {}

    /** deal-service knows a client once it has a deal with them (a converted lead opens the first). */
    public boolean knowsClient(UUID clientId) {
        return count("clientId", clientId) > 0;
    }

    public boolean hasWonDeal(UUID clientId) {
        return count("clientId = ?1 and status = ?2", clientId, Deal.Status.WON) > 0;
    }

    /** A manager's open deals, oldest first (the order a card transfer hands them out in). */
    public List<Deal> openDealsOf(UUID managerId) {
        return list("managerId = ?1 and status = ?2", Sort.ascending("openedAt", "id"), managerId, Deal.Status.OPEN);
    }

    /**
     * What a list of deals is narrowed to; a null part narrows nothing. Opened and closed are half-open instant
     * ranges ({@code from <= t < to}), the expected close date an inclusive date range; {@code text} is matched in
     * the client's name or the deal's external id, case-insensitively. {@code archived}: false the working list
     * (deals not archived), true the archive (archived deals only).
     */
    public record Filter(
            CallerScope managerScope,
            UUID managerId,
            Deal.Status status,
            UUID clientId,
            Instant openedFrom,
            Instant openedTo,
            Instant closedFrom,
            Instant closedTo,
            LocalDate expectedCloseFrom,
            LocalDate expectedCloseTo,
            String text,
            boolean archived) {

        public Filter(CallerScope managerScope, UUID managerId, Deal.Status status, UUID clientId) {
            this(managerScope, managerId, status, clientId, null, null, null, null, null, null, null, false);
        }
    }

    /** Newest first; the id breaks ties so pages never overlap or skip. */
    public List<Deal> list(Filter filter, int page, int size) {
        return query(filter).page(Page.of(page, size)).list();
    }

    /** In the order asked for (empty values last), the id breaking ties in the same direction. */
    public List<Deal> list(Filter filter, SortOrder order, int page, int size) {
        Sort.Direction direction = order.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
        Sort sort = Sort.by(order.field(), direction, Sort.NullPrecedence.NULLS_LAST)
                .and("id", direction);
        return query(filter, sort).page(Page.of(page, size)).list();
    }

    public long count(Filter filter) {
        return query(filter).count();
    }

    private PanacheQuery<Deal> query(Filter filter) {
        return query(filter, Sort.descending("openedAt", "id"));
    }

    private PanacheQuery<Deal> query(Filter filter, Sort sort) {
        StringBuilder where = new StringBuilder(filter.archived() ? "archivedAt is not null" : "archivedAt is null");
        Parameters params = new Parameters();
        UUID manager = filter.managerId();
        CallerScope scope = filter.managerScope();
        if (!scope.isWholeTenant()) {
            if (manager != null && !scope.includes(manager)) {
                // a manager (team lead) asking for deals outside their own (their teams') sees none
                where.append(" and 1 = 0");
            }
            where.append(" and managerId in :scope");
            params.and("scope", scope.managers());
        }
        if (manager != null) {
            where.append(" and managerId = :manager");
            params.and("manager", manager);
        }
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.and("status", filter.status());
        }
        if (filter.clientId() != null) {
            where.append(" and clientId = :client");
            params.and("client", filter.clientId());
        }
        range(where, params, "openedAt", filter.openedFrom(), filter.openedTo(), false);
        range(where, params, "closedAt", filter.closedFrom(), filter.closedTo(), false);
        range(where, params, "expectedCloseDate", filter.expectedCloseFrom(), filter.expectedCloseTo(), true);
        if (filter.text() != null) {
            // lower(client_name) like '%…%' is what the trigram index deal_client_name_trgm serves (V2026_12_09_10)
            where.append(" and (lower(clientName) like :text or lower(externalId) like :text)");
            params.and("text", "%" + escapeLike(filter.text().toLowerCase(Locale.ROOT)) + "%");
        }
        return find(where.toString(), sort, params);
    }

    private static void range(
            StringBuilder where, Parameters params, String field, Object from, Object to, boolean inclusiveTo) {
        if (from != null) {
            where.append(" and ").append(field).append(" >= :").append(field).append("From");
            params.and(field + "From", from);
        }
        if (to != null) {
            where.append(" and ")
                    .append(field)
                    .append(inclusiveTo ? " <= :" : " < :")
                    .append(field)
                    .append("To");
            params.and(field + "To", to);
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The deal of the caller's tenant with this external reference. */
    public Optional<Deal> findByRef(com.salespulse.problem.ref.ExternalRef ref) {
        return find("externalSystem = ?1 and externalId = ?2", ref.externalSystem(), ref.externalId())
                .firstResultOptional();
    }
}
