package com.salespulse.contract.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A reason a deal can be lost with was added to the tenant's catalogue. Each tenant starts with a default
 * catalogue, added the first time it is needed.
 */
public record LossReasonAdded(
        @JsonProperty(required = true) @JsonPropertyDescription("The reason's id.")
        UUID reasonId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The reason's code, unique per tenant, e.g. 'PRICE', 'ASKED_NOT_TO_CONTACT'.")
        String code,

        @JsonProperty(required = true) @JsonPropertyDescription("The reason as shown to people.")
        String label,

        @JsonProperty(required = true)
        @JsonPropertyDescription(
                "The reason's kind: PRICE, COMPETITOR, NO_NEED, NO_BUDGET, NO_RESPONSE, PRESSURE (the client was pushed too hard, e.g. asked not to be contacted) or OTHER.")
        String kind,

        @JsonProperty(required = true) @JsonPropertyDescription("When the reason was added (UTC).")
        Instant addedAt,

        @JsonPropertyDescription("The reason as shown to people, by language ('ru', 'en'); absent on events "
                + "written before labels were kept per language, whose only label is 'label'.")
        Map<String, String> labels)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return reasonId;
    }
}
