package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A deal was won: it moved to its pipeline's WON stage with its final amount. A deal is won at most once
 * until it is reopened.
 */
public record DealWon(
        @JsonProperty(required = true) @JsonPropertyDescription("The deal's id.")
        UUID dealId,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's client.")
        UUID clientId,

        @JsonProperty(required = true) @JsonPropertyDescription("The manager credited with the win.")
        UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's pipeline.")
        UUID pipelineId,

        @JsonProperty(required = true) @JsonPropertyDescription("The open stage the deal was won from.")
        UUID fromStageId,

        @JsonProperty(required = true) @JsonPropertyDescription("The pipeline's WON stage.")
        UUID wonStageId,

        @JsonProperty(required = true) @JsonPropertyDescription("The amount the deal was won for.")
        BigDecimal finalAmount,

        @JsonProperty(required = true) @JsonPropertyDescription("ISO 4217 currency of the final amount.")
        String currency,

        @JsonProperty(required = true) @JsonPropertyDescription("The product lines as won; may be empty.")
        List<DealLine> lines,

        @JsonProperty(required = true) @JsonPropertyDescription("True when the client had an earlier won deal.")
        boolean repeatSale,

        @JsonPropertyDescription("The referring client, if any.")
        UUID referredByClientId,

        @JsonProperty(required = true) @JsonPropertyDescription("When the deal was opened, for the deal cycle.")
        Instant openedAt,

        @JsonProperty(required = true) @JsonPropertyDescription("When the deal was won (UTC).")
        Instant closedAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The deal's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The deal's external reference's id, unique per tenant and system among deals.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public DealWon(
            UUID dealId,
            UUID clientId,
            UUID managerId,
            UUID pipelineId,
            UUID fromStageId,
            UUID wonStageId,
            BigDecimal finalAmount,
            String currency,
            List<DealLine> lines,
            boolean repeatSale,
            UUID referredByClientId,
            Instant openedAt,
            Instant closedAt) {
        this(
                dealId,
                clientId,
                managerId,
                pipelineId,
                fromStageId,
                wonStageId,
                finalAmount,
                currency,
                lines,
                repeatSale,
                referredByClientId,
                openedAt,
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
