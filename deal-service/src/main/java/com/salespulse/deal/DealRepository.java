package com.salespulse.deal;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Deals of the caller's tenant (Hibernate adds the tenant to every query). The manager scope, when given, narrows
 * to one manager's deals.
 */
@ApplicationScoped
public class DealRepository implements PanacheRepositoryBase<Deal, UUID> {

    public Optional<Deal> findVisible(UUID id, Optional<UUID> managerScope) {
        return managerScope
                .map(manager -> find("id = ?1 and managerId = ?2", id, manager).firstResultOptional())
                .orElseGet(() -> findByIdOptional(id));
    }

    public Optional<Deal> findByLead(UUID leadId) {
        return find("leadId", leadId).firstResultOptional();
    }

    /** deal-service knows a client once it has a deal with them (a converted lead opens the first). */
    public boolean knowsClient(UUID clientId) {
        return count("clientId", clientId) > 0;
    }

    /** The client's name on their latest deal that has one (a lead may come in without a name). */
    public Optional<String> latestClientName(UUID clientId) {
        return find(
                        "clientId = ?1 and clientName is not null and trim(clientName) <> ''",
                        Sort.descending("openedAt", "id"),
                        clientId)
                .firstResultOptional()
                .map(deal -> deal.clientName);
    }

    public boolean hasWonDeal(UUID clientId) {
        return count("clientId = ?1 and status = ?2", clientId, Deal.Status.WON) > 0;
    }

    /** A manager's open deals, oldest first (the order a card transfer hands them out in). */
    public List<Deal> openDealsOf(UUID managerId) {
        return list("managerId = ?1 and status = ?2", Sort.ascending("openedAt", "id"), managerId, Deal.Status.OPEN);
    }

    public record Filter(Optional<UUID> managerScope, UUID managerId, Deal.Status status, UUID clientId) {}

    /** Newest first; the id breaks ties so pages never overlap or skip. */
    public List<Deal> list(Filter filter, int page, int size) {
        return query(filter).page(Page.of(page, size)).list();
    }

    public long count(Filter filter) {
        return query(filter).count();
    }

    private PanacheQuery<Deal> query(Filter filter) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        UUID manager = filter.managerScope().orElse(filter.managerId());
        if (filter.managerScope().isPresent()
                && filter.managerId() != null
                && !filter.managerId().equals(filter.managerScope().get())) {
            // a manager asking for someone else's deals sees none
            where.append(" and 1 = 0");
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
        return find(where.toString(), Sort.descending("openedAt", "id"), params);
    }

    /** The deal of the caller's tenant with this external reference. */
    public Optional<Deal> findByRef(com.salespulse.problem.ref.ExternalRef ref) {
        return find("externalSystem = ?1 and externalId = ?2", ref.externalSystem(), ref.externalId())
                .firstResultOptional();
    }
}
