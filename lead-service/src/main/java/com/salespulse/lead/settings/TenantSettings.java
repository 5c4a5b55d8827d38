package com.salespulse.lead.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.ZoneId;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** How one tenant handles its leads. A tenant without a row uses {@link #defaults()}. */
@Entity
@Table(name = "tenant_settings")
public class TenantSettings {

    public enum DistributionMode {
        /** Leads wait in the unassigned queue until the head of sales gives them out. */
        MANUAL,
        /** The eligible manager who waited longest since their last automatic lead. */
        ROUND_ROBIN,
        /** The eligible manager with the lowest open leads ÷ capacity. */
        LEAST_LOADED
    }

    public enum DuplicatePolicy {
        /** A duplicate is taken in, linked to the existing client and flagged. */
        LINK_AND_FLAG,
        /** A duplicate is refused with 409 and a link to the existing card. */
        REFUSE
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "phone_region", nullable = false)
    public String phoneRegion;

    @Enumerated(EnumType.STRING)
    @Column(name = "distribution_mode", nullable = false)
    public DistributionMode distributionMode;

    @Enumerated(EnumType.STRING)
    @Column(name = "duplicate_policy", nullable = false)
    public DuplicatePolicy duplicatePolicy;

    @Column(name = "unreached_threshold", nullable = false)
    public int unreachedThreshold;

    @Column(name = "stale_days", nullable = false)
    public int staleDays;

    @Version
    public long version;

    /** The settings of a tenant that never changed them (not persisted). */
    public static TenantSettings defaults() {
        TenantSettings settings = new TenantSettings();
        settings.timeZone = "Europe/Moscow";
        settings.phoneRegion = "RU";
        settings.distributionMode = DistributionMode.LEAST_LOADED;
        settings.duplicatePolicy = DuplicatePolicy.LINK_AND_FLAG;
        settings.unreachedThreshold = 3;
        settings.staleDays = 30;
        return settings;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
