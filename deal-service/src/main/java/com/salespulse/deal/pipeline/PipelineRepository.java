package com.salespulse.deal.pipeline;

import com.salespulse.problem.page.SortOrder;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Pipelines of the caller's tenant (Hibernate filters by tenant). */
@ApplicationScoped
public class PipelineRepository implements PanacheRepositoryBase<Pipeline, UUID> {

    public Optional<Pipeline> findDefault() {
        return find("defaultPipeline", true).firstResultOptional();
    }

    public List<Pipeline> listAllByCreation() {
        return listAll(Sort.ascending("createdAt", "id"));
    }

    /** One page in the order asked for, the id breaking ties in the same direction. */
    public List<Pipeline> page(SortOrder order, int page, int size) {
        Sort.Direction direction = order.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
        return findAll(Sort.by(order.field(), direction).and("id", direction))
                .page(page, size)
                .list();
    }

    /** The pipeline of the caller's tenant with this external reference. */
    public Optional<Pipeline> findByRef(com.salespulse.problem.ref.ExternalRef ref) {
        return find("externalSystem = ?1 and externalId = ?2", ref.externalSystem(), ref.externalId())
                .firstResultOptional();
    }

    /** The pipeline of the caller's tenant holding the stage with this id. */
    public Optional<Pipeline> findByStage(UUID stageId) {
        return getEntityManager()
                .createQuery("select s.pipeline from Stage s where s.id = :id", Pipeline.class)
                .setParameter("id", stageId)
                .getResultStream()
                .findFirst();
    }

    /** The stage of the caller's tenant with this external reference, whatever its pipeline. */
    public Optional<Stage> findStageByRef(com.salespulse.problem.ref.ExternalRef ref) {
        return getEntityManager()
                .createQuery(
                        "select s from Stage s where s.externalSystem = :system " + "and s.externalId = :id",
                        Stage.class)
                .setParameter("system", ref.externalSystem())
                .setParameter("id", ref.externalId())
                .getResultStream()
                .findFirst();
    }
}
