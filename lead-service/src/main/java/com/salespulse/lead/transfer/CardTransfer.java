package com.salespulse.lead.transfer;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A transfer of one manager's open cards to others: a tracked operation with its own id. lead-service moves the
 * leads itself; deal-service moves the deals and tasks and reports back (DealCardsTransferred).
 */
@Entity
@Table(name = "card_transfer")
public class CardTransfer {

    public enum Mode {
        /** Receivers named by the head of sales. */
        NAMED,
        /** Receivers chosen by the tenant's distribution rule. */
        RULE
    }

    public enum Status {
        /** Started; leads moved, deal-service's part not reported yet. */
        IN_PROGRESS,
        /** Both parts done, every card moved. */
        COMPLETED,
        /** Both parts done, some cards could not be moved (see the items). */
        COMPLETED_WITH_FAILURES,
        /**
         * deal-service's part was not reported within the configured time (the leads moved); the head of sales may
         * retry, and a late report still completes the transfer.
         */
        TIMED_OUT
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "from_manager_id", nullable = false)
    public UUID fromManagerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Mode mode;

    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "card_transfer_receiver", joinColumns = @JoinColumn(name = "transfer_id"))
    @OrderColumn(name = "position")
    @Column(name = "manager_id")
    public List<UUID> toManagerIds = new ArrayList<>();

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "leads_completed_at")
    public Instant leadsCompletedAt;

    @Column(name = "deals_completed_at")
    public Instant dealsCompletedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** When the request to deal-service was last sent (wall-clock time, for the timeout). */
    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    /** How many times the request was sent: 1, then one more per retry. */
    @Column(nullable = false)
    public int attempts = 1;

    @Column(name = "timed_out_at")
    public Instant timedOutAt;

    /** Why the transfer is in its status, when that needs saying (a time-out). */
    @Column(name = "status_reason")
    public String statusReason;

    @Version
    public long version;
}
