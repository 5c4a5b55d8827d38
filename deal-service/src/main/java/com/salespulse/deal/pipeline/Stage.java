package com.salespulse.deal.pipeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** One stage of a pipeline. Its probability may change; events keep the one in force when they were written. */
@Entity
@Table(name = "stage")
public class Stage {

    /** OPEN stages hold work in progress; a deal enters WON or LOST only by being won or lost. */
    public enum Kind {
        OPEN,
        WON,
        LOST
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "pipeline_id")
    public Pipeline pipeline;

    @Column(nullable = false)
    public String name;

    /** 1 for the first stage. */
    @Column(nullable = false)
    public int position;

    /** Win probability 0-100. */
    @Column(nullable = false)
    public int probability;

    @Column(name = "external_system")
    public String externalSystem;

    @Column(name = "external_id")
    public String externalId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    /** Days a deal may stay in this OPEN stage before it counts as rotting; null: the tenant's usual time decides. */
    @Column(name = "rot_after_days")
    public Integer rotAfterDays;
}
