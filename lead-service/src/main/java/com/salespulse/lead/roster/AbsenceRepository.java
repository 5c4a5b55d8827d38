package com.salespulse.lead.roster;

import com.salespulse.security.ActingScope;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

@ApplicationScoped
public class AbsenceRepository implements PanacheRepositoryBase<Absence, UUID> {

    @Inject
    ActingScope acting;

    /** The managers absent at {@code at}. */
    public Set<UUID> absentAt(Instant at) {
        // SQL rather than HQL on the intake path: with the tenant filter on (discriminator multitenancy) Hibernate
        // translates an HQL query again at every call; and plain JDBC rather than a native query with a scalar
        // result, whose plan Hibernate caches under a new key at every call (a tenth of an intake's CPU went to
        // looking it up among thousands of colliding keys)
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select manager_id from absence where tenant_id = ? and starts_at <= ? and ends_at > ?")) {
                OffsetDateTime time = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
                select.setString(1, acting.requireTenant());
                select.setObject(2, time);
                select.setObject(3, time);
                Set<UUID> absent = new HashSet<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        absent.add(rows.getObject(1, UUID.class));
                    }
                }
                return absent;
            }
        });
    }

    public List<Absence> ofManager(UUID managerId) {
        return list("managerId", Sort.by("startsAt"), managerId);
    }
}
