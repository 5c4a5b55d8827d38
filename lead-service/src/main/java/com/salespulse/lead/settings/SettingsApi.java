package com.salespulse.lead.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The settings feature's request and response bodies. */
public final class SettingsApi {

    private SettingsApi() {}

    @Schema(
            name = "TenantSettings",
            description = "How the tenant handles leads, and its time zone, working-day calendar and language, which "
                    + "every service of the suite takes from here.")
    public record SettingsView(
            @Schema(description = "IANA time zone shifts are read in.", example = "Europe/Moscow")
            String timeZone,

            @Schema(description = "Region for phones without a country code.", example = "RU")
            String phoneRegion,

            @Schema(description = "MANUAL, ROUND_ROBIN or LEAST_LOADED.")
            String distributionMode,

            @Schema(description = "LINK_AND_FLAG or REFUSE.")
            String duplicatePolicy,

            @Schema(description = "Failed contact attempts after which a lead is unreached.")
            int unreachedThreshold,

            @Schema(description = "Days without change after which an open lead is stale.")
            int staleDays,

            @Schema(description = "The weekly days off, for every service of the suite.")
            List<DayOfWeek> weekendDays,

            @Schema(
                    description = "The dates that depart from the weekly days off (holidays, weekend days made "
                            + "working, shortened days), in order; on a HOLIDAY nobody is on shift.")
            List<CalendarDayView> calendarDays,

            @Schema(description = "ru or en: labels, alert texts and notifications.", example = "ru")
            String language,

            @Schema(description = "The version; 0 while the defaults were never changed.")
            long version) {}

    @Schema(name = "TenantCalendarDay", description = "A date that departs from the weekly days off.")
    public record CalendarDayView(
            @Schema(description = "The date (YYYY-MM-DD), local to the tenant.", required = true) @NotNull
            LocalDate date,

            @Schema(
                    description = "HOLIDAY (a day off), WORKING (a weekend day made working) or SHORT (a shortened "
                            + "working day).",
                    required = true)
            @NotNull
            CalendarDay.Kind kind) {}

    @Schema(name = "ChangeTenantSettingsRequest", description = "New settings; a field left out keeps its value.")
    public record SettingsUpdate(
            @Schema(description = "IANA time zone.", example = "Asia/Yekaterinburg") @Size(max = 64)
            String timeZone,

            @Schema(description = "ISO 3166 region code.", example = "KZ") @Size(min = 2, max = 3)
            String phoneRegion,

            @Schema(description = "MANUAL, ROUND_ROBIN or LEAST_LOADED.")
            TenantSettings.DistributionMode distributionMode,

            @Schema(description = "LINK_AND_FLAG or REFUSE.")
            TenantSettings.DuplicatePolicy duplicatePolicy,

            @Schema(description = "1 to 50.") @Min(1) @Max(50)
            Integer unreachedThreshold,

            @Schema(description = "1 to 3650.") @Min(1) @Max(3650)
            Integer staleDays,

            @Schema(description = "The weekly days off (at most 6), replacing the current ones.") @Size(max = 6)
            List<@NotNull DayOfWeek> weekendDays,

            @Schema(description = "Every date that departs from the weekly days off, replacing the current list.")
            @Size(max = 2000)
            List<@NotNull @Valid CalendarDayView> calendarDays,

            @Schema(description = "ru or en.", example = "en")
            @Size(max = 2)
            @Pattern(regexp = "ru|en", message = "must be ru or en")
            String language) {}
}
