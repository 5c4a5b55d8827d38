package com.salespulse.analytics.leadinflow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LeadInflow", description = "Metric 1, lead inflow: how many leads came in during the period, per day "
        + "(in the tenant's time zone), per source and per manager. Formula: count of leads whose creation time falls "
        + "in [from 00:00, to+1 00:00) local time. Archived leads will be excluded once archiving exists.")
public record LeadInflowReport(
        @Schema(description = "The metric's name.", example = "lead-inflow") String metric,
        @Schema(description = "Version of the metric's definition; it changes when the formula does.", example = "1") int definitionVersion,
        @Schema(description = "The period asked for.") Period period,
        @Schema(description = "The filters applied.") Filters filters,
        @Schema(description = "Leads that came in during the period.") long total,
        @Schema(description = "Every day of the period, in order, including days with no leads.") List<DayCount> byDay,
        @Schema(description = "Leads per source, most first.") List<SourceCount> bySource,
        @Schema(description = "Leads per manager at intake, most first; managerId is absent for leads that came in unassigned.") List<ManagerCount> byManager,
        @Schema(description = "The time of the last event applied to the read model for this tenant; absent before the first. Figures include everything up to it.") Instant asOf) {

    public record Period(
            @Schema(description = "First day, inclusive.") LocalDate from,
            @Schema(description = "Last day, inclusive.") LocalDate to,
            @Schema(description = "The time zone days are cut in.", example = "Europe/Moscow") String timeZone) {
    }

    public record Filters(
            @Schema(description = "Only leads from this source.") String source,
            @Schema(description = "Only leads given to this manager at intake.") UUID managerId) {
    }

    public record DayCount(@Schema(description = "The local day.") LocalDate date, @Schema(description = "Leads that came in that day.") long count) {
    }

    public record SourceCount(@Schema(description = "The source.") String source, @Schema(description = "Leads from it.") long count) {
    }

    public record ManagerCount(@Schema(description = "The manager; absent for unassigned leads.") UUID managerId,
            @Schema(description = "Leads given to them at intake.") long count) {
    }
}
