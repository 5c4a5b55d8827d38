package com.salespulse.lead.roster;

import com.salespulse.lead.integration.Referable;
import com.salespulse.lead.integration.References;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ExternalRef;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ManagerRepository implements PanacheRepositoryBase<Manager, UUID>, Referable {

    public List<Manager> notDismissed() {
        return list("status", Sort.by("name", "id"), Manager.Status.ACTIVE);
    }

    public Optional<String> nameOf(UUID id) {
        return getEntityManager()
                .createQuery("select m.name from Manager m where m.id = ?1", String.class)
                .setParameter(1, id)
                .getResultStream()
                .findFirst();
    }

    public List<Manager> all() {
        return listAll(Sort.by("name", "id"));
    }

    /** One page of the roster in the order asked for, the id breaking ties in the same direction. */
    public List<Manager> page(SortOrder order, int page, int size) {
        Sort.Direction direction = order.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
        return findAll(Sort.by(order.field(), direction).and("id", direction))
                .page(page, size)
                .list();
    }

    /** The manager with this external reference, in the caller's tenant. */
    public Optional<Manager> byExternalRef(String system, String id) {
        return find("externalSystem = ?1 and externalId = ?2", system, id).firstResultOptional();
    }

    @Override
    public References.Kind kind() {
        return References.Kind.MANAGER;
    }

    @Override
    public Optional<UUID> idByRef(ExternalRef ref) {
        return byExternalRef(ref.externalSystem(), ref.externalId()).map(m -> m.id);
    }

    @Override
    public boolean exists(UUID id) {
        return findByIdOptional(id).isPresent();
    }
}
