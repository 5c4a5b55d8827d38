package com.salespulse.deal.pipeline;

import com.salespulse.contract.deal.PipelineChanged;
import com.salespulse.contract.deal.PipelineCreated;
import com.salespulse.contract.deal.PipelineDefinition;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.problem.time.BusinessTime;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pipelines and their stages. A tenant's default pipeline is created the first time the tenant needs a pipeline,
 * so a new tenant can open deals at once.
 */
@ApplicationScoped
public class PipelineService {

    /** The default pipeline of a new tenant: name, probability, kind. */
    private static final List<StageSpec> DEFAULT_STAGES = List.of(
            new StageSpec(null, "New", 10, Stage.Kind.OPEN),
            new StageSpec(null, "Qualified", 25, Stage.Kind.OPEN),
            new StageSpec(null, "Proposal", 50, Stage.Kind.OPEN),
            new StageSpec(null, "Negotiation", 75, Stage.Kind.OPEN),
            new StageSpec(null, "Won", 100, Stage.Kind.WON),
            new StageSpec(null, "Lost", 0, Stage.Kind.LOST));

    private final ActingScope acting;
    private final PipelineRepository pipelines;
    private final EntityManager em;
    private final Outbox outbox;
    private final Clock clock;

    private final BusinessTime time;
    private final TransactionManager transactions;

