package com.salespulse.lead.settings;

import com.salespulse.security.ActingScope;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

/**
 * The current tenant's settings, or the defaults when the tenant never changed them.
 *
 * <p>Readers get a read-only copy kept per tenant ({@link #current}), as deal-service keeps the default pipeline: the
 * copy is checked against the row's id and version on every use (one row by the unique index on tenant_id) and read
 * again when the row has moved on. Every change goes through the entity ({@link #forChange}) and Hibernate increments
 * the version on any change of the row or of its calendar days, so a change made by any instance is seen by the next
 * read. One entry per tenant read here, a few hundred bytes each.
 */
@ApplicationScoped
public class TenantSettingsRepository implements PanacheRepositoryBase<TenantSettings, UUID> {

    @Inject
    ActingScope acting;

    private final Map<String, TenantSettings> byTenant = new ConcurrentHashMap<>();

    /**
     * The settings as they are now, read-only: shared by every reader of the tenant, not managed by Hibernate (its
     * calendar days cannot be changed). The defaults when the tenant has no row.
     */
    public TenantSettings current() {
        String tenant = acting.requireTenant();
        // plain JDBC rather than a native query: read at every intake, and Hibernate caches a native query with a
        // scalar result under a new key at every call (see AbsenceRepository)
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            UUID id;
            long version;
            try (PreparedStatement head =
                    connection.prepareStatement("select id, version from tenant_settings where tenant_id = ?")) {
                head.setString(1, tenant);
                try (ResultSet row = head.executeQuery()) {
                    if (!row.next()) {
                        return TenantSettings.defaults();
                    }
                    id = row.getObject(1, UUID.class);
                    version = row.getLong(2);
                }
            }
            TenantSettings cached = byTenant.get(tenant);
            if (cached != null && cached.id.equals(id) && cached.version == version) {
                return cached;
            }
            TenantSettings read = read(connection, tenant);
            if (read == null) {
                // deleted between the two statements: as if never changed
                return TenantSettings.defaults();
            }
            byTenant.put(tenant, read);
            return read;
        });
    }

    /** The row with its calendar days in one statement, as a read-only copy; null when there is no row. */
    private static TenantSettings read(java.sql.Connection connection, String tenant) throws java.sql.SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select s.id, s.version, s.time_zone, s.phone_region, s.distribution_mode, s.duplicate_policy,
                    s.unreached_threshold, s.stale_days, s.weekend_days, s.language, d.day, d.kind
                from tenant_settings s left join tenant_calendar_day d on d.settings_id = s.id
                where s.tenant_id = ?
                order by d.day""")) {
            select.setString(1, tenant);
            TenantSettings settings = null;
            List<CalendarDay> days = new ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    if (settings == null) {
                        settings = new TenantSettings();
                        settings.id = r.getObject(1, UUID.class);
                        settings.tenantId = tenant;
                        settings.version = r.getLong(2);
                        settings.timeZone = r.getString(3);
                        settings.phoneRegion = r.getString(4);
                        settings.distributionMode = TenantSettings.DistributionMode.valueOf(r.getString(5));
                        settings.duplicatePolicy = TenantSettings.DuplicatePolicy.valueOf(r.getString(6));
                        settings.unreachedThreshold = r.getInt(7);
                        settings.staleDays = r.getInt(8);
                        settings.weekendDays = r.getString(9);
                        settings.language = r.getString(10);
                    }
                    LocalDate day = r.getObject(11, LocalDate.class);
                    if (day != null) {
                        days.add(new CalendarDay(day, CalendarDay.Kind.valueOf(r.getString(12))));
                    }
                }
            }
            if (settings != null) {
                settings.calendarDays = List.copyOf(days);
            }
            return settings;
        }
    }

    /** The stored settings as an entity to change, or new defaults (not persisted yet). */
    public TenantSettings forChange() {
        // synchronized with the settings only: a native query otherwise flushes every pending change of the session
        List<?> rows = getEntityManager()
                .createNativeQuery("select * from tenant_settings where tenant_id = ?1", TenantSettings.class)
                .unwrap(NativeQuery.class)
                .addSynchronizedEntityClass(TenantSettings.class)
                .setParameter(1, acting.requireTenant())
                .getResultList();
        return rows.isEmpty() ? TenantSettings.defaults() : (TenantSettings) rows.get(0);
    }
}
