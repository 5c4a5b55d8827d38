package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A monthly sales plan was set for a manager or a team for the first time.
 */
public record PlanSet(
        @JsonProperty(required = true) @JsonPropertyDescription("The plan's id; one per month and manager or team.")
        UUID planId,

        @JsonProperty(required = true) @JsonPropertyDescription("The plan's month, yyyy-MM.")
        String month,

        @JsonProperty(required = true) @JsonPropertyDescription("MANAGER or TEAM.")
        String scope,

        @JsonPropertyDescription("The manager, for a MANAGER plan.")
        UUID managerId,

        @JsonPropertyDescription("The team, for a TEAM plan.")
        UUID teamId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The amount (base currency) and number of won deals to reach.")
        PlanTarget target,

        @JsonProperty(required = true) @JsonPropertyDescription("The tenant's base currency the amount is in.")
        String baseCurrency,

        @JsonProperty(required = true) @JsonPropertyDescription("When the plan was set (UTC).")
        Instant setAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The plan's external reference's system (e.g. amocrm), when it was sent by reference.")
        String externalSystem,

        @JsonPropertyDescription("The plan's external reference's id, unique per tenant and system among plans.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public PlanSet(
            UUID planId,
            String month,
            String scope,
            UUID managerId,
            UUID teamId,
            PlanTarget target,
            String baseCurrency,
            Instant setAt) {
        this(planId, month, scope, managerId, teamId, target, baseCurrency, setAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return planId;
    }
}
