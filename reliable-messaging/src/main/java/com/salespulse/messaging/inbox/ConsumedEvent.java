package com.salespulse.messaging.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The record that an event was applied; its id is the CloudEvent id. */
@Entity
@Table(name = "consumed_event")
public class ConsumedEvent {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "consumed_at", nullable = false)
    public Instant consumedAt;
}
