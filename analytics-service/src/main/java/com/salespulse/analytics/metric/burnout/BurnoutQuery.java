package com.salespulse.analytics.metric.burnout;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.Stats;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.DealTeams;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import com.salespulse.analytics.readmodel.ReadPlans;
import com.salespulse.analytics.readmodel.SqlFilter;
import com.salespulse.analytics.settings.WorkCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Answers metric 10 from per-manager aggregates computed in the database; also used by the BASE_BURNOUT alert. */
@ApplicationScoped
public class BurnoutQuery {

    public static final String METRIC = "base-burnout";
    public static final int DEFINITION_VERSION = 1;
    public static final int BASELINE_PERIODS = 3;
    public static final int LAST_DAYS = 3;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Which cards the drill-down lists. */
    public enum DrillFigure {
        PRESSURE_LOSSES,
        END_CROWDING
    }

    private final DealFacts deals;
    private final EntityManager em;
    private final ProjectionPositionRepository positions;
    private final Labels labels;

    public BurnoutQuery(DealFacts deals, EntityManager em, ProjectionPositionRepository positions, Labels labels) {
        this.deals = deals;
        this.em = em;
        this.positions = positions;
        this.labels = labels;
    }

    /** What a window (the period, or the baseline periods together) shows for one manager. */
    private static final class Window {
        long touches;
        long clients;
        long doNotContact;
        long lost;
        long pressureLost;
        BigDecimal linesAmount = BigDecimal.ZERO;
        BigDecimal linesBeforeDiscount = BigDecimal.ZERO;
        long won;
        long wonLate;
    }

    /** A lost deal's reason: its code in the tenant's catalogue (labelled by {@code metric/Labels}), else its kind. */
    private static String lossReason(com.salespulse.analytics.metric.DealFacts.Deal deal) {
        return deal.lossReasonCode() != null ? deal.lossReasonCode() : deal.lossReasonKind();
    }

