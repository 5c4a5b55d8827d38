package com.salespulse.lead.settings;

import com.salespulse.security.ActingScope;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/** The current tenant's settings row (Hibernate filters by tenant), or the defaults when there is none yet. */
@ApplicationScoped
public class TenantSettingsRepository implements PanacheRepositoryBase<TenantSettings, UUID> {

    @Inject
    ActingScope acting;

    /** The stored settings, or the defaults (not persisted). */
    public TenantSettings current() {
        // SQL rather than HQL: read at every intake, and with the tenant filter on (discriminator multitenancy)
        // Hibernate translates an HQL query again at every call; so the tenant is named here
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
