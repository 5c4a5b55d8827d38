package com.salespulse.deal.pipeline;

import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenant's default pipeline with its stages, as a deal opening reads it: a read-only copy kept per tenant, so an
 * opening does not load the pipeline and its stages through Hibernate on every call.
 *
 * <p>The copy is checked against the pipeline row's version on every use (one row by the index
 * pipeline_one_default) and read again when the row has moved on. Every change of a pipeline or of its stages
 * increments that version ({@link PipelineService#change} forces the increment when only stages changed), so a copy
 * is used only while the row is still at the version it was read at, whichever instance made the change: no instance opens a deal in a stage that was removed or changed meanwhile. The copy is read in one
 * statement, so its stages are those of the version it carries. One entry per tenant that opened a deal here, a few
 * hundred bytes each.
 */
@ApplicationScoped
public class DefaultPipelines {

    private final ActingScope acting;
    private final EntityManager em;
    private final PipelineService pipelines;
    private final Map<String, Pipeline> byTenant = new ConcurrentHashMap<>();

    public DefaultPipelines(ActingScope acting, EntityManager em, PipelineService pipelines) {
        this.acting = acting;
        this.em = em;
        this.pipelines = pipelines;
    }

    /**
     * The tenant's default pipeline as it is now, created (with its event) when the tenant has none yet. Read-only:
     * the copy is shared by every opening of the tenant and is not managed by Hibernate.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Pipeline current() {
        List<?> head = em.createNativeQuery(
                        "select id, version from pipeline where tenant_id = ?1 and default_pipeline")
                .setParameter(1, acting.tenant())
                .getResultList();
        if (head.isEmpty()) {
            return pipelines.defaultPipeline();
        }
        Object[] row = (Object[]) head.get(0);
        return current(new Head((UUID) row[0], ((Number) row[1]).longValue()));
    }

    /**
     * The tenant's default pipeline at the id and version {@code head} read in this transaction (by a statement that
     * read more than the head, a deal opening's); null: the tenant has none yet, it is created.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Pipeline current(Head head) {
        if (head == null) {
            return pipelines.defaultPipeline();
        }
        String tenant = acting.tenant();
        Pipeline cached = byTenant.get(tenant);
        if (cached != null && cached.id.equals(head.id()) && cached.version == head.version()) {
            return cached;
        }
        Pipeline read = read(tenant);
        if (read.id == null) {
            // no stages (never the case: a pipeline is validated to have them): the entity, uncached
            return pipelines.defaultPipeline();
        }
        byTenant.put(tenant, read);
        return read;
    }

    /** The default pipeline's row as a statement read it: its id and version. */
    public record Head(UUID id, long version) {}

    /** The default pipeline and its stages in one statement, as unmanaged copies. */
    private Pipeline read(String tenant) {
        List<?> rows = em.createNativeQuery("""
                        select p.id, p.version, p.name, p.created_at, p.external_system, p.external_id,
                            s.id, s.name, s.position, s.probability, s.kind, s.rot_after_days,
                            s.external_system, s.external_id
                        from pipeline p join stage s on s.pipeline_id = p.id and s.tenant_id = p.tenant_id
                        where p.tenant_id = ?1 and p.default_pipeline
                        order by s.position""").setParameter(1, tenant).getResultList();
        Pipeline pipeline = new Pipeline();
        for (Object line : rows) {
            Object[] r = (Object[]) line;
            if (pipeline.id == null) {
                pipeline.id = (UUID) r[0];
                pipeline.tenantId = tenant;
                pipeline.version = ((Number) r[1]).longValue();
                pipeline.name = (String) r[2];
                pipeline.defaultPipeline = true;
                pipeline.createdAt = instant(r[3]);
                pipeline.externalSystem = (String) r[4];
                pipeline.externalId = (String) r[5];
            }
            Stage stage = new Stage();
            stage.id = (UUID) r[6];
            stage.tenantId = tenant;
            stage.pipeline = pipeline;
            stage.name = (String) r[7];
            stage.position = ((Number) r[8]).intValue();
            stage.probability = ((Number) r[9]).intValue();
            stage.kind = Stage.Kind.valueOf((String) r[10]);
            stage.rotAfterDays = r[11] == null ? null : ((Number) r[11]).intValue();
            stage.externalSystem = (String) r[12];
            stage.externalId = (String) r[13];
            pipeline.stages.add(stage);
        }
        pipeline.stages = List.copyOf(pipeline.stages);
        return pipeline;
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return (Instant) value;
    }
}
