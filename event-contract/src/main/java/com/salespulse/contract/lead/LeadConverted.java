package com.salespulse.contract.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A lead was converted. deal-service opens exactly one deal from it (the lead id is the deal's origin, so a
 * repeated event opens nothing new).
 */
public record LeadConverted(
        @JsonProperty(required = true)
        @JsonPropertyDescription("The converted lead's id; the deal opened from it remembers it as its origin.")
        UUID leadId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The client the lead belongs to (after duplicate linking).")
        UUID clientId,

        @JsonProperty(required = true) @JsonPropertyDescription("The manager who owns the new deal.")
        UUID managerId,

        @JsonPropertyDescription("The pipeline chosen for the deal; absent means the tenant's default pipeline.")
        UUID pipelineId,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's source/channel, carried to the deal.")
        String source,

        @JsonPropertyDescription("The client's display name, so the deal can be listed without asking lead-service.")
        String clientName,

        @JsonPropertyDescription("The amount the manager expects, if known at conversion.")
        BigDecimal expectedAmount,

        @JsonPropertyDescription("ISO 4217 currency of expectedAmount.")
        String currency,

        @JsonPropertyDescription("The client who referred this one, when the lead came by referral.")
        UUID referredByClientId,

        @JsonPropertyDescription("A free-text comment given at conversion.")
        String comment,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The lead's status before the conversion (e.g. QUALIFIED).")
        String statusBefore,

        @JsonProperty(required = true) @JsonPropertyDescription("The lead's version after the conversion.")
        long version,

        @JsonProperty(required = true) @JsonPropertyDescription("When the lead was converted (UTC).")
        Instant convertedAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription(
                "The external reference's system the deal opened from this conversion is to carry, when the integrator named one.")
        String dealExternalSystem,

        @JsonPropertyDescription("The external reference's id the deal opened from this conversion is to carry.")
        String dealExternalId,
        // ---- added for integrators, issue 14 (optional: older events lack them) ----
        @JsonPropertyDescription("The lead's external reference: its system (e.g. amocrm), when the lead has one.")
        String externalSystem,

        @JsonPropertyDescription("The lead's id in that system.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before issue 14's external references, for callers that send none. */
    public LeadConverted(
            UUID leadId,
            UUID clientId,
            UUID managerId,
            UUID pipelineId,
            String source,
            String clientName,
            BigDecimal expectedAmount,
            String currency,
            UUID referredByClientId,
            String comment,
            String statusBefore,
            long version,
            Instant convertedAt,
            String dealExternalSystem,
            String dealExternalId) {
        this(
                leadId,
                clientId,
                managerId,
                pipelineId,
                source,
                clientName,
                expectedAmount,
                currency,
                referredByClientId,
                comment,
                statusBefore,
                version,
                convertedAt,
                dealExternalSystem,
                dealExternalId,
                null,
                null);
    }

    /** The constructor of the contract before external references, for callers that send none. */
    public LeadConverted(
            UUID leadId,
            UUID clientId,
            UUID managerId,
            UUID pipelineId,
            String source,
            String clientName,
            BigDecimal expectedAmount,
            String currency,
            UUID referredByClientId,
            String comment,
            String statusBefore,
            long version,
            Instant convertedAt) {
        this(
                leadId,
                clientId,
                managerId,
                pipelineId,
                source,
                clientName,
                expectedAmount,
                currency,
                referredByClientId,
                comment,
                statusBefore,
                version,
                convertedAt,
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
