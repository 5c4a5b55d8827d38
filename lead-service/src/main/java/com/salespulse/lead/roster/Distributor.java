package com.salespulse.lead.roster;

import com.salespulse.lead.settings.TenantSettings;
import com.salespulse.lead.settings.TenantSettings.DistributionMode;
import com.salespulse.security.ActingScope;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Chooses the manager an arriving lead goes to under the tenant's rule. Only managers who are active (not
 * dismissed, not absent), on shift at the moment (in the tenant's time zone; nobody on a holiday of the tenant's
 * calendar, and on a working day of it, such as a working Saturday, whoever has a Monday shift, at its hours) and
 * under capacity qualify, in every automatic mode:
 * <ul>
 * <li>LEAST_LOADED: the lowest open leads ÷ capacity; ties go to who waited longest since their last lead;</li>
 * <li>ROUND_ROBIN: who waited longest since their last automatic lead (never assigned counts as longest).</li>
 * </ul>
 * MANUAL picks nobody: the lead waits in the unassigned queue.
 */
@ApplicationScoped
public class Distributor {

    private final ManagerRepository managers;
    private final AbsenceRepository absences;
    private final OpenLeads leads;
    private final ActingScope acting;
    private final MeterRegistry metrics;

    public Distributor(
            ManagerRepository managers,
            AbsenceRepository absences,
            OpenLeads leads,
            ActingScope acting,
            MeterRegistry metrics) {
        this.acting = acting;
        this.metrics = metrics;
        this.managers = managers;
        this.absences = absences;
        this.leads = leads;
    }

    /** A manager with the figures the choice read. */
    public record Candidate(Manager manager, long openLeads) {

        double load() {
            return (double) openLeads / manager.capacity;
        }
    }

    /**
     * Serializes, until the transaction ends, the claims of a tenant that may wait for a manager's row: a queue
     * drain's, a batch's, and an intake's whose candidates were all being given a lead at that moment. A transaction
     * that claims more than one manager takes it before its first claim, so that nobody holding a manager's row ever
     * waits for it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockTenant() {
        managers.getEntityManager()
                .createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "distribution:" + acting.requireTenant())
                .getSingleResult();
    }

    /**
     * Chooses the manager an arriving lead goes to under the tenant's rule and holds that manager's row until the
     * transaction ends, so two leads arriving together can neither both take a manager's last free slot nor both take
     * the same turn. A tenant's intakes are not serialized: one statement ranks the qualifying managers (active,
     * present, on shift, under capacity) by their open leads and turns as they are at that moment and takes the row
     * of the best-ranked one whom no other transaction is giving a lead to ({@code FOR NO KEY UPDATE SKIP LOCKED}),
     * so intakes arriving together spread over the best few managers instead of all reaching for the same one. Once
     * the row is held the open leads are counted again (a transaction that held it may have committed between the
     * statement's ranking and its lock); a manager given a lead meanwhile, or whose profile changed since the roster
     * was read, is let go (back to a savepoint) and the claim runs again. A claim never waits while it holds a row. Only when every qualifying manager is being given a lead
     * does it take the tenant's lock ({@link #lockTenant}) and then wait for the best-ranked manager's row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Manager> claim(TenantSettings settings, Instant at) {
        if (settings.distributionMode == DistributionMode.MANUAL) {
            return Optional.empty();
        }
        Claim claim = claim(settings, at, false);
        if (claim.busy()) {
            lockTenant();
            claim = claim(settings, at, true);
            count(claim.manager() == null ? "queued" : "tenant-lock");
        } else {
            count(claim.manager() == null ? "queued" : claim.retries() == 0 ? "first" : "retried");
        }
        return Optional.ofNullable(claim.manager());
    }

    /**
     * As {@link #claim}, for a transaction that holds the tenant's lock ({@link #lockTenant}, taken before its first
     * claim): waits for the best-ranked manager's row. A row it took and found changed stays held to the end of the
     * transaction (no transaction waits for the tenant's lock while holding a manager's row).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Manager> claimHoldingTenantLock(TenantSettings settings, Instant at) {
        if (settings.distributionMode == DistributionMode.MANUAL) {
            return Optional.empty();
        }
        return Optional.ofNullable(claim(settings, at, true).manager());
    }

    /**
     * A claim's outcome: the manager, or nobody; whether a qualifying manager's row was held by another; how many rows
     * it took and let go first.
     */
    private record Claim(Manager manager, boolean busy, int retries) {}

