package com.salespulse.analytics.metric.load;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.TrendPeriod;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.OpenCards;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import com.salespulse.analytics.readmodel.ReadPlans;
import com.salespulse.analytics.readmodel.SqlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Answers metric 3 from the open cards, {@code card_stay} and {@code manager_fact}. */
@ApplicationScoped
public class LoadQuery {

    public static final String METRIC = "manager-load";
    public static final int DEFINITION_VERSION = 1;
    static final BigDecimal IDLE_BELOW = new BigDecimal("0.25");

    private final EntityManager em;
    private final ProjectionPositionRepository positions;
    private final DealFacts deals;

    public LoadQuery(EntityManager em, ProjectionPositionRepository positions, DealFacts deals) {
        this.em = em;
        this.positions = positions;
        this.deals = deals;
    }

    @Transactional
    public MetricAnswer<LoadFigures> answer(MetricRequest request, BigDecimal capacityLimitPercent) {
        return answer(request, capacityLimitPercent, true);
    }

    /**
     * With {@code stagesAndCards} false, the managers' figures only (what the over-capacity alert reads): no stages,
     * so no scan of every stay the tenant ever closed for their usual length, and no drill-down.
     */
    @Transactional
    public MetricAnswer<LoadFigures> answer(
            MetricRequest request, BigDecimal capacityLimitPercent, boolean stagesAndCards) {
        ReadPlans.forTheTenant(em);
        SqlFilter filter = SqlFilter.params().param("now", request.now());
        String with = OpenCards.with(request, filter);
        // managers: the roster's active ones (honouring the filters) and anyone else owning an open card
        Map<UUID, Object[]> roster = new LinkedHashMap<>();
        // at a past moment (asOf=): the managers hired by then and not yet dismissed, in the team they are in now
        boolean past = request.past() != null;
        SqlFilter managerFilter = SqlFilter.forTenant("m", request)
                .and(
                        past
                                ? "(m.dismissed_at is null or m.dismissed_at > :now) and m.hired_at <= :now"
                                : "m.dismissed_at is null")
                .param("now", request.now())
                .and("m.manager_id = :managerId", "managerId", request.managerId())
                .and("m.team_id = :teamId", "teamId", request.teamId());
        for (Object[] row : managerFilter.rows(
                em, "select m.manager_id, m.name, m.capacity from manager_fact m" + managerFilter.where())) {
            roster.put(Columns.uuid(row[0]), row);
        }
        SqlFilter dismissedFilter = SqlFilter.forTenant("m", request)
                .and(past ? "m.dismissed_at <= :now" : "m.dismissed_at is not null")
                .param("now", request.now());
        List<UUID> dismissed =
                dismissedFilter
                        .rows(em, "select m.manager_id, 1 from manager_fact m" + dismissedFilter.where())
                        .stream()
                        .map(r -> Columns.uuid(r[0]))
                        .toList();

        Map<UUID, List<LoadFigures.StageCount>> perManager = new HashMap<>();
        Map<UUID, Long> openPerManager = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        for (Object[] row : filter.rows(
                em,
                with
                        + "select manager_id, stage, stage_label, count(*) from open_card group by 1, 2, 3 order by 4 desc, 2")) {
            UUID manager = Columns.uuid(row[0]);
            if (dismissed.contains(manager)) {
                continue;
            }
            long count = Columns.number(row[3]);
            // a lead's stage is its status, named in the tenant's language; a deal stage by its pipeline's name
            String label = row[1] != null && ((String) row[1]).startsWith("LEAD:")
                    ? com.salespulse.analytics.metric.Labels.leadStage(
                            request.calendar().language(), (String) row[1])
                    : (String) row[2];
            perManager
                    .computeIfAbsent(manager, id -> new ArrayList<>())
                    .add(new LoadFigures.StageCount((String) row[1], label, count));
            openPerManager.merge(manager, count, Long::sum);
            labels.put((String) row[1], label);
        }

        // issue 20: per manager, rotting deals and snoozed cards (not for the over-capacity alert, which needs neither)
        Map<UUID, long[]> stale = stagesAndCards ? staleCounts(request) : Map.of();
        List<LoadFigures.ManagerLoad> managers = new ArrayList<>();
        List<UUID> everyone = new ArrayList<>(roster.keySet());
        perManager.keySet().stream().filter(id -> !roster.containsKey(id)).forEach(everyone::add);
        for (UUID manager : everyone) {
            Object[] known = roster.get(manager);
            Integer capacity = known == null ? null : ((Number) known[2]).intValue();
            long open = openPerManager.getOrDefault(manager, 0L);
            BigDecimal use = capacity == null || capacity == 0
                    ? null
                    : BigDecimal.valueOf(open).divide(BigDecimal.valueOf(capacity), 4, RoundingMode.HALF_UP);
            String state = use == null
                    ? "NORMAL"
                    : use.multiply(BigDecimal.valueOf(100)).compareTo(capacityLimitPercent) > 0
                            ? "OVERLOADED"
                            : use.compareTo(IDLE_BELOW) < 0 ? "IDLE" : "NORMAL";
            managers.add(new LoadFigures.ManagerLoad(
                    manager,
                    known == null ? null : (String) known[1],
                    capacity,
                    open,
                    use,
                    state,
                    perManager.getOrDefault(manager, List.of()),
                    stale.getOrDefault(manager, new long[2])[0],
                    stale.getOrDefault(manager, new long[2])[1]));
        }
        managers.sort(Comparator.comparingLong(LoadFigures.ManagerLoad::openCards)
                .reversed()
                .thenComparing(m -> m.managerId().toString()));

        Map<String, BigDecimal> usual = new HashMap<>();
        List<LoadFigures.StageLoad> stages = new ArrayList<>();
        List<UUID> shown =
                managers.stream().map(LoadFigures.ManagerLoad::managerId).toList();
        if (stagesAndCards) {
            for (Object[] row : SqlFilter.forTenant("s", request)
                    .param("now", request.now())
                    .rows(em, usualDays(past))) {
                usual.put((String) row[0], new BigDecimal(row[1].toString()).setScale(1, RoundingMode.HALF_UP));
            }
            // per stage, over the open cards of the managers shown: how many, and the mean days in the stage so far
            if (!shown.isEmpty()) {
                filter.param("shown", shown);
                for (Object[] row : filter.rows(
                        em,
                        with + "select stage, count(*), sum(extract(epoch from (:now - stage_entered_at)) / 86400) "
                                + "from open_card where manager_id in (:shown) group by stage order by stage")) {
                    long count = Columns.number(row[1]);
                    stages.add(new LoadFigures.StageLoad(
                            (String) row[0],
                            labels.get((String) row[0]),
                            count,
                            BigDecimal.valueOf(((Number) row[2]).doubleValue() / count)
                                    .setScale(1, RoundingMode.HALF_UP),
                            usual.get((String) row[0])));
                }
            }
        }
        stages.sort(Comparator.comparingLong(LoadFigures.StageLoad::openCards)
                .reversed()
                .thenComparing(LoadFigures.StageLoad::stage));

        long openCards =
                managers.stream().mapToLong(LoadFigures.ManagerLoad::openCards).sum();
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                new LoadFigures(
                        openCards,
                        managers,
                        stages,
                        bottleneck(stages),
                        managers.stream()
                                .filter(m -> "OVERLOADED".equals(m.state()))
                                .map(LoadFigures.ManagerLoad::managerId)
                                .toList(),
                        managers.stream()
                                .filter(m -> "IDLE".equals(m.state()))
                                .map(LoadFigures.ManagerLoad::managerId)
                                .toList(),
                        managers.stream()
                                .mapToLong(LoadFigures.ManagerLoad::rottingDeals)
                                .sum(),
                        managers.stream()
                                .mapToLong(LoadFigures.ManagerLoad::snoozedCards)
                                .sum()),
                stagesAndCards ? drillDown(request, filter, with, shown) : null,
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /**
     * Per stage (of leads and deals), the mean length of its finished stays in days: {@code (stage, days)}. Binds
     * {@code gen}, {@code tenant}, and {@code now} when {@code past}. Now from the rollup {@code card_stay_hour}
     * (migration V2026_12_18_20: the stays' seconds summed and counted, so the mean is exact) instead of every stay
     * the tenant ever finished; at a past moment from the stays finished by then in {@code card_stay}.
     */
    public static String usualDays(boolean past) {
        return past
                ? "select s.stage, avg(extract(epoch from (s.left_at - s.entered_at))) / 86400 from card_stay s "
                        + "where s.gen = :gen and s.tenant_id = :tenant and s.left_at <= :now group by 1"
                : "select s.stage, sum(s.seconds) / sum(s.stays) / 86400 from card_stay_hour s "
                        + "where s.gen = :gen and s.tenant_id = :tenant group by 1";
    }

    /**
     * Issue 20's trend: per day of the request's period, the open cards per owner at the day's end (what {@code asOf=}
     * that day reads: {@code open_cards_at}), counted in one statement; owners dismissed by then left out.
     */
    @Transactional
    public MetricAnswer<LoadTrendFigures> trend(MetricRequest request) {
        SqlFilter filter = SqlFilter.params();
        String sql = OpenCards.withDays(request, filter, request.from(), request.to(), request.now(), request.zone())
                + "select c.day, c.manager_id, count(*) from open_card c where not exists (select 1 from manager_fact m "
                + "where m.gen = :gen and m.tenant_id = :tenant and m.manager_id = c.manager_id "
                + "and m.dismissed_at <= c.at) group by 1, 2 order by 1, 2";
        Map<java.time.LocalDate, List<LoadTrendFigures.ManagerDay>> perDay = new HashMap<>();
        for (Object[] row : filter.rows(em, sql)) {
            perDay.computeIfAbsent(Columns.date(row[0]), d -> new ArrayList<>())
                    .add(new LoadTrendFigures.ManagerDay(Columns.uuid(row[1]), Columns.number(row[2])));
        }
        List<LoadTrendFigures.Day> days = TrendPeriod.days(request, day -> {
            List<LoadTrendFigures.ManagerDay> managers = perDay.getOrDefault(day, List.of());
            return new LoadTrendFigures.Day(
                    day,
                    managers.stream()
                            .mapToLong(LoadTrendFigures.ManagerDay::openCards)
                            .sum(),
                    managers);
        });
        return new MetricAnswer<>(
                METRIC + "-trend",
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                new LoadTrendFigures(days),
                null,
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /** Per owner of open cards: {rotting deals, snoozed cards} now, counted in the database. */
    private Map<UUID, long[]> staleCounts(MetricRequest request) {
        SqlFilter filter = SqlFilter.params();
        String sql =
                OpenCards.with(request, filter) + StaleCards.andCardState(filter, request.now(), request.past() != null)
                        + "select manager_id, count(*) filter (where rotting), count(*) filter (where snoozed) "
                        + "from card_state group by 1";
        Map<UUID, long[]> counts = new HashMap<>();
        for (Object[] row : filter.rows(em, sql)) {
            counts.put(Columns.uuid(row[0]), new long[] {Columns.number(row[1]), Columns.number(row[2])});
        }
        return counts;
    }

    /** A manager's rotting deals now: how many, and the longest a rotting one has been in its stage, in days. */
    public record Rotting(long deals, long longestDays) {}

    /** Per owner, the rotting deals now (the DEALS_ROTTING alert). Dismissed managers' cards are metric 12's. */
    @Transactional
    public Map<UUID, Rotting> rotting(MetricRequest request) {
        SqlFilter filter = SqlFilter.params();
        String sql =
                OpenCards.with(request, filter) + StaleCards.andCardState(filter, request.now(), request.past() != null)
                        + "select c.manager_id, count(*), min(c.stage_entered_at) from card_state c where c.rotting "
                        + "and not exists (select 1 from manager_fact m where m.gen = :gen and m.tenant_id = :tenant "
                        + "and m.manager_id = c.manager_id and m.dismissed_at is not null) group by 1 order by 1";
        Map<UUID, Rotting> rotting = new LinkedHashMap<>();
        for (Object[] row : filter.rows(em, sql)) {
            rotting.put(
                    Columns.uuid(row[0]),
                    new Rotting(Columns.number(row[1]), StaleCards.days(Columns.instant(row[2]), request.now())));
        }
        return rotting;
    }

    static LoadFigures.Bottleneck bottleneck(List<LoadFigures.StageLoad> stages) {
        LoadFigures.StageLoad longest = null;
        double worst = 1.0;
        for (LoadFigures.StageLoad stage : stages) {
            if (stage.usualDays() != null && stage.usualDays().signum() > 0) {
                double ratio = stage.meanDaysInStage().doubleValue()
                        / stage.usualDays().doubleValue();
                if (ratio > worst) {
                    worst = ratio;
                    longest = stage;
                }
            }
        }
        if (longest != null) {
            return new LoadFigures.Bottleneck(longest.stage(), longest.label(), "STAYING_LONGER");
        }
        return stages.isEmpty()
                ? null
                : new LoadFigures.Bottleneck(
                        stages.get(0).stage(), stages.get(0).label(), "PILING_UP");
    }

    /** What the open cards can be sorted by: entering the stage, the title, the source, the stage, the status. */
    private static final Drill.Sortable SORTABLE = Drill.sortable(
            "card_type, card_id",
            "at",
            "stage_entered_at",
            "title",
            "title",
            "source",
            "source",
            "stage",
            "stage",
            "status",
            "status");

    /** The open cards of the managers shown, longest in their stage first: one page, and how many in all. */
    private MetricAnswer.DrillDown drillDown(MetricRequest request, SqlFilter filter, String with, List<UUID> shown) {
        Drill.Order order = Drill.order(request, SORTABLE, " order by stage_entered_at, card_id");
        if (shown.isEmpty()) {
            return Drill.cardPage(request, "openCards", order.total(() -> 0), Drill.Page.EMPTY, deals)
                    .sorted(order);
        }
        filter.param("shown", shown);
        Long total = order.total(
                () -> filter.count(em, Drill.countUpTo(with, " from open_card where manager_id in (:shown)")));
        Drill.Page page = order.read(
                        filter,
                        em,
                        with + "select card_type, card_id, manager_id, title, source, stage, status, stage_entered_at"
                                + order.keys() + " from open_card where manager_id in (:shown)" + order.page())
                .map(row -> MetricAnswer.DrillDownItem.of(
                        (String) row[0],
                        Columns.uuid(row[1]),
                        Columns.uuid(row[2]),
                        (String) row[3],
                        (String) row[4],
                        (String) row[5],
                        (String) row[6],
                        Columns.instant(row[7]),
                        java.time.Duration.between(Columns.instant(row[7]), request.now())
                                .toDays(),
                        null));
        return Drill.cardPage(request, "openCards", total, page, deals).sorted(order);
    }
}
