package com.salespulse.deal.deal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.TenantId;

/** A reason a deal can be lost with, from the tenant's catalogue. */
@Entity
@Table(name = "loss_reason")
public class LossReason {

    /** PRESSURE marks losses the team caused by pushing too hard; analytics watches them ("burning out the base"). */
    public enum Kind {
        PRICE, COMPETITOR, NO_NEED, NO_BUDGET, NO_RESPONSE, PRESSURE, OTHER
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String label;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
