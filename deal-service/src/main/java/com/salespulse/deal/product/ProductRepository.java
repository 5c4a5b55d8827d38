package com.salespulse.deal.product;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Products of the caller's tenant (Hibernate filters by tenant). */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    public List<Product> list(boolean activeOnly) {
        Sort byName = Sort.ascending("name", "id");
        return activeOnly ? list("active", byName, true) : listAll(byName);
    }

    /** The product of the caller's tenant with this external reference. */
    public Optional<Product> findByRef(com.salespulse.problem.ref.ExternalRef ref) {
        return find("externalSystem = ?1 and externalId = ?2", ref.externalSystem(), ref.externalId())
                .firstResultOptional();
    }
}
