package com.salespulse.deal.roster;

import com.salespulse.contract.roster.ManagerDismissed;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.ManagerUpdated;
import com.salespulse.contract.roster.TeamCreated;
import com.salespulse.contract.roster.TeamLeadChanged;
import com.salespulse.contract.roster.TeamRenamed;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * deal-service's copy of lead-service's roster: who the tenant's managers are (name, team, dismissed or not) and
 * which teams it has, applied from salespulse.roster.events in the consumer's transaction (the consumed-event log
 * makes a redelivery change nothing; every write is an upsert, so an event re-sent under a new id is harmless too).
 *
 * <p>Plain SQL rather than an entity: the key is (id), and the tenant is always passed explicitly, so an id
 * another tenant uses can never reach this tenant's row. A manager's events share a partition (keyed by manager id),
 * so they arrive in order; a manager hired into a team may arrive before the team, which is harmless here.
 */
@ApplicationScoped
public class RosterReplica {

    /** A manager as the replica knows them; {@code dismissedAt} is null while they work here. */
    public record Manager(UUID id, String name, UUID teamId, Instant dismissedAt) {

        public boolean dismissed() {
            return dismissedAt != null;
        }
    }

    private final EntityManager em;
    private final ActingScope acting;

    public RosterReplica(EntityManager em, ActingScope acting) {
        this.acting = acting;
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void hired(ManagerHired hired) {
        em.createNativeQuery("""
                insert into roster_manager (tenant_id, manager_id, name, team_id, hired_at)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (tenant_id, manager_id) do update
                set name = excluded.name, team_id = excluded.team_id, hired_at = excluded.hired_at""")
                .setParameter(1, acting.tenant())
                .setParameter(2, hired.managerId())
                .setParameter(3, hired.profile().name())
                .setParameter(4, hired.profile().teamId())
                .setParameter(5, hired.hiredAt())
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void updated(ManagerUpdated updated) {
        em.createNativeQuery("""
                insert into roster_manager (tenant_id, manager_id, name, team_id)
                values (?1, ?2, ?3, ?4)
                on conflict (tenant_id, manager_id) do update set name = excluded.name, team_id = excluded.team_id""")
                .setParameter(1, acting.tenant())
                .setParameter(2, updated.managerId())
                .setParameter(3, updated.after().name())
                .setParameter(4, updated.after().teamId())
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void dismissed(ManagerDismissed dismissed) {
        em.createNativeQuery("""
                insert into roster_manager (tenant_id, manager_id, team_id, dismissed_at)
                values (?1, ?2, ?3, ?4)
                on conflict (tenant_id, manager_id) do update set dismissed_at = excluded.dismissed_at""")
                .setParameter(1, acting.tenant())
                .setParameter(2, dismissed.managerId())
                .setParameter(3, dismissed.teamId())
                .setParameter(4, dismissed.dismissedAt())
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void teamCreated(TeamCreated created) {
        team(created.teamId(), created.name(), created.createdAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void teamRenamed(TeamRenamed renamed) {
        team(renamed.teamId(), renamed.nameAfter(), null);
    }

    /**
     * The team's lead now ({@code leadAfter}, null for none). The team's events share its partition, so its creation
     * came first; applying the change twice sets the same lead.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void teamLeadChanged(TeamLeadChanged changed) {
        em.createNativeQuery("update roster_team set lead_manager_id = ?1 where tenant_id = ?2 and team_id = ?3")
                .setParameter(1, changed.leadAfter())
                .setParameter(2, acting.tenant())
                .setParameter(3, changed.teamId())
                .executeUpdate();
    }

    private void team(UUID teamId, String name, Instant createdAt) {
        em.createNativeQuery("""
                insert into roster_team (tenant_id, team_id, name, created_at) values (?1, ?2, ?3, ?4)
                on conflict (tenant_id, team_id) do update
                set name = excluded.name, created_at = coalesce(excluded.created_at, roster_team.created_at)""")
                .setParameter(1, acting.tenant())
                .setParameter(2, teamId)
                .setParameter(3, name)
                .setParameter(4, createdAt)
                .executeUpdate();
    }

    /**
     * Remembers a manager's external reference, when lead-service's roster event carries one (its optional
     * {@code externalSystem}/{@code externalId}); an event without one keeps what is known.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void managerRef(UUID managerId, ExternalRef ref) {
        if (ref != null) {
            em.createNativeQuery("""
                    update roster_manager set external_system = ?1, external_id = ?2
                    where tenant_id = ?3 and manager_id = ?4""")
                    .setParameter(1, ref.externalSystem())
                    .setParameter(2, ref.externalId())
                    .setParameter(3, acting.tenant())
                    .setParameter(4, managerId)
                    .executeUpdate();
        }
    }

    /** Remembers a team's external reference, as {@link #managerRef} does a manager's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void teamRef(UUID teamId, ExternalRef ref) {
        if (ref != null) {
            em.createNativeQuery("""
                    update roster_team set external_system = ?1, external_id = ?2
                    where tenant_id = ?3 and team_id = ?4""")
                    .setParameter(1, ref.externalSystem())
                    .setParameter(2, ref.externalId())
                    .setParameter(3, acting.tenant())
                    .setParameter(4, teamId)
                    .executeUpdate();
        }
    }

    /** The manager a reference names, if the roster events told deal-service that reference. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> managerByRef(ExternalRef ref) {
        return em.createNativeQuery("""
                select manager_id from roster_manager
                where tenant_id = ?1 and external_system = ?2 and external_id = ?3""", UUID.class)
                .setParameter(1, acting.tenant())
                .setParameter(2, ref.externalSystem())
                .setParameter(3, ref.externalId())
                .getResultStream()
                .findFirst()
                .map(UUID.class::cast);
    }

    /** The team a reference names, if the roster events told deal-service that reference. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> teamByRef(ExternalRef ref) {
        return em.createNativeQuery("""
                select team_id from roster_team
                where tenant_id = ?1 and external_system = ?2 and external_id = ?3""", UUID.class)
                .setParameter(1, acting.tenant())
                .setParameter(2, ref.externalSystem())
                .setParameter(3, ref.externalId())
                .getResultStream()
                .findFirst()
                .map(UUID.class::cast);
    }

    /** A team named by id or by reference (not both); null when neither. 400 naming the ref when unknown. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID resolveTeam(UUID id, ExternalRef ref, String refField) {
        ExternalRef.notBoth(id, ref, refField);
        if (ref == null) {
            return id;
        }
        return teamByRef(ref).orElseThrow(() -> ExternalRef.unknown(refField, "team"));
    }

    /** A manager named by id or by reference (not both); null when neither. 400 naming the ref when unknown. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID resolve(UUID id, ExternalRef ref, String refField) {
        ExternalRef.notBoth(id, ref, refField);
        if (ref == null) {
            return id;
        }
        return managerByRef(ref).orElseThrow(() -> ExternalRef.unknown(refField, "manager"));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Manager> manager(UUID managerId) {
        if (managerId == null) {
            return Optional.empty();
        }
        return em.createNativeQuery("""
                select manager_id, name, team_id, dismissed_at from roster_manager
                where tenant_id = ?1 and manager_id = ?2""", Object[].class)
                .setParameter(1, acting.tenant())
                .setParameter(2, managerId)
                .getResultStream()
                .findFirst()
                .flatMap(row -> manager((Object[]) row, 0));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean hasTeam(UUID teamId) {
        if (teamId == null) {
            return false;
        }
        return !em.createNativeQuery("select 1 from roster_team where tenant_id = ?1 and team_id = ?2")
                .setParameter(1, acting.tenant())
                .setParameter(2, teamId)
                .getResultList()
                .isEmpty();
    }

    /**
     * The manager a new deal, task, reassignment or plan is given to: on the tenant's roster and not dismissed (a
     * manager who left is given nothing new; their cards move by the card transfer). Otherwise a 400 naming the field.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Manager requireActiveManager(UUID managerId, String field) {
        return requireActive(manager(managerId), field);
    }

    /** {@link #requireActiveManager} on the manager a statement read (empty: none of the tenant's roster). */
    public static Manager requireActive(Optional<Manager> read, String field) {
        Manager manager = read.orElseThrow(() -> noManager(field));
        if (manager.dismissed()) {
            throw ProblemException.invalidField(
                    field, "names a dismissed manager: a manager who left is given nothing new");
        }
        return manager;
    }

    /** A manager of the tenant's roster, dismissed or not; otherwise a 400 naming the field. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Manager requireManager(UUID managerId, String field) {
        return manager(managerId).orElseThrow(() -> noManager(field));
    }

    private static ProblemException noManager(String field) {
        return ProblemException.invalidField(
                field, "names no manager of this tenant (a manager hired a moment ago is known here within seconds)");
    }

    /**
     * The manager in the columns {@code from} to {@code from + 3} of a row (manager_id, name, team_id, dismissed_at
     * of roster_manager, as another statement joined them); empty when the id is null.
     */
    public static Optional<Manager> manager(Object[] row, int from) {
        if (row[from] == null) {
            return Optional.empty();
        }
        return Optional.of(
                new Manager((UUID) row[from], (String) row[from + 1], (UUID) row[from + 2], toInstant(row[from + 3])));
    }

    /** A team of the tenant's roster; otherwise a 400 naming the field. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireTeam(UUID teamId, String field) {
        if (!hasTeam(teamId)) {
            throw ProblemException.invalidField(
                    field, "names no team of this tenant (a team created a moment ago is known here within seconds)");
        }
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
