package com.salespulse.analytics.metric.pipelinechange;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.Stats;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.DealTeams;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import com.salespulse.analytics.readmodel.SqlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Answers metric 13 from each deal's history ({@code deal_change}): every deal's state at the start and at the end
 * of the period and when it entered the period are looked up in the database (lateral probes of the index
 * deal_change_at), and the bars are aggregated there; only the figures and one drill-down page reach the service.
 */
@ApplicationScoped
public class PipelineChangeQuery {

    public static final String METRIC = "pipeline-change";
    public static final int DEFINITION_VERSION = 1;

    /** How the groups are made. */
    public enum GroupBy {
        MANAGER("manager", "p.e_manager"),
        STAGE("stage", "p.e_stage");

        final String code;
        final String column;

        GroupBy(String code, String column) {
            this.code = code;
            this.column = column;
        }
    }

    /** A bar whose deals the drill-down lists: its name, which deals, and whether it shows them as they entered. */
    public enum Figure {
        OPEN_AT_START("openAtStart", "p.in_start", true),
        NEW_DEALS("newDeals", "p.is_new", true),
        REOPENED("reopened", "p.is_reopened", true),
        WON("won", "p.e_status = 'WON'", false),
        LOST("lost", "p.e_status = 'LOST'", false),
        PUSHED_OUT("pushedOut", "p.pushed", false),
        PULLED_IN("pulledIn", "p.pulled", false),
        AMOUNT_UP("amountUp", "p.ok and p.e_base > p.i_base", false),
        AMOUNT_DOWN("amountDown", "p.ok and p.e_base < p.i_base", false),
        OPEN_AT_END("openAtEnd", "p.e_status = 'OPEN'", false);

        final String code;
        final String condition;
        final boolean entering;

        Figure(String code, String condition, boolean entering) {
            this.code = code;
            this.condition = condition;
            this.entering = entering;
        }

        static final String CODES =
                "openAtStart, newDeals, reopened, won, lost, pushedOut, pulledIn, amountUp, amountDown or openAtEnd";
    }

    /** The deal's latest change before a moment ({@code %s}: the moment's parameter). */
    private static final String STATE_BEFORE = """
            select c.* from deal_change c where c.gen = d.gen and c.tenant_id = d.tenant_id and c.deal_id = d.deal_id
                and c.changed_at < %s order by c.changed_at desc, c.seq desc limit 1""";

    /**
     * A currency's rate to the base currency on the period's last day, as {@code alias.rate_to_base}
     * (DealFacts.rateOfDay, the SQL function rate_of_day: 1 for the base currency itself, null without a rate).
     */
    private static String rate(String alias, String currency) {
        return DealFacts.rateOfDay(alias, ":gen", ":tenant", currency, ":to");
    }

    /**
     * {@code w}: per deal, its state at the start ({@code s_}), when it entered the period ({@code i_}: at the start
     * if open then, else its first change in the period, its opening, or its first reopening in the period) and at
     * the end ({@code e_}). {@code p}: the deals in play, with amounts in the base currency and the two
     * expected-close-date bars. {@code %1$s}: the deal filters; {@code %2$s}: the filters on where a deal ends.
     */
    private static final String DEALS = """
            with w as (select d.gen, d.tenant_id, d.deal_id, d.client_name, d.source,
                e.status as e_status, e.manager_id as e_manager, e.stage_id as e_stage, e.changed_at as e_at,
                e.amount as e_amount, cast(trim(e.currency) as text) as e_currency, e.expected_close_date as e_close,
                coalesce(s.status = 'OPEN', false) as in_start, s.status is null as is_new,
                coalesce(s.status in ('WON', 'LOST') and n.deal_id is not null, false) as is_reopened,
                case when s.status = 'OPEN' then s.amount else n.amount end as i_amount,
                cast(trim(case when s.status = 'OPEN' then s.currency else n.currency end) as text) as i_currency,
                case when s.status = 'OPEN' then s.expected_close_date else n.expected_close_date end as i_close,
                case when s.status = 'OPEN' then s.changed_at else n.changed_at end as i_at
            from deal_fact d
            join lateral (%3$s) e on true
            left join lateral (%4$s) s on true
            left join lateral (select c.* from deal_change c where c.gen = d.gen and c.tenant_id = d.tenant_id
                    and c.deal_id = d.deal_id and c.changed_at >= :start and c.changed_at < :end
                    and (s.status is null or (s.status <> 'OPEN' and c.kind = 'REOPENED'))
                    order by c.changed_at, c.seq limit 1) n on true
            %1$s and d.opened_at < :end and (d.closed_at is null or d.closed_at >= :start)),
            r as (select w.*, round(w.i_amount * i_rate.rate_to_base, 2) as i_base,
                round(w.e_amount * e_rate.rate_to_base, 2) as e_base
            from w %5$s %6$s where w.in_start or w.is_new or w.is_reopened),
            p as (select r.*, r.i_base is not null and r.e_base is not null as ok,
                coalesce(r.e_status = 'OPEN' and r.i_close <= :to and r.e_close > :to, false) as pushed,
                coalesce(r.i_close > :to and r.e_close >= :from and r.e_close <= :to, false) as pulled
            from r where true %2$s)
            """;

