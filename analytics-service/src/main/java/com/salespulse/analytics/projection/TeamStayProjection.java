package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.run;
import static com.salespulse.analytics.readmodel.Statements.uuid;

import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.ManagerUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Objects;

/**
 * Each manager's team history, one row per team change in {@code manager_team_stay}, from the roster events; the
 * metrics read it by the rule of {@code readmodel/DealTeams} (the team a deal or lead counts for).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TeamStayProjection {

    private final EntityManager em;

    public TeamStayProjection(EntityManager em) {
        this.em = em;
    }

    public void hired(Applying at, ManagerHired e) {
        run(
                em,
                """
                insert into manager_team_stay (gen, tenant_id, manager_id, since, team_id) values (?1, ?2, ?3, ?4, ?5)
                on conflict do nothing""",
                at.gen(),
                at.tenant(),
                e.managerId(),
                e.hiredAt(),
                uuid(e.profile().teamId()));
    }

    /** Only a change of team is history; a new name or capacity changes nothing here. */
    public void updated(Applying at, ManagerUpdated e) {
        if (Objects.equals(e.before().teamId(), e.after().teamId())) {
            return;
        }
        run(
                em,
                """
                insert into manager_team_stay (gen, tenant_id, manager_id, since, team_id) values (?1, ?2, ?3, ?4, ?5)
                on conflict (gen, tenant_id, manager_id, since) do update set team_id = excluded.team_id""",
                at.gen(),
                at.tenant(),
                e.managerId(),
                e.updatedAt(),
                uuid(e.after().teamId()));
    }
}
