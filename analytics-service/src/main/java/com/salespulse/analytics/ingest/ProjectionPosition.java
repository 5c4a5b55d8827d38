package com.salespulse.analytics.ingest;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How far the read model has got for one tenant. */
@Entity
@Table(name = "projection_position")
public class ProjectionPosition {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "last_event_id", nullable = false)
    public UUID lastEventId;

    @Column(name = "last_event_time", nullable = false)
    public Instant lastEventTime;

    @Column(name = "events_applied", nullable = false)
    public long eventsApplied;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