    public PipelineService(
            ActingScope acting,
            PipelineRepository pipelines,
            EntityManager em,
            Outbox outbox,
            Clock clock,
            TransactionManager transactions) {
        this.acting = acting;
        this.time = new BusinessTime(clock);
        this.transactions = transactions;
        this.pipelines = pipelines;
        this.em = em;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A stage as asked for; {@code id} names an existing stage to keep (its deals stay in it). */
    public record StageSpec(
            UUID id, String name, int probability, Stage.Kind kind, ExternalRef ref, Integer rotAfterDays) {

        StageSpec(UUID id, String name, int probability, Stage.Kind kind) {
            this(id, name, probability, kind, null, null);
        }
    }

    /** The tenant's default pipeline, created (with its event) when the tenant has none yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Pipeline defaultPipeline() {
        return pipelines.findDefault().orElseGet(() -> create("Sales", DEFAULT_STAGES, true));
    }

    @Transactional
    public Pipeline create(String name, List<StageSpec> stages, ExternalRef ref, Instant occurredAt) {
        // the first pipeline a tenant creates itself still leaves room for the default one
        defaultPipeline();
        return create(name, stages, false, ref, time.of(occurredAt));
    }

    public record Upserted(Pipeline pipeline, boolean created) {}

    /**
     * The pipeline with this reference: created when new, else changed to the name and stages sent (stages named by
     * id or by their reference are kept), one event when something changed, none when nothing did. No version is
     * needed. A dry run rolls back.
     */
    @Transactional
    public Upserted upsert(ExternalRef ref, String name, List<StageSpec> specs, Instant occurredAt, boolean dryRun) {
        Optional<Pipeline> existing = pipelines.findByRef(ref);
        Upserted result = existing.isPresent()
                ? new Upserted(
                        change(existing.get().id, null, name, specs, null, occurredAt)
                                .orElseThrow(),
                        false)
                : new Upserted(create(name, specs, ref, occurredAt), true);
        if (dryRun) {
            try {
                transactions.setRollbackOnly();
            } catch (jakarta.transaction.SystemException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    @Transactional
    public Optional<Pipeline> findByRef(ExternalRef ref) {
        return pipelines.findByRef(ref);
    }

    private Pipeline create(String name, List<StageSpec> specs, boolean isDefault) {
        return create(name, specs, isDefault, null, clock.instant());
    }

    private Pipeline create(String name, List<StageSpec> specs, boolean isDefault, ExternalRef ref, Instant at) {
        validate(specs, false);
        Pipeline pipeline = new Pipeline();
        pipeline.id = UUID.randomUUID();
        setRefs(pipeline, ref, specs);
        pipeline.name = name.trim();
        pipeline.defaultPipeline = isDefault;
        pipeline.createdAt = at;
        for (StageSpec spec : specs) {
            pipeline.stages.add(newStage(pipeline, spec));
        }
        renumber(pipeline);
        pipelines.persist(pipeline);
        outbox.emit(new PipelineCreated(
                pipeline.id,
                isDefault,
                pipeline.definition(),
                pipeline.createdAt,
                pipeline.externalSystem,
                pipeline.externalId));
        return pipeline;
    }

    /**
     * Replaces a pipeline's name and stages. Stages named by id are kept (renamed, moved, re-weighted); stages left
     * out are removed, which is refused while a deal is in them. Emits one {@code PipelineChanged} with before and
     * after, or nothing when nothing changed.
     */
    @Transactional
    public Optional<Pipeline> change(
            UUID id, Long expectedVersion, String name, List<StageSpec> specs, ExternalRef ref, Instant occurredAt) {
        Optional<Pipeline> found = pipelines.findByIdOptional(id);
        if (found.isEmpty()) {
            return found;
        }
        Pipeline pipeline = found.get();
        if (expectedVersion != null && pipeline.version != expectedVersion) {
            throw ProblemException.conflict("Pipeline " + id + " is at version " + pipeline.version + ", not "
                    + expectedVersion + ": read it again and retry");
        }
        validate(specs, true);
        setRefs(pipeline, ref, specs);
        PipelineDefinition before = pipeline.definition();
        Map<UUID, Stage> existing = pipeline.stages.stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
        List<Stage> next = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            StageSpec spec = specs.get(i);
            // a stage without its id is still the same stage when it names that stage's reference
            UUID stageId = spec.id() != null || spec.ref() == null
                    ? spec.id()
                    : pipeline.stages.stream()
                            .filter(s -> spec.ref().externalSystem().equals(s.externalSystem)
                                    && spec.ref().externalId().equals(s.externalId))
                            .map(s -> s.id)
                            .findFirst()
                            .orElse(null);
            if (stageId == null) {
                next.add(newStage(pipeline, spec));
                continue;
            }
            Stage stage = existing.get(stageId);
            if (stage == null) {
                throw ProblemException.invalidField("stages[" + i + "].id", "is not a stage of this pipeline");
            }
            if (stage.kind != spec.kind() && dealsIn(stage) > 0) {
                throw ProblemException.invalidField(
                        "stages[" + i + "].kind", "cannot change while deals are in the stage");
            }
            stage.name = spec.name().trim();
            stage.probability = spec.probability();
            stage.kind = spec.kind();
            stage.rotAfterDays = spec.kind() == Stage.Kind.OPEN ? spec.rotAfterDays() : null;
            if (spec.ref() != null) {
                stage.externalSystem = spec.ref().externalSystem();
                stage.externalId = spec.ref().externalId();
            }
            next.add(stage);
        }
        Set<UUID> kept = new HashSet<>();
        next.forEach(s -> kept.add(s.id));
        for (Stage old : pipeline.stages) {
            if (!kept.contains(old.id) && dealsIn(old) > 0) {
                throw ProblemException.conflict(
                        "Stage '" + old.name + "' still holds deals; move them before removing it");
            }
        }
        pipeline.stages.clear();
        pipeline.stages.addAll(next);
        pipeline.name = name.trim();
        renumber(pipeline);
        PipelineDefinition after = pipeline.definition();
        if (!before.equals(after)) {
            // a change of stages alone is a new version too (Hibernate does not count it as one of the pipeline's):
            // DefaultPipelines reads the pipeline again only when its version moved
            em.lock(pipeline, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
            // flush so the version the caller gets back is the one the row has
            pipelines.flush();
            Instant at = time.of(occurredAt);
            BusinessTime.notBefore(at, pipeline.createdAt, "the pipeline was created");
            outbox.emit(
                    new PipelineChanged(pipeline.id, before, after, at, pipeline.externalSystem, pipeline.externalId));
        }
        return Optional.of(pipeline);
    }

    @Transactional
    public List<Pipeline> list() {
        defaultPipeline();
        return pipelines.listAllByCreation();
    }

    /** One page of the tenant's pipelines (creating its default one on first use) and how many there are. */
    @Transactional
    public PipelinePage page(SortOrder order, int page, int size) {
        defaultPipeline();
        return new PipelinePage(pipelines.page(order, page, size), pipelines.count());
    }

    public record PipelinePage(List<Pipeline> items, long total) {}

    @Transactional
    public Optional<Pipeline> find(UUID id) {
        return pipelines.findByIdOptional(id);
    }

    private long dealsIn(Stage stage) {
        return em.createQuery("select count(d) from Deal d where d.stageId = :stage", Long.class)
                .setParameter("stage", stage.id)
                .getSingleResult();
    }

    /**
     * The pipeline's and its stages' references: each unique in the tenant (a stage's across pipelines: an amoCRM
     * status id is); one another pipeline or stage has answers 409, the same twice in the request 400.
     */
    private void setRefs(Pipeline pipeline, ExternalRef ref, List<StageSpec> specs) {
        if (ref != null) {
            pipelines
                    .findByRef(ref)
                    .filter(other -> !other.id.equals(pipeline.id))
                    .ifPresent(other -> {
                        throw ProblemException.conflict("Pipeline " + other.id + " has the reference "
                                + ref.externalSystem() + "/" + ref.externalId() + " already");
                    });
            pipeline.externalSystem = ref.externalSystem();
            pipeline.externalId = ref.externalId();
        }
        Set<ExternalRef> seen = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            ExternalRef stageRef = specs.get(i).ref();
            if (stageRef == null) {
                continue;
            }
            if (!seen.add(stageRef)) {
                throw ProblemException.invalidField("stages[" + i + "].externalId", "names another stage's reference");
            }
            Optional<Stage> other = pipelines.findStageByRef(stageRef).filter(s -> !s.pipeline.id.equals(pipeline.id));
            if (other.isPresent()) {
                throw ProblemException.conflict("Stage " + other.get().id + " has the reference "
                        + stageRef.externalSystem() + "/" + stageRef.externalId() + " already");
            }
        }
    }

    private static Stage newStage(Pipeline pipeline, StageSpec spec) {
        Stage stage = new Stage();
        if (spec.ref() != null) {
            stage.externalSystem = spec.ref().externalSystem();
            stage.externalId = spec.ref().externalId();
        }
        stage.id = UUID.randomUUID();
        stage.pipeline = pipeline;
        stage.name = spec.name().trim();
        stage.probability = spec.probability();
        stage.kind = spec.kind();
        stage.rotAfterDays = spec.kind() == Stage.Kind.OPEN ? spec.rotAfterDays() : null;
        return stage;
    }

    private static void renumber(Pipeline pipeline) {
        for (int i = 0; i < pipeline.stages.size(); i++) {
            pipeline.stages.get(i).position = i + 1;
        }
    }

    /** A pipeline needs at least one open stage, exactly one WON and one LOST stage, and distinct stage names. */
    private static void validate(List<StageSpec> specs, boolean idsAllowed) {
        long open = specs.stream().filter(s -> s.kind() == Stage.Kind.OPEN).count();
        long won = specs.stream().filter(s -> s.kind() == Stage.Kind.WON).count();
        long lost = specs.stream().filter(s -> s.kind() == Stage.Kind.LOST).count();
        if (open < 1 || won != 1 || lost != 1) {
            throw ProblemException.invalidField("stages", "need at least one OPEN stage, exactly one WON and one LOST");
        }
        Set<String> names = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            if (!names.add(specs.get(i).name().trim().toLowerCase())) {
                throw ProblemException.invalidField("stages[" + i + "].name", "is used by another stage");
            }
            UUID stageId = specs.get(i).id();
            if (stageId != null && (!idsAllowed || !ids.add(stageId))) {
                throw ProblemException.invalidField(
                        "stages[" + i + "].id",
                        idsAllowed ? "names the same stage twice" : "must be absent for a new pipeline");
            }
        }
    }
}
