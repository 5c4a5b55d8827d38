package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A deal was lost, with a reason from the tenant's catalogue. The reason's kind tells pressure-type losses
 * (e.g. the client asked not to be contacted) from others.
 */
public record DealLost(
        @JsonProperty(required = true) @JsonPropertyDescription("The deal's id.")
        UUID dealId,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's client.")
        UUID clientId,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's manager.")
        UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's pipeline.")
        UUID pipelineId,

        @JsonProperty(required = true) @JsonPropertyDescription("The open stage the deal was lost from.")
        UUID fromStageId,

        @JsonProperty(required = true) @JsonPropertyDescription("The pipeline's LOST stage.")
        UUID lostStageId,

        @JsonProperty(required = true) @JsonPropertyDescription("The loss reason's code from the tenant's catalogue.")
        String reasonCode,

        @JsonProperty(required = true)
        @JsonPropertyDescription(
                "The reason's kind: PRICE, COMPETITOR, NO_NEED, NO_BUDGET, NO_RESPONSE, PRESSURE or OTHER.")
        String reasonKind,

        @JsonPropertyDescription("Free text about the loss.")
        String comment,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's amount when lost.")
        BigDecimal amount,

        @JsonProperty(required = true) @JsonPropertyDescription("ISO 4217 currency of the amount.")
        String currency,

        @JsonProperty(required = true) @JsonPropertyDescription("When the deal was lost (UTC).")
        Instant closedAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The deal's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The deal's external reference's id, unique per tenant and system among deals.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public DealLost(
            UUID dealId,
            UUID clientId,
            UUID managerId,
            UUID pipelineId,
            UUID fromStageId,
            UUID lostStageId,
            String reasonCode,
            String reasonKind,
            String comment,
            BigDecimal amount,
            String currency,
            Instant closedAt) {
        this(
                dealId,
                clientId,
                managerId,
                pipelineId,
                fromStageId,
                lostStageId,
                reasonCode,
                reasonKind,
                comment,
                amount,
                currency,
                closedAt,
                null,
                null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return dealId;
    }
}
