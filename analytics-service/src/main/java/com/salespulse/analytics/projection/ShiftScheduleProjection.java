package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.run;

import com.salespulse.analytics.readmodel.ShiftLabels;
import com.salespulse.contract.roster.ManagerHired.ManagerProfile;
import com.salespulse.contract.roster.ManagerHired.Shift;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps every manager's weekly shift windows as they were over time ({@code shift_window}) and the shift each lead
 * arrived in ({@code lead_fact.shift}, worked out by the SQL function {@code lead_shifts} for many leads at once, see
 * migrations V2026_11_27_700, V2026_12_09_16 and V2026_12_10_52: a window ending before it starts is a night shift
 * that ends the next day, one shift).
 * <p>
 * A schedule change applies from the event's own time on: the windows open at that moment are closed and the new
 * ones opened, so leads that came earlier keep their shift. Roster and lead events travel on different topics and
 * may be applied in either order, so after every change the leads that came at or after its time are worked out
 * again: the lead's shift then depends only on the schedule history, never on the order events were applied in
 * (a replay gives the same answer as the live model). A batch with a schedule change (a hiring, an update) holds its
 * tenant alone, so no batch of the tenant's leads applies at the same time ({@link TenantLocks}), and neither misses
 * the other's rows.
 */
@ApplicationScoped
public class ShiftScheduleProjection {

    private static final Logger LOG = Logger.getLogger(ShiftScheduleProjection.class);

    private final EntityManager em;

    public ShiftScheduleProjection(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void hired(Applying at, UUID managerId, ManagerProfile profile, Instant hiredAt) {
        open(at, managerId, profile, hiredAt);
        rederiveLeadsFrom(at, hiredAt);
    }

    /**
     * Only a change of the time zone or the windows starts a new version; a new name or capacity leaves them be, and
     * so does any change to a manager already dismissed (their windows stay ended).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void updated(Applying at, UUID managerId, ManagerProfile before, ManagerProfile after, Instant updatedAt) {
        if (sameSchedule(before, after) || dismissedBy(at, managerId, updatedAt)) {
            return;
        }
        close(at, managerId, updatedAt);
        open(at, managerId, after, updatedAt);
        rederiveLeadsFrom(at, updatedAt);
    }

    /** A dismissed manager's windows end at the dismissal. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dismissed(Applying at, UUID managerId, Instant dismissedAt) {
        close(at, managerId, dismissedAt);
        rederiveLeadsFrom(at, dismissedAt);
    }

    private boolean dismissedBy(Applying at, UUID managerId, Instant when) {
        return !em.createNativeQuery("""
                select 1 from manager_fact where gen = ?1 and tenant_id = ?2 and manager_id = ?3 and dismissed_at <= ?4""")
                .setParameter(1, at.gen())
                .setParameter(2, at.tenant())
                .setParameter(3, managerId)
                .setParameter(4, when)
                .getResultList()
                .isEmpty();
    }

    /** Ends the manager's open windows at {@code when}; versions that would only begin then or later are dropped. */
    private void close(Applying at, UUID managerId, Instant when) {
        run(
                em,
                "delete from shift_window where gen = ?1 and tenant_id = ?2 and manager_id = ?3 and valid_from >= ?4",
                at.gen(),
                at.tenant(),
                managerId,
                when);
        run(em, """
                update shift_window set valid_to = ?4
                where gen = ?1 and tenant_id = ?2 and manager_id = ?3 and (valid_to is null or valid_to > ?4)""", at.gen(), at.tenant(), managerId, when);
    }

    private void open(Applying at, UUID managerId, ManagerProfile profile, Instant from) {
        ZoneId zone = zone(profile.timeZone());
        if (zone == null) {
            LOG.warnf(
                    "Manager %s of tenant %s has a schedule in the unknown time zone '%s'; their shifts are left out",
                    managerId, at.tenant(), profile.timeZone());
            return;
        }
        for (Shift shift : windows(profile)) {
            LocalTime start = shift.start().truncatedTo(ChronoUnit.MINUTES);
            LocalTime end = shift.end().truncatedTo(ChronoUnit.MINUTES);
            // an end before the start is a night shift ending the next day (V2026_12_10_52); an empty one is junk
            if (shift.day() == null || end.equals(start)) {
                LOG.warnf(
                        "Manager %s of tenant %s has a shift window without a day or ending when it starts (%s); "
                                + "it is left out",
                        managerId, at.tenant(), shift);
                continue;
            }
            run(
                    em,
                    """
                    insert into shift_window (gen, tenant_id, manager_id, valid_from, day_of_week, start_time, end_time,
                        time_zone, label)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) on conflict do nothing""",
                    at.gen(),
                    at.tenant(),
                    managerId,
                    from,
                    shift.day().getValue(),
                    start,
                    end,
                    zone.getId(),
                    ShiftLabels.label(start, end));
        }
    }

    /**
     * Works out again the shift of every lead of the tenant that came at or after {@code from}, all in one call of
     * {@code lead_shifts} (materialized: evaluated once, never again per lead by a nested loop); writes only changes.
     */
    private void rederiveLeadsFrom(Applying at, Instant from) {
        run(em, """
                with a as (
                    select array_agg(lead_id) as ids, array_agg(tenant_id) as tenants, array_agg(created_at) as ats
                    from lead_fact where gen = ?1 and tenant_id = ?2 and created_at >= ?3
                ), shifts as materialized (
                    select s.n, s.shift from a cross join lead_shifts(?1, a.tenants, a.ats) s
                )
                update lead_fact l set shift = x.shift
                from (select r.lead_id, shifts.shift from a cross join unnest(a.ids) with ordinality r(lead_id, n)
                      left join shifts on shifts.n = r.n) x
                where l.gen = ?1 and l.tenant_id = ?2 and l.lead_id = x.lead_id and l.shift is distinct from x.shift""", at.gen(), at.tenant(), from);
    }

    private static boolean sameSchedule(ManagerProfile before, ManagerProfile after) {
        return before != null
                && Objects.equals(before.timeZone(), after.timeZone())
                && Set.copyOf(windows(before)).equals(Set.copyOf(windows(after)));
    }

    private static List<Shift> windows(ManagerProfile profile) {
        return profile.shifts() == null
                ? List.of()
                : profile.shifts().stream()
                        .filter(Objects::nonNull)
                        .filter(s -> s.start() != null && s.end() != null)
                        .toList();
    }

    /**
     * Only zones of the tz database (what PostgreSQL knows by the same names); offsets like "GMT+3" are refused
     * because PostgreSQL reads their sign the other way round.
     */
    static ZoneId zone(String id) {
        return id != null && ZoneId.getAvailableZoneIds().contains(id) ? ZoneId.of(id) : null;
    }
}
