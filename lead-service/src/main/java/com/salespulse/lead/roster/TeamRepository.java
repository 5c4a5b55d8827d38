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
public class TeamRepository implements PanacheRepositoryBase<Team, UUID>, Referable {

    /** One page of the teams in the order asked for, the id breaking ties in the same direction. */
    public List<Team> page(SortOrder order, int page, int size) {
        Sort.Direction direction = order.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
        return findAll(Sort.by(order.field(), direction).and("id", direction))
                .page(page, size)
                .list();
    }

    public boolean nameTaken(String name, UUID except) {
        return count("lower(name) = lower(?1) and id <> ?2", name.trim(), except == null ? new UUID(0, 0) : except) > 0;
    }

    /** The team with this external reference, in the caller's tenant. */
    /** The teams this manager leads now. */
    public List<Team> ledBy(UUID manager) {
        return list("leadManagerId", manager);
    }

    public Optional<Team> byExternalRef(String system, String id) {
        return find("externalSystem = ?1 and externalId = ?2", system, id).firstResultOptional();
    }

    @Override
    public References.Kind kind() {
        return References.Kind.TEAM;
    }

    @Override
    public Optional<UUID> idByRef(ExternalRef ref) {
        return byExternalRef(ref.externalSystem(), ref.externalId()).map(t -> t.id);
    }

    @Override
    public boolean exists(UUID id) {
        return findByIdOptional(id).isPresent();
    }
}
