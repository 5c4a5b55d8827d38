package com.salespulse.contract.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A watched condition became true. One alert per condition ({@link #conditionKey()}) until it is resolved; what a
 * person needs to act travels with it.
 */
public record AlertRaised(
        @JsonProperty(required = true) @JsonPropertyDescription("The alert's id; AlertResolved names it again.")
        UUID alertId,

        @JsonProperty(required = true) @JsonPropertyDescription("Which condition.")
        AlertType alertType,

        @JsonProperty(required = true)
        @JsonPropertyDescription(
                "Identifies the condition instance within the tenant, e.g. 'OVERDUE_TASKS:manager:<id>'; at most one open alert per key.")
        String conditionKey,

        @JsonPropertyDescription("The manager concerned, when the condition is about one manager.")
        UUID managerId,

        @JsonPropertyDescription("The team concerned, when known.")
        UUID teamId,

        @JsonProperty(required = true) @JsonPropertyDescription("WARNING or CRITICAL.")
        String severity,

        @JsonProperty(required = true) @JsonPropertyDescription("One line for a subject or a push title, in English.")
        String title,

        @JsonProperty(required = true) @JsonPropertyDescription("What happened and what to look at, in English.")
        String message,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The figures behind the alert by name, e.g. {\"overdueTasks\": 7, \"limit\": 5}.")
        Map<String, BigDecimal> figures,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The analytics API path of the drill-down that lists the cards behind the alert.")
        String drillDownPath,

        @JsonProperty(required = true) @JsonPropertyDescription("When the condition was detected (UTC).")
        Instant raisedAt,

        @JsonPropertyDescription("The name of the manager concerned, as the roster knows it when the alert is raised; "
                + "absent when the condition is about no manager or the name is not known.")
        String managerName)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return alertId;
    }
}
