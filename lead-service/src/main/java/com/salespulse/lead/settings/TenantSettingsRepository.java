package com.salespulse.lead.settings;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The current tenant's settings row (Hibernate filters by tenant), or the defaults when there is none yet. */
@ApplicationScoped
public class TenantSettingsRepository implements PanacheRepositoryBase<TenantSettings, UUID> {

    /** The stored settings, or the defaults (not persisted). */
    public TenantSettings current() {
        return findAll().firstResultOptional().orElseGet(TenantSettings::defaults);
    }
}
