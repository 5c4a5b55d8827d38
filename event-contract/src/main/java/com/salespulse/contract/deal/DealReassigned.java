package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A deal got a new manager, by hand or by a card transfer (transferId set).
 */
public record DealReassigned(
        @JsonProperty(required = true) @JsonPropertyDescription("The deal's id.")
        UUID dealId,

        @JsonProperty(required = true) @JsonPropertyDescription("The manager before.")
        UUID fromManagerId,

        @JsonProperty(required = true) @JsonPropertyDescription("The manager after.")
        UUID toManagerId,

        @JsonPropertyDescription("Why, e.g. 'dismissal'.") String reason,

        @JsonPropertyDescription("The card transfer that moved the deal, when it was one.")
        UUID transferId,

        @JsonProperty(required = true) @JsonPropertyDescription("When the deal was reassigned (UTC).")
        Instant reassignedAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The deal's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The deal's external reference's id, unique per tenant and system among deals.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public DealReassigned(
            UUID dealId, UUID fromManagerId, UUID toManagerId, String reason, UUID transferId, Instant reassignedAt) {
        this(dealId, fromManagerId, toManagerId, reason, transferId, reassignedAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return dealId;
    }
}
