package com.salespulse.deal.product;

import com.salespulse.problem.page.SortOrder;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Products of the caller's tenant (Hibernate filters by tenant). */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    /** One page in the order asked for, the id breaking ties in the same direction; and the count in all. */
    public List<Product> page(boolean activeOnly, SortOrder order, int page, int size) {
        Sort.Direction direction = order.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
        Sort sort = Sort.by(order.field(), direction).and("id", direction);
        return (activeOnly ? find("active", sort, true) : findAll(sort))
                .page(page, size)
                .list();
    }

    public long count(boolean activeOnly) {
        return activeOnly ? count("active", true) : count();
    }

    /** The product of the caller's tenant with this external reference. */
    public Optional<Product> findByRef(com.salespulse.problem.ref.ExternalRef ref) {
        return find("externalSystem = ?1 and externalId = ?2", ref.externalSystem(), ref.externalId())
                .firstResultOptional();
    }
}
