package com.salespulse.analytics.metric.forgotten;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.TrendPeriod;
import com.salespulse.analytics.metric.load.StaleCards;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.OpenCards;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import com.salespulse.analytics.readmodel.ReadPlans;
import com.salespulse.analytics.readmodel.SqlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Answers metric 11 from the open cards and {@code task_fact}, at the request's "now", counted in the database. */
@ApplicationScoped
public class ForgottenQuery {

    public static final String METRIC = "forgotten-cards";
    public static final int DEFINITION_VERSION = 3;

    public enum Figure {
        FORGOTTEN,
        OVERDUE,
        /** Issue 20: open deals in their stage longer than its limit. */
        ROTTING,
        /** Issue 20: open cards snoozed now. */
        SNOOZED
    }

    private final EntityManager em;
    private final ProjectionPositionRepository positions;
    private final DealFacts deals;
    private final Labels labels;

    public ForgottenQuery(EntityManager em, ProjectionPositionRepository positions, DealFacts deals, Labels labels) {
        this.em = em;
        this.positions = positions;
        this.deals = deals;
        this.labels = labels;
    }

    /** How many cards (or tasks) a manager has behind a figure, and the oldest one's age in whole days. */
    public record Tally(long count, long oldestDays, long oldestWorkingDays) {}

    /** The cards or tasks of one figure: a query's {@code from … where …} and the parameters it binds. */
    private record Selection(SqlFilter filter, String from) {}

    /**
     * The forgotten cards: open, owned, without an open task, and untouched for at least the tenant's grace (a card
     * created or touched a moment ago has not been forgotten yet).
     */
    private static Selection forgottenCards(MetricRequest request) {
        SqlFilter filter = SqlFilter.params()
                .param("graceEnd", request.now().minus(request.calendar().forgottenGrace()));
        return new Selection(
                filter,
                OpenCards.with(request, filter)
                        + StaleCards.andCardState(filter, request.now(), request.past() != null)
                        + "select %s from card_state c where " + isForgotten(request));
    }

    /**
     * Whether card {@code c} of {@code card_state} is forgotten: not snoozed, without an open task, untouched since
     * {@code :graceEnd}.
     */
    private static String isForgotten(MetricRequest request) {
        return "not c.snoozed and not exists (select 1 from " + tasks(request)
                + " t where t.gen = :gen and t.tenant_id = :tenant and t.card_id = c.card_id "
                + "and t.status = 'OPEN') and coalesce(c.last_touched_at, c.created_at) <= :graceEnd";
    }

    /** The answer's three card figures per owner: forgotten, rotting and snoozed. */
    private record CardTallies(Map<UUID, Tally> forgotten, Map<UUID, Tally> rotting, Map<UUID, Tally> snoozed) {}

