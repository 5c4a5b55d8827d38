package com.salespulse.analytics.settings;

import java.time.DayOfWeek;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TenantSettings", description = "How the tenant's figures are cut and counted.")
public record TenantSettingsView(
        @Schema(description = "IANA time zone days are cut in.", example = "Europe/Moscow", maxLength = 64)
        String timeZone,

        @Schema(description = "ISO 4217 code money figures are reported in.", example = "RUB", maxLength = 3)
        String baseCurrency,

        @Schema(description = "The weekly days off, Monday first.", example = "[\"SATURDAY\", \"SUNDAY\"]")
        List<DayOfWeek> weekendDays,

        @Schema(
                description = "The language of the labels in metric answers (statuses, lead stages, rejection and "
                        + "loss reasons): ru or en. Optional: absent means ru, the default.",
                example = "ru",
                enumeration = {"ru", "en"},
                maxLength = 2)
        String language,

        @Schema(
                description = "Hours a card without an open task is given after its last touch (its creation if "
                        + "none) before it counts as forgotten (metric 11, FORGOTTEN_CARDS), 0-720. Optional: absent means "
                        + "24, the default.",
                example = "24",
                minimum = "0",
                maximum = "720")
        Integer forgottenGraceHours) {}
