package com.salespulse.analytics.leadinflow;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LeadInflowFigures", description = LeadInflowFigures.DEFINITION)
public record LeadInflowFigures(
        @Schema(description = "Leads that came in during the period.") long total,
        @Schema(description = "How the buckets are cut: DAY, WEEK (ISO, Monday first) or MONTH.") Bucketing bucketing,
        @Schema(description = "Every bucket of the period, in order, including empty ones; a bucket is named by its first day (a week's Monday may lie before `from`; only days inside the period count).") List<BucketCount> buckets,
        @Schema(description = "Leads per source, most first, with their share of the total.") List<SourceCount> bySource,
        @Schema(description = "Leads per manager at intake, most first, with their share of the total; managerId is absent for leads that came in unassigned.") List<ManagerCount> byManager,
        @Schema(description = "How evenly the assigned leads were spread among the managers who got any.") Distribution distribution,
        @Schema(description = "Flow quality: of the leads counted, how many are unreached and how many rejected now.") Quality quality) {

    static final String DEFINITION = "Metric 1, lead inflow: the leads whose creation time falls in [from 00:00, to+1 "
            + "00:00) in the tenant's time zone, counted per day, week or month, per source and per manager at intake; "
            + "shares are count / total rounded to 4 places. Distribution: among managers who got at least one lead, "
            + "the fewest and most leads and evenness = fewest / most (1 = perfectly even, absent with no assigned lead). "
            + "Quality: of the leads counted, unreached = marked unreached now (every attempt failed up to the tenant's "
            + "threshold), rejected = status REJECTED now, each with its share of the total; rejections by reason are "
            + "metric 2.";

    public enum Bucketing {
        DAY, WEEK, MONTH
    }

    @Schema(name = "LeadInflowBucket")
    public record BucketCount(@Schema(description = "The bucket's first day.") LocalDate start,
            @Schema(description = "Leads that came in during the bucket, inside the period.") long count) {
    }

    @Schema(name = "LeadInflowSource")
    public record SourceCount(@Schema(description = "The source.") String source,
            @Schema(description = "Leads from it.") long count,
            @Schema(description = "count / total.") BigDecimal share) {
    }

    @Schema(name = "LeadInflowManager")
    public record ManagerCount(@Schema(description = "The manager; absent for unassigned leads.") UUID managerId,
            @Schema(description = "Leads given to them at intake.") long count,
            @Schema(description = "count / total.") BigDecimal share) {
    }

    @Schema(name = "LeadInflowQuality")
    public record Quality(@Schema(description = "Leads marked unreached now.") long unreached,
            @Schema(description = "unreached / total.") BigDecimal unreachedShare,
            @Schema(description = "Leads rejected now.") long rejected,
            @Schema(description = "rejected / total.") BigDecimal rejectedShare) {
    }

    @Schema(name = "LeadInflowDistribution")
    public record Distribution(@Schema(description = "Managers who got at least one lead.") int managers,
            @Schema(description = "Leads that came in unassigned.") long unassigned,
            @Schema(description = "The fewest leads a manager got.") long fewest,
            @Schema(description = "The most leads a manager got.") long most,
            @Schema(description = "fewest / most, 4 places; 1 is perfectly even; absent with no assigned lead.") BigDecimal evenness) {
    }
}
