package com.salespulse.deal.roster;

import com.salespulse.security.TeamMembership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Who a team lead leads, from deal-service's roster replica ({@code roster_team.lead_manager_id}). */
@ApplicationScoped
public class RosterTeamMembership implements TeamMembership {

    private final EntityManager em;

    public RosterTeamMembership(EntityManager em) {
        this.em = em;
    }

    @Override
    @Transactional
    public Set<UUID> teamsLedBy(String tenant, UUID lead) {
        return ids(em.createNativeQuery(
                        "select team_id from roster_team where tenant_id = :tenant and lead_manager_id = :lead "
                                + "order by team_id",
                        UUID.class)
                .setParameter("tenant", tenant)
                .setParameter("lead", lead)
                .getResultList());
    }

    @Override
    @Transactional
    public Set<UUID> managersIn(String tenant, Set<UUID> teams) {
        if (teams.isEmpty()) {
            return Set.of();
        }
        return ids(em.createNativeQuery(
                        "select manager_id from roster_manager where tenant_id = :tenant and team_id in (:teams) "
                                + "order by manager_id",
                        UUID.class)
                .setParameter("tenant", tenant)
                .setParameter("teams", teams)
                .getResultList());
    }

    private static Set<UUID> ids(List<?> rows) {
        Set<UUID> ids = new LinkedHashSet<>();
        rows.forEach(row -> ids.add((UUID) row));
        return ids;
    }
}
