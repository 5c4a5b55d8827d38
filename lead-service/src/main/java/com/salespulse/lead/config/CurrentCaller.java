package com.salespulse.lead.config;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is calling: the tenant and the actor recorded on every change and event. Today every request acts for the
 * configured default tenant; the authentication issue replaces this with the verified token's claims, and this
 * class is the one place that changes.
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

    public String actor() {
        return "user:anonymous";
    }
}
