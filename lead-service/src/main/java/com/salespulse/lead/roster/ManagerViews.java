package com.salespulse.lead.roster;

import com.salespulse.lead.settings.TenantSettingsRepository;
import com.salespulse.problem.page.SortOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds what the API shows about managers: their state now, from the roster, absences and open leads. */
@ApplicationScoped
public class ManagerViews {

    private final ManagerRepository managers;
    private final AbsenceRepository absences;
    private final OpenLeads leads;
    private final TenantSettingsRepository settings;
    private final Clock clock;

    public ManagerViews(
            ManagerRepository managers,
            AbsenceRepository absences,
            OpenLeads leads,
            TenantSettingsRepository settings,
            Clock clock) {
        this.managers = managers;
        this.absences = absences;
        this.leads = leads;
        this.settings = settings;
        this.clock = clock;
    }

    /** One page of the roster, {@code order} being one of {@link RosterApi#MANAGER_SORT}. */
    @Transactional
    public RosterApi.ManagerPage page(SortOrder order, int page, int size) {
        Map<UUID, Long> open = leads.openCountByManager();
        List<RosterApi.ManagerView> items = managers.page(order, page, size).stream()
                .map(m -> view(m, open))
                .toList();
        return new RosterApi.ManagerPage(items, page, size, managers.count());
    }

    @Transactional
    public RosterApi.ManagerView one(UUID id) {
        return managers.findByIdOptional(id)
                .map(m -> view(m, leads.openCountByManager()))
                .orElseThrow(() -> com.salespulse.problem.ProblemException.notFound("Manager " + id));
    }

    /** The view of a manager entity at hand, e.g. one a dry run created and will roll back. */
    @Transactional
    public RosterApi.ManagerView of(Manager m) {
        return view(m, leads.openCountByManager());
    }

    private RosterApi.ManagerView view(Manager m, Map<UUID, Long> open) {
        Instant now = clock.instant();
        List<Absence> own = absences.ofManager(m.id);
        boolean absent = own.stream().anyMatch(a -> a.covers(now));
        String status = m.dismissed() ? "DISMISSED" : absent ? "ABSENT" : "ACTIVE";
        long openLeads = open.getOrDefault(m.id, 0L);
        com.salespulse.lead.settings.TenantSettings tenant = settings.current();
        return new RosterApi.ManagerView(
                m.id,
                m.name,
                m.teamId,
                m.capacity,
                status,
                !m.dismissed() && m.onShift(now.atZone(tenant.zone()), tenant::isHoliday, tenant::isWorkingDay),
                openLeads,
                (double) openLeads / m.capacity,
                m.shifts.stream()
                        .map(s -> new RosterApi.ShiftView(s.day, s.start, s.end))
                        .toList(),
                own.stream().map(ManagerViews::view).toList(),
                m.hiredAt,
                m.dismissedAt,
                m.version,
                m.externalSystem,
                m.externalId);
    }

    static RosterApi.AbsenceView view(Absence a) {
        return new RosterApi.AbsenceView(a.id, a.kind.name(), a.startsAt, a.endsAt, a.comment, a.clearedAt);
    }
}
