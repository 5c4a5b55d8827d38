package com.salespulse.analytics.metric;

import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.DealTeams;
import com.salespulse.analytics.readmodel.SqlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The deals a metric is about, as one SQL relation for the metric's own aggregate query: nothing of a period is read
 * into the JVM but the figures and one drill-down page. Amounts in another currency than the tenant's base one are
 * converted at the rate holding on the day that matters (the closing day in the tenant's zone for a closed deal, today
 * for an open one), by the SQL functions that hold the rule, {@code rate_of_day} and {@code rates_of_days} (migration
 * V2026_12_24_20, read from the kept table {@code rate_day}): this class only calls them ({@link #rateOfDay}, {@link
 * #RATES_OF_DAYS}). A deal whose currency has no such rate
 * has a null rate and base amount; the metrics leave it out of money figures and name it in the drill-down. Call
 * inside a transaction.
 */
@ApplicationScoped
public class DealFacts {

    /** How the {@code teamId} filter reads for deals; part of every deal metric's OpenAPI description. */
    public static final String TEAM_RULE = "A deal counts for the team its owner was in when the deal was won or lost "
            + "(later moves of the manager do not take it along); an open deal for its owner's team now.";

    /** The team a deal counts for, by the rule of {@link #TEAM_RULE} (SQL function {@code team_at}). */
    public static final String TEAM = DealTeams.teamAt("d", "d.manager_id", "d.closed_at");

    /**
     * A {@code cross join lateral} of the rate of {@code currency} to the base currency ({@code :base}) on {@code day}
     * as {@code alias.rate_to_base} (SQL expressions; {@code gen} and {@code tenant} too): the SQL function {@code
     * rate_of_day} (migration V2026_12_24_20), one row, null without a rate. PostgreSQL inlines it into the caller's
     * row: nothing read in the base currency, else one probe of rate_day's key.
     */
    public static String rateOfDay(String alias, String gen, String tenant, String currency, String day) {
        return " cross join lateral rate_of_day(%s, %s, cast(%s as char(3)), :base, cast(%s as date)) %s "
                .formatted(gen, tenant, currency, day, alias);
    }

    /** The closing day of {@code d} in the tenant's zone. */
    private static final String CLOSED_DAY = "cast(d.closed_at at time zone :zone as date)";

    /**
     * The columns of the relation {@code deal}: deal_fact's, and {@code rate} (to the base currency, null without
     * one), {@code base_amount}, {@code opened_day} and {@code closed_day} (in the tenant's zone).
     * <p>
     * The rate is {@link #rateOfDay}'s: 1 for a deal in the base currency (most of a tenant's) without reading a
     * rate, else one probe of rate_day's key (its day's row; the newest row only for a day after the newest rate).
     */
    private static final String DEAL = """
            deal as (select d.*, x.rate_to_base as rate, d.amount * x.rate_to_base as base_amount,
                cast(d.opened_at at time zone :zone as date) as opened_day, %2$s as closed_day
            from deal_fact d %4$s
            %3$s)""";

    /** What a drill-down row reads of {@code deal}, in {@link #deal}'s order. */
    private static final String DEAL_COLUMNS =
            "deal_id, client_id, client_name, manager_id, pipeline_id, source, stage_id, stage_probability, amount, "
                    + "currency, base_amount, expected_close_date, repeat_sale, referred_by_client_id, opened_at, "
                    + "closed_at, loss_reason_kind, loss_reason_code";

    /**
     * The order deal drill-downs list in: newest closing first, then newest opening. Every deal set a drill-down pages
     * is all closed (won, lost: {@code closed_at} never null) or all open ({@code closed_at} always null, so the order
     * is the opening's), so where nulls go says nothing, and PostgreSQL's default for {@code desc} (first) is kept: a
     * cursor's bound is then a plain {@code closed_at <= :k0}, which the index {@code deal_fact_newest} (migration
     * V2026_12_15_40, the same columns and directions) reads as a range, only the page's rows. Written {@code nulls
     * last}, the bound would need an {@code or closed_at is null}, which no index serves.
     */
    private static final String NEWEST_FIRST = " order by closed_at desc, opened_at desc, deal_id";

    /**
     * What a deal drill-down can be sorted by: the moment shown (closing, else opening), the amount in the base
     * currency, the age, the client's name, the source.
     */
    public static final Drill.Sortable SORTABLE = Drill.sortable(
            "deal_id",
            "at",
            "coalesce(closed_at, opened_at)",
            "amount",
            "base_amount",
            "ageDays",
            "age_days",
            "title",
            "client_name",
            "source",
            "source");

    private final EntityManager em;

    public DealFacts(EntityManager em) {
        this.em = em;
    }

    /**
     * Deals as one relation {@code deal} of a {@code with} clause, and the parameters it binds. A metric writes its
     * query after it: {@link #rows} with {@code "select … from deal …"}, or {@code ", more as (…) select …"}.
     */
    public record DealSet(String cte, SqlFilter filter) {

        public List<Object[]> rows(EntityManager em, String rest) {
            return filter.rows(em, "with " + cte + " " + rest);
        }

        public DealSet param(String name, Object value) {
            filter.param(name, value);
            return this;
        }
    }

    /** Deals won within [start, end) of the request, with the request's manager/team/source/pipeline filters. */
    public DealSet won(MetricRequest request) {
        return won(request, request.start(), request.end(), request.managerId());
    }

    /** Deals won within [start, end), optionally for one manager, with the request's other filters. */
    public DealSet won(MetricRequest request, Instant start, Instant end, UUID managerId) {
        return closed(request, "WON", start, end, managerId);
    }

    /** Deals lost within [start, end), optionally for one manager, with the request's other filters. */
    public DealSet lost(MetricRequest request, Instant start, Instant end, UUID managerId) {
        return closed(request, "LOST", start, end, managerId);
    }

    private DealSet closed(MetricRequest request, String status, Instant start, Instant end, UUID managerId) {
        SqlFilter filter = closedFilter(request, status, start, end, managerId);
        return new DealSet(deal(CLOSED_DAY, filter), filter);
    }

    /**
     * Deals won ({@code WON}) or lost ({@code LOST}) within [start, end), optionally for one manager, with the
     * request's other filters, for a metric that only counts and times them: the relation {@code deal} has
     * deal_fact's columns, {@code opened_day} and {@code closed_day}, but no {@code rate} nor {@code base_amount}, so
     * no exchange rate is read (before rate_at, V2026_12_19_40, the rate's range join compared each deal in another
     * currency with every rate of that currency: a scratch tenant's three years, 9.9 million pairs rejected for the
     * 41 056 losses of a quarter, 20 s; now a probe per such deal, still saved here).
     */
    public DealSet closedUnpriced(MetricRequest request, String status, Instant start, Instant end, UUID managerId) {
        SqlFilter filter = closedFilter(request, status, start, end, managerId);
        return new DealSet(DEAL_UNPRICED.formatted(CLOSED_DAY, filter.where()), filter);
    }

    private SqlFilter closedFilter(MetricRequest request, String status, Instant start, Instant end, UUID managerId) {
        if (!"WON".equals(status) && !"LOST".equals(status)) {
            throw new IllegalArgumentException("A closed deal is WON or LOST, not " + status);
        }
        return filter(request, managerId)
                .and("d.status = '" + status + "'")
                .and("d.closed_at >= :start", "start", start)
                .and("d.closed_at < :end", "end", end);
    }

    /** The relation {@code deal} of {@link #closedUnpriced}: {@link #DEAL} without the rate. */
    private static final String DEAL_UNPRICED = """
            deal as (select d.*, cast(d.opened_at at time zone :zone as date) as opened_day, %1$s as closed_day
            from deal_fact d
            %2$s)""";

    /**
     * The deals won within [start, end), optionally for one manager, with the request's other filters, summed per
     * hour of their closing: one relation {@code won_hour (closed_hour, deals, base_amount)} of a {@code with} clause,
     * for a metric that only counts and sums them. {@code closed_hour} falls in the closing's hour (any moment of it:
     * the closing itself when read from the facts), so its day, weekday, month and hour in the tenant's zone are the
     * closing's; {@code base_amount} is null for an hour's deals without an exchange rate, as for one deal.
     * <p>
     * Read from the rollup {@code won_deal_hour} (kept by triggers on deal_fact, migration V2026_12_13_30; read by the
     * index won_deal_hour_by_hour, V2026_12_19_40): a few rows an hour instead of every deal of the period, converted
     * per hour and currency at the rate of its closing day; without an owner, pipeline or source filter from {@code
     * won_tenant_hour}, the same rows summed per hour for the whole tenant. Read from the facts when the rollup cannot
     * answer exactly:
     * a team filter (the team counts at the closing moment, which an hour does not tell) or a zone whose offset in the
     * period is not whole hours (an hour would straddle two days).
     */
    public DealSet wonHours(MetricRequest request, Instant start, Instant end, UUID managerId) {
        if (!rollupsAnswer(request, start, end)) {
            DealSet won = won(request, start, end, managerId);
            return new DealSet(
                    won.cte() + ", won_hour as (select closed_at as closed_hour, 1 as deals, base_amount from deal)",
                    won.filter());
        }
        SqlFilter filter = dealFilter("r", null, request, managerId)
                .and("r.closed_hour >= :start", "start", start)
                .and("r.closed_hour < :end", "end", end);
        boolean wholeTenant = managerId == null && request.source() == null && request.pipelineId() == null;
        return new DealSet(
                (wholeTenant ? TENANT_ROLLUP : ROLLUP).formatted(RATES_OF_DAYS, filter.where()),
                bindDays(filter, request, start, end));
    }

    /**
     * The deals won within the request's period, with its filters, as their checks per category: one relation {@code
     * won_category (category, deal_id, base_amount)} of a {@code with} clause, a row per won deal and category of its
     * lines, the sum of those lines converted at the rate of the closing day ({@code base_amount} null without a rate,
     * as a deal's).
     * <p>
     * Read from the kept table {@code won_deal_category} (migration V2026_12_25_10: each won deal's lines summed per
     * category, in the order of the closing), one range of its key for the period, filtered by its own columns (the
     * team by {@link #TEAM_RULE}, at the closing) and converted by a join on (currency, day) with {@link
     * #RATES_OF_DAYS}: not the period's deals read from deal_fact and hashed against every line of the tenant (190 ms
     * at rest at scale 0.1 for 12 months; 77 ms so).
     */
    public DealSet wonCategories(MetricRequest request) {
        SqlFilter filter = dealFilter("w", "w.closed_at", request, request.managerId())
                .and("w.closed_at >= :start", "start", request.start())
                .and("w.closed_at < :end", "end", request.end());
        return new DealSet(
                WON_CATEGORIES.formatted(RATES_OF_DAYS, filter.where()),
                bindDays(filter, request, request.start(), request.end()));
    }

    /** {@link #wonCategories}' relation, after the rates of the period's days. */
    private static final String WON_CATEGORIES = """
            %s, won_category as (select w.category, w.deal_id, w.amount * rate.rate_to_base as base_amount
            from won_deal_category w
            left join rate on rate.currency = w.currency and rate.day = cast(w.closed_at at time zone :zone as date)
            %s)""";

    /**
     * The rows of won_deal_hour as {@code won_hour}, summed per hour and currency (an hour's owners, pipelines and
     * sources are one row once filtered), each converted at the rate of its day in the tenant's zone by a join on
     * (currency, day) with {@link #RATES_OF_DAYS}: a lookup per currency and day of the period, not one per row.
     */
    private static final String ROLLUP = """
            %s, won_hour as (select r.closed_hour, r.deals, r.amount * rate.rate_to_base as base_amount
            from (select r.closed_hour, r.currency, sum(r.deals) as deals, sum(r.amount) as amount
                from won_deal_hour r
                %s
                group by r.closed_hour, r.currency) r
            left join rate on rate.currency = r.currency
                and rate.day = cast(r.closed_hour at time zone :zone as date))""";

    /**
     * {@link #ROLLUP} for a request without an owner, pipeline or source filter: the rows of won_tenant_hour (migration
     * V2026_12_26_20), won_deal_hour already summed per hour and currency for the whole tenant (at scale 1 a tenth of
     * won_deal_hour's rows, most of which hold one deal), converted the same way.
     */
    private static final String TENANT_ROLLUP = """
            %s, won_hour as (select r.closed_hour, r.deals, r.amount * rate.rate_to_base as base_amount
            from won_tenant_hour r
            left join rate on rate.currency = r.currency
                and rate.day = cast(r.closed_hour at time zone :zone as date)
            %s)""";

    /**
     * A relation {@code rate (currency, day, rate_to_base)} of a {@code with} clause: the SQL function {@code
     * rates_of_days} (migration V2026_12_24_20), {@link #rateOfDay}'s rate of every currency the tenant has rates for,
     * and of the base currency, on every day of the period [firstDay, lastDay] (parameters bound by {@link
     * #bindDays}): a few thousand rows for three years, whatever the tenant's volume, read in one range of rate_day's
     * key. A rollup's rows (in the deals' currencies) are converted by a left join on (currency, day) with it: a
     * currency without any rate finds no row there and keeps a null amount. Materialized, so each rate is read once,
     * not once per joined row. Binds {@code :gen}, {@code :tenant}, {@code :base}.
     */
    public static final String RATES_OF_DAYS = """
            rate as materialized (select r.currency, r.day, r.rate_to_base
            from rates_of_days(:gen, :tenant, :base, cast(:firstDay as date), cast(:lastDay as date)) r)""";

    /** Binds the days {@link #RATES_OF_DAYS} holds: those of [start, end) in the request's zone. */
    public static SqlFilter bindDays(SqlFilter filter, MetricRequest request, Instant start, Instant end) {
        return filter.param("firstDay", LocalDate.ofInstant(start, request.zone()))
                .param("lastDay", LocalDate.ofInstant(end.minusNanos(1), request.zone()));
    }

    /**
     * Whether the hourly rollups ({@code won_deal_hour}, {@code won_line_hour}) answer a request over [start, end)
     * exactly: no team filter (the team counts at the closing moment, which an hour does not tell) and a zone whose
     * offset is whole hours throughout (else an hour would straddle two days). Otherwise a reader reads the facts.
     */
    public static boolean rollupsAnswer(MetricRequest request, Instant start, Instant end) {
        return request.teamId() == null && wholeHours(request.zone(), start, end);
    }

    /** Whether the zone's offset is a whole number of hours throughout [start, end). */
    public static boolean wholeHours(ZoneId zone, Instant start, Instant end) {
        ZoneRules rules = zone.getRules();
        if (rules.getOffset(start).getTotalSeconds() % 3600 != 0) {
            return false;
        }
        for (ZoneOffsetTransition t = rules.nextTransition(start);
                t != null && t.getInstant().isBefore(end);
                t = rules.nextTransition(t.getInstant())) {
            if (t.getOffsetAfter().getTotalSeconds() % 3600 != 0) {
                return false;
            }
        }
        return true;
    }

    /** Deals open now, converted at {@code today}'s rate, with the request's filters. */
    public DealSet open(MetricRequest request, LocalDate today) {
        SqlFilter filter =
                filter(request, request.managerId()).and("d.status = 'OPEN'").param("today", today);
        return new DealSet(deal(":today", filter), filter);
    }

    /**
     * The deals with these ids, whatever the request's filters (a card metric chose them), converted at the rate of
     * the day that matters: the closing day for a won or lost deal, today (the request's "now" in the tenant's zone)
     * for an open one. A card metric's drill-down page reads its deals here, so they carry the same amounts as in
     * the deal metrics.
     */
    public Map<UUID, Deal> byId(MetricRequest request, Collection<UUID> dealIds) {
        if (dealIds.isEmpty()) {
            return Map.of();
        }
        SqlFilter filter = SqlFilter.forTenant("d", request)
                .and("d.deal_id in (:dealIds)", "dealIds", dealIds)
                .param("zone", request.zone().getId())
                .param("base", request.calendar().baseCurrency())
                .param("today", LocalDate.ofInstant(request.now(), request.zone()));
        DealSet set = new DealSet(deal("coalesce(" + CLOSED_DAY + ", :today)", filter), filter);
        Map<UUID, Deal> deals = new LinkedHashMap<>();
        set.rows(em, "select " + DEAL_COLUMNS + ", null from deal").forEach(row -> {
            Deal deal = deal(row);
            deals.put(deal.dealId(), deal);
        });
        return deals;
    }

    /**
     * One drill-down page of a deal set, newest closing first, and how many deals are behind the figure in all pages
     * (not counted on a page read by cursor: {@link Drill.Order#total}).
     *
     * @param with more {@code with} relations after {@code deal} ({@code ", r as (…)"}), or ""
     * @param from the relation listed ({@code deal}, or one of {@code with}'s, which has deal's columns)
     * @param condition which of its rows are behind the figure (SQL; "true" for all)
     * @param age a SQL expression for each row's ageDays (a whole number), or "null"
     * @param item the drill-down row of a deal and its age
     */
    public MetricAnswer.DrillDown page(
            MetricRequest request,
            DealSet set,
            String figure,
            String with,
            String from,
            String condition,
            String age,
            BiFunction<Deal, Long, MetricAnswer.DrillDownItem> item) {
        return page(request, set, figure, with, from, condition, age, item, null);
    }

    /**
     * {@link #page}, for a figure that already counted the deals behind it: {@code counted} is how many rows of
     * {@code from} meet {@code condition} (the figure's own count over the same deal set, such as average-check's
     * won deals or repeat-sales' repeat wins), so no count statement is sent. Counting again redid the figure's work
     * up to {@link Drill#COUNTED_UP_TO} rows: repeat-sales' repeat wins, a previous-win probe a deal, 475 ms a call
     * under load at scale 0.1 (docs/benchmarks.md).
     */
    public MetricAnswer.DrillDown page(
            MetricRequest request,
            DealSet set,
            String figure,
            String with,
            String from,
            String condition,
            String age,
            BiFunction<Deal, Long, MetricAnswer.DrillDownItem> item,
            Long counted) {
        String where = " from " + from + " where " + condition;
        // sorted by age: the age expression itself, as the keyset condition cannot name the select list's alias
        Drill.Order order = Drill.order(
                request,
                SORTABLE.with("ageDays", "null".equals(age) ? "cast(null as bigint)" : "(" + age + ")"),
                NEWEST_FIRST);
        Long total = order.total(() -> counted != null
                ? counted
                : ((Number) set.rows(
                                        em,
                                        with + " select count(*), 0 from (select 1" + where + " limit "
                                                + (Drill.COUNTED_UP_TO + 1) + ") counted")
                                .get(0)[0])
                        .longValue());
        Drill.Rows rows = order.read(
                set.filter(),
                em,
                "with " + set.cte() + " " + with + " select " + DEAL_COLUMNS + ", " + age + " as age_days"
                        + order.keys() + where + order.page());
        List<MetricAnswer.DrillDownItem> items = rows.rows().stream()
                .map(row -> item.apply(deal(row), row[18] == null ? null : ((Number) row[18]).longValue()))
                .toList();
        return new MetricAnswer.DrillDown(figure, request.page(), request.size(), total, items)
                .sorted(order)
                .next(rows.nextCursor());
    }

    /** The relation {@code deal} of the deals {@code filter} selects, converted at the rate of {@code rateDay}. */
    private static String deal(String rateDay, SqlFilter filter) {
        return DEAL.formatted(
                rateDay, CLOSED_DAY, filter.where(), rateOfDay("x", "d.gen", "d.tenant_id", "d.currency", rateDay));
    }

    private static SqlFilter filter(MetricRequest request, UUID managerId) {
        return dealFilter("d", "d.closed_at", request, managerId);
    }

    /**
     * The request's deal filters, written once for every relation that carries a deal's owner, source and pipeline
     * (deal_fact, the hourly rollups, won_deal_category, the open lines): its tenant and generation, the owner ({@code
     * managerId}, null for all), the team by {@link #TEAM_RULE} at {@code closing}, the source and the pipeline; and
     * the tenant's {@code :zone} and base currency {@code :base}, which the relations' statements read.
     *
     * @param alias the relation's alias; its columns {@code gen}, {@code tenant_id}, {@code manager_id}, {@code
     *     source}, {@code pipeline_id} are the deal's
     * @param closing the SQL moment the deal's team counts at (its closing; {@code cast(null as timestamptz)} for an
     *     open deal, whose team is its owner's now), or null for a relation that cannot tell it (an hourly rollup),
     *     which answers only a request without a team filter ({@link #rollupsAnswer})
     */
    public static SqlFilter dealFilter(String alias, String closing, MetricRequest request, UUID managerId) {
        if (closing == null && request.teamId() != null) {
            throw new IllegalArgumentException("A relation without the closing moment cannot tell a deal's team");
        }
        String column = alias + ".";
        return SqlFilter.forTenant(alias, request)
                .and(column + "manager_id = :managerId", "managerId", managerId)
                // read at query time, not from a stored team: the roster and deal topics are applied by concurrent
                // transactions, so a stored team can miss a hiring or move committed alongside the deal's own event
                .and(DealTeams.teamAt(alias, column + "manager_id", closing) + " = :teamId", "teamId", request.teamId())
                .and(column + "source = :source", "source", request.source())
                .and(column + "pipeline_id = :pipelineId", "pipelineId", request.pipelineId())
                .param("zone", request.zone().getId())
                .param("base", request.calendar().baseCurrency());
    }

    private static Deal deal(Object[] row) {
        return new Deal(
                Columns.uuid(row[0]),
                Columns.uuid(row[1]),
                (String) row[2],
                Columns.uuid(row[3]),
                Columns.uuid(row[4]),
                (String) row[5],
                Columns.uuid(row[6]),
                ((Number) row[7]).intValue(),
                (BigDecimal) row[8],
                ((String) row[9]).trim(),
                (BigDecimal) row[10],
                row[11] == null ? null : Columns.date(row[11]),
                (Boolean) row[12],
                Columns.uuid(row[13]),
                Columns.instant(row[14]),
                Columns.instant(row[15]),
                (String) row[16],
                (String) row[17]);
    }

    /**
     * A deal as a drill-down shows it.
     *
     * @param baseAmount the amount in the tenant's base currency; null when no exchange rate is known
     */
    public record Deal(
            UUID dealId,
            UUID clientId,
            String clientName,
            UUID managerId,
            UUID pipelineId,
            String source,
            UUID stageId,
            int stageProbability,
            BigDecimal amount,
            String currency,
            BigDecimal baseAmount,
            LocalDate expectedCloseDate,
            boolean repeatSale,
            UUID referredByClientId,
            Instant openedAt,
            Instant closedAt,
            String lossReasonKind,
            String lossReasonCode) {

        public boolean converted() {
            return baseAmount != null;
        }
    }
}
