package com.salespulse.contract.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The head of sales changed the tenant's settings. Carries all settings before and after; settingsId is stable
 * per tenant (the record key). lead-service owns these settings, the tenant's time zone and working-day calendar
 * among them: every other service takes them from this event.
 */
public record TenantSettingsChanged(
        @JsonProperty(required = true) @JsonPropertyDescription("The tenant's settings id, stable for the tenant.")
        UUID settingsId,

        @JsonProperty(required = true) @JsonPropertyDescription("The settings before the change.")
        Settings before,

        @JsonProperty(required = true) @JsonPropertyDescription("The settings after the change.")
        Settings after,

        @JsonProperty(required = true) @JsonPropertyDescription("The settings' version after the change.")
        long version,

        @JsonProperty(required = true) @JsonPropertyDescription("When (UTC).")
        Instant changedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return settingsId;
    }

    /** The tenant's settings that drive lead handling. */
    public record Settings(
            @JsonProperty(required = true) @JsonPropertyDescription("IANA time zone, e.g. Europe/Moscow.")
            String timeZone,

            @JsonProperty(required = true)
            @JsonPropertyDescription("Default region for phones written without a country code, e.g. RU.")
            String phoneRegion,

            @JsonProperty(required = true) @JsonPropertyDescription("MANUAL, ROUND_ROBIN or LEAST_LOADED.")
            String distributionMode,

            @JsonProperty(required = true)
            @JsonPropertyDescription("LINK_AND_FLAG (a duplicate is taken in, linked and flagged) or REFUSE (409).")
            String duplicatePolicy,

            @JsonProperty(required = true)
            @JsonPropertyDescription("Failed contact attempts after which a lead is unreached.")
            int unreachedThreshold,

            @JsonProperty(required = true)
            @JsonPropertyDescription(
                    "Days without change after which an open lead is stale and may be archived by the rule.")
            int staleDays,

            @JsonPropertyDescription("The weekly days off, MONDAY ... SUNDAY; absent on events written before the "
                    + "calendar was kept here, meaning SATURDAY and SUNDAY.")
            List<DayOfWeek> weekendDays,

            @JsonPropertyDescription("The dates that depart from the weekly pattern (holidays, weekend days made "
                    + "working, shortened days), in order; absent on older events, meaning none.")
            List<CalendarDay> calendarDays,

            @JsonPropertyDescription("The tenant's language for labels, alert texts and notifications: ru or en; "
                    + "absent on older events, meaning ru.")
            String language) {}

    /** One date of the tenant's working-day calendar that departs from the weekly pattern. */
    public record CalendarDay(
            @JsonProperty(required = true) @JsonPropertyDescription("The date, local to the tenant.")
            LocalDate date,

            @JsonProperty(required = true)
            @JsonPropertyDescription(
                    "HOLIDAY (a day off), WORKING (a weekend day made working) or SHORT (a shortened working day).")
            String kind) {}
}
