package com.salespulse.analytics.metric.leadinflow;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LeadInflowFigures", description = LeadInflowFigures.DEFINITION)
public record LeadInflowFigures(
        @Schema(description = "Leads that came in during the period.")
        long total,

        @Schema(description = "How the buckets are cut: DAY, WEEK (ISO, Monday first) or MONTH.")
        Bucketing bucketing,

        @Schema(
                description =
                        "Every bucket of the period, in order, including empty ones; a bucket is named by its first day (a week's Monday may lie before `from`; only days inside the period count).")
        List<BucketCount> buckets,

        @Schema(description = "Leads per source, most first, with their share of the total.")
        List<SourceCount> bySource,

        @Schema(
                description =
                        "Leads per manager at intake, most first, with their share of the total; managerId is absent for leads that came in unassigned.")
        List<ManagerCount> byManager,

        @Schema(description = "How evenly the assigned leads were spread among the managers who got any.")
        Distribution distribution,

        @Schema(description = "Flow quality: of the leads counted, how many are unreached and how many rejected now.")
        Quality quality,

        @Schema(
                description =
                        "Leads per shift they arrived in, by the shift's local start time, the leads outside every shift last (shift `outside`); only shifts with leads are listed.")
        List<ShiftCount> byShift) {

    static final String SHIFT_DEFINITION = "By shift: a lead's shift is the shift window (weekday and local start–end "
            + "in the schedule's time zone, end exclusive) that contains its creation time, among the windows of the "
            + "managers employed at that moment, by their schedules as they were then (a schedule change applies from "
            + "its own time on, so earlier leads keep their shift; a dismissal ends the manager's windows). A shift is "
            + "named by its local hours, e.g. \"09:00–15:00\", so managers on the same hours form one shift. When "
            + "several windows contain the moment, the one that started most recently wins (ties: the shorter). A lead "
            + "in no window is `outside`. Absences do not change the shift: it is about when the lead came, not who "
            + "was there. Per shift: count, share = count / total, and of its leads the unreached and rejected now "
            + "with their shares of the shift's count.";

    static final String DEFINITION = "Metric 1, lead inflow: the leads whose creation time falls in [from 00:00, to+1 "
            + "00:00) in the tenant's time zone, counted per day, week or month, per source and per manager at intake; "
            + "shares are count / total rounded to 4 places. Distribution: among managers who got at least one lead, "
            + "the fewest and most leads and evenness = fewest / most (1 = perfectly even, absent with no assigned lead). "
            + "Quality: of the leads counted, unreached = marked unreached now (every attempt failed up to the tenant's "
            + "threshold), rejected = status REJECTED now, each with its share of the total; rejections by reason are "
            + "metric 2. " + SHIFT_DEFINITION;

    public enum Bucketing {
        DAY,
        WEEK,
        MONTH
    }

    @Schema(name = "LeadInflowBucket")
    public record BucketCount(
            @Schema(description = "The bucket's first day.") LocalDate start,

            @Schema(description = "Leads that came in during the bucket, inside the period.")
            long count) {}

    @Schema(name = "LeadInflowSource")
    public record SourceCount(
            @Schema(description = "The source.") String source,
            @Schema(description = "Leads from it.") long count,
            @Schema(description = "count / total.") BigDecimal share) {}

    @Schema(name = "LeadInflowManager")
    public record ManagerCount(
            @Schema(description = "The manager; absent for unassigned leads.")
            UUID managerId,

            @Schema(description = "The manager's name from the roster; absent when the roster does not know them.")
            String managerName,

            @Schema(description = "Leads given to them at intake.")
            long count,

            @Schema(description = "count / total.") BigDecimal share) {}

    @Schema(name = "LeadInflowShift")
    public record ShiftCount(
            @Schema(
                    description =
                            "The shift's local hours, e.g. 09:00–15:00 (an en dash), or `outside` for leads in no shift; pass it as `shift` to list its leads.",
                    example = "09:00–15:00")
            String shift,

            @Schema(description = "Leads that arrived in it.")
            long count,

            @Schema(description = "count / total.") BigDecimal share,

            @Schema(description = "Of them, marked unreached now.")
            long unreached,

            @Schema(description = "unreached / count.") BigDecimal unreachedShare,
            @Schema(description = "Of them, rejected now.") long rejected,
            @Schema(description = "rejected / count.") BigDecimal rejectedShare) {}

    @Schema(name = "LeadInflowQuality")
    public record Quality(
            @Schema(description = "Leads marked unreached now.")
            long unreached,

            @Schema(description = "unreached / total.") BigDecimal unreachedShare,
            @Schema(description = "Leads rejected now.") long rejected,
            @Schema(description = "rejected / total.") BigDecimal rejectedShare) {}

    @Schema(name = "LeadInflowDistribution")
    public record Distribution(
            @Schema(description = "Managers who got at least one lead.")
            int managers,

            @Schema(description = "Leads that came in unassigned.")
            long unassigned,

            @Schema(description = "The fewest leads a manager got.")
            long fewest,

            @Schema(description = "The most leads a manager got.")
            long most,

            @Schema(description = "fewest / most, 4 places; 1 is perfectly even; absent with no assigned lead.")
            BigDecimal evenness) {}
}
