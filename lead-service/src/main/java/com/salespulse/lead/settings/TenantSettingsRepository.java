package com.salespulse.lead.settings;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The current tenant's settings row (Hibernate filters by tenant), or the defaults when there is none yet. */
@ApplicationScoped
public class TenantSettingsRepository implements PanacheRepositoryBase<TenantSettings, UUID> {

    /** The stored settings, or the defaults (not persisted). */
    public TenantSettings current() {
        return findAll().firstResultOptional().orElseGet(TenantSettings::defaults);
    }
}
