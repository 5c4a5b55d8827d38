package com.salespulse.lead.config;

import com.salespulse.security.TenantScope;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs work without a caller (a Kafka consumer, a scheduler) for one tenant, the way a caller of that tenant would
 * see the data: in a request context of its own (Hibernate needs one to resolve a tenant at all), acting for the
 * tenant through {@link TenantScope#actAs(String)}, which Hibernate (api-security's CallerTenantResolver) consults. The context ends with
 * the work, so the tenant never outlives it; an enclosing request context is restored afterwards.
 */
@ApplicationScoped
public class ActingForTenant {

    private final EntityManager entityManager;
    private final TenantScope tenantScope;

    public ActingForTenant(EntityManager entityManager, TenantScope tenantScope) {
        this.entityManager = entityManager;
        this.tenantScope = tenantScope;
    }

    /** {@code work} runs in a fresh request context acting for {@code tenant}; it opens its own transaction. */
    public <T> T call(String tenant, Supplier<T> work) {
        ManagedContext requestContext = Arc.container().requestContext();
        InjectableContext.ContextState outer = requestContext.isActive() ? requestContext.getState() : null;
        requestContext.activate();
        try {
            tenantScope.actAs(tenant);
            return work.get();
        } finally {
            requestContext.terminate();
            if (outer != null) {
                requestContext.activate(outer);
            }
        }
    }

    /**
     * The tenants with rows matching a native SQL query that selects one {@code tenant_id} column. Native SQL is not
     * filtered by tenant, which is exactly what a job that visits every tenant needs.
     */
    @SuppressWarnings("unchecked")
    public List<String> tenants(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> entityManager.createNativeQuery(sql).getResultList());
    }
}
