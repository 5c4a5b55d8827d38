package com.salespulse.deal.plan;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A month's sales plan for one manager or one team: an amount in the base currency and a number of won deals. */
@Entity
@Table(name = "sales_plan")
public class SalesPlan {

    public enum Scope {
        MANAGER,
        TEAM
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    /** yyyy-MM. */
    @Column(nullable = false)
    public String month;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Scope scope;

    /** The manager's or the team's id (teams live in lead-service's roster). */
    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    @Column(nullable = false)
    public BigDecimal amount;

    @Column(name = "deal_count", nullable = false)
    public int dealCount;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The plan's reference in the tenant's own system, when it came by {@code PUT /api/v1/plans/by-ref}. */
    @Column(name = "external_system")
    public String externalSystem;

    @Column(name = "external_id")
    public String externalId;

    @Version
    public long version;
}
