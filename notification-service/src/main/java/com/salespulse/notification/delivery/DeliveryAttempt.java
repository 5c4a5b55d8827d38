package com.salespulse.notification.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** One attempt to send a delivery: the delivery log's line. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "delivery_id", nullable = false)
    public UUID deliveryId;

    /** From 1. */
    @Column(nullable = false)
    public int number;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;

    /** The HTTP status the receiver answered (webhook, bot); absent when it did not answer or for e-mail. */
    @Column(name = "status_code")
    public Integer statusCode;

    @Column(nullable = false)
    public boolean succeeded;

    public String error;
}
