package com.salespulse.lead.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.salespulse.security.CallerClaims;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;

/**
 * Gives Hibernate the tenant of the current request, from the verified token. Outside a request (the outbox
 * relay, schedulers) no tenant-owned entity is touched, and the resolver answers a tenant no caller can have.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class CallerTenantResolver implements TenantResolver {

    /** Not a valid tenant claim value for any caller: tenant-owned queries outside a request find nothing. */
    static final String NO_TENANT = "-";

    private final Instance<JsonWebToken> token;

    public CallerTenantResolver(Instance<JsonWebToken> token) {
        this.token = token;
    }

    @Override
    public String getDefaultTenantId() {
        return NO_TENANT;
    }

    @Override
    public String resolveTenantId() {
        if (!Arc.container().requestContext().isActive()) {
            return NO_TENANT;
        }
        try {
            String tenant = token.get().getClaim(CallerClaims.TENANT);
            return tenant == null || tenant.isBlank() ? NO_TENANT : tenant;
        } catch (RuntimeException e) {
            // a request context without an HTTP request behind it (a test, a scheduled job): no caller
            return NO_TENANT;
        }
    }
}
