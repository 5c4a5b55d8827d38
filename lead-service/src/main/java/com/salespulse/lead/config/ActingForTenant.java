package com.salespulse.lead.config;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;

import com.salespulse.security.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Runs scheduled work for one tenant at a time, the way a caller of that tenant would see the data. */
@ApplicationScoped
public class ActingForTenant {

    private final TenantScope scope;
    private final EntityManager entityManager;

    public ActingForTenant(TenantScope scope, EntityManager entityManager) {
        this.scope = scope;
        this.entityManager = entityManager;
    }

    /** {@code work} runs in a fresh request context acting for {@code tenant}; it opens its own transaction. */
    @ActivateRequestContext
    public <T> T call(String tenant, Supplier<T> work) {
        scope.actAs(tenant);
        return work.get();
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
