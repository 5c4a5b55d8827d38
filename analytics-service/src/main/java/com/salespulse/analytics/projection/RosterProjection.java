package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.run;
import static com.salespulse.analytics.readmodel.Statements.uuid;

import com.salespulse.contract.roster.ManagerDismissed;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.ManagerUpdated;
import com.salespulse.contract.roster.TeamLeadChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The managers as the metrics need them: name, team (the current one), capacity, dismissal; and, through
 * {@link ShiftScheduleProjection}, their shift schedules over time (metric 1's split by shift); and who leads each
 * team now ({@code team_lead}: a team lead's scope).
 */
@ApplicationScoped
public class RosterProjection {

    private final EntityManager em;
    private final ShiftScheduleProjection shifts;

    public RosterProjection(EntityManager em, ShiftScheduleProjection shifts) {
        this.em = em;
        this.shifts = shifts;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void hired(Applying at, ManagerHired e) {
        run(
                em,
                """
                insert into manager_fact (gen, tenant_id, manager_id, name, team_id, capacity, hired_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing""",
                at.gen(),
                at.tenant(),
                e.managerId(),
                e.profile().name(),
                uuid(e.profile().teamId()),
                e.profile().capacity(),
                e.hiredAt());
        shifts.hired(at, e.managerId(), e.profile(), e.hiredAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void updated(Applying at, ManagerUpdated e) {
        run(
                em,
                "update manager_fact set name = ?4, team_id = ?5, capacity = ?6 where gen = ?1 and tenant_id = ?2 and manager_id = ?3",
                at.gen(),
                at.tenant(),
                e.managerId(),
                e.after().name(),
                uuid(e.after().teamId()),
                e.after().capacity());
        shifts.updated(at, e.managerId(), e.before(), e.after(), e.updatedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void dismissed(Applying at, ManagerDismissed e) {
        run(
                em,
                "update manager_fact set dismissed_at = ?4 where gen = ?1 and tenant_id = ?2 and manager_id = ?3",
                at.gen(),
                at.tenant(),
                e.managerId(),
                e.dismissedAt());
        shifts.dismissed(at, e.managerId(), e.dismissedAt());
    }

    /** The team's lead now: set to the event's {@code leadAfter}, or none. Applying it twice changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void teamLeadChanged(Applying at, TeamLeadChanged e) {
        if (e.leadAfter() == null) {
            run(
                    em,
                    "delete from team_lead where gen = ?1 and tenant_id = ?2 and team_id = ?3",
                    at.gen(),
                    at.tenant(),
                    e.teamId());
            return;
        }
        run(em, """
                insert into team_lead (gen, tenant_id, team_id, lead_manager_id) values (?1, ?2, ?3, ?4)
                on conflict (gen, tenant_id, team_id) do update set lead_manager_id = excluded.lead_manager_id""", at.gen(), at.tenant(), e.teamId(), e.leadAfter());
    }
}