    /** A bar's count and amount, of the deals matching {@code %1$s}, at their amount {@code %2$s}. */
    private static final String BAR = "count(*) filter (where %1$s), sum(%2$s) filter (where %1$s and p.ok)";

    private final EntityManager em;
    private final Labels labels;
    private final ProjectionPositionRepository positions;

    public PipelineChangeQuery(EntityManager em, Labels labels, ProjectionPositionRepository positions) {
        this.em = em;
        this.labels = labels;
        this.positions = positions;
    }

    @Transactional
    public MetricAnswer<PipelineChangeFigures> answer(MetricRequest request, GroupBy groupBy, Figure figure) {
        SqlFilter filter = SqlFilter.forTenant("d", request)
                .and("d.source = :source", "source", request.source())
                .and("d.pipeline_id = :pipelineId", "pipelineId", request.pipelineId())
                .param("start", request.start())
                .param("end", request.end())
                .param("from", request.from())
                .param("to", request.to())
                .param("base", request.calendar().baseCurrency());
        StringBuilder exits = new StringBuilder();
        if (request.managerId() != null) {
            exits.append(" and r.e_manager = :managerId");
            filter.param("managerId", request.managerId());
        }
        if (request.teamId() != null) {
            // the deal metrics' team rule, at where the deal ends: a closed deal by its owner's team at its closing,
            // an open one by its owner's team now
            exits.append(" and ")
                    .append(DealTeams.teamAt(
                            "r", "r.e_manager", "case when r.e_status = 'OPEN' then null else r.e_at end"))
                    .append(" = :teamId");
            filter.param("teamId", request.teamId());
        }
        String deals = DEALS.formatted(
                filter.where(),
                exits.toString(),
                STATE_BEFORE.formatted(":end"),
                STATE_BEFORE.formatted(":start"),
                rate("i_rate", "w.i_currency"),
                rate("e_rate", "w.e_currency"));

        String bars = String.join(
                ", ",
                BAR.formatted("p.in_start", "p.i_base"),
                BAR.formatted("p.is_new", "p.i_base"),
                BAR.formatted("p.is_reopened", "p.i_base"),
                BAR.formatted("p.e_status = 'WON'", "p.e_base"),
                BAR.formatted("p.e_status = 'LOST'", "p.e_base"),
                BAR.formatted("p.pushed", "p.e_base"),
                BAR.formatted("p.pulled", "p.e_base"),
                BAR.formatted("p.ok and p.e_base > p.i_base", "p.e_base - p.i_base"),
                BAR.formatted("p.ok and p.e_base < p.i_base", "p.i_base - p.e_base"),
                BAR.formatted("p.e_status = 'OPEN'", "p.e_base"),
                "count(*) filter (where not p.ok)");
        String group = groupBy == null ? "null" : groupBy.column;
        String sets = groupBy == null ? "()" : "(), (" + groupBy.column + ")";
        PipelineChangeFigures.Bars total = bars(new Object[24], 2);
        long withoutRate = 0;
        List<Object[]> grouped = new ArrayList<>();
        for (Object[] row : filter.rows(
                em,
                deals + " select " + group + ", " + (groupBy == null ? "1" : "grouping(" + group + ")") + ", " + bars
                        + " from p group by grouping sets (" + sets + ")")) {
            if (((Number) row[1]).intValue() == 1) {
                total = bars(row, 2);
                withoutRate = Stats.count(row[22]);
            } else {
                grouped.add(row);
            }
        }
        List<PipelineChangeFigures.Group> groups = groups(request, groupBy, grouped);
        PipelineChangeFigures figures = new PipelineChangeFigures(
                total,
                groupBy == null ? null : groupBy.code,
                groups,
                withoutRate,
                request.calendar().baseCurrency());
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                figures,
                drillDown(request, filter, deals, figure),
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    private List<PipelineChangeFigures.Group> groups(MetricRequest request, GroupBy groupBy, List<Object[]> rows) {
        if (groupBy == null) {
            return List.of();
        }
        List<String> keys = rows.stream()
                .map(row -> row[0] == null ? null : row[0].toString())
                .toList();
        Map<UUID, String> managers = groupBy == GroupBy.MANAGER
                ? labels.managerNames(
                        request, keys.stream().map(UUID::fromString).toList())
                : Map.of();
        Map<String, String> stages = groupBy == GroupBy.STAGE ? labels.stageNames(request, keys) : Map.of();
        List<PipelineChangeFigures.Group> groups = new ArrayList<>();
        for (Object[] row : rows) {
            String key = row[0].toString();
            PipelineChangeFigures.Bars bars = bars(row, 2);
            groups.add(
                    groupBy == GroupBy.MANAGER
                            ? new PipelineChangeFigures.Group(
                                    UUID.fromString(key), managers.get(UUID.fromString(key)), null, null, bars)
                            : new PipelineChangeFigures.Group(null, null, key, stages.get(key), bars));
        }
        groups.sort(Comparator.comparingLong(
                        (PipelineChangeFigures.Group g) -> g.bars().openAtEnd().count())
                .reversed()
                .thenComparing(g -> g.managerId() != null ? g.managerId().toString() : g.stage()));
        return groups;
    }

    /** The deals behind one bar, largest amount first (a change: largest change first). */
    private MetricAnswer.DrillDown drillDown(MetricRequest request, SqlFilter filter, String deals, Figure figure) {
        String where = " from p where " + figure.condition;
        String amount = figure.entering ? "p.i_base" : "p.e_base";
        String at = figure.entering ? "p.i_at" : "p.e_at";
        String amountOrder =
                figure == Figure.AMOUNT_UP || figure == Figure.AMOUNT_DOWN ? "abs(p.e_base - p.i_base)" : amount;
        Drill.Order order = Drill.order(
                request,
                Drill.sortable(
                        "p.deal_id", "amount", amountOrder, "at", at, "title", "p.client_name", "source", "p.source"),
                " order by " + amountOrder + " desc nulls last, p.deal_id");
        Long total = order.total(() -> filter.count(em, Drill.countUpTo(deals, where)));
        Drill.Page page = order.read(
                        filter,
                        em,
                        deals + " select p.deal_id, p.client_name, p.source, p.e_manager, p.e_stage, p.e_status, "
                                + at
                                + ", p.i_base, p.e_base, p.i_currency, p.e_currency, p.i_close, p.e_close"
                                + order.keys() + where + order.page())
                .map(row -> item(row, figure));
        return new MetricAnswer.DrillDown(figure.code, request.page(), request.size(), total, page.items())
                .sorted(order)
                .next(page.nextCursor());
    }

    private static MetricAnswer.DrillDownItem item(Object[] row, Figure figure) {
        BigDecimal entered = Stats.decimal(row[7]);
        BigDecimal left = Stats.decimal(row[8]);
        String reason;
        if (entered == null || left == null) {
            reason = "no exchange rate from " + (entered == null ? row[9] : row[10]) + " to the base currency";
        } else if (figure == Figure.AMOUNT_UP || figure == Figure.AMOUNT_DOWN) {
            reason = "amount " + Stats.money(entered) + " → " + Stats.money(left);
        } else if (figure == Figure.PUSHED_OUT || figure == Figure.PULLED_IN) {
            reason = "expected close " + date(row[11]) + " → " + date(row[12]);
        } else {
            reason = null;
        }
        return MetricAnswer.DrillDownItem.of(
                        "DEAL",
                        Columns.uuid(row[0]),
                        Columns.uuid(row[3]),
                        (String) row[1],
                        (String) row[2],
                        row[4] == null ? null : row[4].toString(),
                        (String) row[5],
                        Columns.instant(row[6]),
                        null,
                        reason)
                .withAmount(entered == null || left == null ? null : Stats.money(figure.entering ? entered : left));
    }

    private static String date(Object value) {
        LocalDate date = value == null ? null : Columns.date(value);
        return date == null ? "none" : date.toString();
    }

    /** The ten bars from an aggregate row, from column {@code at} on. */
    private static PipelineChangeFigures.Bars bars(Object[] row, int at) {
        PipelineChangeFigures.Bar[] bars = new PipelineChangeFigures.Bar[10];
        for (int i = 0; i < 10; i++) {
            bars[i] = new PipelineChangeFigures.Bar(
                    Stats.count(row[at + 2 * i]), Stats.money(Stats.total(row[at + 2 * i + 1])));
        }
        return new PipelineChangeFigures.Bars(
                bars[0], bars[1], bars[2], bars[3], bars[4], bars[5], bars[6], bars[7], bars[8], bars[9]);
    }
}
