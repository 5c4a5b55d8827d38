package com.salespulse.analytics.config;

import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A tenant's time zone, used to cut instants into local days. One zone for all tenants for now; per-tenant
 * settings and the working-day calendar arrive with the analytics issue.
 */
@ApplicationScoped
public class TenantCalendar {

    private final ZoneId zone;

    public TenantCalendar(@ConfigProperty(name = "salespulse.tenant.time-zone") ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone(String tenant) {
        return zone;
    }
}
