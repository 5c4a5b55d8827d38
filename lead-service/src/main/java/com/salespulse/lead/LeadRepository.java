package com.salespulse.lead;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * Leads of the caller's tenant: Hibernate adds the tenant to every query (discriminator multitenancy), so no method
 * here can read another tenant's lead. The manager scope, when given, narrows further to one manager's cards.
 */
@ApplicationScoped
public class LeadRepository implements PanacheRepositoryBase<Lead, UUID> {

    public Optional<Lead> findVisible(UUID id, Optional<UUID> managerScope) {
        return managerScope
                .map(manager -> find("id = ?1 and managerId = ?2", id, manager).firstResultOptional())
                .orElseGet(() -> findByIdOptional(id));
    }

    /** Newest first; the id breaks ties so pages never overlap or skip. */
    public List<Lead> listVisible(Optional<UUID> managerScope, int page, int size) {
        return visible(managerScope).page(Page.of(page, size)).list();
    }

    public long countVisible(Optional<UUID> managerScope) {
        return visible(managerScope).count();
    }

    private PanacheQuery<Lead> visible(Optional<UUID> managerScope) {
        Sort newestFirst = Sort.descending("createdAt", "id");
        return managerScope.map(manager -> find("managerId", newestFirst, manager))
                .orElseGet(() -> findAll(newestFirst));
    }
}
