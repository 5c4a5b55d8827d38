package com.salespulse.analytics.metric.dismissed;

import static com.salespulse.analytics.metric.Stats.share;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.TrendPeriod;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.DealTeams;
import com.salespulse.analytics.readmodel.FirstTouch;
import com.salespulse.analytics.readmodel.OpenCards;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import com.salespulse.analytics.readmodel.ReadPlans;
import com.salespulse.analytics.readmodel.SqlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Answers metric 12 from {@code manager_fact}, the open cards and the transfer cohorts. */
@ApplicationScoped
public class DismissedQuery {

    public static final String METRIC = "dismissed-base";
    public static final int DEFINITION_VERSION = 3;

    /** The figures of a cohort or the baseline, counted with the conditions the drill-down lists by. */
    private static final String OUTCOMES = "count(*), "
            + Stream.of(
                            DismissedDrill.Outcome.TOUCHED,
                            DismissedDrill.Outcome.WON,
                            DismissedDrill.Outcome.LOST,
                            DismissedDrill.Outcome.IDLE)
                    .map(o -> "count(*) filter (where " + o.condition + ")")
                    .collect(Collectors.joining(", "));
    /** A card of a cohort or the baseline as a drill-down row, in {@link #item}'s order. */
    private static final String CARD_COLUMNS =
            "c.card_type, c.card_id, c.manager_id, c.title, c.source, c.stage, c.status, "
                    + "c.since, c.first_touched_at";

    private static final String LEAD_STATE =
            "case when l.status = 'REJECTED' then 'LOST' when l.status in ('NEW', 'IN_WORK', "
                    + "'QUALIFIED') then 'OPEN' else l.status end";
    /**
     * The team a lead of a cohort or the baseline counts for: its owner's at its rejection or conversion, its owner's
     * now while open, as {@link DealFacts#TEAM} is for a deal (see {@code readmodel/DealTeams}).
     */
    private static final String LEAD_TEAM = DealTeams.teamAt("l", "l.owner_id", "l.closed_at");

    private final EntityManager em;
    private final ProjectionPositionRepository positions;
    private final DealFacts deals;

    public DismissedQuery(EntityManager em, ProjectionPositionRepository positions, DealFacts deals) {
        this.em = em;
        this.positions = positions;
        this.deals = deals;
    }

    /** Dismissed managers (all, or the one asked for) with the open cards they still own. */
    public List<DismissedFigures.DismissedManager> dismissedManagers(MetricRequest request) {
        MetricRequest everyone = everyone(request);
        SqlFilter filter = SqlFilter.params()
                .param("managerId", request.managerId())
                .param("teamId", request.teamId())
                .param("now", request.now());
        String sql = OpenCards.with(everyone, filter) + """
                select m.manager_id, m.name, m.dismissed_at, (select count(*) from open_card c where c.manager_id = m.manager_id)
                from manager_fact m where m.gen = :gen and m.tenant_id = :tenant and """
                // asked about a past moment (asOf=): the managers dismissed by then
                + (request.past() != null ? " m.dismissed_at <= :now" : " m.dismissed_at is not null")
                + (request.managerId() != null ? " and m.manager_id = :managerId" : "")
                + (request.teamId() != null ? " and m.team_id = :teamId" : "") + " order by 4 desc, 3, 1";
        return filter.rows(em, sql).stream()
                .map(r -> new DismissedFigures.DismissedManager(
                        Columns.uuid(r[0]),
                        (String) r[1],
                        Columns.instant(r[2]),
                        Duration.between(Columns.instant(r[2]), request.now()).toDays(),
                        Columns.number(r[3])))
                .toList();
    }

