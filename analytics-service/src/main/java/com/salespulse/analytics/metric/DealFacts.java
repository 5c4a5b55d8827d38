package com.salespulse.analytics.metric;

import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.DealTeams;
import com.salespulse.analytics.readmodel.SqlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads deals from the read model with their amounts in the tenant's base currency: an amount in another currency
 * is multiplied by the latest {@code exchange_rate} dated on or before the day that matters (the closing day in the
 * tenant's zone for a closed deal, today for an open one). A deal whose currency has no such rate keeps a null
 * base amount; the metrics leave it out of the figures and name it in the drill-down. Call inside a transaction.
 */
@ApplicationScoped
public class DealFacts {

    /** The rate of a deal's currency to the base currency on a day, or null when none is known. */
    private static final String RATE = """
            case when d.currency = :base then 1 else (select x.rate_to_base from exchange_rate x
                where x.gen = d.gen and x.tenant_id = d.tenant_id and x.currency = d.currency
                and x.rate_date <= %s order by x.rate_date desc limit 1) end""";

    /** How the {@code teamId} filter reads for deals; part of every deal metric's OpenAPI description. */
    public static final String TEAM_RULE = "A deal counts for the team its owner was in when the deal was won or lost "
            + "(later moves of the manager do not take it along); an open deal for its owner's team now.";

    /** The team a deal counts for, by the rule of {@link #TEAM_RULE} ({@code readmodel/DealTeams}). */
    public static final String TEAM = DealTeams.teamAt("d", "d.manager_id", "d.closed_at");

    private final EntityManager em;

    public DealFacts(EntityManager em) {
        this.em = em;
    }

    /** Deals won within [start, end) of the request, with the request's manager/source/pipeline filters, newest first. */
    public List<Deal> won(MetricRequest request) {
        return won(request, request.start(), request.end(), request.managerId());
    }

    /** Deals won within [start, end), optionally for one manager, newest first. */
    public List<Deal> won(MetricRequest request, Instant start, Instant end, UUID managerId) {
        SqlFilter filter = filter(request, managerId)
                .and("d.status = 'WON'")
                .and("d.closed_at >= :start", "start", start)
                .and("d.closed_at < :end", "end", end);
        return read(filter, String.format(RATE, "cast(d.closed_at at time zone :zone as date)"));
    }

    /** Deals lost within [start, end), optionally for one manager. */
    public List<Deal> lost(MetricRequest request, Instant start, Instant end, UUID managerId) {
        SqlFilter filter = filter(request, managerId)
                .and("d.status = 'LOST'")
                .and("d.closed_at >= :start", "start", start)
                .and("d.closed_at < :end", "end", end);
        return read(filter, String.format(RATE, "cast(d.closed_at at time zone :zone as date)"));
    }

    /** Deals open now, converted at {@code today}'s rate. */
    public List<Deal> open(MetricRequest request, LocalDate today) {
        SqlFilter filter =
                filter(request, request.managerId()).and("d.status = 'OPEN'").param("today", today);
        return read(filter, String.format(RATE, ":today"));
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
        Map<UUID, Deal> deals = new LinkedHashMap<>();
        read(filter, String.format(RATE, "coalesce(cast(d.closed_at at time zone :zone as date), :today)"))
                .forEach(deal -> deals.put(deal.dealId(), deal));
        return deals;
    }

    /** The stays in a stage, already ended, of the deals won within the request's period (its filters applied). */
    public List<StageVisit> stageVisitsOfWon(MetricRequest request) {
        SqlFilter filter = filter(request, request.managerId())
                .and("d.status = 'WON'")
                .and("d.closed_at >= :start", "start", request.start())
                .and("d.closed_at < :end", "end", request.end())
                .and("v.left_at is not null");
        return filter
                .rows(
                        em,
                        "select v.card_id, cast(v.stage as uuid), v.entered_at, v.left_at from deal_fact d "
                                + "join card_stay v on v.gen = d.gen and v.tenant_id = d.tenant_id and v.card_type = 'DEAL' "
                                + "and v.card_id = d.deal_id"
                                + filter.where() + "order by v.entered_at")
                .stream()
                .map(row -> new StageVisit(
                        Columns.uuid(row[0]), Columns.uuid(row[1]), Columns.instant(row[2]), Columns.instant(row[3])))
                .toList();
    }

    /**
     * For each deal won within [start, end) of the request: when its client last won a deal before it (any manager,
     * source or pipeline, as far back as the read model goes; merged clients are one client). Absent if never.
     */
    public Map<UUID, Instant> previousWins(MetricRequest request) {
        SqlFilter filter = SqlFilter.forTenant("d", request)
                .and("d.status = 'WON'")
                .and("d.closed_at >= :start", "start", request.start())
                .and("d.closed_at < :end", "end", request.end());
        Map<UUID, Instant> previous = new LinkedHashMap<>();
        for (Object[] row : filter.rows(em, """
                select d.deal_id, (select max(p.closed_at) from deal_fact p where p.gen = d.gen and p.tenant_id = d.tenant_id
                    and p.client_id = d.client_id and p.status = 'WON' and p.closed_at < d.closed_at)
                from deal_fact d""" + filter.where())) {
            if (row[1] != null) {
                previous.put(Columns.uuid(row[0]), Columns.instant(row[1]));
            }
        }
        return previous;
    }

    private SqlFilter filter(MetricRequest request, UUID managerId) {
        return SqlFilter.forTenant("d", request)
                .and("d.manager_id = :managerId", "managerId", managerId)
                // read at query time, not from deal_fact.team_id: the roster and deal topics are applied by concurrent
                // transactions, so a stored team can miss a hiring or move committed alongside the deal's own event
                .and(TEAM + " = :teamId", "teamId", request.teamId())
                .and("d.source = :source", "source", request.source())
                .and("d.pipeline_id = :pipelineId", "pipelineId", request.pipelineId())
                .param("zone", request.zone().getId())
                .param("base", request.calendar().baseCurrency());
    }

    private List<Deal> read(SqlFilter filter, String rate) {
        Map<UUID, List<Line>> lines = new LinkedHashMap<>();
        for (Object[] row : filter.rows(
                em,
                "select d.deal_id, l.product_id, l.product_name, l.category, l.quantity, "
                        + "l.unit_price, l.discount_percent, l.amount, " + rate
                        + " from deal_fact d join deal_line_fact l "
                        + "on l.gen = d.gen and l.tenant_id = d.tenant_id and l.deal_id = d.deal_id" + filter.where()
                        + "order by d.deal_id, l.line_no")) {
            BigDecimal dealRate = (BigDecimal) row[8];
            lines.computeIfAbsent(Columns.uuid(row[0]), id -> new ArrayList<>())
                    .add(new Line(
                            Columns.uuid(row[1]),
                            (String) row[2],
                            (String) row[3],
                            (BigDecimal) row[4],
                            times((BigDecimal) row[5], dealRate),
                            (BigDecimal) row[6],
                            times((BigDecimal) row[7], dealRate)));
        }
        List<Deal> deals = new ArrayList<>();
        for (Object[] row : filter.rows(
                em,
                "select d.deal_id, d.client_id, d.client_name, d.manager_id, d.pipeline_id, "
                        + "d.source, d.stage_id, d.stage_probability, d.amount, d.currency, " + rate
                        + ", d.expected_close_date, "
                        + "d.repeat_sale, d.referred_by_client_id, d.opened_at, d.closed_at, d.loss_reason_kind, d.loss_reason_code "
                        + "from deal_fact d" + filter.where()
                        + "order by d.closed_at desc nulls last, d.opened_at desc, d.deal_id")) {
            UUID id = Columns.uuid(row[0]);
            deals.add(new Deal(
                    id,
                    Columns.uuid(row[1]),
                    (String) row[2],
                    Columns.uuid(row[3]),
                    Columns.uuid(row[4]),
                    (String) row[5],
                    Columns.uuid(row[6]),
                    ((Number) row[7]).intValue(),
                    (BigDecimal) row[8],
                    ((String) row[9]).trim(),
                    times((BigDecimal) row[8], (BigDecimal) row[10]),
                    row[11] == null ? null : Columns.date(row[11]),
                    (Boolean) row[12],
                    Columns.uuid(row[13]),
                    Columns.instant(row[14]),
                    Columns.instant(row[15]),
                    (String) row[16],
                    (String) row[17],
                    lines.getOrDefault(id, List.of())));
        }
        return deals;
    }

    private static BigDecimal times(BigDecimal amount, BigDecimal rate) {
        return rate == null ? null : amount.multiply(rate);
    }

    /**
     * A deal as the metrics see it.
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
            String lossReasonCode,
            List<Line> lines) {

        public boolean converted() {
            return baseAmount != null;
        }
    }

    /** One stay of a deal in a stage. */
    public record StageVisit(UUID dealId, UUID stageId, Instant enteredAt, Instant leftAt) {}

    /** One product line; amounts in the base currency (null without a rate). */
    public record Line(
            UUID productId,
            String productName,
            String category,
            BigDecimal quantity,
            BigDecimal unitPriceBase,
            BigDecimal discountPercent,
            BigDecimal amountBase) {}
}
