package com.salespulse.analytics.metric.planforecast;

import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.settings.WorkCalendar;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

/**
 * Whose plan a forecast is about: the tenant as a whole, a manager with a plan, or a team with a team plan. The key is
 * how forecast snapshots name it ({@code tenant}, {@code manager:<id>}, {@code team:<id>}).
 */
public record PlanOwner(String key, UUID managerId, UUID teamId) {

    public static PlanOwner tenant() {
        return new PlanOwner("tenant", null, null);
    }

    public static PlanOwner manager(UUID managerId) {
        return new PlanOwner("manager:" + managerId, managerId, null);
    }

    public static PlanOwner team(UUID teamId) {
        return new PlanOwner("team:" + teamId, null, teamId);
    }

    /** The owner a request's filters name: the manager, else the team, else the tenant. */
    public static PlanOwner of(UUID managerId, UUID teamId) {
        return managerId != null ? manager(managerId) : teamId != null ? team(teamId) : tenant();
    }

    /** Metric 9's request for this owner's month, answered at {@code now}. */
    public MetricRequest request(String tenant, int gen, WorkCalendar calendar, YearMonth month, Instant now) {
        return MetricRequest.inside(tenant, gen, calendar, month.atDay(1), month.atEndOfMonth(), now)
                .withFilters(new MetricAnswer.Filters(managerId, teamId, null, null));
    }
}
