package com.salespulse.lead.roster;

import com.salespulse.lead.settings.TenantSettings;
import com.salespulse.lead.settings.TenantSettings.DistributionMode;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
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
     * Serializes distribution within a tenant until the transaction ends, so two leads arriving together cannot
     * both take a manager's last free slot.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockTenant() {
        managers.getEntityManager()
                .createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "distribution:" + acting.requireTenant())
                .getSingleResult();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Manager> choose(TenantSettings settings, Instant at) {
        if (settings.distributionMode == DistributionMode.MANUAL) {
            return Optional.empty();
        }
        return rank(settings.distributionMode, eligible(settings, at)).stream()
                .findFirst()
                .map(Candidate::manager);
    }

    /**
     * Active, present, on shift at {@code at} in the tenant's zone (no shift starts on a holiday of the tenant's
     * calendar), and under capacity.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Candidate> eligible(TenantSettings settings, Instant at) {
        ZonedDateTime local = at.atZone(settings.zone());
        Set<UUID> absent = absences.absentAt(at);
        Map<UUID, Long> open = leads.openCountByManager();
        return managers.notDismissed().stream()
                .filter(m -> !absent.contains(m.id))
                .filter(m -> m.onShift(local, settings::isHoliday, settings::isWorkingDay))
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
