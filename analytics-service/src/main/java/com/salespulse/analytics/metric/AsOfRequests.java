package com.salespulse.analytics.metric;

import com.salespulse.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The "now" metrics (manager load, forgotten cards, the dismissed base's cards still owned) asked about the past: {@code asOf=} a day or an instant, and the
 * daily trend over a period. Both read the read model's history ({@code card_state_span}, {@code task_span},
 * {@code card_snooze_span}: migration V2026_12_12_40), which begins with the tenant's first card or task: a moment
 * before it, or in the future, is a 400 naming the parameter. Everything else is {@link MetricRequests}' (the filters,
 * a manager's own scope): these take the request it resolved.
 */
@ApplicationScoped
public class AsOfRequests {

    private final EntityManager em;
    private final MetricRequests requests;

    public AsOfRequests(EntityManager em, MetricRequests requests) {
        this.em = em;
        this.requests = requests;
    }

    /**
     * The request ({@code now}, resolved for the state now) at {@code asOf} (null: now). A day means its end in the tenant's zone, today the moment of the
     * query, so {@code asOf=} today answers what the metric answers now.
     */
    @Transactional
    public MetricRequest at(MetricRequest now, AsOf asOf) {
        return asOf == null ? now : now.at(moment(now, asOf));
    }

    /**
     * For a metric with a period of its own beside its "now" figures (the dismissed base: the period's transfers, the
     * cards still owned now): the request with its "now" at {@code asOf} (null: now), its period kept.
     */
    @Transactional
    public MetricRequest keepingPeriod(MetricRequest now, AsOf asOf) {
        return asOf == null ? now : now.withPast(moment(now, asOf));
    }

    /** The moment {@code asOf} means, checked: not in the future, not before the tenant's history. */
    private Instant moment(MetricRequest now, AsOf asOf) {
        LocalDate today = LocalDate.ofInstant(now.now(), now.zone());
        Instant at = asOf.moment(now.zone());
        if (asOf.day() != null ? asOf.day().isAfter(today) : at.isAfter(now.now())) {
            throw ProblemException.invalidField(AsOf.PARAM, "must not be in the future (today is " + today + ")");
        }
        if (at.isAfter(now.now())) {
            at = now.now();
        }
        Optional<Instant> start = historyStart(now);
        if (start.isEmpty() || at.isBefore(start.get())) {
            throw ProblemException.invalidField(AsOf.PARAM, beforeHistory(start, now));
        }
        return at;
    }

    /**
     * A daily trend's request, the one place its period is read for every trend: from and to (or month), required, at
     * most {@value MetricRequests#MAX_PERIOD_DAYS} days (as every period), not after today and not before the day the
     * tenant's history begins, each a 400 naming it; the filters and the caller's scope as {@link MetricRequests}
     * resolves them.
     */
    @Transactional
    public MetricRequest trend(TrendPeriod period) {
        MetricParams params = period.params();
        MetricRequest request = requests.resolve(params);
        LocalDate today = LocalDate.ofInstant(request.now(), request.zone());
        String last = params.month != null ? "month" : "to";
        if (request.to().isAfter(today)) {
            throw ProblemException.invalidField(last, "must not be after today (" + today + ")");
        }
        Optional<Instant> start = historyStart(request);
        if (start.isEmpty() || request.from().isBefore(LocalDate.ofInstant(start.get(), request.zone()))) {
            throw ProblemException.invalidField(params.month != null ? "month" : "from", beforeHistory(start, request));
        }
        return request;
    }

    private static String beforeHistory(Optional<Instant> start, MetricRequest request) {
        return start.map(s -> "must not be before the tenant's history, which begins on "
                        + LocalDate.ofInstant(s, request.zone()))
                .orElse("the tenant has no history yet");
    }

    /** When the tenant's history begins: its first card's or task's first state. */
    private Optional<Instant> historyStart(MetricRequest request) {
        Object first = em.createNativeQuery("select least((select min(valid_from) from card_state_span "
                        + "where gen = ?1 and tenant_id = ?2), (select min(valid_from) from task_span "
                        + "where gen = ?1 and tenant_id = ?2))")
                .setParameter(1, request.gen())
                .setParameter(2, request.tenant())
                .getSingleResult();
        return Optional.ofNullable(first == null ? null : com.salespulse.analytics.readmodel.Columns.instant(first));
    }
}
