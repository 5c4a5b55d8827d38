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
        Counts counts = counts(filter);
        long total = counts.total()[0];

        Map<LocalDate, Long> buckets = new LinkedHashMap<>();
        for (LocalDate day = request.from(); !day.isAfter(request.to()); day = day.plusDays(1)) {
            buckets.merge(bucketStart(day, bucketing), counts.perDay().getOrDefault(day, 0L), Long::sum);
        }
        List<LeadInflowFigures.BucketCount> bucketCounts = new ArrayList<>();
        buckets.forEach((start, count) -> bucketCounts.add(new LeadInflowFigures.BucketCount(start, count)));

        List<LeadInflowFigures.SourceCount> bySource = counts.bySource().stream()
                .map(row -> new LeadInflowFigures.SourceCount(
                        (String) row[2], Columns.number(row[5]), share(Columns.number(row[5]), total)))
                .toList();
        List<LeadInflowFigures.ManagerCount> byManager = counts.byManager().stream()
                .map(row -> new LeadInflowFigures.ManagerCount(
                        Columns.uuid(row[3]),
                        (String) row[8],
                        Columns.number(row[5]),
                        share(Columns.number(row[5]), total)))
                .toList();
        List<LeadInflowFigures.ShiftCount> byShift = counts.byShift().stream()
                .map(row -> {
                    long count = Columns.number(row[5]);
                    long unreached = Columns.number(row[6]);
                    long rejected = Columns.number(row[7]);
                    return new LeadInflowFigures.ShiftCount(
                            row[4] == null ? OUTSIDE : (String) row[4],
                            count,
                            share(count, total),
                            unreached,
                            share(unreached, count),
                            rejected,
                            share(rejected, count));
                })
                .toList();

        long unreached = counts.total()[1];
        long rejected = counts.total()[2];
        LeadInflowFigures figures = new LeadInflowFigures(
                total,
                bucketing,
                bucketCounts,
                bySource,
                byManager,
                distribution(byManager),
                new LeadInflowFigures.Quality(unreached, share(unreached, total), rejected, share(rejected, total)),
                byShift);
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

    /**
     * The period's counts, per day, source, intake manager and shift, and in all (with the unreached and the
     * rejected), in two statements, each one range scan of the period's leads ({@code lead_fact_tenant_created}): the
     * days (a hash of up to 366 groups), then every other cut at once ({@code grouping sets}, each a small hash of
     * its own). The days stay apart: PostgreSQL cannot tell how few days the moments of a year fall on, so in the
     * grouping sets it sorts the period's leads by day (on disk at 200 000) instead of hashing them. Rows of the
     * second: {@code [cut, -, source, manager_id, shift, count, unreached, rejected, manager's name]}, each cut in its
     * list's order — sources and managers most leads first (then by source, by manager id with the unassigned last),
     * shifts chronologically by their start with outside last.
     */
    private Counts counts(SqlFilter filter) {
        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        for (Object[] row : filter.rows(
                em,
                "select cast(l.created_at at time zone :zone as date), count(*) from lead_fact l" + filter.where()
                        + " group by 1")) {
            perDay.put(Columns.date(row[0]), Columns.number(row[1]));
        }
        String sql = """
                select case when grouping(p.source) = 0 then 'source' when grouping(p.manager_id) = 0 then 'manager'
                            when grouping(p.shift) = 0 then 'shift' else 'total' end as cut,
                       null, p.source, p.manager_id, p.shift, count(*) as leads,
                       count(*) filter (where p.unreached), count(*) filter (where p.status = 'REJECTED'),
                       case when grouping(p.manager_id) = 0 then %s end
                from (select l.source, l.manager_id, l.shift, l.unreached, l.status from lead_fact l%s) p
                group by grouping sets ((p.source), (p.manager_id), (p.shift), ())
                order by 1, case when grouping(p.source) = 0 or grouping(p.manager_id) = 0 then count(*) end desc,
                         p.source, p.manager_id nulls last, p.shift collate "C" nulls last""".formatted(Labels.MANAGER_NAME.formatted("p.manager_id"), filter.where());
        List<Object[]> bySource = new ArrayList<>();
        List<Object[]> byManager = new ArrayList<>();
        List<Object[]> byShift = new ArrayList<>();
        long[] total = new long[3];
        for (Object[] row : filter.rows(em, sql)) {
            switch ((String) row[0]) {
                case "source" -> bySource.add(row);
                case "manager" -> byManager.add(row);
                case "shift" -> byShift.add(row);
                default -> {
                    total[0] = Columns.number(row[5]);
                    total[1] = Columns.number(row[6]);
                    total[2] = Columns.number(row[7]);
                }
            }
        }
        return new Counts(perDay, bySource, byManager, byShift, total);
    }

    /** {@link #counts}' rows by cut; {@code total} is {leads, unreached, rejected}. */
    private record Counts(
            Map<LocalDate, Long> perDay,
            List<Object[]> bySource,
            List<Object[]> byManager,
            List<Object[]> byShift,
            long[] total) {}

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
        Long count = order.count(filter, em, " from lead_fact l" + where);
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
