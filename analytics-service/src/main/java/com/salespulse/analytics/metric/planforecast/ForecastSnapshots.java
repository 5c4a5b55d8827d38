package com.salespulse.analytics.metric.planforecast;

import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.analytics.settings.TenantCalendar;
import com.salespulse.analytics.settings.WorkCalendar;
import com.salespulse.security.ActingScope;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps metric 9's forecasts day by day, for forecast accuracy (issue 20): for every working day of the tenant's
 * calendar and every plan owner of that month (each manager with a plan, each team with a team plan, the tenant), one
 * row per method with the month's forecast of sales and of won deals as it stood at the close of that day.
 *
 * <p>A day is taken once it is over: the first run on the next day takes it <b>live</b> (the pipeline as it stands
 * then). A day the service missed (down, or history imported later) is taken at the next run <b>as of</b> that day
 * from the read model: the sales won up to the day (business time) and the earlier months' curve are the same as a
 * live snapshot would have seen, unless a deal was reopened or imported since; the weighted pipeline is left out
 * (null), because the read model keeps only the deals' current stage and expected close. Days back to the first of
 * the month {@code backfill-months} before the current one are looked at.
 *
 * <p>Idempotent: rows are inserted with {@code on conflict do nothing} on (tenant, owner, day, method), so a re-run,
 * a second instance or a late event never rewrites a snapshot; one instance works on a tenant at a time (a
 * transaction-scoped advisory lock, tried: a run that finds it held leaves the tenant to the holder).
 */
@ApplicationScoped
public class ForecastSnapshots {

    private static final Logger LOG = Logger.getLogger(ForecastSnapshots.class);
    /** The actor of the job: the scheduler, not a person. */
    static final String ACTOR = "system:forecast-snapshots";

    static final List<String> METHODS = List.of(
            ForecastAccuracyQuery.RUN_RATE,
            ForecastAccuracyQuery.WEIGHTED_PIPELINE,
            ForecastAccuracyQuery.HISTORICAL_CURVE);

    private final PlanForecastQuery forecasts;
    private final EntityManager em;
    private final Clock clock;
    private final TenantCalendar calendars;
    private final ReadModelGenerations generations;
    private final ActingScope acting;
    private final int backfillMonths;
    private final MeterRegistry registry;

    public ForecastSnapshots(
            PlanForecastQuery forecasts,
            EntityManager em,
            Clock clock,
            TenantCalendar calendars,
            ReadModelGenerations generations,
            ActingScope acting,
            MeterRegistry registry,
            @ConfigProperty(name = "salespulse.forecast-snapshots.backfill-months", defaultValue = "3")
                    int backfillMonths) {
        this.forecasts = forecasts;
        this.em = em;
        this.clock = clock;
        this.calendars = calendars;
        this.generations = generations;
        this.acting = acting;
        this.backfillMonths = backfillMonths;
        this.registry = registry;
    }

    @Scheduled(
            every = "${salespulse.forecast-snapshots.every:15m}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void takeForEveryTenant() {
        List<String> tenants = QuarkusTransaction.requiringNew()
                .call(() -> em
                        .createNativeQuery("select distinct tenant_id from sales_plan where gen = ?1")
                        .setParameter(1, generations.live())
                        .getResultList()
                        .stream()
                        .map(String.class::cast)
                        .toList());
        for (String tenant : tenants) {
            try {
                registry.counter("salespulse.forecast.snapshots.written").increment(take(tenant));
            } catch (RuntimeException e) {
                // one tenant's failure must not stop the others; the next run takes what is still missing
                LOG.warnf(e, "Taking the forecast snapshots of tenant %s failed", tenant);
            }
        }
        // a round over every tenant is done: the first one after a start backfills the months before (at a million
        // deals, minutes of work), so a benchmark waits for it before measuring a running instance
        registry.counter("salespulse.forecast.snapshots.rounds").increment();
    }

    /**
     * Takes the tenant's snapshots that are due and missing, as of the clock's now.
     *
     * @return the rows written (0 when everything was taken already, or another instance is at it)
     */
    public int take(String tenant) {
        return acting.call(tenant, ACTOR, () -> takeActing(tenant));
    }

