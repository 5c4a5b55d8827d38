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
 * <p>The tenant is held for the current thread only, for exactly the duration of the work, and
 * {@link CallerTenantResolver} reads it first. It does not depend on {@link TenantScope#actAs(String)}, whose
 * holder was, until fixed alongside, written through the bean's shared client proxy: the tenant of an event then
 * leaked into every later HTTP request (seen in CardTransferTest). The work still gets a request context of its
 * own, which Hibernate needs to resolve a tenant at all.
 */
@ApplicationScoped
public class ActingForTenant {

    private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

    private final EntityManager entityManager;

    public ActingForTenant(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The tenant work on this thread acts for, if {@link #call} is running on it. */
    static String current() {
        return TENANT.get();
    }

    /** {@code work} runs in a fresh request context acting for {@code tenant}; it opens its own transaction. */
    public <T> T call(String tenant, Supplier<T> work) {
        ManagedContext requestContext = Arc.container().requestContext();
        InjectableContext.ContextState outer = requestContext.isActive() ? requestContext.getState() : null;
        requestContext.activate();
        String enclosing = TENANT.get();
        TENANT.set(java.util.Objects.requireNonNull(tenant, "tenant"));
        try {
            return work.get();
        } finally {
            if (enclosing == null) {
                TENANT.remove();
            } else {
                TENANT.set(enclosing);
            }
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
