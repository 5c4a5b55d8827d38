package com.salespulse.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A lead: a possible client's first contact with the company, from intake until it is converted or rejected. */
@Entity
@Table(name = "lead")
public class Lead {

    /** new → in work → qualified → converted, or rejected (with a reason) from any open status. */
    public enum Status {
        NEW,
        IN_WORK,
        QUALIFIED,
        CONVERTED,
        REJECTED;

        /** The statuses a lead in this one may move to through the status endpoint or {@code convert}. */
        public List<Status> next() {
            return switch (this) {
                case NEW -> List.of(IN_WORK, REJECTED);
                case IN_WORK -> List.of(QUALIFIED, REJECTED);
                case QUALIFIED -> List.of(CONVERTED, REJECTED);
                case CONVERTED, REJECTED -> List.of();
            };
        }

        public boolean open() {
            return this == NEW || this == IN_WORK || this == QUALIFIED;
        }

        /** The statuses in which a card is still being worked, as a query parameter list. */
        public static final List<Status> OPEN = List.of(NEW, IN_WORK, QUALIFIED);
    }

    @Id
    public UUID id;

    /** Set by Hibernate from the caller's tenant; every query on leads is filtered by it (see CallerTenantResolver). */
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String source;

    public String channel;

    public String campaign;

    @Column(name = "utm_source")
    public String utmSource;

    @Column(name = "utm_medium")
    public String utmMedium;

    @Column(name = "utm_campaign")
    public String utmCampaign;

    @Column(name = "utm_term")
    public String utmTerm;

    @Column(name = "utm_content")
    public String utmContent;

    @Column(name = "client_name")
    public String clientName;

    public String phone;

    public String email;

    @Column(name = "phone_normalized")
    public String phoneNormalized;

    @Column(name = "email_normalized")
    public String emailNormalized;

    public String comment;

    @Column(name = "client_id")
    public UUID clientId;

    @Column(name = "manager_id")
    public UUID managerId;

    /**
     * The owner's name as intake read it with the owner (the claim's roster row, or the named manager), for the
     * intake's answer: not a column, and null on a lead read from the database. Reading it again for the answer was
     * a statement of its own on every intake.
     */
    @Transient
    public String ownerNameAtIntake;

    /** The owner's team when the lead was last assigned. */
    @Column(name = "team_id")
    public UUID teamId;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    public boolean duplicate;

    @Column(name = "duplicate_of_lead_id")
    public UUID duplicateOfLeadId;

    @Column(name = "external_system")
    public String externalSystem;

    @Column(name = "external_id")
    public String externalId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** The rejection reason's code, while REJECTED. */
    @Column(name = "rejection_reason")
    public String rejectionReason;

    /** The comment given with the last status change. */
    @Column(name = "status_comment")
    public String statusComment;

    @Column(name = "contact_attempts", nullable = false)
    public int contactAttempts;

    @Column(name = "failed_attempts", nullable = false)
    public int failedAttempts;

    public boolean unreached;

    @Column(name = "pipeline_id")
    public UUID pipelineId;

    @Column(name = "converted_at")
    public Instant convertedAt;

    /** Set while archived: out of the working lists and the metrics. */
    @Column(name = "archived_at")
    public Instant archivedAt;

    /** When the lead came in: the business time the integrator sent ({@code occurredAt}), else when it was taken in. */
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When lead-service took the lead in (server clock). */
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** The business time of the last change of any kind; a change sent for an earlier time is stale (409). */
    @Column(name = "last_changed_at", nullable = false)
    public Instant lastChangedAt;

    /**
     * When lead-service last wrote a change (server clock): the nightly stale rule reads it, so a lead imported with
     * an old history is not archived the night after its import.
     */
    @Column(name = "last_recorded_at", nullable = false)
    public Instant lastRecordedAt;

    /** The reference the deal opened from this lead's conversion was given (the conversion's dealRef). */
    @Column(name = "deal_external_system")
    public String dealExternalSystem;

    @Column(name = "deal_external_id")
    public String dealExternalId;

    @Version
    public long version;

    /**
     * Records a change that happened at {@code at} (business time) and was written at {@code recordedAt}. The last
     * change never moves back: a change without a business time of its own is recorded at the later of the two.
     */
    public void changed(Instant at, Instant recordedAt) {
        lastChangedAt = lastChangedAt == null || at.isAfter(lastChangedAt) ? at : lastChangedAt;
        lastRecordedAt = recordedAt;
    }

    /** Open: still being worked and not archived. Only open leads count toward a manager's load. */
    public boolean open() {
        return status.open() && archivedAt == null;
    }
}