    @Transactional
    public MetricAnswer<BurnoutFigures> answer(MetricRequest request, DrillFigure drill) {
        Result result = compute(request);
        // the deals of the period behind pressureLossShare (lost for pressure) or endCrowding (won late), newest first
        MetricAnswer.DrillDown drillDown = drill == DrillFigure.PRESSURE_LOSSES
                ? deals.page(
                        request,
                        deals.lost(request, request.start(), request.end(), request.managerId()),
                        "pressureLossShare",
                        "",
                        "deal",
                        "loss_reason_kind = 'PRESSURE'",
                        "null",
                        (deal, age) -> Drill.deal(deal, "LOST", lossReason(deal)))
                : deals.page(
                        request,
                        deals.won(request, request.start(), request.end(), request.managerId())
                                .param("lateDays", result.lateDays()),
                        "endCrowding",
                        "",
                        "deal",
                        LATE,
                        "null",
                        (deal, age) -> Drill.deal(deal, "WON", Drill.unconverted(deal)));
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                result.figures,
                drillDown,
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /**
     * A deal won on one of the last working days of its period ({@code :lateDays}, a SQL date array). Read as a set
     * ({@code in (select unnest(…))}), parsed once: {@code = any(cast(:lateDays as date[]))} parsed the string again for
     * every deal (the cast is not folded into a constant), a quarter of the facts' won statement on a scratch tenant.
     */
    private static final String LATE = "closed_day in (select unnest(cast(:lateDays as date[])))";

    /** The figures, and the last working days of the period and of the baseline periods (a SQL date array). */
    public record Result(BurnoutFigures figures, String lateDays) {}

    @Transactional
    public Result compute(MetricRequest request) {
        ReadPlans.forTheTenant(em);
        WorkCalendar calendar = request.calendar();
        long days = ChronoUnit.DAYS.between(request.from(), request.to()) + 1;
        LocalDate baselineFrom = request.from().minusDays(days * BASELINE_PERIODS);
        Instant baselineStart = baselineFrom.atStartOfDay(request.zone()).toInstant();
        Set<LocalDate> lateDays = new TreeSet<>();
        for (int back = 0; back <= BASELINE_PERIODS; back++) {
            LocalDate to = request.to().minusDays(days * back);
            lateDays.addAll(lastWorkingDays(calendar, to.minusDays(days - 1), to));
        }
        String lateDayArray = "{"
                + String.join(",", lateDays.stream().map(LocalDate::toString).toList()) + "}";

        Map<UUID, Window> current = new HashMap<>();
        Map<UUID, Window> baseline = new HashMap<>();
        Windows windows = new Windows(request.start(), current, baseline);
        touches(request, baselineStart, windows);
        closings(request, baselineStart, windows, lateDayArray);

        List<BurnoutFigures.ManagerBurnout> managers = new ArrayList<>();
        Map<UUID, String> names = labels.managerNames(request, current.keySet());
        for (UUID manager : new TreeSet<>(current.keySet())) {
            Window now = current.get(manager);
            Window before = baseline.getOrDefault(manager, new Window());
            List<BurnoutFigures.Part> parts = List.of(
                    part("touchesPerClient", ratio(now.touches, now.clients), ratio(before.touches, before.clients)),
                    part(
                            "doNotContactShare",
                            ratio(now.doNotContact, now.clients),
                            ratio(before.doNotContact, before.clients)),
                    part(
                            "pressureLossShare",
                            ratio(now.pressureLost, now.lost),
                            ratio(before.pressureLost, before.lost)),
                    part("discountDepth", depth(now), depth(before)),
                    part("endCrowding", ratio(now.wonLate, now.won), ratio(before.wonLate, before.won)));
            BigDecimal index = Stats.sum(
                            parts.stream().map(BurnoutFigures.Part::score).toList())
                    .divide(BigDecimal.valueOf(parts.size()), 1, RoundingMode.HALF_UP);
            managers.add(new BurnoutFigures.ManagerBurnout(manager, names.get(manager), index, parts));
        }
        managers.sort(Comparator.comparing(BurnoutFigures.ManagerBurnout::index)
                .reversed()
                .thenComparing(m -> m.managerId().toString()));
        return new Result(new BurnoutFigures(managers, BASELINE_PERIODS), lateDayArray);
    }

    /**
     * The period's and the baseline's figures per manager, filled by one statement per source over both (the baseline
     * periods end where the period starts): a row per manager and window, told apart by {@code :periodStart}.
     */
    private record Windows(Instant periodStart, Map<UUID, Window> current, Map<UUID, Window> baseline) {

        Window of(Object manager, Object inPeriod) {
            return (Boolean.TRUE.equals(inPeriod) ? current : baseline)
                    .computeIfAbsent(Columns.uuid(manager), m -> new Window());
        }
    }

    /**
     * Per manager and window: touches, distinct clients touched, distinct clients who asked not to be contacted.
     */
    private void touches(MetricRequest request, Instant baselineStart, Windows windows) {
        SqlFilter filter = SqlFilter.forTenant("a", request)
                .and("a.occurred_at >= :start", "start", baselineStart)
                .and("a.occurred_at < :end", "end", request.end())
                .and("a.manager_id = :managerId", "managerId", request.managerId())
                // a touch counts for the team its manager was in when it was made, by the one rule team_at
                // (a touch older than the first team the roster knows counts for that team, as a deal does)
                .and(DealTeams.teamAt("a", "a.manager_id", "a.occurred_at") + " = :teamId", "teamId", request.teamId())
                .param("periodStart", windows.periodStart());
        for (Object[] row : filter.rows(
                em,
                "select a.manager_id, a.occurred_at >= :periodStart, count(*), count(distinct a.client_id), "
                        + "count(distinct a.client_id) filter (where a.do_not_contact) from activity_fact a"
                        + filter.where() + "group by 1, 2")) {
            Window window = windows.of(row[0], row[1]);
            window.touches = Stats.count(row[2]);
            window.clients = Stats.count(row[3]);
            window.doNotContact = Stats.count(row[4]);
        }
    }

    /**
     * The losses per manager and window ({@link DealFacts#closedUnpriced}' relation {@code deal}, in the period or not
     * by {@code :periodStart}): lost deals, lost for pressure. It reads only columns deal_fact_newest carries
     * (migration V2026_12_25_20), so the 48 months a 12-month request reads are an index-only range.
     */
    public static final String LOSSES = "select manager_id, closed_at >= :periodStart, count(*), "
            + "count(*) filter (where loss_reason_kind = 'PRESSURE') from deal group by 1, 2";

    /**
     * Per manager and window: deals lost (for pressure), won (late), and the converted won lines after and before
     * discount.
     */
    private void closings(MetricRequest request, Instant baselineStart, Windows windows, String lateDays) {
        // the losses are only counted: read without their exchange rates
        for (Object[] row : deals.closedUnpriced(request, "LOST", baselineStart, request.end(), request.managerId())
                .param("periodStart", windows.periodStart())
                .rows(em, LOSSES)) {
            Window window = windows.of(row[0], row[1]);
            window.lost = Stats.count(row[2]);
            window.pressureLost = Stats.count(row[3]);
        }
        for (Object[] row : won(request, baselineStart, windows.periodStart(), lateDays)) {
            Window window = windows.of(row[0], row[1]);
            window.won = Stats.count(row[2]);
            window.wonLate = Stats.count(row[3]);
            window.linesAmount = Stats.total(row[4]);
            window.linesBeforeDiscount = Stats.total(row[5]);
        }
    }

    /**
     * Per manager and window (in the period or not): deals won, won late ({@code :lateDays}), and their lines'
     * amount after and before discount, each deal's converted at the rate of its closing day (null without a rate: a
     * deal without one counts as won, its lines are left out of the amounts).
     * <p>
     * Read from the rollups {@code won_deal_hour} (the deals) and {@code won_line_hour} (the lines, with the amount
     * before discount since migration V2026_12_22_20), summed per manager and window, the lines in another currency
     * per day too, converted at the rate of that day ({@link DealFacts#RATES_OF_DAYS}): the rollups' rows of the
     * period and baseline instead of every won deal, its rate looked up and its lines probed (574 ms and about 28 700
     * buffers a call at scale 0.1, a 12-month request reading 48 months; on a scratch tenant of 44 901 won deals
     * 271 042 buffers before, 7 558 after: docs/benchmarks.md). An hour falls in one day of the tenant's
     * zone, and the period's and baseline's bounds are midnights, whole UTC hours, when the zone's offset is whole
     * hours. Without a source or pipeline filter the windows' whole UTC months are read from the monthly rollups
     * ({@link #WON_FROM_MONTHS}, migration V2026_12_27_10) and only their partial months from the hourly rows. Read
     * from the facts, as before, when the rollups cannot answer exactly: a team filter (the team counts at the closing
     * moment, which an hour does not tell) or a zone whose offset is not whole hours.
     */
    private List<Object[]> won(MetricRequest request, Instant baselineStart, Instant periodStart, String lateDays) {
        if (!DealFacts.rollupsAnswer(request, baselineStart, request.end())) {
            return deals.won(request, baselineStart, request.end(), request.managerId())
                    .param("periodStart", periodStart)
                    .param("lateDays", lateDays)
                    .rows(
                            em,
                            "select manager_id, closed_at >= :periodStart, count(*), count(*) filter (where " + LATE
                                    + "), sum(lines.amount), sum(lines.before_discount) from deal left join lateral "
                                    + "(select sum(l.amount * deal.rate) as amount, "
                                    + "sum(l.quantity * l.unit_price * deal.rate) as before_discount "
                                    + "from deal_line_fact l where l.gen = deal.gen and l.tenant_id = deal.tenant_id "
                                    + "and l.deal_id = deal.deal_id) lines on deal.rate is not null group by 1, 2");
        }
        SqlFilter filter = DealFacts.dealFilter("r", null, request, request.managerId())
                .and("r.closed_hour >= :start", "start", baselineStart)
                .and("r.closed_hour < :end", "end", request.end())
                .param("periodStart", periodStart)
                .param("lateDays", lateDays);
        DealFacts.bindDays(filter, request, baselineStart, request.end());
        if (request.source() != null || request.pipelineId() != null) {
            return filter.rows(
                    em, WON_FROM_ROLLUPS.formatted(DealFacts.RATES_OF_DAYS, filter.where(), filter.where(), PRICED));
        }
        UtcMonths split = UtcMonths.split(baselineStart, periodStart, request.end());
        filter.param("edgeFrom", UtcMonths.froms(split.edges()))
                .param("edgeTo", UtcMonths.tos(split.edges()))
                .param("monthFrom", UtcMonths.froms(split.months()))
                .param("monthTo", UtcMonths.tos(split.months()));
        // the monthly rows' own filter: the tenant, the generation and the owner (bound by filter)
        String monthly = SqlFilter.forTenant("m", request)
                .and("m.manager_id = :managerId", "managerId", request.managerId())
                .where();
        return filter.rows(em, WON_FROM_MONTHS.formatted(DealFacts.RATES_OF_DAYS, filter.where(), monthly, PRICED));
    }

    /**
     * {@link #won}'s statement on the rollups: the rates of the days; the deals per manager and window; the lines per
     * manager, window and currency, and per day only in another currency than the base one (the base currency's rate
     * is 1 by the rule of rate_of_day, V2026_12_24_20, so most rows need neither their day in the zone nor a rate); the
     * late days' array parsed once ({@code late_days}: a cast from the bound string is not folded into a constant,
     * and was parsed again for every row).
     */
    private static final String WON_FROM_ROLLUPS = """
            with %1$s,
            late_days as materialized (select cast(:lateDays as date[]) as days),
            won as (select r.manager_id, r.closed_hour >= :periodStart as in_period, sum(r.deals) as deals,
                    sum(r.deals) filter (where cast(r.closed_hour at time zone :zone as date) = any(late_days.days))
                        as late
                from won_deal_hour r cross join late_days %2$s group by 1, 2),
            line as (select r.manager_id, r.closed_hour >= :periodStart as in_period, r.currency,
                    case when r.currency <> cast(:base as char(3))
                        then cast(r.closed_hour at time zone :zone as date) end as day,
                    sum(r.amount) as amount, sum(r.before_discount) as before_discount
                from won_line_hour r %3$s group by 1, 2, 3, 4),
            %4$s
            select manager_id, in_period, sum(deals), sum(late), sum(amount), sum(before_discount)
            from (select manager_id, in_period, deals, late, cast(null as numeric) as amount,
                    cast(null as numeric) as before_discount
                from won
                union all
                select manager_id, in_period, 0, 0, amount, before_discount from priced) x
            group by 1, 2""";

    /**
     * The won lines ({@code line}: per manager, window, currency, and day for another currency than the base one)
     * converted to the base currency at the rate of their day ({@code rate}); the base currency's rows as they are.
     */
    private static final String PRICED = """
            priced as (select l.manager_id, l.in_period,
                    case when l.day is null then l.amount else l.amount * rate.rate_to_base end as amount,
                    case when l.day is null then l.before_discount else l.before_discount * rate.rate_to_base end
                        as before_discount
                from line l left join rate on rate.currency = l.currency and rate.day = l.day)""";

    /**
     * {@link #won}'s statement on the monthly rollups (migration V2026_12_27_10), for a request without a source or
     * pipeline filter (the monthly rows have neither):
     * <ul>
     *   <li>the wins: the windows' whole UTC months ({@code whole}, {@link UtcMonths}) from {@code won_owner_month},
     *       their partial months at the bounds ({@code edge}) from {@code won_deal_hour};
     *   <li>the late wins: {@code won_deal_hour}'s hours of the 12 late days;
     *   <li>the lines in the base currency: the whole months from {@code won_line_owner_month}, the edges from {@code
     *       won_line_hour};
     *   <li>the lines in another currency: from {@code won_line_hour} over both windows, per day for the day's rate,
     *       only in the currencies the tenant has rates for (a line without a rate is left out of the amounts either
     *       way), a range of its index {@code won_line_hour_by_currency} per currency.
     * </ul>
     * Each hourly read is a lateral range per edge, day or currency ({@code offset 0} keeps it a range of the index:
     * flattened, the planner joined the ranges to a scan of the tenant's rows). At rest at scale 0.1 for 12 months:
     * 92-99 ms, against 300-370 ms for {@link #WON_FROM_ROLLUPS} (docs/benchmarks.md).
     */
    private static final String WON_FROM_MONTHS = """
            with %1$s,
            late_days as materialized (select cast(:lateDays as date[]) as days),
            edge as materialized (select e.f, e.t
                from unnest(cast(:edgeFrom as timestamptz[]), cast(:edgeTo as timestamptz[])) e(f, t)),
            whole as materialized (select w.f, w.t
                from unnest(cast(:monthFrom as timestamptz[]), cast(:monthTo as timestamptz[])) w(f, t)),
            won as (select r.manager_id, r.closed_hour >= :periodStart as in_period, sum(r.deals) as deals
                    from edge cross join lateral (select r.* from won_deal_hour r
                        %2$s and r.closed_hour >= edge.f and r.closed_hour < edge.t offset 0) r
                    group by 1, 2
                union all
                select m.manager_id, m.month >= :periodStart, sum(m.deals)
                    from whole join won_owner_month m on m.month >= whole.f and m.month < whole.t
                    %3$s group by 1, 2),
            late as (select r.manager_id, r.closed_hour >= :periodStart as in_period, sum(r.deals) as late
                from late_days cross join unnest(late_days.days) d(day)
                cross join lateral (select r.* from won_deal_hour r
                    %2$s and r.closed_hour >= cast(d.day as timestamp) at time zone :zone
                    and r.closed_hour < cast(d.day + 1 as timestamp) at time zone :zone offset 0) r
                group by 1, 2),
            line as (select r.manager_id, r.closed_hour >= :periodStart as in_period, r.currency,
                    cast(null as date) as day, sum(r.amount) as amount, sum(r.before_discount) as before_discount
                    from edge cross join lateral (select r.* from won_line_hour r
                        %2$s and r.currency = cast(:base as char(3))
                        and r.closed_hour >= edge.f and r.closed_hour < edge.t offset 0) r
                    group by 1, 2, 3, 4
                union all
                select r.manager_id, r.closed_hour >= :periodStart, r.currency,
                        cast(r.closed_hour at time zone :zone as date), sum(r.amount), sum(r.before_discount)
                    from (select distinct currency from rate where currency <> cast(:base as char(3))) c
                    cross join lateral (select r.* from won_line_hour r
                        %2$s and r.currency = c.currency offset 0) r
                    group by 1, 2, 3, 4
                union all
                select m.manager_id, m.month >= :periodStart, m.currency, cast(null as date), sum(m.amount),
                        sum(m.before_discount)
                    from whole join won_line_owner_month m on m.month >= whole.f and m.month < whole.t
                    %3$s and m.currency = cast(:base as char(3)) group by 1, 2, 3, 4),
            %4$s
            select manager_id, in_period, sum(deals), sum(late), sum(amount), sum(before_discount)
            from (select manager_id, in_period, deals, 0 as late, cast(null as numeric) as amount,
                    cast(null as numeric) as before_discount
                from won
                union all
                select manager_id, in_period, 0, late, null, null from late
                union all
                select manager_id, in_period, 0, 0, amount, before_discount from priced) x
            group by 1, 2""";

    static List<LocalDate> lastWorkingDays(WorkCalendar calendar, LocalDate from, LocalDate to) {
        List<LocalDate> last = new ArrayList<>();
        for (LocalDate day = to; !day.isBefore(from) && last.size() < LAST_DAYS; day = day.minusDays(1)) {
            if (calendar.isWorkingDay(day)) {
                last.add(day);
            }
        }
        return last;
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal depth(Window window) {
        return window.linesBeforeDiscount.signum() == 0
                ? null
                : BigDecimal.ONE.subtract(
                        window.linesAmount.divide(window.linesBeforeDiscount, 4, RoundingMode.HALF_UP));
    }

    static BurnoutFigures.Part part(String name, BigDecimal current, BigDecimal baseline) {
        BigDecimal score;
        if (current == null || baseline == null) {
            score = BigDecimal.ZERO;
        } else if (baseline.signum() == 0) {
            score = current.signum() > 0 ? HUNDRED : BigDecimal.ZERO;
        } else {
            score = current.divide(baseline, 6, RoundingMode.HALF_UP)
                    .subtract(BigDecimal.ONE)
                    .multiply(HUNDRED)
                    .max(BigDecimal.ZERO)
                    .min(HUNDRED);
        }
        return new BurnoutFigures.Part(name, current, baseline, score.setScale(1, RoundingMode.HALF_UP));
    }
}