    private int takeActing(String tenant) {
        WorkCalendar calendar = calendars.calendar(tenant);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, calendar.zone());
        LocalDate first = YearMonth.from(today).minusMonths(backfillMonths).atDay(1);
        int gen = generations.live();
        Map<YearMonth, List<PlanOwner>> owners =
                QuarkusTransaction.requiringNew().call(() -> owners(gen, tenant, YearMonth.from(first)));
        Set<String> taken = QuarkusTransaction.requiringNew().call(() -> taken(tenant, first));
        int written = 0;
        for (LocalDate day = first; day.isBefore(today); day = day.plusDays(1)) {
            List<PlanOwner> due = new ArrayList<>();
            for (PlanOwner owner : owners.getOrDefault(YearMonth.from(day), List.of())) {
                if (!taken.contains(owner.key() + "@" + day)) {
                    due.add(owner);
                }
            }
            if (due.isEmpty() || !calendar.isWorkingDay(day)) {
                continue;
            }
            LocalDate theDay = day;
            Integer rows = QuarkusTransaction.requiringNew()
                    .call(() -> takeDay(gen, tenant, calendar, theDay, today, now, due));
            if (rows == null) {
                return written;
            }
            written += rows;
        }
        return written;
    }

    /** The plan owners of each month from {@code from} on: managers and teams with a plan, and the tenant. */
    private Map<YearMonth, List<PlanOwner>> owners(int gen, String tenant, YearMonth from) {
        Map<YearMonth, Set<PlanOwner>> owners = new LinkedHashMap<>();
        for (Object found : em.createNativeQuery("""
                select month, manager_id, team_id from sales_plan
                where gen = ?1 and tenant_id = ?2 and month >= ?3 order by month, scope, manager_id, team_id""")
                .setParameter(1, gen)
                .setParameter(2, tenant)
                .setParameter(3, from.toString())
                .getResultList()) {
            Object[] row = (Object[]) found;
            Set<PlanOwner> ofMonth =
                    owners.computeIfAbsent(YearMonth.parse((String) row[0]), m -> new LinkedHashSet<>());
            ofMonth.add(PlanOwner.tenant());
            if (row[1] != null) {
                ofMonth.add(PlanOwner.manager(Columns.uuid(row[1])));
            } else if (row[2] != null) {
                ofMonth.add(PlanOwner.team(Columns.uuid(row[2])));
            }
        }
        Map<YearMonth, List<PlanOwner>> lists = new LinkedHashMap<>();
        owners.forEach((month, set) -> lists.put(month, List.copyOf(set)));
        return lists;
    }

    /** "owner@day" of every snapshot the tenant has from {@code from} on. */
    private Set<String> taken(String tenant, LocalDate from) {
        Set<String> taken = new HashSet<>();
        for (Object found : em.createNativeQuery(
                        "select distinct owner_key, day from forecast_snapshot where tenant_id = ?1 and day >= ?2")
                .setParameter(1, tenant)
                .setParameter(2, from)
                .getResultList()) {
            Object[] row = (Object[]) found;
            taken.add(row[0] + "@" + Columns.date(row[1]));
        }
        return taken;
    }

    /** The day's rows for these owners; null when another instance is taking the tenant's snapshots. */
    private Integer takeDay(
            int gen,
            String tenant,
            WorkCalendar calendar,
            LocalDate day,
            LocalDate today,
            Instant now,
            List<PlanOwner> owners) {
        boolean free = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "forecast-snapshots:" + tenant)
                .getSingleResult();
        if (!free) {
            return null;
        }
        ZoneId zone = calendar.zone();
        YearMonth month = YearMonth.from(day);
        boolean live = today.equals(day.plusDays(1));
        PlanForecastQuery.Mode mode = live ? PlanForecastQuery.Mode.SNAPSHOT : PlanForecastQuery.Mode.AS_OF;
        // the last moment of the day: "today" for the forecast is the day, and every working day up to it elapsed
        Instant close = day.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
        int workingDay = calendar.workingDays(month.atDay(1), day);
        int written = 0;
        for (PlanOwner owner : owners) {
            MetricRequest request = owner.request(tenant, gen, calendar, month, close);
            PlanForecastQuery.Forecast forecast = forecasts.forecast(request, month, mode);
            PlanForecastFigures f = forecast.figures();
            for (String method : METHODS) {
                BigDecimal[] value = forecast.of(method);
                written += em.createNativeQuery("""
                        insert into forecast_snapshot (tenant_id, owner_key, day, method, month, manager_id, team_id,
                            working_day, amount, deal_count, plan_amount, plan_deal_count, sold_to_date, won_to_date,
                            chance_to_meet_plan, source, taken_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
                        on conflict do nothing""")
                        .unwrap(org.hibernate.query.NativeQuery.class)
                        .setParameter(1, tenant)
                        .setParameter(2, owner.key())
                        .setParameter(3, day)
                        .setParameter(4, method)
                        .setParameter(5, month.toString())
                        .setParameter(6, owner.managerId(), java.util.UUID.class)
                        .setParameter(7, owner.teamId(), java.util.UUID.class)
                        .setParameter(8, workingDay)
                        .setParameter(9, value[0], BigDecimal.class)
                        .setParameter(10, value[1], BigDecimal.class)
                        .setParameter(11, f.plan(), BigDecimal.class)
                        .setParameter(12, f.dealCount().plan(), Integer.class)
                        .setParameter(13, f.soldToDate())
                        .setParameter(14, (int) f.dealCount().wonToDate())
                        .setParameter(15, f.chanceToMeetPlan(), BigDecimal.class)
                        .setParameter(16, live ? "LIVE" : "BACKFILL")
                        .setParameter(17, now)
                        .executeUpdate();
            }
        }
        return written;
    }
}
