package com.salespulse.lead;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * The tenants a scheduler visits: those with rows matching a native SQL query that selects one {@code tenant_id}
 * column. Native SQL is not filtered by tenant, which is exactly what a job that visits every tenant needs; the job
 * then acts for each tenant through {@link com.salespulse.security.ActingScope#call}.
 */
@ApplicationScoped
public class TenantsWithRows {

    private final EntityManager entityManager;

    public TenantsWithRows(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @SuppressWarnings("unchecked")
    public List<String> of(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> entityManager.createNativeQuery(sql).getResultList());
    }
}
