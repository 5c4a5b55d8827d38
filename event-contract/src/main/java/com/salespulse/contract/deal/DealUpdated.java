package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A deal's terms changed (amount, currency, product lines, expected close date).
 */
public record DealUpdated(
        @JsonProperty(required = true) @JsonPropertyDescription("The deal's id.")
        UUID dealId,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's manager.")
        UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("The terms before the change.")
        DealTerms before,

        @JsonProperty(required = true) @JsonPropertyDescription("The terms after the change.")
        DealTerms after,

        @JsonPropertyDescription("Why the terms changed, if given.")
        String reason,

        @JsonProperty(required = true) @JsonPropertyDescription("When the change was made (UTC).")
        Instant updatedAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The deal's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The deal's external reference's id, unique per tenant and system among deals.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public DealUpdated(
            UUID dealId, UUID managerId, DealTerms before, DealTerms after, String reason, Instant updatedAt) {
        this(dealId, managerId, before, after, reason, updatedAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return dealId;
    }
}
