package com.salespulse.analytics.alert;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AlertThreshold", description = "One limit that turns a figure into an alert.")
public record ThresholdView(
        @Schema(description = "The threshold's name.", example = "OVERDUE_TASKS_PER_MANAGER")
        Threshold name,

        @Schema(description = "The value in force for the tenant.")
        BigDecimal value,

        @Schema(description = "The default, used until the tenant sets its own.")
        BigDecimal defaultValue,

        @Schema(description = "Smallest allowed value.") BigDecimal min,
        @Schema(description = "Largest allowed value.") BigDecimal max,
        @Schema(description = "What it does.") String description) {}
