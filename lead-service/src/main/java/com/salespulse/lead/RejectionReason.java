package com.salespulse.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A rejection reason of the tenant's own catalogue: one it added, or a default it renamed or deactivated (which then
 * wins over the default of the same code). Never deleted: a rejected lead keeps its reason's label.
 */
@Entity
@Table(name = "rejection_reason")
public class RejectionReason {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false, updatable = false)
    public String code;

    @Column(name = "label_ru", nullable = false)
    public String labelRu;

    @Column(name = "label_en", nullable = false)
    public String labelEn;

    /** Whether a lead can be rejected with it now. */
    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
