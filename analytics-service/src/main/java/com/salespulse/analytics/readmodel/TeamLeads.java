package com.salespulse.analytics.readmodel;

import com.salespulse.security.TeamMembership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who a team lead leads, from the live read model: {@code team_lead} (salespulse.roster.team-lead-changed) and the
 * managers' current team in {@code manager_fact}.
 */
@ApplicationScoped
public class TeamLeads implements TeamMembership {

    private final EntityManager em;
    private final ReadModelGenerations generations;

    public TeamLeads(EntityManager em, ReadModelGenerations generations) {
        this.em = em;
        this.generations = generations;
    }

    @Override
    @Transactional
    public Set<UUID> teamsLedBy(String tenant, UUID lead) {
        return ids(em.createNativeQuery(
                        "select team_id from team_lead where gen = ?1 and tenant_id = ?2 and lead_manager_id = ?3 "
                                + "order by team_id",
                        UUID.class)
                .setParameter(1, generations.live())
                .setParameter(2, tenant)
                .setParameter(3, lead)
                .getResultList());
    }

    @Override
    @Transactional
    public Set<UUID> managersIn(String tenant, Set<UUID> teams) {
        if (teams.isEmpty()) {
            return Set.of();
        }
        return ids(em.createNativeQuery(
                        "select manager_id from manager_fact where gen = :gen and tenant_id = :tenant "
                                + "and team_id in (:teams) order by manager_id",
                        UUID.class)
                .setParameter("gen", generations.live())
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
