package com.salespulse.security;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gives Hibernate the tenant of the current unit of work ({@link ActingScope#tenant()}): the caller's, or the one a
 * consumer or scheduler acts for. Outside both, a tenant no caller can have, so nothing is found. Used by the
 * services whose persistence unit is multi-tenant ({@code quarkus.hibernate-orm.multitenant=DISCRIMINATOR}, every
 * {@code @TenantId} entity filtered and stamped by Hibernate); the others never ask it.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class CallerTenantResolver implements TenantResolver {

    private final ActingScope scope;

    public CallerTenantResolver(ActingScope scope) {
        this.scope = scope;
    }

    @Override
    public String getDefaultTenantId() {
        return ActingScope.NO_TENANT;
    }

    @Override
    public String resolveTenantId() {
        return scope.tenant();
    }
}
