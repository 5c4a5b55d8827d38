package com.salespulse.deal.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** Something a manager must do on a card (a lead or a deal) by a due time. */
@Entity
@Table(name = "task")
public class Task {

    public enum CardType {
        LEAD,
        DEAL
    }

    public enum Type {
        CALL,
        MEETING,
        EMAIL,
        OTHER
    }

    public enum Status {
        OPEN,
        DONE,
        CANCELLED
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(name = "card_type", nullable = false)
    public CardType cardType;

    @Column(name = "card_id", nullable = false)
    public UUID cardId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Type type;

    @Column(nullable = false)
    public String title;

    @Column(name = "assignee_id", nullable = false)
    public UUID assigneeId;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** How often the due time was pushed; a task pushed again and again is a signal. */
    @Column(name = "reschedule_count", nullable = false)
    public int rescheduleCount;

    public String outcome;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "external_system")
    public String externalSystem;

    @Column(name = "external_id")
    public String externalId;

    /** The business time of the last recorded change; an older change is refused as stale. */
    @Column(name = "last_change_at", nullable = false)
    public Instant lastChangeAt;

    /** When the task was first written here (server clock). */
    @Column(name = "recorded_at", nullable = false, updatable = false)
    public Instant recordedAt;

    @Version
    public long version;
}
