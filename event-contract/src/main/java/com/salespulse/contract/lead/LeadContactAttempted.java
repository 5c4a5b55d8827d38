package com.salespulse.contract.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A manager tried to reach a lead's client. Failed attempts are counted; when they reach the tenant's threshold the
 * lead is marked unreached (reachedUnreachedThreshold is true on that attempt only).
 */
public record LeadContactAttempted(
        @JsonProperty(required = true) @JsonPropertyDescription("The lead's id.")
        UUID leadId,

        @JsonProperty(required = true) @JsonPropertyDescription("The attempt's id.")
        UUID attemptId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("REACHED, NO_ANSWER, BUSY, WRONG_NUMBER or CALL_BACK_LATER.")
        String outcome,

        @JsonProperty(required = true) @JsonPropertyDescription("The attempt's number on this lead, from 1.")
        int attemptNumber,

        @JsonProperty(required = true)
        @JsonPropertyDescription("Failed attempts (every outcome but REACHED) before this one.")
        int failedAttemptsBefore,

        @JsonProperty(required = true) @JsonPropertyDescription("Failed attempts including this one.")
        int failedAttemptsAfter,

        @JsonProperty(required = true)
        @JsonPropertyDescription("Whether the lead was marked unreached before this attempt.")
        boolean unreachedBefore,

        @JsonProperty(required = true)
        @JsonPropertyDescription("Whether the lead is marked unreached after it (a REACHED outcome clears the mark).")
        boolean unreachedAfter,

        @JsonProperty(required = true) @JsonPropertyDescription("True on the attempt that made the lead unreached.")
        boolean reachedUnreachedThreshold,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The tenant's threshold of failed attempts at the time.")
        int unreachedThreshold,

        @JsonPropertyDescription("What the manager noted.") String comment,

        @JsonPropertyDescription("The lead's owner at the time.")
        UUID managerId,

        @JsonPropertyDescription("The owner's team at the time.")
        UUID teamId,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's version after the attempt.")
        long version,

        @JsonProperty(required = true) @JsonPropertyDescription("When the attempt was made (UTC).")
        Instant attemptedAt,
        // ---- added for integrators, issue 14 (optional: older events lack them) ----
        @JsonPropertyDescription("The lead's external reference: its system (e.g. amocrm), when the lead has one.")
        String externalSystem,

        @JsonPropertyDescription("The lead's id in that system.")
        String externalId,

        @JsonPropertyDescription("The attempt's own external reference: its system, when the integrator sent one.")
        String attemptExternalSystem,

        @JsonPropertyDescription("The attempt's id in that system; a repeated reference records nothing new.")
        String attemptExternalId)
        implements DomainEvent {

    /** The constructor of the contract before issue 14's external references, for callers that send none. */
    public LeadContactAttempted(
            UUID leadId,
            UUID attemptId,
            String outcome,
            int attemptNumber,
            int failedAttemptsBefore,
            int failedAttemptsAfter,
            boolean unreachedBefore,
            boolean unreachedAfter,
            boolean reachedUnreachedThreshold,
            int unreachedThreshold,
            String comment,
            UUID managerId,
            UUID teamId,
            long version,
            Instant attemptedAt) {
        this(
                leadId,
                attemptId,
                outcome,
                attemptNumber,
                failedAttemptsBefore,
                failedAttemptsAfter,
                unreachedBefore,
                unreachedAfter,
                reachedUnreachedThreshold,
                unreachedThreshold,
                comment,
                managerId,
                teamId,
                version,
                attemptedAt,
                null,
                null,
                null,
                null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return leadId;
    }
}
