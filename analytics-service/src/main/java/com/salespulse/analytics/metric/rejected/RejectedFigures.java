package com.salespulse.analytics.metric.rejected;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RejectedLeadsFigures", description = RejectedFigures.DEFINITION)
public record RejectedFigures(
        @Schema(description = "Leads that came in during the period.")
        long inflow,

        @Schema(description = "Of them, rejected by now.") long rejected,

        @Schema(description = "rejected / inflow, 4 places.")
        BigDecimal shareOfInflow,

        @Schema(description = "Rejected leads per reason code, most first; share is of the rejected.")
        List<Group> byReason,

        @Schema(description = "Per source: its inflow, its rejected, share = rejected / its inflow.")
        List<SourceGroup> bySource,

        @Schema(description = "Per manager who rejected (the owner at rejection); share is of the rejected.")
        List<ManagerGroup> byManager) {

    static final String DEFINITION = "Metric 2, rejected leads: of the leads that came in during the period (creation "
            + "in [from 00:00, to+1 00:00) local time), those whose status is REJECTED now, with the reason code given at "
            + "rejection. A lead rejected later than the period still counts for the period it came in (a cohort), so "
            + "past periods can grow until every lead is decided. Archived leads stay counted: they did come in. Filters: "
            + "source, managerId (the owner at rejection, else the current owner).";

    @Schema(name = "RejectedLeadsGroup")
    public record Group(
            @Schema(description = "The reason code, as in the tenant's catalogue.")
            String reason,

            @Schema(
                    description =
                            "The reason as shown to people, in the tenant's language (a code the catalogue does not know is shown as it is).",
                    example = "Нет бюджета")
            String reasonLabel,

            @Schema(description = "Rejected leads with it.") long count,
            @Schema(description = "count / rejected.") BigDecimal share) {}

    @Schema(name = "RejectedLeadsSource")
    public record SourceGroup(
            @Schema(description = "The source.") String source,

            @Schema(description = "Leads that came in from it.")
            long inflow,

            @Schema(description = "Of them, rejected.") long rejected,
            @Schema(description = "rejected / inflow.") BigDecimal share) {}

    @Schema(name = "RejectedLeadsManager")
    public record ManagerGroup(
            @Schema(description = "The manager; absent when the lead had no owner.")
            UUID managerId,

            @Schema(description = "The manager's name from the roster; absent when the roster does not know them.")
            String managerName,

            @Schema(description = "Leads they rejected.") long count,
            @Schema(description = "count / rejected.") BigDecimal share) {}
}
