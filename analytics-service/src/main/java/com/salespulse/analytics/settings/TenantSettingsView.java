package com.salespulse.analytics.settings;

import java.time.DayOfWeek;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TenantSettings", description = "How the tenant's figures are cut and counted.")
public record TenantSettingsView(
        @Schema(description = "IANA time zone days are cut in.", example = "Europe/Moscow") String timeZone,
        @Schema(description = "ISO 4217 code money figures are reported in.", example = "RUB") String baseCurrency,
        @Schema(description = "The weekly days off, Monday first.", example = "[\"SATURDAY\", \"SUNDAY\"]") List<DayOfWeek> weekendDays) {
}
