package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A deal was opened, from a converted lead (leadId set; exactly once per lead) or directly for an existing
 * client. Carries the deal as opened, with the probability of its stage in force at that moment.
 */
public record DealOpened(
        @JsonProperty(required = true) @JsonPropertyDescription("The new deal's id.")
        UUID dealId,

        @JsonProperty(required = true) @JsonPropertyDescription("The client the deal is with.")
        UUID clientId,

        @JsonPropertyDescription("The client's display name, when known.")
        String clientName,

        @JsonProperty(required = true) @JsonPropertyDescription("The manager who owns the deal.")
        UUID managerId,

        @JsonProperty(required = true) @JsonPropertyDescription("The deal's pipeline.")
        UUID pipelineId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The stage the deal starts in (the pipeline's first open stage unless chosen).")
        UUID stageId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The win probability of that stage in force when the deal was opened, 0-100.")
        int stageProbability,

        @JsonProperty(required = true)
        @JsonPropertyDescription("Amount, currency, product lines and expected close date.")
        DealTerms terms,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The deal's source/channel (the lead's source for a conversion).")
        String source,

        @JsonPropertyDescription("The client who referred this one, for referral statistics.")
        UUID referredByClientId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("True when the client already had a won deal when this one was opened.")
        boolean repeatSale,

        @JsonPropertyDescription("The converted lead the deal was opened from; absent for a deal opened directly.")
        UUID leadId,

        @JsonPropertyDescription("A reference in the tenant's own CRM, if given.")
        String externalRef,

        @JsonProperty(required = true) @JsonPropertyDescription("When the deal was opened (UTC).")
        Instant openedAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The external reference's system (e.g. amocrm), when the deal was sent by reference.")
        String externalSystem,

        @JsonPropertyDescription("The external reference's id, unique per tenant and system among deals.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public DealOpened(
            UUID dealId,
            UUID clientId,
            String clientName,
            UUID managerId,
            UUID pipelineId,
            UUID stageId,
            int stageProbability,
            DealTerms terms,
            String source,
            UUID referredByClientId,
            boolean repeatSale,
            UUID leadId,
            String externalRef,
            Instant openedAt) {
        this(
                dealId,
                clientId,
                clientName,
                managerId,
                pipelineId,
                stageId,
                stageProbability,
                terms,
                source,
                referredByClientId,
                repeatSale,
                leadId,
                externalRef,
                openedAt,
                null,
                null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return dealId;
    }
}
