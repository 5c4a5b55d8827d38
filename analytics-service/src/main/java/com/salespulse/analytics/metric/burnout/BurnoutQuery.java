package com.salespulse.analytics.metric.burnout;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.DealFacts.Deal;
import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.Stats;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.DealTeams;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Answers metric 10; also used by the BASE_BURNOUT alert. */
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
        Set<UUID> clients = new HashSet<>();
        Set<UUID> doNotContact = new HashSet<>();
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
        List<MetricAnswer.DrillDownItem> items = (drill == DrillFigure.PRESSURE_LOSSES
                        ? result.pressureLosses
                        : result.lateWins)
                .stream()
                        .map(d -> Drill.deal(
                                d,
                                drill == DrillFigure.PRESSURE_LOSSES ? "LOST" : "WON",
                                drill == DrillFigure.PRESSURE_LOSSES ? lossReason(d) : Drill.unconverted(d)))
                        .toList();
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                result.figures,
                Drill.page(request, drill == DrillFigure.PRESSURE_LOSSES ? "pressureLossShare" : "endCrowding", items),
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /** The figures and the deals of the period behind pressureLossShare and endCrowding. */
    public record Result(BurnoutFigures figures, List<Deal> pressureLosses, List<Deal> lateWins) {}

    @Transactional
    public Result compute(MetricRequest request) {
        WorkCalendar calendar = request.calendar();
        long days = ChronoUnit.DAYS.between(request.from(), request.to()) + 1;
        LocalDate baselineFrom = request.from().minusDays(days * BASELINE_PERIODS);
        Instant baselineStart = baselineFrom.atStartOfDay(request.zone()).toInstant();
        Set<LocalDate> lateDays = new HashSet<>();
        for (int back = 0; back <= BASELINE_PERIODS; back++) {
            LocalDate to = request.to().minusDays(days * back);
            lateDays.addAll(lastWorkingDays(calendar, to.minusDays(days - 1), to));
        }

        Map<UUID, Window> current = new HashMap<>();
        Map<UUID, Window> baseline = new HashMap<>();
        touches(request, request.start(), request.end(), current);
        touches(request, baselineStart, request.start(), baseline);
        List<Deal> pressureLosses = new ArrayList<>();
        List<Deal> lateWins = new ArrayList<>();
        closings(request, request.start(), request.end(), current, lateDays, pressureLosses, lateWins);
        closings(request, baselineStart, request.start(), baseline, lateDays, new ArrayList<>(), new ArrayList<>());

        List<BurnoutFigures.ManagerBurnout> managers = new ArrayList<>();
        Map<UUID, String> names = labels.managerNames(request, current.keySet());
        for (UUID manager : new TreeSet<>(current.keySet())) {
            Window now = current.get(manager);
            Window before = baseline.getOrDefault(manager, new Window());
            List<BurnoutFigures.Part> parts = List.of(
                    part(
                            "touchesPerClient",
                            ratio(now.touches, now.clients.size()),
                            ratio(before.touches, before.clients.size())),
                    part(
                            "doNotContactShare",
                            ratio(now.doNotContact.size(), now.clients.size()),
                            ratio(before.doNotContact.size(), before.clients.size())),
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
        return new Result(new BurnoutFigures(managers, BASELINE_PERIODS), pressureLosses, lateWins);
    }

    private void touches(MetricRequest request, Instant start, Instant end, Map<UUID, Window> windows) {
        SqlFilter filter = SqlFilter.forTenant("a", request)
                .and("a.occurred_at >= :start", "start", start)
                .and("a.occurred_at < :end", "end", end)
                .and("a.manager_id = :managerId", "managerId", request.managerId())
                // a touch counts for the team its manager was in when it was made, by the one rule of
                // readmodel/DealTeams
                // (a touch older than the first team the roster knows counts for that team, as a deal does)
                .and(DealTeams.teamAt("a", "a.manager_id", "a.occurred_at") + " = :teamId", "teamId", request.teamId());
        for (Object[] row : filter.rows(
                em, "select a.manager_id, a.client_id, a.do_not_contact from activity_fact a" + filter.where())) {
            Window window = windows.computeIfAbsent(Columns.uuid(row[0]), m -> new Window());
            window.touches++;
            UUID client = Columns.uuid(row[1]);
            if (client != null) {
                window.clients.add(client);
                if ((Boolean) row[2]) {
                    window.doNotContact.add(client);
                }
            }
        }
    }

    private void closings(
            MetricRequest request,
            Instant start,
            Instant end,
            Map<UUID, Window> windows,
            Set<LocalDate> lateDays,
            List<Deal> pressureLosses,
            List<Deal> lateWins) {
        for (Deal deal : deals.lost(request, start, end, request.managerId())) {
            Window window = windows.computeIfAbsent(deal.managerId(), m -> new Window());
            window.lost++;
            if ("PRESSURE".equals(deal.lossReasonKind())) {
                window.pressureLost++;
                pressureLosses.add(deal);
            }
        }
        for (Deal deal : deals.won(request, start, end, request.managerId())) {
            Window window = windows.computeIfAbsent(deal.managerId(), m -> new Window());
            window.won++;
            if (lateDays.contains(LocalDate.ofInstant(deal.closedAt(), request.zone()))) {
                window.wonLate++;
                lateWins.add(deal);
            }
            for (DealFacts.Line line : deal.lines()) {
                if (line.amountBase() != null) {
                    window.linesAmount = window.linesAmount.add(line.amountBase());
                    window.linesBeforeDiscount =
                            window.linesBeforeDiscount.add(line.quantity().multiply(line.unitPriceBase()));
                }
            }
        }
    }

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
