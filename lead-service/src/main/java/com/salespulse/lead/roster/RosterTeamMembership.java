package com.salespulse.lead.roster;

import com.salespulse.security.TeamMembership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who a team lead leads, from lead-service's own roster (the source of it): Hibernate filters both queries by the
 * acting tenant, which is the caller's.
 */
@ApplicationScoped
public class RosterTeamMembership implements TeamMembership {

    private final EntityManager em;

    public RosterTeamMembership(EntityManager em) {
        this.em = em;
    }

    @Override
    @Transactional
    public Set<UUID> teamsLedBy(String tenant, UUID lead) {
        return new LinkedHashSet<>(em.createQuery("select t.id from Team t where t.leadManagerId = :lead", UUID.class)
                .setParameter("lead", lead)
                .getResultList());
    }

    @Override
    @Transactional
    public Set<UUID> managersIn(String tenant, Set<UUID> teams) {
        if (teams.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(em.createQuery("select m.id from Manager m where m.teamId in :teams", UUID.class)
                .setParameter("teams", teams)
                .getResultList());
    }
}
