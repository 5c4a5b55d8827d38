package com.salespulse.analytics.config;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is asking: the tenant whose figures are answered. Today every request reads the configured default tenant;
 * the authentication issue replaces this with the verified token's claims, and this class is the one place that
 * changes.
 */
@RequestScoped
public class CurrentCaller {

    private final String defaultTenant;

    public CurrentCaller(@ConfigProperty(name = "salespulse.tenant.default") String defaultTenant) {
        this.defaultTenant = defaultTenant;
    }

    public String tenant() {
        return defaultTenant;
    }
}
