package com.salespulse.notification.roster;

import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;

/**
 * The replica of lead-service's roster that notification-service keeps from {@code salespulse.roster.events}: the
 * managers and teams of each tenant, their names, and who was dismissed. Written only by {@link RosterEventsConsumer}
 * (through {@link RosterInbox}); read to check the people and teams a subscription names and to put a manager's name
 * into a message. These are plain SQL reads, not tenant-filtered entities: every query names the tenant acted for
 * ({@link ActingScope}) itself.
 * <p>
 * It lags the roster by the time an event takes to travel: a manager hired a moment ago may not be known yet.
 */
@ApplicationScoped
public class Roster {

    /** A manager as the replica knows them. */
    public record Member(UUID id, String name, UUID teamId, boolean dismissed) {}

    private final EntityManager em;
    private final ActingScope acting;

    public Roster(EntityManager em, ActingScope acting) {
        this.em = em;
        this.acting = acting;
    }

    /** The managers of the tenant acted for among {@code ids}, by id; an id that is not one of them is absent. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, Member> managers(Collection<UUID> ids) {
        Map<UUID, Member> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, name, team_id, dismissed_at is not null from roster_manager
                where tenant_id = :tenant and id in (:ids)""")
                .setParameter("tenant", acting.tenant())
                .setParameter("ids", new HashSet<>(ids))
                .getResultList();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            found.put(id, new Member(id, (String) row[1], (UUID) row[2], (Boolean) row[3]));
        }
        return found;
    }

    public Optional<Member> manager(UUID id) {
        return Optional.ofNullable(managers(List.of(id)).get(id));
    }

    /** The manager's name, when the replica knows it. */
    public Optional<String> managerName(UUID id) {
        return id == null ? Optional.empty() : manager(id).map(Member::name).filter(name -> !name.isBlank());
    }

    /** The teams of the tenant acted for among {@code ids}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<UUID> teams(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> rows = em.createNativeQuery("select id from roster_team where tenant_id = :tenant and id in (:ids)")
                .setParameter("tenant", acting.tenant())
                .setParameter("ids", new HashSet<>(ids))
                .getResultList();
        return Set.copyOf(rows);
    }

    /** A null parameter of a native query needs its type, or PostgreSQL is told it is bytea. */
    private static TypedParameterValue<UUID> uuidOrNull(UUID value) {
        return new TypedParameterValue<>(StandardBasicTypes.UUID, value);
    }

    private static TypedParameterValue<String> textOrNull(String value) {
        return new TypedParameterValue<>(StandardBasicTypes.STRING, value);
    }

    // ---- writes: only from RosterInbox, in the transaction that records the event as consumed ----

    @Transactional(Transactional.TxType.MANDATORY)
    void managerIs(UUID id, String name, UUID teamId) {
        em.createNativeQuery("""
                insert into roster_manager (tenant_id, id, name, team_id) values (:tenant, :id, :name, :team)
                on conflict (tenant_id, id) do update set name = excluded.name, team_id = excluded.team_id""")
                .setParameter("tenant", acting.requireTenant())
                .setParameter("id", id)
                .setParameter("name", textOrNull(name))
                .setParameter("team", uuidOrNull(teamId))
                .executeUpdate();
    }

    /** A (re)hire: the manager is on the roster again from now on. */
    @Transactional(Transactional.TxType.MANDATORY)
    void hired(UUID id, String name, UUID teamId) {
        managerIs(id, name, teamId);
        em.createNativeQuery("update roster_manager set dismissed_at = null where tenant_id = :tenant and id = :id")
                .setParameter("tenant", acting.requireTenant())
                .setParameter("id", id)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void dismissed(UUID id, UUID teamId, Instant at) {
        em.createNativeQuery("""
                insert into roster_manager (tenant_id, id, team_id, dismissed_at) values (:tenant, :id, :team, :at)
                on conflict (tenant_id, id) do update set dismissed_at = excluded.dismissed_at""")
                .setParameter("tenant", acting.requireTenant())
                .setParameter("id", id)
                .setParameter("team", uuidOrNull(teamId))
                .setParameter("at", at)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void teamIs(UUID id, String name) {
        em.createNativeQuery("""
                insert into roster_team (tenant_id, id, name) values (:tenant, :id, :name)
                on conflict (tenant_id, id) do update set name = excluded.name""")
                .setParameter("tenant", acting.requireTenant())
                .setParameter("id", id)
                .setParameter("name", name)
                .executeUpdate();
    }
}
