package com.salespulse.deal.activity;

import com.salespulse.deal.task.Task;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A touch with a client on a card: a call, meeting, message or e-mail. Recorded once, never changed. */
@Entity
@Table(name = "activity")
public class Activity {

    public enum Type {
        CALL,
        MEETING,
        MESSAGE,
        EMAIL
    }

    public enum Direction {
        INBOUND,
        OUTBOUND
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(name = "card_type", nullable = false)
    public Task.CardType cardType;

    @Column(name = "card_id", nullable = false)
    public UUID cardId;

    @Column(name = "client_id")
    public UUID clientId;

    @Column(name = "manager_id", nullable = false)
    public UUID managerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Type type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Direction direction;

    @Column(nullable = false)
    public String outcome;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    @Column(name = "discount_offered_percent")
    public BigDecimal discountOfferedPercent;

    /** The client asked not to be contacted again. */
    @Column(name = "do_not_contact", nullable = false)
    public boolean doNotContact;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "external_system")
    public String externalSystem;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
