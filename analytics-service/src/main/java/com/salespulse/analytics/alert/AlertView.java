package com.salespulse.analytics.alert;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Alert", description = "An alert raised by analytics-service, open until its condition clears.")
public record AlertView(
        @Schema(description = "The alert's id, as in the AlertRaised event.")
        UUID alertId,

        @Schema(description = "Which condition.", example = "OVERDUE_TASKS")
        String alertType,

        @Schema(description = "The condition instance, e.g. OVERDUE_TASKS:manager:<id>.")
        String conditionKey,

        @Schema(description = "The manager concerned, when the condition is about one.")
        UUID managerId,

        @Schema(description = "WARNING or CRITICAL.") String severity,

        @Schema(description = "One line saying what is wrong.")
        String title,

        @Schema(description = "The API path listing the cards behind it.")
        String drillDownPath,

        @Schema(description = "When it was raised.") Instant raisedAt,

        @Schema(description = "When it was resolved; absent while open.")
        Instant resolvedAt) {}
