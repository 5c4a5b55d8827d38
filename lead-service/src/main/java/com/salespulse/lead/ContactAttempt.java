package com.salespulse.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** One try to reach a lead's client. */
@Entity
@Table(name = "contact_attempt")
public class ContactAttempt {

    public enum Outcome {
        REACHED,
        NO_ANSWER,
        BUSY,
        WRONG_NUMBER,
        CALL_BACK_LATER;

        /** Every outcome but REACHED counts toward the "unreached" threshold. */
        public boolean failed() {
            return this != REACHED;
        }
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @Column(name = "attempt_number", nullable = false)
    public int attemptNumber;

    public String comment;

    @Column(name = "manager_id")
    public UUID managerId;

    /** When the attempt was made: the business time sent ({@code occurredAt}), else when it was recorded. */
    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;

    /** When lead-service recorded it (server clock). */
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** The attempt's reference in the integrating system: a repeated reference records nothing new. */
    @Column(name = "external_system")
    public String externalSystem;

    @Column(name = "external_id")
    public String externalId;
}
