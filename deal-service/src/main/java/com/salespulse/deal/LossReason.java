package com.salespulse.deal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A reason a deal can be lost with, from the tenant's catalogue. */
@Entity
@Table(name = "loss_reason")
public class LossReason {

    /** PRESSURE marks losses the team caused by pushing too hard; analytics watches them ("burning out the base"). */
    public enum Kind {
        PRICE,
        COMPETITOR,
        NO_NEED,
        NO_BUDGET,
        NO_RESPONSE,
        PRESSURE,
        OTHER
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String code;

    /** The label the reason was added with (the English one for the default catalogue). */
    @Column(nullable = false)
    public String label;

    @Column(name = "label_ru", nullable = false)
    public String labelRu;

    @Column(name = "label_en", nullable = false)
    public String labelEn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Whether a deal can be lost with it now; a deactivated reason keeps its labels for the deals lost with it. */
    @Column(nullable = false)
    public boolean active = true;

    /** When its labels or activity last changed; null until then. */
    @Column(name = "updated_at")
    public Instant updatedAt;
}
