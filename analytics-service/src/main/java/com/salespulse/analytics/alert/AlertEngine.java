package com.salespulse.analytics.alert;

import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.analytics.readmodel.ReadPlans;
import com.salespulse.analytics.settings.TenantCalendar;
import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.contract.alert.AlertResolved;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.security.ActingScope;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.query.NativeQuery;
import org.jboss.logging.Logger;

/**
 * Turns the conditions into alert events: one {@link AlertRaised} per condition key while it holds, one
 * {@link AlertResolved} when it stops. Both leave through the outbox in the same transaction that records the
 * alert, so an alert is never raised twice nor lost. A tenant is evaluated soon after its events are applied, but
 * at most once per {@code salespulse.alerts.changed-min-interval} (a tenant whose events keep coming would otherwise
 * be evaluated every tick, each time reading its open cards and stays); time-based facts change without events too,
 * so every tenant is also evaluated once per {@code salespulse.alerts.evaluate-every}, spread over that period
 * ({@link TenantSweep}). A tenant whose evaluation takes long rests after it, so that it holds the engine for at most
 * {@code salespulse.alerts.max-tenant-share} of the time ({@link Pace}): a big tenant is evaluated less often, not
 * continuously; and the engine rests after its ticks, so that all its evaluations together keep it busy for at most
 * {@code salespulse.alerts.max-engine-share} of the time: on a loaded machine the sweep stretches (the tenants it
 * has yet to evaluate are the gauge {@code salespulse.alerts.sweep.pending}) instead of the engine running back to
 * back beside the metric readers and the event consumer. Evaluations run on the scheduler's thread, one tenant and one transaction at a time, never on
 * the consumer's; they are counted in {@code salespulse.alerts.evaluations} by trigger, and timed in {@code
 * salespulse.alerts.evaluation}.
 *
 * <p>One evaluation of a tenant at a time, on every instance: each takes the tenant's transaction-scoped advisory lock,
 * tried, never awaited — an evaluation that waited would hold a connection of the pool (one the live apply needs) for
 * as long as the slow one runs. One that finds the lock taken leaves a row in {@code alert_evaluation_due} and returns
 * (counted in {@code salespulse.alerts.deferred}); the evaluation that holds the lock deletes the rows it finds as it
 * starts, and every tick evaluates the tenants that still have one ({@code trigger=due}). So a change that came while
 * the tenant was being evaluated is seen by the running evaluation, or by the first tick after it ends, on whichever
 * instance: never lost because its own attempt gave way.
 */
@ApplicationScoped
public class AlertEngine {

    private static final Logger LOG = Logger.getLogger(AlertEngine.class);
    /** The actor of alert events: the engine, not a person. */
    static final String ACTOR = "system:analytics-alerts";
    /** The key of the engine's own rest in {@link #enginePace}: its ticks, whichever tenants they evaluate. */
    private static final String ENGINE = "engine";
    /** How long {@link #evaluate(String)} tries while the tenant is being evaluated, and how often. */
    private static final Duration CALL_PATIENCE = Duration.ofMinutes(2);

    private static final Duration CALL_RETRY = Duration.ofMillis(100);
    /** The triggers whose evaluation, finding the tenant being evaluated, leaves it due for the next. */
    private static final Set<String> LEAVES_DUE = Set.of("changed", "schedule");

    private final Instance<AlertCondition> conditions;
    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;
    private final TenantCalendar calendars;
    private final AlertThresholds thresholds;
    private final ReadModelGenerations generations;
    private final ActingScope acting;
    private final MeterRegistry registry;
    private final ChangedTenants changed;
    private final TenantSweep sweep;
    private final Pace tenantPace;
    private final Pace enginePace;

    public AlertEngine(
            Instance<AlertCondition> conditions,
            Outbox outbox,
            EntityManager em,
            Clock clock,
            TenantCalendar calendars,
            AlertThresholds thresholds,
            ReadModelGenerations generations,
            ActingScope acting,
            MeterRegistry registry,
            @ConfigProperty(name = "salespulse.alerts.changed-min-interval", defaultValue = "30s")
                    Duration changedMinInterval,
            @ConfigProperty(name = "salespulse.alerts.evaluate-every", defaultValue = "1m") Duration evaluateEvery,
            @ConfigProperty(name = "salespulse.alerts.changed-tick", defaultValue = "2s") Duration tick,
            @ConfigProperty(name = "salespulse.alerts.max-tenant-share", defaultValue = "0.1") double maxTenantShare,
            @ConfigProperty(name = "salespulse.alerts.max-engine-share", defaultValue = "0.25") double maxEngineShare) {
        this.conditions = conditions;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
        this.calendars = calendars;
        this.thresholds = thresholds;
        this.generations = generations;
        this.acting = acting;
        this.registry = registry;
        this.tenantPace = new Pace("salespulse.alerts.max-tenant-share", maxTenantShare, System::nanoTime);
        this.enginePace = new Pace("salespulse.alerts.max-engine-share", maxEngineShare, System::nanoTime);
        this.changed = new ChangedTenants(changedMinInterval, System::nanoTime, tenantPace::resting);
        this.sweep = new TenantSweep(evaluateEvery, tick, System::nanoTime);
        registry.gauge("salespulse.alerts.resting", tenantPace, Pace::restingNow);
        registry.gauge("salespulse.alerts.engine.resting", enginePace, Pace::restingNow);
        registry.gauge("salespulse.alerts.sweep.pending", sweep, TenantSweep::pending);
    }

