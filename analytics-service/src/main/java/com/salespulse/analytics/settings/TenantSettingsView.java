package com.salespulse.analytics.settings;

import java.time.DayOfWeek;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TenantSettings", description = "How the tenant's figures are cut and counted.")
public record TenantSettingsView(
        @Schema(
                description = "IANA time zone days are cut in: lead-service's setting, read only here (a PUT may "
                        + "send it back unchanged or leave it out).",
                example = "Europe/Moscow",
                maxLength = 64)
        String timeZone,

        @Schema(description = "ISO 4217 code money figures are reported in.", example = "RUB", maxLength = 3)
        String baseCurrency,

        @Schema(
                description = "The weekly days off, Monday first: lead-service's setting, read only here.",
                example = "[\"SATURDAY\", \"SUNDAY\"]")
        List<DayOfWeek> weekendDays,

        @Schema(
                description = "The language of the labels in metric answers (statuses, lead stages, rejection and "
                        + "loss reasons) and of alert texts: ru or en; lead-service's setting, read only here.",
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
        Integer forgottenGraceHours,

        @Schema(
                description = "The version of lead-service's settings the time zone, calendar and language come "
                        + "from; 0 while none arrived (the defaults). Ignored in a PUT.",
                example = "3",
                readOnly = true)
        Long calendarVersion) {}
