package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A monthly sales plan's targets were changed.
 */
public record PlanChanged(
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

        @JsonProperty(required = true) @JsonPropertyDescription("The targets before.")
        PlanTarget before,

        @JsonProperty(required = true) @JsonPropertyDescription("The targets after.")
        PlanTarget after,

        @JsonProperty(required = true) @JsonPropertyDescription("The tenant's base currency the amounts are in.")
        String baseCurrency,

        @JsonPropertyDescription("Why the plan changed, if given.")
        String reason,

        @JsonProperty(required = true) @JsonPropertyDescription("When the plan was changed (UTC).")
        Instant changedAt,
        // ---- added for integrators (optional: older events lack them) ----
        @JsonPropertyDescription("The plan's external reference's system (e.g. amocrm), when it has one.")
        String externalSystem,

        @JsonPropertyDescription("The plan's external reference's id, unique per tenant and system among plans.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before external references, for callers that send none. */
    public PlanChanged(
            UUID planId,
            String month,
            String scope,
            UUID managerId,
            UUID teamId,
            PlanTarget before,
            PlanTarget after,
            String baseCurrency,
            String reason,
            Instant changedAt) {
        this(planId, month, scope, managerId, teamId, before, after, baseCurrency, reason, changedAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return planId;
    }
}
