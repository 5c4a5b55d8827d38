package com.salespulse.lead.roster;

import com.salespulse.lead.settings.TenantSettings;
import com.salespulse.lead.settings.TenantSettings.DistributionMode;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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

    public Distributor(ManagerRepository managers, AbsenceRepository absences, OpenLeads leads, ActingScope acting) {
        this.acting = acting;
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
     * Chooses the manager an arriving lead goes to under the tenant's rule ({@link #eligible}, ranked by the mode) and
     * holds that manager's row until the transaction ends, so two leads arriving together can neither both take a
     * manager's last free slot nor both take the same turn. A tenant's intakes are not serialized: the best-ranked
     * manager whom no other transaction is giving a lead to is claimed ({@code FOR NO KEY UPDATE SKIP LOCKED}); once
     * the row is held their figures are read again (a transaction that held it has committed by then), and when they
     * changed (another lead, a new turn, a profile change) the row is let go (back to a savepoint) and the manager is
     * ranked again with the new figures. A claim never waits while it holds a row. Only when every qualifying
     * manager is being given a lead does it take the tenant's lock ({@link #lockTenant}) and then wait for their
     * rows, one at a time, in rank order.
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
        }
        return Optional.ofNullable(claim.manager());
    }

    /**
     * As {@link #claim}, for a transaction that holds the tenant's lock ({@link #lockTenant}, taken before its first
     * claim): waits for the best-ranked manager's row, one row at a time. A row it took and found changed stays held
     * to the end of the transaction (no transaction waits for the tenant's lock while holding a manager's row).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Manager> claimHoldingTenantLock(TenantSettings settings, Instant at) {
        if (settings.distributionMode == DistributionMode.MANUAL) {
            return Optional.empty();
        }
        return Optional.ofNullable(claim(settings, at, true).manager());
    }

    /** A claim's outcome: the manager, or nobody, and whether a qualifying manager's row was held by another. */
    private record Claim(Manager manager, boolean busy) {}

    /** How many rows one claim may take and let go before it takes the tenant's lock (or, holding it, gives up). */
    private static final int MAX_HOLDS = 64;

    private Claim claim(TenantSettings settings, Instant at, boolean wait) {
        // nothing of the transaction is left to be written inside a savepoint the claim may roll back to
        managers.flush();
        ZonedDateTime local = at.atZone(settings.zone());
        List<Candidate> ranked = new ArrayList<>(rank(settings.distributionMode, eligible(settings, at)));
        boolean busy = false;
        for (int holds = 0; !ranked.isEmpty(); holds++) {
            if (holds == MAX_HOLDS) {
                return new Claim(null, !wait);
            }
            Candidate best = ranked.remove(0);
            Manager manager = best.manager();
            OptionalLong version = wait ? managers.hold(manager.id) : managers.tryHold(manager.id);
            if (version.isEmpty()) {
                busy = true;
                continue;
            }
            long open = leads.openCountOf(manager.id);
            if (version.getAsLong() == manager.version && open == best.openLeads()) {
                if (!wait) {
                    managers.keepHeld();
                }
                return new Claim(manager, false);
            }
            if (!wait) {
                managers.letGo();
            }
            if (version.getAsLong() != manager.version) {
                // another transaction gave them a lead, or changed their profile or status
                managers.refresh(manager);
            }
            if (!manager.dismissed()
                    && manager.onShift(local, settings::isHoliday, settings::isWorkingDay)
                    && open < manager.capacity) {
                ranked.add(new Candidate(manager, open));
                ranked = new ArrayList<>(rank(settings.distributionMode, ranked));
            }
        }
        return new Claim(null, busy);
    }

    /**
     * Active, present, on shift at {@code at} in the tenant's zone (no shift starts on a holiday of the tenant's
     * calendar), and under capacity.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Candidate> eligible(TenantSettings settings, Instant at) {
        ZonedDateTime local = at.atZone(settings.zone());
        Set<UUID> absent = absences.absentAt(at);
        List<Manager> onShift = managers.notDismissed().stream()
                .filter(m -> !absent.contains(m.id))
                .filter(m -> m.onShift(local, settings::isHoliday, settings::isWorkingDay))
                .toList();
        // the open leads of those who qualify so far only, not of the whole tenant
        Map<UUID, Long> open =
                leads.openCountByManager(onShift.stream().map(m -> m.id).toList());
        return onShift.stream()
                .map(m -> new Candidate(m, open.getOrDefault(m.id, 0L)))
                .filter(c -> c.openLeads() < c.manager().capacity)
                .toList();
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