    /**
     * Issue 20's trend: per day of the request's period, each manager dismissed by the day's end with the open cards
     * they still owned then (what {@code asOf=} that day reads: {@code open_cards_at}), counted in one statement over
     * the days. The filters as {@link #dismissedManagers}': manager and team on the dismissed managers, none on cards.
     */
    @Transactional
    public MetricAnswer<DismissedTrendFigures> trend(MetricRequest request) {
        SqlFilter filter = SqlFilter.params();
        String sql = OpenCards.withDays(
                        everyone(request), filter, request.from(), request.to(), request.now(), request.zone())
                + "select d.day, m.manager_id, count(c.card_id) from day d join manager_fact m on m.gen = :gen "
                + "and m.tenant_id = :tenant and m.dismissed_at <= d.at"
                + (request.managerId() != null ? " and m.manager_id = :managerId" : "")
                + (request.teamId() != null ? " and m.team_id = :teamId" : "")
                + " left join open_card c on c.day = d.day and c.manager_id = m.manager_id "
                + "group by 1, 2 order by 1, 3 desc, 2";
        if (request.managerId() != null) {
            filter.param("managerId", request.managerId());
        }
        if (request.teamId() != null) {
            filter.param("teamId", request.teamId());
        }
        Map<java.time.LocalDate, List<DismissedTrendFigures.ManagerDay>> perDay = new java.util.HashMap<>();
        for (Object[] row : filter.rows(em, sql)) {
            perDay.computeIfAbsent(Columns.date(row[0]), d -> new ArrayList<>())
                    .add(new DismissedTrendFigures.ManagerDay(Columns.uuid(row[1]), Columns.number(row[2])));
        }
        List<DismissedTrendFigures.Day> days = TrendPeriod.days(request, day -> {
            List<DismissedTrendFigures.ManagerDay> managers = perDay.getOrDefault(day, List.of());
            return new DismissedTrendFigures.Day(
                    day,
                    managers.stream()
                            .mapToLong(DismissedTrendFigures.ManagerDay::openCards)
                            .sum(),
                    managers);
        });
        return new MetricAnswer<>(
                METRIC + "-trend",
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                new DismissedTrendFigures(days),
                null,
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /** The request without its filters: the open cards of every owner (the filters apply to the dismissed). */
    private static MetricRequest everyone(MetricRequest request) {
        MetricRequest everyone = MetricRequest.inside(
                request.tenant(), request.gen(), request.calendar(), request.from(), request.to(), request.now());
        return request.past() == null ? everyone : everyone.withPast(request.past());
    }

    @Transactional
    public MetricAnswer<DismissedFigures> answer(MetricRequest request, int touchDays) {
        return answer(request, touchDays, DismissedDrill.STILL_OWNED);
    }

    @Transactional
    public MetricAnswer<DismissedFigures> answer(MetricRequest request, int touchDays, DismissedDrill drill) {
        ReadPlans.forTheTenant(em);
        List<DismissedFigures.DismissedManager> dismissed = dismissedManagers(request);

        Cards cohortCards = cohortCards(request, touchDays);
        List<DismissedFigures.Cohort> cohorts = new ArrayList<>();
        for (Object[] r : cohortCards
                .filter()
                .rows(
                        em,
                        "select t.transfer_id, t.from_manager_id, t.reason, t.started_at, "
                                + OUTCOMES + ", " + Labels.MANAGER_NAME.formatted("t.from_manager_id")
                                + cohortCards.from()
                                + " group by 1, 2, 3, 4 order by 4, 1")) {
            cohorts.add(cohort(
                    Columns.uuid(r[0]), Columns.uuid(r[1]), (String) r[9], (String) r[2], Columns.instant(r[3]), r, 4));
        }

        Cards baselineCards = baselineCards(request, touchDays);
        Object[] b = baselineFigures(request, touchDays, baselineCards);
        DismissedFigures.Cohort baseline = cohort(null, null, null, null, null, b, 1);

        MetricAnswer.DrillDown drillDown = switch (drill.kind()) {
            case STILL_OWNED -> stillOwned(request, dismissed);
            case TRANSFER -> {
                cohortCards.filter().param("transferId", drill.transferId());
                yield cards(request, drill, cohortCards, " and t.transfer_id = :transferId");
            }
            case BASELINE -> cards(request, drill, baselineCards, "");
        };
        long stillOwned = dismissed.stream()
                .mapToLong(DismissedFigures.DismissedManager::openCards)
                .sum();
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                new DismissedFigures(stillOwned, dismissed, cohorts, baseline, touchDays),
                drillDown,
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /**
     * The cards a set of figures is counted over, one row {@code c} per card (see {@link #CARD_COLUMNS}, plus
     * {@code transfer_id} for a cohort): {@code from} is everything after the select list, ending in a {@code where}
     * a caller may extend with {@code and ...} (a figure's condition, one transfer).
     */
    private record Cards(SqlFilter filter, String from) {}

    /**
     * Every card of the transfers started in the period, joined to its transfer {@code t}: the manager it moved to,
     * since = the move. A manager sees the cards moved to them; the team filter is {@link DismissedFigures#TEAM_RULE}.
     */
    private static Cards cohortCards(MetricRequest request, int touchDays) {
        SqlFilter filter = SqlFilter.forTenant("t", request)
                .param("touchDays", touchDays)
                .and("t.started_at >= :start", "start", request.start())
                .and("t.started_at < :end", "end", request.end())
                .param("managerId", request.managerId())
                .and("c.team_id = :teamId", "teamId", request.teamId());
        String cards = """
                select tc.transfer_id, tc.card_type, tc.card_id, tc.to_manager_id as manager_id,
                       coalesce(d.client_name, l.client_name) as title, coalesce(d.source, l.source) as source,
                       tc.moved_at as since, %s as first_touched_at,
                       coalesce(d.status, %s) as state,
                       case when tc.card_type = 'DEAL' then cast(d.stage_id as text) else 'LEAD:' || l.status end as stage,
                       coalesce(d.status, l.status) as status,
                       case when tc.card_type = 'DEAL' then %s else %s end as team_id
                from transfer_card tc
                left join deal_fact d on tc.card_type = 'DEAL' and d.gen = tc.gen and d.tenant_id = tc.tenant_id and d.deal_id = tc.card_id
                left join lead_fact l on tc.card_type = 'LEAD' and l.gen = tc.gen and l.tenant_id = tc.tenant_id and l.lead_id = tc.card_id
                where tc.gen = :gen and tc.tenant_id = :tenant and (l.lead_id is null or not l.archived)""".formatted(
                                FirstTouch.after("tc", "tc.card_type", "tc.card_id", "tc.moved_at"),
                                LEAD_STATE,
                                DealFacts.TEAM,
                                LEAD_TEAM)
                + (request.managerId() != null ? " and tc.to_manager_id = :managerId" : "");
        return new Cards(
                filter,
                " from transfer_fact t join (" + cards + ") c on c.transfer_id = t.transfer_id" + filter.where());
    }

    /** The baseline's parameters, whether it is read from the kept cards or from the facts. */
    private static SqlFilter baselineParams(MetricRequest request, int touchDays) {
        return SqlFilter.params()
                .param("gen", request.gen())
                .param("tenant", request.tenant())
                .param("start", request.start())
                .param("end", request.end())
                .param("touchDays", touchDays)
                .param("managerId", request.managerId());
    }

    /**
     * The leads and deals that came in during the period and were never transferred: their owner now, since = the
     * lead's creation or the deal's opening. A manager sees their own; the team filter is
     * {@link DismissedFigures#TEAM_RULE}.
     */
    private static Cards baselineCards(MetricRequest request, int touchDays) {
        SqlFilter filter = baselineParams(request, touchDays).param("teamId", request.teamId());
        boolean ownOnly = request.managerId() != null;
        boolean team = request.teamId() != null;
        String notTransferred =
                " and not exists (select 1 from transfer_card tc where tc.gen = :gen and tc.tenant_id = :tenant "
                        + "and tc.card_id = %s)";
        String base =
                "select 'LEAD' as card_type, l.lead_id as card_id, l.owner_id as manager_id, l.client_name as title, "
                        + "l.source, l.created_at as since, "
                        + FirstTouch.after("l", "'LEAD'", "l.lead_id", "l.created_at")
                        + " as first_touched_at, " + LEAD_STATE
                        + " as state, 'LEAD:' || l.status as stage, l.status as status "
                        + "from lead_fact l "
                        + "where l.gen = :gen and l.tenant_id = :tenant and not l.archived and l.created_at >= :start and l.created_at < :end"
                        + (ownOnly ? " and l.owner_id = :managerId" : "")
                        + (team ? " and " + LEAD_TEAM + " = :teamId" : "")
                        + notTransferred.formatted("l.lead_id")
                        + " union all select 'DEAL', d.deal_id, d.manager_id, d.client_name, d.source, d.opened_at, "
                        + FirstTouch.after("d", "'DEAL'", "d.deal_id", "d.opened_at")
                        + ", d.status, cast(d.stage_id as text), d.status "
                        + "from deal_fact d where d.gen = :gen and "
                        + "d.tenant_id = :tenant and d.opened_at >= :start and d.opened_at < :end"
                        + (ownOnly ? " and d.manager_id = :managerId" : "")
                        + (team ? " and " + DealFacts.TEAM + " = :teamId" : "")
                        + notTransferred.formatted("d.deal_id");
        // offset 0 keeps the union a relation of its own, so each card's first touch is looked up once: pulled up
        // into the figures, the lookup ran once per outcome that names first_touched_at
        return new Cards(filter, " from (" + base + " offset 0) c where true");
    }

    /**
     * The baseline's figures, {@link #OUTCOMES} in one row. Read from {@code dismissed_baseline_card} (migration
     * V2026_12_17_20: one row per card {@link #baselineCards} lists, its first touch kept, the transferred and the
     * archived left out), so the period is a range of that table's index instead of every lead and deal of the period
     * with two index probes each; with a team filter (the team at the card's closing, {@code readmodel/DealTeams})
     * from the facts, as the drill-down lists them.
     */
    private Object[] baselineFigures(MetricRequest request, int touchDays, Cards fromFacts) {
        if (request.teamId() != null) {
            return fromFacts
                    .filter()
                    .rows(em, "select 1, " + OUTCOMES + fromFacts.from())
                    .get(0);
        }
        SqlFilter filter = baselineParams(request, touchDays);
        String cards = "select b.arrived_at as since, b.first_touched_at, b.state from dismissed_baseline_card b "
                + "where b.gen = :gen and b.tenant_id = :tenant and b.arrived_at >= :start and b.arrived_at < :end"
                + (request.managerId() != null ? " and b.manager_id = :managerId" : "");
        return filter.rows(em, "select 1, " + OUTCOMES + " from (" + cards + ") c")
                .get(0);
    }

    /** What a cohort's or the baseline's cards can be sorted by: the move (or arrival), title, source, status. */
    private static final Drill.Sortable CARDS_SORTABLE = Drill.sortable(
            "c.card_type, c.card_id", "at", "c.since", "title", "c.title", "source", "c.source", "status", "c.status");
    /** What the cards still owned can be sorted by: the title, the source, the status (at is the dismissal). */
    private static final Drill.Sortable STILL_OWNED_SORTABLE = Drill.sortable(
            "c.card_type, c.card_id",
            "at",
            "m.dismissed_at",
            "title",
            "c.title",
            "source",
            "c.source",
            "status",
            "c.status");

    /** The cards of one figure of a cohort or the baseline, in the order they moved or came in: one page. */
    private MetricAnswer.DrillDown cards(MetricRequest request, DismissedDrill drill, Cards cards, String narrower) {
        Drill.Order order = Drill.order(request, CARDS_SORTABLE, " order by c.since, c.card_type, c.card_id");
        String where = cards.from() + narrower + " and (" + drill.outcome().condition + ")";
        Long total = order.count(cards.filter(), em, where);
        Drill.Page page = order.read(cards.filter(), em, "select " + CARD_COLUMNS + order.keys() + where + order.page())
                .map(DismissedQuery::item);
        return Drill.cardPage(request, drill.figure(), total, page, deals).sorted(order);
    }

    /** A card as a drill-down row: its stage and status now, at = since, ageDays = whole days to the first touch. */
    private static MetricAnswer.DrillDownItem item(Object[] r) {
        java.time.Instant since = Columns.instant(r[7]);
        java.time.Instant firstTouch = Columns.instant(r[8]);
        return MetricAnswer.DrillDownItem.of(
                (String) r[0],
                Columns.uuid(r[1]),
                Columns.uuid(r[2]),
                (String) r[3],
                (String) r[4],
                (String) r[5],
                (String) r[6],
                since,
                firstTouch == null ? null : Duration.between(since, firstTouch).toDays(),
                null);
    }

    private static DismissedFigures.Cohort cohort(
            UUID transferId,
            UUID from,
            String fromName,
            String reason,
            java.time.Instant startedAt,
            Object[] r,
            int first) {
        long cards = Columns.number(r[first]);
        long touched = Columns.number(r[first + 1]);
        long won = Columns.number(r[first + 2]);
        long lost = Columns.number(r[first + 3]);
        long idle = Columns.number(r[first + 4]);
        return new DismissedFigures.Cohort(
                transferId,
                from,
                fromName,
                reason,
                startedAt,
                cards,
                touched,
                share(touched, cards),
                won,
                share(won, cards),
                lost,
                share(lost, cards),
                idle,
                share(idle, cards));
    }

    /**
     * The open cards still owned by dismissed managers, longest since dismissal first (then as the figures list the
     * managers: most cards first, then by id), each manager's in the order they came in: one page.
     */
    private MetricAnswer.DrillDown stillOwned(
            MetricRequest request, List<DismissedFigures.DismissedManager> dismissed) {
        long total = dismissed.stream()
                .mapToLong(DismissedFigures.DismissedManager::openCards)
                .sum();
        Drill.Order order = Drill.order(
                request,
                STILL_OWNED_SORTABLE,
                " order by m.dismissed_at, o.cards desc, c.manager_id, c.created_at, c.card_id");
        if (total == 0) {
            return Drill.cardPage(
                            request, DismissedDrill.STILL_OWNED.figure(), order.total(() -> 0), Drill.Page.EMPTY, deals)
                    .sorted(order);
        }
        MetricRequest everyone = everyone(request);
        Map<UUID, DismissedFigures.DismissedManager> byId = new java.util.HashMap<>();
        dismissed.forEach(m -> byId.put(m.managerId(), m));
        SqlFilter filter = SqlFilter.params().param("owners", byId.keySet());
        String owners = """
                , owner as (select c.manager_id, count(*) as cards from open_card c
                            where c.manager_id in (:owners) group by c.manager_id)
                select c.card_type, c.card_id, c.title, c.source, c.stage, c.status, c.manager_id""";
        // the owners again on c: the join to owner does not carry an "in" list over, so without it the page read
        // every open card of the tenant to keep the dismissed owners' (a scratch tenant: 2 012 buffers, 1 014 with it)
        String ofDismissed = """

                from open_card c join owner o on o.manager_id = c.manager_id
                join manager_fact m on m.gen = :gen and m.tenant_id = :tenant and m.manager_id = c.manager_id
                where c.manager_id in (:owners)""";
        Drill.Page page = order.read(
                        filter,
                        em,
                        OpenCards.with(everyone, filter) + owners + order.keys() + ofDismissed + order.page())
                .map(r -> {
                    DismissedFigures.DismissedManager manager = byId.get(Columns.uuid(r[6]));
                    return MetricAnswer.DrillDownItem.of(
                            (String) r[0],
                            Columns.uuid(r[1]),
                            manager.managerId(),
                            (String) r[2],
                            (String) r[3],
                            (String) r[4],
                            (String) r[5],
                            manager.dismissedAt(),
                            manager.daysSinceDismissal(),
                            null);
                });
        return Drill.cardPage(request, DismissedDrill.STILL_OWNED.figure(), order.total(() -> total), page, deals)
                .sorted(order);
    }
}