    /**
     * Called after an event of the tenant was applied: the tenant is evaluated at the next short tick once the
     * minimum interval since its last evaluation has passed.
     */
    public void changed(String tenant) {
        changed.changed(tenant);
    }

    /**
     * One tick for every trigger, so that the engine holds at most one database connection at a time (one per
     * evaluation, one transaction each) beside the consumer's: the tenants left due by an evaluation that found them
     * being evaluated, the changed tenants that are due, then this tick's slice of the once-a-period sweep
     * ({@link TenantSweep}); a tenant at most once, and none that rests ({@link Pace}): a resting tenant left due
     * keeps its row and a changed one stays changed, for the first tick after the rest; one whose sweep moment came
     * has its next moment. A tick that comes while the engine rests after the ones before ({@code
     * salespulse.alerts.max-engine-share}) does nothing, counted in {@code salespulse.alerts.ticks.rested}: the tenants
     * stay changed, due, or waiting for their sweep, which takes them in the order they fell due at the next tick.
     */
    @Scheduled(every = "${salespulse.alerts.changed-tick:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (enginePace.resting(ENGINE)) {
            registry.counter("salespulse.alerts.ticks.rested").increment();
            return;
        }
        long started = enginePace.start();
        try {
            Set<String> evaluated = new HashSet<>();
            Watched watched = watched();
            watched.due().stream()
                    .filter(tenant -> !tenantPace.resting(tenant))
                    .filter(evaluated::add)
                    .forEach(tenant -> evaluateSafely(tenant, "due"));
            changed.due().stream().filter(evaluated::add).forEach(tenant -> evaluateSafely(tenant, "changed"));
            sweep.next(watched.tenants()).stream()
                    .filter(tenant -> !tenantPace.resting(tenant))
                    .filter(evaluated::add)
                    .forEach(tenant -> evaluateSafely(tenant, "schedule"));
        } finally {
            enginePace.busy(ENGINE, started);
        }
    }

    /** Every tenant the read model knows or with an open alert; the tenants left due (in one transaction). */
    private Watched watched() {
        return QuarkusTransaction.requiringNew()
                .call(() -> new Watched(
                        strings(em.createNativeQuery("""
                select tenant_id from projection_position where gen = ?1
                union select tenant_id from alert where resolved_at is null""").setParameter(1, generations.live())),
                        strings(em.createNativeQuery("select distinct tenant_id from alert_evaluation_due"))));
    }

    private static List<String> strings(Query query) {
        return query.getResultList().stream().map(String.class::cast).toList();
    }

    private record Watched(List<String> tenants, List<String> due) {}

    private void evaluateSafely(String tenant, String trigger) {
        try {
            evaluate(tenant, trigger);
        } catch (RuntimeException e) {
            // one tenant's failure must not stop the others; the next tick tries again
            LOG.warnf(e, "Evaluating the alerts of tenant %s failed", tenant);
        }
    }

    /**
     * Evaluates every condition for the tenant now; raises and resolves as needed, acting for the tenant as the
     * engine ({@link #ACTOR}). The tenant is named here because the engine goes through every tenant in turn. Should
     * the tenant be being evaluated (a tick, another instance), this tries again until it is not — without a
     * connection in between; for a caller that wants the evaluation done when this returns (tests, operations).
     */
    public void evaluate(String tenant) {
        long deadline = System.nanoTime() + CALL_PATIENCE.toNanos();
        while (!evaluate(tenant, "call")) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(
                        "The alerts of tenant " + tenant + " are being evaluated for longer than " + CALL_PATIENCE
                                + "; they will be evaluated again after that");
            }
            try {
                Thread.sleep(CALL_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting to evaluate the alerts of tenant " + tenant, e);
            }
        }
    }

    /**
     * One evaluation of the tenant, unless it is being evaluated: then this returns false at once, the tenant left due
     * for a tick's trigger ({@link #LEAVES_DUE}; a {@code due} one's row is still there, a call tries again itself).
     */
    boolean evaluate(String tenant, String trigger) {
        changed.evaluated(tenant);
        long started = tenantPace.start();
        boolean done = acting.call(
                tenant, ACTOR, () -> QuarkusTransaction.joiningExisting().call(() -> evaluateActing(trigger)));
        if (done) {
            registry.timer("salespulse.alerts.evaluation", "trigger", trigger)
                    .record(tenantPace.busy(tenant, started), TimeUnit.NANOSECONDS);
        }
        registry.counter(done ? "salespulse.alerts.evaluations" : "salespulse.alerts.deferred", "trigger", trigger)
                .increment();
        return done;
    }

    private boolean evaluateActing(String trigger) {
        String tenant = acting.requireTenant();
        // first, so that an evaluation that gives way holds its connection for two short statements
        boolean free = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "alerts:" + tenant)
                .getSingleResult();
        if (!free) {
            if (LEAVES_DUE.contains(trigger)) {
                // no unique key to conflict on: an insert never waits for the holder deleting the older rows
                em.createNativeQuery("insert into alert_evaluation_due (tenant_id) values (?1)")
                        .setParameter(1, tenant)
                        .executeUpdate();
            }
            return false;
        }
        // the rows committed so far are served by this evaluation: every read below starts after them
        em.createNativeQuery("delete from alert_evaluation_due where tenant_id = ?1")
                .setParameter(1, tenant)
                .executeUpdate();
        // the conditions run the same statements for every tenant in turn: planned for any tenant, they would read a
        // big tenant through a small one's plan
        ReadPlans.forTheTenant(em);
        Instant now = clock.instant();
        int gen = generations.live();
        Map<UUID, String> names = new HashMap<>();
        for (Object found : em.createNativeQuery(
                        "select manager_id, name from manager_fact where gen = ?1 and tenant_id = ?2")
                .setParameter(1, gen)
                .setParameter(2, tenant)
                .getResultList()) {
            Object[] row = (Object[]) found;
            if (row[1] != null) {
                names.put((UUID) row[0], (String) row[1]);
            }
        }
        AlertContext context =
                new AlertContext(tenant, gen, now, calendars.calendar(tenant), thresholds.current(), names);
        for (AlertCondition condition : conditions) {
            Map<String, OpenAlert> open = openAlerts(condition.type().name());
            Map<String, ConditionState> watched = new HashMap<>();
            for (ConditionState state : condition.evaluate(context)) {
                watched.put(state.conditionKey(), state);
                if (state.holds() && !open.containsKey(state.conditionKey())) {
                    raise(condition, state, context.managerName(state.managerId()), now);
                } else if (!state.holds() && open.containsKey(state.conditionKey())) {
                    resolve(
                            condition,
                            open.get(state.conditionKey()),
                            state.figures(),
                            context.text("resolved", Map.of("title", state.title())),
                            now);
                }
            }
            open.values().stream()
                    .filter(alert -> !watched.containsKey(alert.conditionKey()))
                    .forEach(alert -> resolve(
                            condition,
                            alert,
                            Map.of(),
                            context.text("resolved.unwatched", Map.of("title", alert.title())),
                            now));
        }
        return true;
    }

    private void raise(AlertCondition condition, ConditionState state, String managerName, Instant now) {
        String tenant = acting.requireTenant();
        UUID alertId = UUID.randomUUID();
        em.createNativeQuery("""
                insert into alert (alert_id, tenant_id, alert_type, condition_key, manager_id, severity, title, drill_down, raised_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""")
                .unwrap(NativeQuery.class)
                .setParameter(1, alertId)
                .setParameter(2, tenant)
                .setParameter(3, condition.type().name())
                .setParameter(4, state.conditionKey())
                .setParameter(5, state.managerId(), UUID.class)
                .setParameter(6, state.severity())
                .setParameter(7, state.title())
                .setParameter(8, state.drillDownPath())
                .setParameter(9, now)
                .executeUpdate();
        outbox.emit(new AlertRaised(
                alertId,
                condition.type(),
                state.conditionKey(),
                state.managerId(),
                state.teamId(),
                state.severity(),
                state.title(),
                state.message(),
                state.figures(),
                state.drillDownPath(),
                now,
                managerName));
        LOG.infof("Alert %s raised for tenant %s: %s", state.conditionKey(), tenant, state.title());
    }

    private void resolve(
            AlertCondition condition, OpenAlert alert, Map<String, BigDecimal> figures, String message, Instant now) {
        String tenant = acting.requireTenant();
        em.createNativeQuery("update alert set resolved_at = ?1 where alert_id = ?2")
                .setParameter(1, now)
                .setParameter(2, alert.alertId())
                .executeUpdate();
        outbox.emit(new AlertResolved(
                alert.alertId(),
                condition.type(),
                alert.conditionKey(),
                alert.managerId(),
                null,
                message,
                figures,
                now));
        LOG.infof("Alert %s resolved for tenant %s", alert.conditionKey(), tenant);
    }

    private Map<String, OpenAlert> openAlerts(String type) {
        Map<String, OpenAlert> open = new HashMap<>();
        for (Object found : em.createNativeQuery("""
                select alert_id, condition_key, manager_id, title from alert
                where tenant_id = ?1 and alert_type = ?2 and resolved_at is null""")
                .setParameter(1, acting.requireTenant())
                .setParameter(2, type)
                .getResultList()) {
            Object[] row = (Object[]) found;
            open.put((String) row[1], new OpenAlert((UUID) row[0], (String) row[1], (UUID) row[2], (String) row[3]));
        }
        return open;
    }

    private record OpenAlert(UUID alertId, String conditionKey, UUID managerId, String title) {}
}
