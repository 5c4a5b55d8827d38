package com.salespulse.analytics.metric.leadinflow;

import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.leadinflow.LeadInflowFigures.Bucketing;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import com.salespulse.analytics.readmodel.SqlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers the lead-inflow metric from {@code lead_fact}. */
@ApplicationScoped
public class LeadInflowQuery {

    public static final String METRIC = "lead-inflow";
    /** 3: the split by shift, and the team filter honoured. */
    public static final int DEFINITION_VERSION = 3;
    /** The {@code shift} value naming the leads that came in no shift. */
    public static final String OUTSIDE = "outside";

    private final EntityManager em;
    private final ProjectionPositionRepository positions;

    public LeadInflowQuery(EntityManager em, ProjectionPositionRepository positions) {
        this.em = em;
        this.positions = positions;
    }

    /**
     * @param shift when given, the drill-down lists only the leads of this shift: its label ("09:00–15:00") or
     *        {@link #OUTSIDE}; the figures are always over all the period's leads
     */
    @Transactional
    public MetricAnswer<LeadInflowFigures> answer(MetricRequest request, Bucketing bucketing, String shift) {
        SqlFilter filter = periodFilter(request);

        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        for (Object[] row : filter.rows(
                em,
                "select cast(l.created_at at time zone :zone as date), count(*) from lead_fact l" + filter.where()
                        + " group by 1")) {
            perDay.put(Columns.date(row[0]), Columns.number(row[1]));
        }
        long total = perDay.values().stream().mapToLong(Long::longValue).sum();

        Map<LocalDate, Long> buckets = new LinkedHashMap<>();
        for (LocalDate day = request.from(); !day.isAfter(request.to()); day = day.plusDays(1)) {
            buckets.merge(bucketStart(day, bucketing), perDay.getOrDefault(day, 0L), Long::sum);
        }
        List<LeadInflowFigures.BucketCount> bucketCounts = new ArrayList<>();
        buckets.forEach((start, count) -> bucketCounts.add(new LeadInflowFigures.BucketCount(start, count)));

        List<LeadInflowFigures.SourceCount> bySource = filter
                .rows(
                        em,
                        "select l.source, count(*) from lead_fact l" + filter.where()
                                + " group by l.source order by count(*) desc, l.source")
                .stream()
                .map(row -> new LeadInflowFigures.SourceCount(
                        (String) row[0], Columns.number(row[1]), share(Columns.number(row[1]), total)))
                .toList();
        List<LeadInflowFigures.ManagerCount> byManager = filter
                .rows(
                        em,
                        "select l.manager_id, count(*), "
                                + "%s from lead_fact l".formatted(Labels.MANAGER_NAME.formatted("l.manager_id"))
                                + filter.where()
                                + " group by l.manager_id order by count(*) desc, l.manager_id nulls last")
                .stream()
                .map(row -> new LeadInflowFigures.ManagerCount(
                        Columns.uuid(row[0]),
                        (String) row[2],
                        Columns.number(row[1]),
                        share(Columns.number(row[1]), total)))
                .toList();

        long unreached = filter.count(em, "select count(*) from lead_fact l" + filter.where() + " and l.unreached");
        long rejected =
                filter.count(em, "select count(*) from lead_fact l" + filter.where() + " and l.status = 'REJECTED'");
        LeadInflowFigures figures = new LeadInflowFigures(
                total,
                bucketing,
                bucketCounts,
                bySource,
                byManager,
                distribution(byManager),
                new LeadInflowFigures.Quality(unreached, share(unreached, total), rejected, share(rejected, total)),
                byShift(filter, total));
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                figures,
                drillDown(request, filter, shift),
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    private SqlFilter periodFilter(MetricRequest request) {
        return SqlFilter.forTenant("l", request)
                .and("l.created_at >= :start", "start", request.start())
                .and("l.created_at < :end", "end", request.end())
                .and("l.source = :source", "source", request.source())
                .and("l.manager_id = :managerId", "managerId", request.managerId())
                // the team the intake manager is in now, as in every metric
                .and(
                        "l.manager_id in (select m.manager_id from manager_fact m where m.gen = l.gen "
                                + "and m.tenant_id = l.tenant_id and m.team_id = :teamId)",
                        "teamId",
                        request.teamId())
                .param("zone", request.zone().getId());
    }

    /** Per shift (the one stored on the lead when it was applied): chronological by the shift's start, outside last. */
    private List<LeadInflowFigures.ShiftCount> byShift(SqlFilter filter, long total) {
        return filter
                .rows(
                        em,
                        "select l.shift, count(*), count(*) filter (where l.unreached), "
                                + "count(*) filter (where l.status = 'REJECTED') from lead_fact l" + filter.where()
                                + " group by l.shift order by l.shift collate \"C\" nulls last")
                .stream()
                .map(row -> {
                    long count = Columns.number(row[1]);
                    long unreached = Columns.number(row[2]);
                    long rejected = Columns.number(row[3]);
                    return new LeadInflowFigures.ShiftCount(
                            row[0] == null ? OUTSIDE : (String) row[0],
                            count,
                            share(count, total),
                            unreached,
                            share(unreached, count),
                            rejected,
                            share(rejected, count));
                })
                .toList();
    }

    /** What the drill-down can be sorted by: when the lead came in, the client, the source, the status. */
    private static final Drill.Sortable SORTABLE = Drill.sortable(
            "l.lead_id", "at", "l.created_at", "title", "l.client_name", "source", "l.source", "status", "l.status");

    /** The leads behind {@code total}, or behind one shift's count, newest first. */
    private MetricAnswer.DrillDown drillDown(MetricRequest request, SqlFilter filter, String shift) {
        String condition = filter.where();
        String figure = "total";
        if (OUTSIDE.equals(shift)) {
            condition += " and l.shift is null";
            figure = "byShift:" + OUTSIDE;
        } else if (shift != null) {
            condition += " and l.shift = :shift";
            filter.param("shift", shift);
            figure = "byShift:" + shift;
        }
        String where = condition;
        Drill.Order order = Drill.order(request, SORTABLE, " order by l.created_at desc, l.lead_id");
        Long count = order.total(() -> filter.count(em, "select count(*) from lead_fact l" + where));
        Drill.Page page = order.read(
                        filter,
                        em,
                        "select l.lead_id, l.manager_id, l.client_name, l.source, l.status, l.created_at" + order.keys()
                                + " from lead_fact l" + where + order.page())
                .map(row -> MetricAnswer.DrillDownItem.of(
                        "LEAD",
                        Columns.uuid(row[0]),
                        Columns.uuid(row[1]),
                        (String) row[2],
                        (String) row[3],
                        "LEAD:" + row[4],
                        (String) row[4],
                        Columns.instant(row[5]),
                        null,
                        null));
        return new MetricAnswer.DrillDown(figure, request.page(), request.size(), count, page.items())
                .sorted(order)
                .next(page.nextCursor());
    }

    static LeadInflowFigures.Distribution distribution(List<LeadInflowFigures.ManagerCount> byManager) {
        long unassigned = byManager.stream()
                .filter(m -> m.managerId() == null)
                .mapToLong(LeadInflowFigures.ManagerCount::count)
                .sum();
        List<Long> assigned = byManager.stream()
                .filter(m -> m.managerId() != null)
                .map(LeadInflowFigures.ManagerCount::count)
                .toList();
        if (assigned.isEmpty()) {
            return new LeadInflowFigures.Distribution(0, unassigned, 0, 0, null);
        }
        long fewest = assigned.stream().mapToLong(Long::longValue).min().orElseThrow();
        long most = assigned.stream().mapToLong(Long::longValue).max().orElseThrow();
        return new LeadInflowFigures.Distribution(assigned.size(), unassigned, fewest, most, share(fewest, most));
    }

    static LocalDate bucketStart(LocalDate day, Bucketing bucketing) {
        return switch (bucketing) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    public static BigDecimal share(long part, long whole) {
        return whole == 0
                ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
