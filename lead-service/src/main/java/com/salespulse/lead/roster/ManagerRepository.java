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
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
     * Takes the manager's row until the transaction ends unless another transaction holds it (then it answers empty
     * at once, and nothing is held), behind a savepoint that {@link #keepHeld} or {@link #letGo} ends: distribution's
     * claim on the manager's next lead. Answers the row's version.
     */
    OptionalLong tryHold(UUID id) {
        return session().doReturningWork(connection -> {
            execute(connection, "savepoint distribution_claim");
            OptionalLong version = version(connection, id, " skip locked");
            if (version.isEmpty()) {
                execute(connection, "release savepoint distribution_claim");
            }
            return version;
        });
    }

    /** The row {@link #tryHold} took stays held to the end of the transaction. */
    void keepHeld() {
        session().doWork(connection -> execute(connection, "release savepoint distribution_claim"));
    }

    /** Lets go of the row {@link #tryHold} took. */
    void letGo() {
        session()
                .doWork(connection -> execute(
                        connection, "rollback to savepoint distribution_claim; release savepoint distribution_claim"));
    }

    /** Takes the manager's row until the transaction ends, waiting for a transaction that holds it. */
    OptionalLong hold(UUID id) {
        return session().doReturningWork(connection -> version(connection, id, ""));
    }

    /** Reads the manager again: a transaction that held their row may have changed them. */
    void refresh(Manager manager) {
        getEntityManager().refresh(manager);
    }

    private Session session() {
        return getEntityManager().unwrap(Session.class);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static OptionalLong version(Connection connection, UUID id, String skipLocked) throws SQLException {
        // no key update: what an update of the row takes, and no bar to a lead referring to the manager
        try (PreparedStatement select = connection.prepareStatement(
                "select version from manager where id = ? for no key update" + skipLocked)) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    public Optional<String> nameOf(UUID id) {
        return getEntityManager()
                .createQuery("select m.name from Manager m where m.id = ?1", String.class)
                .setParameter(1, id)
                .getResultStream()
                .findFirst();
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