    /** How many rows one claim may take and let go before it takes the tenant's lock (or, holding it, gives up). */
    private static final int MAX_HOLDS = 64;

    private Claim claim(TenantSettings settings, Instant at, boolean wait) {
        // nothing of the transaction is left to be written inside a savepoint the claim may roll back to
        managers.flush();
        ZonedDateTime local = at.atZone(settings.zone());
        Map<UUID, Manager> onShift = onShift(settings, local, at);
        boolean leastLoaded = settings.distributionMode == DistributionMode.LEAST_LOADED;
        String openLeads = leads.countOpenSql();
        for (int holds = 0; !onShift.isEmpty(); holds++) {
            if (holds == MAX_HOLDS) {
                return new Claim(null, !wait, holds);
            }
            Optional<ManagerRepository.Held> taken =
                    managers.claimBest(onShift.keySet(), leastLoaded, !wait, openLeads);
            if (taken.isEmpty()) {
                // nobody qualifies; or, skipping held rows, everyone who does is being given a lead right now
                return new Claim(null, !wait && managers.anyUnderCapacity(onShift.keySet(), openLeads), holds);
            }
            ManagerRepository.Held held = taken.get();
            Manager manager = onShift.get(held.id());
            if (held.version() != manager.version) {
                // their profile or status changed since the roster was read (a lead does not change the version):
                // read the roster again
                retry("changed", wait);
                onShift = onShift(settings, local, at);
                continue;
            }
            // behind the savepoint the turn is taken in the statement that counts again (letting go takes it back);
            // holding the tenant's lock there is no savepoint, so the count comes first and the turn only if kept
            long openNow = wait
                    ? managers.openLeadsOf(held.id(), openLeads)
                    : managers.takeTurnCounting(held.id(), at, openLeads);
            if (openNow != held.rankedOpenLeads()) {
                // given a lead between the ranking and the hold (that transaction had just let go of the row): rank
                // again with the new figures, so that the rule holds (and a full manager is passed over)
                retry("moved", wait);
                if (openNow >= manager.capacity) {
                    onShift.remove(held.id());
                }
                continue;
            }
            if (wait) {
                managers.takeTurn(held.id(), at);
            }
            return new Claim(manager, false, holds);
        }
        return new Claim(null, false, 0);
    }

    /** The active managers neither absent nor off shift at {@code local} ({@code at}), by id, in the roster's order. */
    private Map<UUID, Manager> onShift(TenantSettings settings, ZonedDateTime local, Instant at) {
        Map<UUID, Manager> onShift = new LinkedHashMap<>();
        for (Manager m : managers.presentWithShifts(at)) {
            if (m.onShift(local, settings::isHoliday, settings::isWorkingDay)) {
                onShift.put(m.id, m);
            }
        }
        return onShift;
    }

    private void retry(String reason, boolean wait) {
        if (!wait) {
            managers.letGo();
        }
        metrics.counter("salespulse.distribution.claim.retries", "reason", reason)
                .increment();
    }

    /** How an intake's claim ended: first / retried (its first pick let go), tenant-lock (every row held), queued. */
    private void count(String outcome) {
        metrics.counter("salespulse.distribution.claims", "outcome", outcome).increment();
    }

    /** Active and present at {@code at}, whatever their shift and load: who may receive a dismissed manager's cards. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Candidate> present(DistributionMode mode, Instant at, UUID except) {
        Set<UUID> absent = absences.absentAt(at);
        Map<UUID, Long> open = leads.openCountByManager();
        List<Candidate> present = managers.notDismissed().stream()
                .filter(m -> !m.id.equals(except) && !absent.contains(m.id))
                .map(m -> new Candidate(m, open.getOrDefault(m.id, 0L)))
                .toList();
        return rank(mode, present);
    }

    private static List<Candidate> rank(DistributionMode mode, List<Candidate> candidates) {
        Comparator<Candidate> waitedLongest = Comparator.comparing(
                        (Candidate c) -> c.manager().lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(c -> c.manager().id);
        Comparator<Candidate> order = mode == DistributionMode.LEAST_LOADED
                ? Comparator.comparingDouble(Candidate::load).thenComparing(waitedLongest)
                : waitedLongest;
        return candidates.stream().sorted(order).toList();
    }
}
