package com.salespulse.deal.config;

import com.salespulse.security.TenantScope;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gives Hibernate the tenant of the current unit of work: the caller's, or the one a consumer or scheduler acts
 * for ({@link TenantScope#actAs(String)}). Outside both, a tenant no caller can have, so nothing is found.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class CallerTenantResolver implements TenantResolver {

    private final TenantScope scope;

    public CallerTenantResolver(TenantScope scope) {
        this.scope = scope;
    }

    @Override
    public String getDefaultTenantId() {
        return TenantScope.NO_TENANT;
    }

    @Override
    public String resolveTenantId() {
        return scope.currentTenant();
    }
}
