package com.salespulse.lead.roster;

import com.salespulse.lead.integration.Referable;
import com.salespulse.lead.integration.References;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.ActingScope;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

@ApplicationScoped
public class ManagerRepository implements PanacheRepositoryBase<Manager, UUID>, Referable {

    @Inject
    ActingScope acting;

    /** The active managers, by name; read at every intake by distribution. */
    public List<Manager> notDismissed() {
        // SQL rather than HQL on the intake path: with the tenant filter on (discriminator multitenancy) Hibernate
        // translates an HQL query again at every call, a quarter of an intake's CPU; so the tenant is named here
        return getEntityManager()
                .createNativeQuery(
                        "select * from manager where tenant_id = ?1 and status = 'ACTIVE' order by name, id",
                        Manager.class)
                .setParameter(1, acting.requireTenant())
                .getResultList();
    }

    /**
     * The active managers not absent at {@code at}, with their shifts, by name, read for distribution in one
     * statement: plain objects, not entities of the session (loading them as entities, each with its collection of
     * shifts, was a ninth of an intake's CPU). Only the fields distribution reads are set: id, name, team, capacity,
     * status, version, shifts. The absences are the statement's own (the same predicate as {@link
     * AbsenceRepository#absentAt}, read once for the statement), a round trip fewer than reading them first.
     */
    List<Manager> presentWithShifts(Instant at) {
        return session().doReturningWork(connection -> {
            Map<UUID, Manager> roster = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select m.id, m.name, m.team_id, m.capacity, m.version, s.day_of_week, s.start_time, s.end_time"
                            + " from manager m left join manager_shift s on s.manager_id = m.id"
                            + " where m.tenant_id = ? and m.status = 'ACTIVE'"
                            + " and m.id <> all(array(select a.manager_id from absence a"
                            + " where a.tenant_id = ? and a.starts_at <= ? and a.ends_at > ?))"
                            + " order by m.name, m.id")) {
                String tenant = acting.requireTenant();
                OffsetDateTime time = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
                select.setString(1, tenant);
                select.setString(2, tenant);
                select.setObject(3, time);
                select.setObject(4, time);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        UUID id = row.getObject(1, UUID.class);
                        Manager manager = roster.get(id);
                        if (manager == null) {
                            manager = new Manager();
                            manager.id = id;
                            manager.tenantId = tenant;
                            manager.name = row.getString(2);
                            manager.teamId = row.getObject(3, UUID.class);
                            manager.capacity = row.getInt(4);
                            manager.version = row.getLong(5);
                            manager.status = Manager.Status.ACTIVE;
                            roster.put(id, manager);
                        }
                        String day = row.getString(6);
                        if (day != null) {
                            manager.shifts.add(new Shift(
                                    java.time.DayOfWeek.valueOf(day),
                                    row.getObject(7, java.time.LocalTime.class),
                                    row.getObject(8, java.time.LocalTime.class)));
                        }
                    }
                }
            }
            return new ArrayList<>(roster.values());
        });
    }

    /** A manager's row, held by a claim, with the figures the claim ranked it by. */
    record Held(UUID id, long version, long rankedOpenLeads) {}

    /**
     * Distribution's claim: takes the row of the best-ranked of these managers who is active and under capacity, and
     * whom no other transaction holds ({@code skip}; otherwise waits for the best-ranked's row), until the transaction
     * ends; ranked by load (open leads ÷ capacity) first when {@code leastLoaded}, then by who waited longest since
     * their last automatic lead. The ranking, the capacity and the turn are read in the same statement that takes the
     * row, so that concurrent intakes spread over the managers instead of all reaching for the one an earlier read
     * ranked first. With {@code skip}, behind a savepoint that {@link #letGo} rolls back to, sent in the same round
     * trip as the claim (two statements, one message exchange: the savepoint and its release were two round trips of
     * their own); a claim that is kept leaves the savepoint to the transaction's end (one intake claims once a
     * transaction). The open leads are counted again once the row is held ({@link #takeTurnCounting} or {@link
     * #openLeadsOf}): a transaction that held it has committed by then.
     *
     * @param openLeads the SQL counting the open leads of the manager {@code m} as {@code open} ({@link
     *     OpenLeads#countOpenSql})
     */
    Optional<Held> claimBest(Collection<UUID> ids, boolean leastLoaded, boolean skip, String openLeads) {
        String order = leastLoaded
                ? "o.open::float8 / m.capacity, m.last_assigned_at nulls first, m.id"
                : "m.last_assigned_at nulls first, m.id";
        String sql = (skip ? "savepoint distribution_claim;\n" : "")
                + "select m.id, m.version, o.open from manager m cross join lateral (" + openLeads
                + ") o where m.tenant_id = ? and m.id = any(?) and m.status = 'ACTIVE' and o.open < m.capacity"
                + " order by " + order + " limit 1 for no key update of m" + (skip ? " skip locked" : "");
        return session().doReturningWork(connection -> {
            Optional<Held> held = Optional.empty();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, acting.requireTenant());
                select.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
                // with the savepoint, its result (no rows) comes first
                if (!select.execute()) {
                    select.getMoreResults();
                }
                try (ResultSet row = select.getResultSet()) {
                    if (row.next()) {
                        held = Optional.of(new Held(row.getObject(1, UUID.class), row.getLong(2), row.getLong(3)));
                    }
                }
            }
            if (held.isEmpty() && skip) {
                execute(connection, "release savepoint distribution_claim");
            }
            return held;
        });
    }

    /**
     * Whether any of these managers is active and under capacity, whoever holds their row: after a claim that
     * skipped held rows found nobody, tells "all taken right now" from "nobody qualifies".
     */
    boolean anyUnderCapacity(Collection<UUID> ids, String openLeads) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select exists (select 1 from manager m cross join lateral (" + openLeads + ") o"
                            + " where m.tenant_id = ? and m.id = any(?) and m.status = 'ACTIVE'"
                            + " and o.open < m.capacity)")) {
                select.setString(1, acting.requireTenant());
                select.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        });
    }

    /** The open leads of a manager whose row this transaction holds, counted by a statement of its own. */
    long openLeadsOf(UUID id, String openLeads) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement count = connection.prepareStatement(
                    "select o.open from manager m cross join lateral (" + openLeads + ") o where m.id = ?")) {
                count.setObject(1, id);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    /**
     * Gives the held manager their new turn: the claim's own statement, so that the entity (and its version, which
     * a roster change checks) is not touched by every lead; {@link Manager#lastAssignedAt} is written only here.
     */
    void takeTurn(UUID id, Instant at) {
        session().doWork(connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("update manager set last_assigned_at = ? where id = ?")) {
                update.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                update.setObject(2, id);
                update.executeUpdate();
            }
        });
    }

    /**
     * {@link #takeTurn} and {@link #openLeadsOf} in one statement, for a row taken behind the claim's savepoint:
     * answers the open leads counted by the update's own snapshot (taken after the row was held, as the separate
     * count's was). When they differ from the ranked figure the caller {@link #letGo}es, which takes the turn back
     * with the row.
     */
    long takeTurnCounting(UUID id, Instant at, String openLeads) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("update manager m set last_assigned_at = ?"
                    + " where m.id = ? returning (select o.open from (" + openLeads + ") o)")) {
                update.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                update.setObject(2, id);
                try (ResultSet row = update.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    /** Lets go of the row {@link #claimBest} took. */
    void letGo() {
        session()
                .doWork(connection -> execute(
                        connection, "rollback to savepoint distribution_claim; release savepoint distribution_claim"));
    }

    private Session session() {
        return getEntityManager().unwrap(Session.class);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The manager's name, in the caller's tenant; read for every lead an intake answers. */
    public Optional<String> nameOf(UUID id) {
        // plain SQL naming the tenant: an HQL query is translated again at every call while the tenant filter is on
        return session().doReturningWork(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("select name from manager where tenant_id = ? and id = ?")) {
                select.setString(1, acting.requireTenant());
                select.setObject(2, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    public List<Manager> all() {
        return listAll(Sort.by("name", "id"));
    }

    /** One page of the roster in the order asked for, the id breaking ties in the same direction. */
    public List<Manager> page(SortOrder order, int page, int size) {
        Sort.Direction direction = order.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
        return findAll(Sort.by(order.field(), direction).and("id", direction))
                .page(page, size)
                .list();
    }

    /** The manager with this external reference, in the caller's tenant. */
    public Optional<Manager> byExternalRef(String system, String id) {
        return find("externalSystem = ?1 and externalId = ?2", system, id).firstResultOptional();
    }

    @Override
    public References.Kind kind() {
        return References.Kind.MANAGER;
    }

    @Override
    public Optional<UUID> idByRef(ExternalRef ref) {
        return byExternalRef(ref.externalSystem(), ref.externalId()).map(m -> m.id);
    }

    @Override
    public boolean exists(UUID id) {
        return findByIdOptional(id).isPresent();
    }
}
