package com.salespulse.analytics.metric.forgotten;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.OpenCards;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
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

/** Answers metric 11 from the open cards and {@code task_fact}, at the request's "now". */
@ApplicationScoped
public class ForgottenQuery {

    public static final String METRIC = "forgotten-cards";
    public static final int DEFINITION_VERSION = 2;

    public enum Figure {
        FORGOTTEN,
        OVERDUE
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

    /**
     * The forgotten cards, oldest touch first: open, owned, without an open task, and untouched for at least the
     * tenant's grace (a card created or touched a moment ago has not been forgotten yet).
     */
    public List<MetricAnswer.DrillDownItem> forgotten(MetricRequest request) {
        SqlFilter filter = SqlFilter.params()
                .param("graceEnd", request.now().minus(request.calendar().forgottenGrace()));
        String sql = OpenCards.with(request, filter) + """
                select c.card_type, c.card_id, c.manager_id, c.title, c.source, c.stage, c.status, c.last_touched_at
                from open_card c
                where not exists (select 1 from task_fact t where t.gen = :gen and t.tenant_id = :tenant
                                  and t.card_id = c.card_id and t.status = 'OPEN')
                  and coalesce(c.last_touched_at, c.created_at) <= :graceEnd
                order by c.last_touched_at, c.card_id""";
        return filter.rows(em, sql).stream()
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
                        null))
                .toList();
    }

    /** The overdue tasks, longest overdue first. */
    public List<MetricAnswer.DrillDownItem> overdue(MetricRequest request) {
        SqlFilter filter = SqlFilter.forTenant("t", request)
                .and("t.status = 'OPEN'")
                .and("t.due_at < :now", "now", request.now())
                .and("t.assignee_id = :managerId", "managerId", request.managerId())
                .and(
                        "t.assignee_id in (select m.manager_id from manager_fact m where m.gen = :gen and m.tenant_id = :tenant "
                                + "and m.team_id = :teamId)",
                        "teamId",
                        request.teamId());
        return filter
                .rows(
                        em,
                        "select t.task_id, t.assignee_id, t.title, t.due_at from task_fact t" + filter.where()
                                + " order by t.due_at, t.task_id")
                .stream()
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
                        null))
                .toList();
    }

    @Transactional
    public MetricAnswer<ForgottenFigures> answer(MetricRequest request, Figure drill) {
        List<MetricAnswer.DrillDownItem> forgotten = forgotten(request);
        List<MetricAnswer.DrillDownItem> overdue = overdue(request);
        Map<UUID, long[]> perManager = new LinkedHashMap<>(); // forgotten, oldest forgotten, overdue, oldest overdue
        for (MetricAnswer.DrillDownItem card : forgotten) {
            long[] f = perManager.computeIfAbsent(card.managerId(), id -> new long[4]);
            f[0]++;
            f[1] = Math.max(f[1], card.ageDays());
        }
        for (MetricAnswer.DrillDownItem task : overdue) {
            long[] f = perManager.computeIfAbsent(task.managerId(), id -> new long[4]);
            f[2]++;
            f[3] = Math.max(f[3], task.ageDays());
        }
        List<ForgottenFigures.ManagerFigures> byManager = new ArrayList<>();
        Map<UUID, String> names = labels.managerNames(request, perManager.keySet());
        perManager.forEach((id, f) ->
                byManager.add(new ForgottenFigures.ManagerFigures(id, names.get(id), f[0], f[1], f[2], f[3])));
        byManager.sort(Comparator.comparingLong(ForgottenFigures.ManagerFigures::forgottenCards)
                .reversed()
                .thenComparing(Comparator.comparingLong(ForgottenFigures.ManagerFigures::overdueTasks)
                        .reversed())
                .thenComparing(m -> m.managerId().toString()));
        List<MetricAnswer.DrillDownItem> items = drill == Figure.OVERDUE ? overdue : forgotten;
        MetricAnswer.DrillDown drillDown =
                Drill.cardPage(request, drill == Figure.OVERDUE ? "overdueTasks" : "forgottenCards", items, deals);
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                new ForgottenFigures(forgotten.size(), overdue.size(), byManager),
                drillDown,
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    static long days(Instant from, Instant now) {
        return from == null || from.isAfter(now)
                ? 0
                : Duration.between(from, now).toDays();
    }
}
