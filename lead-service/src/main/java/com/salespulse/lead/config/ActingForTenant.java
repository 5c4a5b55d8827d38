package com.salespulse.lead.config;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.salespulse.security.TenantScope;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs work without a caller (a Kafka consumer, a scheduler) for one tenant, the way a caller of that tenant would
 * see the data.
 *
 * <p>The work always gets a request context of its own, started here and destroyed afterwards, even when the
 * thread already has one (SmallRye Reactive Messaging activates one per message): the tenant set with
 * {@link TenantScope#actAs(String)} must never outlive the work, or a later HTTP request served on the same worker
 * thread would act for the wrong tenant.
 */
@ApplicationScoped
public class ActingForTenant {

    private final TenantScope scope;
    private final EntityManager entityManager;

    public ActingForTenant(TenantScope scope, EntityManager entityManager) {
        this.scope = scope;
        this.entityManager = entityManager;
    }

    /** {@code work} runs in a fresh request context acting for {@code tenant}; it opens its own transaction. */
    public <T> T call(String tenant, Supplier<T> work) {
        ManagedContext requestContext = Arc.container().requestContext();
        InjectableContext.ContextState outer = requestContext.isActive() ? requestContext.getState() : null;
        requestContext.activate();
        try {
            scope.actAs(tenant);
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
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(sql).getResultList());
    }
}
