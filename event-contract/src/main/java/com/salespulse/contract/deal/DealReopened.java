package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A won or lost deal was reopened into an open stage.
 */
public record DealReopened(
        @JsonProperty(required = true) @JsonPropertyDescription("The deal's id.")
        UUID dealId,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's manager.")
        UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("WON or LOST.")
        String statusBefore,

        @JsonProperty(required = true) @JsonPropertyDescription("The closing stage the deal left.")
        UUID fromStageId,

        @JsonProperty(required = true) @JsonPropertyDescription("The open stage the deal re-entered.")
        UUID toStageId,

        @JsonProperty(required = true) @JsonPropertyDescription("That stage's probability in force at the reopening.")
        int toProbability,

        @JsonPropertyDescription("Why the deal was reopened, if given.")
        String reason,

        @JsonProperty(required = true) @JsonPropertyDescription("When the deal was reopened (UTC).")
        Instant reopenedAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The deal's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The deal's external reference's id, unique per tenant and system among deals.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public DealReopened(
            UUID dealId,
            UUID managerId,
            String statusBefore,
            UUID fromStageId,
            UUID toStageId,
            int toProbability,
            String reason,
            Instant reopenedAt) {
        this(dealId, managerId, statusBefore, fromStageId, toStageId, toProbability, reason, reopenedAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return dealId;
    }
}
