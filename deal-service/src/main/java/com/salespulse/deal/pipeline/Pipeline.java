package com.salespulse.deal.pipeline;

import com.salespulse.contract.deal.PipelineDefinition;
import com.salespulse.contract.deal.StageDefinition;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A sales pipeline: ordered stages a deal goes through, each with a win probability and a kind. */
@Entity
@Table(name = "pipeline")
public class Pipeline {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    /** The pipeline a deal goes into when none is named; one per tenant. */
    @Column(name = "default_pipeline", nullable = false)
    public boolean defaultPipeline;

    @OneToMany(
            mappedBy = "pipeline",
            cascade = CascadeType.ALL,
            orphanRemoval = true,
            fetch = jakarta.persistence.FetchType.EAGER)
    @OrderBy("position")
    public List<Stage> stages = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "external_system")
    public String externalSystem;

    @Column(name = "external_id")
    public String externalId;

    @Version
    public long version;

    public Optional<Stage> stage(UUID stageId) {
        return stages.stream().filter(s -> s.id.equals(stageId)).findFirst();
    }

    /** The first open stage: where a new deal starts unless told otherwise. */
    public Stage firstOpenStage() {
        return stages.stream()
                .filter(s -> s.kind == Stage.Kind.OPEN)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Pipeline " + id + " has no open stage"));
    }

    public Stage closingStage(Stage.Kind kind) {
        return stages.stream()
                .filter(s -> s.kind == kind)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Pipeline " + id + " has no " + kind + " stage"));
    }

    /** The pipeline as the events carry it. */
    public PipelineDefinition definition() {
        return new PipelineDefinition(
                name,
                stages.stream()
                        .map(s -> new StageDefinition(
                                s.id, s.name, s.position, s.probability, s.kind.name(), s.rotAfterDays))
                        .toList());
    }
}
