package com.salespulse.notification.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * One message to one subscription, and its retry state: a row of the durable delivery queue. It survives any
 * restart; the sender picks it up whenever {@link #nextAttemptAt} has come.
 */
@Entity
@Table(name = "delivery")
public class Delivery {

    /** Also the {@code webhook-id} header: the same on every retry, so receivers can drop duplicates. */
    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;

    @Column(name = "alert_id")
    public UUID alertId;

    @Column(name = "condition_key")
    public String conditionKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryKind kind;

    @Column(name = "digest_date")
    public LocalDate digestDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    /** The message data as JSON, fixed when the delivery is created. */
    @Column(nullable = false)
    public String payload;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "first_due_at", nullable = false)
    public Instant firstDueAt;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    /** The W3C trace context of the alert's processing that planned it; each attempt is a span of that trace. */
    public String traceparent;

    /** Why it waits or was not sent: quiet hours, cooldown, cancelled. */
    public String note;
}