    /**
     * The forgotten, rotting and snoozed cards per owner (each with its oldest moment: the last touch, the stage entry,
     * the snooze) from one pass over the open cards: the open cards, their rotting limits and snoozes
     * are read once, not once a figure.
     */
    private CardTallies cardTallies(MetricRequest request) {
        SqlFilter filter = SqlFilter.params()
                .param("graceEnd", request.now().minus(request.calendar().forgottenGrace()));
        String sql = OpenCards.with(request, filter)
                + StaleCards.andCardState(filter, request.now(), request.past() != null)
                + "select c.manager_id, count(*) filter (where c.forgotten), "
                + "min(c.last_touched_at) filter (where c.forgotten), count(*) filter (where c.rotting), "
                + "min(c.stage_entered_at) filter (where c.rotting), count(*) filter (where c.snoozed), "
                + "min(c.snoozed_at) filter (where c.snoozed) "
                // offset 0 keeps the flag a column computed once a card: pulled up, the planner copies its task
                // lookup into each aggregate that filters on it (a scratch tenant's 44 662 open cards: 276 ms so,
                // 114 ms with the flag computed once, against 265 ms for the three statements of one figure each)
                + "from (select c.*, " + isForgotten(request) + " as forgotten from card_state c offset 0) c "
                + "group by 1 order by 1";
        CardTallies tallies = new CardTallies(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        for (Object[] row : filter.rows(em, sql)) {
            UUID manager = Columns.uuid(row[0]);
            List<Map<UUID, Tally>> figures = List.of(tallies.forgotten(), tallies.rotting(), tallies.snoozed());
            for (int figure = 0; figure < figures.size(); figure++) {
                long count = Columns.number(row[1 + 2 * figure]);
                if (count > 0) {
                    figures.get(figure).put(manager, tally(request, count, Columns.instant(row[2 + 2 * figure])));
                }
            }
        }
        return tallies;
    }

    private static Tally tally(MetricRequest request, long count, Instant oldest) {
        return new Tally(
                count, days(oldest, request.now()), StaleCards.workingDays(request.calendar(), oldest, request.now()));
    }

    /** Issue 20: the open cards in one state now (rotting deals, or snoozed cards). */
    private static Selection staleCards(MetricRequest request, Figure figure) {
        SqlFilter filter = SqlFilter.params();
        return new Selection(
                filter,
                OpenCards.with(request, filter) + StaleCards.andCardState(filter, request.now(), request.past() != null)
                        + "select %s from card_state c where "
                        + (figure == Figure.ROTTING ? "c.rotting" : "c.snoozed"));
    }

    /** The overdue tasks: open and due before now. */
    private static Selection overdueTasks(MetricRequest request) {
        SqlFilter filter = SqlFilter.forTenant("t", request)
                .and("t.status = 'OPEN'")
                .and("t.due_at < :now", "now", request.now())
                // an archived deal's tasks are out of sight with it (issue 20)
                .and(
                        request.past() != null
                                ? "not deal_archived_at(:gen, :tenant, t.card_id, :now)"
                                : "not exists (select 1 from deal_fact d where d.gen = :gen and d.tenant_id = :tenant "
                                        + "and d.deal_id = t.card_id and d.archived)")
                .and("t.assignee_id = :managerId", "managerId", request.managerId())
                .and(
                        "t.assignee_id in (select m.manager_id from manager_fact m where m.gen = :gen and m.tenant_id = :tenant "
                                + "and m.team_id = :teamId)",
                        "teamId",
                        request.teamId());
        return new Selection(filter, "select %s from " + tasks(request) + " t" + filter.where());
    }

    /** The tasks: now, or at the request's past moment (bound as {@code now}) from their history. */
    private static String tasks(MetricRequest request) {
        return request.past() != null ? "tasks_at(:gen, :tenant, :now)" : "task_fact";
    }

    /** Per owner: the forgotten cards and the oldest one's days since its last touch. */
    public Map<UUID, Tally> forgotten(MetricRequest request) {
        return tallies(request, forgottenCards(request), "c.manager_id, count(*), min(c.last_touched_at)", "c");
    }

    /** Per assignee: the overdue tasks and the longest overdue one's days past due. */
    public Map<UUID, Tally> overdue(MetricRequest request) {
        return tallies(request, overdueTasks(request), "t.assignee_id, count(*), min(t.due_at)", "t");
    }

    /** Grouped per manager in the database; the oldest age is the age of the earliest moment (days() falls with it). */
    private Map<UUID, Tally> tallies(MetricRequest request, Selection selection, String columns, String alias) {
        Map<UUID, Tally> tallies = new LinkedHashMap<>();
        for (Object[] row :
                selection.filter().rows(em, selection.from().formatted(columns) + " group by 1 order by 1")) {
            tallies.put(Columns.uuid(row[0]), tally(request, Columns.number(row[1]), Columns.instant(row[2])));
        }
        return tallies;
    }

    /** What the forgotten cards can be sorted by: the last touch, the title, the source, the stage, the status. */
    private static final Drill.Sortable FORGOTTEN_SORTABLE = Drill.sortable(
            "c.card_type, c.card_id",
            "at",
            "c.last_touched_at",
            "title",
            "c.title",
            "source",
            "c.source",
            "stage",
            "c.stage",
            "status",
            "c.status");
    /** What the overdue tasks can be sorted by: the due moment, the title. */
    private static final Drill.Sortable OVERDUE_SORTABLE =
            Drill.sortable("t.task_id", "at", "t.due_at", "title", "t.title");

    /** One page of the forgotten cards, oldest touch first; a rotting deal among them says so (reason ROTTING). */
    private Drill.Page forgottenPage(MetricRequest request, Drill.Order order) {
        Selection selection = forgottenCards(request);
        return order.read(
                        selection.filter(),
                        em,
                        selection
                                        .from()
                                        .formatted("c.card_type, c.card_id, c.manager_id, c.title, c.source, c.stage, "
                                                + "c.status, c.last_touched_at, c.rotting" + order.keys())
                                + order.page())
                .map(row -> MetricAnswer.DrillDownItem.of(
                                (String) row[0],
                                Columns.uuid(row[1]),
                                Columns.uuid(row[2]),
                                (String) row[3],
                                (String) row[4],
                                (String) row[5],
                                (String) row[6],
                                Columns.instant(row[7]),
                                days(Columns.instant(row[7]), request.now()),
                                Boolean.TRUE.equals(row[8]) ? StaleCards.ROTTING : null)
                        .withAgeWorkingDays(
                                StaleCards.workingDays(request.calendar(), Columns.instant(row[7]), request.now())));
    }

    /**
     * One page of the rotting deals (since they entered their stage, reason ROTTING) or of the snoozed cards (until
     * when, the snooze's reason).
     */
    private Drill.Page stalePage(MetricRequest request, Figure figure, Drill.Order order) {
        Selection selection = staleCards(request, figure);
        boolean rotting = figure == Figure.ROTTING;
        return order.read(
                        selection.filter(),
                        em,
                        selection
                                        .from()
                                        .formatted("c.card_type, c.card_id, c.manager_id, c.title, c.source, c.stage, "
                                                + "c.status, c.stage_entered_at, c.snoozed_until, c.snooze_reason"
                                                + order.keys())
                                + order.page())
                .map(row -> {
                    Instant entered = Columns.instant(row[7]);
                    return MetricAnswer.DrillDownItem.of(
                                    (String) row[0],
                                    Columns.uuid(row[1]),
                                    Columns.uuid(row[2]),
                                    (String) row[3],
                                    (String) row[4],
                                    (String) row[5],
                                    (String) row[6],
                                    rotting ? entered : Columns.instant(row[8]),
                                    rotting ? days(entered, request.now()) : null,
                                    rotting ? StaleCards.ROTTING : (String) row[9])
                            .withAgeWorkingDays(
                                    rotting
                                            ? StaleCards.workingDays(request.calendar(), entered, request.now())
                                            : null);
                });
    }

    /** One page of the overdue tasks, longest overdue first. */
    private Drill.Page overduePage(MetricRequest request, Drill.Order order) {
        Selection selection = overdueTasks(request);
        return order.read(
                        selection.filter(),
                        em,
                        selection.from().formatted("t.task_id, t.assignee_id, t.title, t.due_at" + order.keys())
                                + order.page())
                .map(row -> MetricAnswer.DrillDownItem.of(
                                "TASK",
                                Columns.uuid(row[0]),
                                Columns.uuid(row[1]),
                                (String) row[2],
                                null,
                                null,
                                "OPEN",
                                Columns.instant(row[3]),
                                days(Columns.instant(row[3]), request.now()),
                                null)
                        .withAgeWorkingDays(
                                StaleCards.workingDays(request.calendar(), Columns.instant(row[3]), request.now())));
    }

    /** What the rotting deals and snoozed cards can be sorted by: the stage entry, the title, the source, the stage. */
    private static final Drill.Sortable STALE_SORTABLE = Drill.sortable(
            "c.card_type, c.card_id",
            "at",
            "c.stage_entered_at",
            "title",
            "c.title",
            "source",
            "c.source",
            "stage",
            "c.stage",
            "status",
            "c.status");

    @Transactional
    public MetricAnswer<ForgottenFigures> answer(MetricRequest request, Figure drill) {
        ReadPlans.forTheTenant(em);
        CardTallies cards = cardTallies(request);
        Map<UUID, Tally> forgotten = cards.forgotten();
        Map<UUID, Tally> overdue = overdue(request);
        Map<UUID, Tally> rotting = cards.rotting();
        Map<UUID, Tally> snoozed = cards.snoozed();
        // forgotten, oldest forgotten, overdue, oldest overdue, rotting, snoozed, oldest forgotten and overdue in
        // working days
        Map<UUID, long[]> perManager = new LinkedHashMap<>();
        forgotten.forEach((manager, tally) -> {
            long[] f = perManager.computeIfAbsent(manager, id -> new long[8]);
            f[0] = tally.count();
            f[1] = tally.oldestDays();
            f[6] = tally.oldestWorkingDays();
        });
        overdue.forEach((manager, tally) -> {
            long[] f = perManager.computeIfAbsent(manager, id -> new long[8]);
            f[2] = tally.count();
            f[3] = tally.oldestDays();
            f[7] = tally.oldestWorkingDays();
        });
        rotting.forEach((manager, tally) -> perManager.computeIfAbsent(manager, id -> new long[8])[4] = tally.count());
        snoozed.forEach((manager, tally) -> perManager.computeIfAbsent(manager, id -> new long[8])[5] = tally.count());
        List<ForgottenFigures.ManagerFigures> byManager = new ArrayList<>();
        Map<UUID, String> names = labels.managerNames(request, perManager.keySet());
        perManager.forEach((id, f) -> byManager.add(new ForgottenFigures.ManagerFigures(
                id, names.get(id), f[0], f[1], f[2], f[3], f[6], f[7], f[4], f[5])));
        byManager.sort(Comparator.comparingLong(ForgottenFigures.ManagerFigures::forgottenCards)
                .reversed()
                .thenComparing(Comparator.comparingLong(ForgottenFigures.ManagerFigures::overdueTasks)
                        .reversed())
                .thenComparing(m -> m.managerId().toString()));
        long forgottenCount =
                forgotten.values().stream().mapToLong(Tally::count).sum();
        long overdueCount = overdue.values().stream().mapToLong(Tally::count).sum();
        long rottingCount = rotting.values().stream().mapToLong(Tally::count).sum();
        long snoozedCount = snoozed.values().stream().mapToLong(Tally::count).sum();
        MetricAnswer.DrillDown drillDown = switch (drill) {
            case OVERDUE -> {
                Drill.Order order = Drill.order(request, OVERDUE_SORTABLE, " order by t.due_at, t.task_id");
                yield Drill.cardPage(
                                request,
                                "overdueTasks",
                                order.total(() -> overdueCount),
                                overduePage(request, order),
                                deals)
                        .sorted(order);
            }
            case FORGOTTEN -> {
                Drill.Order order = Drill.order(request, FORGOTTEN_SORTABLE, " order by c.last_touched_at, c.card_id");
                yield Drill.cardPage(
                                request,
                                "forgottenCards",
                                order.total(() -> forgottenCount),
                                forgottenPage(request, order),
                                deals)
                        .sorted(order);
            }
            case ROTTING, SNOOZED -> {
                boolean rot = drill == Figure.ROTTING;
                Drill.Order order = Drill.order(
                        request,
                        STALE_SORTABLE,
                        rot ? " order by c.stage_entered_at, c.card_id" : " order by c.snoozed_until, c.card_id");
                yield Drill.cardPage(
                                request,
                                rot ? "rottingDeals" : "snoozedCards",
                                order.total(() -> rot ? rottingCount : snoozedCount),
                                stalePage(request, drill, order),
                                deals)
                        .sorted(order);
            }
        };
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                new ForgottenFigures(forgottenCount, overdueCount, byManager, rottingCount, snoozedCount),
                drillDown,
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /**
     * Issue 20's trend: per day of the request's period, the forgotten cards per owner and the overdue tasks per
     * assignee at the day's end, by the rules above read from the history as {@code asOf=} that day reads it
     * ({@code open_cards_at}, {@code card_snoozes_at}, {@code tasks_at}, {@code deal_archived_at}): two statements for
     * the whole period.
     */
    @Transactional
    public MetricAnswer<ForgottenTrendFigures> trend(MetricRequest request) {
        Map<java.time.LocalDate, Map<UUID, long[]>> perDay = new java.util.HashMap<>();
        SqlFilter cards = SqlFilter.params()
                .param("graceSeconds", request.calendar().forgottenGrace().toSeconds());
        String forgotten =
                OpenCards.withDays(request, cards, request.from(), request.to(), request.now(), request.zone())
                        + "select c.day, c.manager_id, count(*) from open_card c "
                        + "where not exists (select 1 from card_snoozes_at(:gen, :tenant, c.at) z where z.card_id = c.card_id) "
                        + "and not exists (select 1 from tasks_at(:gen, :tenant, c.at) t where t.card_id = c.card_id "
                        + "and t.status = 'OPEN') "
                        + "and coalesce(c.last_touched_at, c.created_at) <= c.at - make_interval(secs => :graceSeconds) "
                        + "group by 1, 2";
        for (Object[] row : cards.rows(em, forgotten)) {
            perDay.computeIfAbsent(Columns.date(row[0]), d -> new LinkedHashMap<>())
                            .computeIfAbsent(Columns.uuid(row[1]), m -> new long[2])[0] =
                    Columns.number(row[2]);
        }
        SqlFilter tasks = SqlFilter.params();
        String days = OpenCards.withDays(request, tasks, request.from(), request.to(), request.now(), request.zone());
        String overdue = days + "select d.day, t.assignee_id, count(*) from day d "
                + "cross join lateral tasks_at(:gen, :tenant, d.at) t "
                + "where t.status = 'OPEN' and t.due_at < d.at and not deal_archived_at(:gen, :tenant, t.card_id, d.at)"
                + (request.managerId() != null ? " and t.assignee_id = :managerId" : "")
                + (request.teamId() != null
                        ? " and t.assignee_id in (select m.manager_id from manager_fact m where m.gen = :gen "
                                + "and m.tenant_id = :tenant and m.team_id = :teamId)"
                        : "")
                + " group by 1, 2";
        for (Object[] row : tasks.rows(em, overdue)) {
            perDay.computeIfAbsent(Columns.date(row[0]), d -> new LinkedHashMap<>())
                            .computeIfAbsent(Columns.uuid(row[1]), m -> new long[2])[1] =
                    Columns.number(row[2]);
        }
        List<ForgottenTrendFigures.Day> points = TrendPeriod.days(request, day -> {
            List<ForgottenTrendFigures.ManagerDay> managers = new ArrayList<>();
            perDay.getOrDefault(day, Map.of())
                    .forEach((manager, f) -> managers.add(new ForgottenTrendFigures.ManagerDay(manager, f[0], f[1])));
            managers.sort(Comparator.comparing(m -> m.managerId().toString()));
            return new ForgottenTrendFigures.Day(
                    day,
                    managers.stream()
                            .mapToLong(ForgottenTrendFigures.ManagerDay::forgottenCards)
                            .sum(),
                    managers.stream()
                            .mapToLong(ForgottenTrendFigures.ManagerDay::overdueTasks)
                            .sum(),
                    managers);
        });
        return new MetricAnswer<>(
                METRIC + "-trend",
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                new ForgottenTrendFigures(points),
                null,
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    static long days(Instant from, Instant now) {
        return from == null || from.isAfter(now)
                ? 0
                : Duration.between(from, now).toDays();
    }
}
