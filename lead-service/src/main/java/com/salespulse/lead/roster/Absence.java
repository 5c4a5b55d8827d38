package com.salespulse.lead.roster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A manager's absence from one instant to another (end exclusive). Clearing it ends it early. */
@Entity
@Table(name = "absence")
public class Absence {

    public enum Kind {
        VACATION,
        SICK_LEAVE,
        OTHER
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "manager_id", nullable = false)
    public UUID managerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    /** Exclusive; set to the clearing instant when the absence is cleared early. */
    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    public String comment;

    @Column(name = "cleared_at")
    public Instant clearedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public boolean covers(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
