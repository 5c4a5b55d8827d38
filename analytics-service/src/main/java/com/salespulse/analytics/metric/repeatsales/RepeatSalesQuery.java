package com.salespulse.analytics.metric.repeatsales;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.DealFacts.DealSet;
import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.Stats;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Answers metric 7 from the won deals of the period, aggregated in the database. */
@ApplicationScoped
public class RepeatSalesQuery {

    public static final String METRIC = "repeat-sales";
    /**
     * 3: a win is a repeat only when the read model holds an earlier win of the client, by the wins' business times
     * (2 also took deal-service's flag, set by what it knew when the deal was opened: history imported out of order
     * flagged a deal whose client's only other wins came later). 2: merged clients are one client.
     */
    public static final int DEFINITION_VERSION = 3;

    /** Which deals the drill-down lists. */
    public enum DrillFigure {
        REPEAT_DEALS,
        REFERRED_DEALS
    }

    private final DealFacts deals;
    private final EntityManager em;
    private final Labels labels;
    private final ProjectionPositionRepository positions;

    public RepeatSalesQuery(DealFacts deals, EntityManager em, ProjectionPositionRepository positions, Labels labels) {
        this.deals = deals;
        this.em = em;
        this.positions = positions;
        this.labels = labels;
    }

    /**
     * The won deals with, for each, when its client last won a deal before it (any manager, source or pipeline, as
     * far back as the read model goes; merged clients are one client: the projection writes the survivor): one
     * backward probe of the index deal_fact_client_won per deal. {@code days}: the calendar days from that win to
     * this one in the tenant's zone, null for a first win.
     */
    public static final String WITH_PREVIOUS = """
            , won as (select deal.*, previous.closed_at as previous_win,
                closed_day - cast(previous.closed_at at time zone :zone as date) as days
            from deal left join lateral (select p.closed_at from deal_fact p
                where p.gen = deal.gen and p.tenant_id = deal.tenant_id and p.client_id = deal.client_id
                and p.status = 'WON' and p.closed_at < deal.closed_at
                order by p.closed_at desc limit 1) previous on true)""";

    /**
     * The shares of the won deals with their previous wins ({@link #WITH_PREVIOUS}'s relation {@code won}), overall
     * (grouping 1) and per manager: won deals, repeat ones, referred ones, revenue, repeat revenue, and the days to
     * repeat (count, sum, middle values). With {@link #WITH_PREVIOUS} it reads only columns deal_fact_newest and
     * deal_fact_client_won carry (migration V2026_12_25_20), so the period's deals and each one's previous win are
     * index-only reads.
     */
    public static final String SHARES =
            """
             select manager_id, grouping(manager_id), count(*), count(*) filter (where previous_win is not null),
                count(*) filter (where referred_by_client_id is not null), sum(base_amount),
                sum(base_amount) filter (where previous_win is not null), count(days), sum(days), """ + Stats.medianBounds("days") + " from won group by grouping sets ((), (manager_id))";

    @Transactional
    public MetricAnswer<RepeatSalesFigures> answer(MetricRequest request, DrillFigure drill) {
        DealSet won = deals.won(request);
        RepeatSalesFigures.Shares overall = shares(new Object[12]);
        RepeatSalesFigures.TimeToRepeat timeToRepeat = new RepeatSalesFigures.TimeToRepeat(0, null, null);
        Map<UUID, RepeatSalesFigures.Shares> perManager = new LinkedHashMap<>();
        for (Object[] row : won.rows(em, WITH_PREVIOUS + SHARES)) {
            if (((Number) row[1]).intValue() == 1) {
                overall = shares(row);
                long measured = Stats.count(row[7]);
                timeToRepeat = new RepeatSalesFigures.TimeToRepeat(
                        measured,
                        Stats.mean(Stats.total(row[8]), measured),
                        Stats.median(Stats.decimal(row[9]), Stats.decimal(row[10])));
            } else {
                perManager.put(Columns.uuid(row[0]), shares(row));
            }
        }
        Map<UUID, String> names = labels.managerNames(request, perManager.keySet());
        List<RepeatSalesFigures.ManagerShares> byManager = perManager.entrySet().stream()
                .map(e -> new RepeatSalesFigures.ManagerShares(e.getKey(), names.get(e.getKey()), e.getValue()))
                .sorted(Comparator.comparingLong((RepeatSalesFigures.ManagerShares m) ->
                                m.shares().wonDeals())
                        .reversed()
                        .thenComparing(m -> m.managerId().toString()))
                .toList();

        RepeatSalesFigures figures = new RepeatSalesFigures(
                overall, byManager, timeToRepeat, request.calendar().baseCurrency());
        // the repeat wins with the days since the client's previous win, or the referred wins; newest first; as many
        // as the figures counted over the same deals (not counted again: the previous-win probes, deal by deal)
        MetricAnswer.DrillDown drillDown = drill == DrillFigure.REPEAT_DEALS
                ? deals.page(
                        request,
                        won,
                        "repeatDeals",
                        WITH_PREVIOUS,
                        "won",
                        "previous_win is not null",
                        "days",
                        (deal, age) -> Drill.deal(deal, "WON", age, Drill.unconverted(deal)),
                        overall.repeatDeals())
                : deals.page(
                        request,
                        won,
                        "referredDeals",
                        "",
                        "deal",
                        "referred_by_client_id is not null",
                        "null",
                        (deal, age) -> Drill.deal(deal, "WON", "referred by client " + deal.referredByClientId()),
                        overall.referredDeals());
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                figures,
                drillDown,
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }

    /** Shares from an aggregate row: won, repeat, referred, revenue, repeat revenue (columns 2-6). */
    static RepeatSalesFigures.Shares shares(Object[] row) {
        long won = Stats.count(row[2]);
        long repeat = Stats.count(row[3]);
        long referred = Stats.count(row[4]);
        BigDecimal revenue = Stats.total(row[5]);
        BigDecimal repeatRevenue = Stats.total(row[6]);
        return new RepeatSalesFigures.Shares(
                won,
                repeat,
                Stats.share(repeat, won),
                referred,
                Stats.share(referred, won),
                Stats.money(revenue),
                Stats.money(repeatRevenue),
                Stats.share(repeatRevenue, revenue));
    }
}
