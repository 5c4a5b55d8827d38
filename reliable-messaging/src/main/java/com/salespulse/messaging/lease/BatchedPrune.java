package com.salespulse.messaging.lease;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Deletes a table's old rows in batches, each in its own short transaction (no long lock, no huge WAL burst), by one
 * instance at a time: the run holds the lease named after the job; a run that finds it held skips.
 */
@ApplicationScoped
public class BatchedPrune {

    /** Longer than any batch takes; renewed before each batch, given up at the end. */
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final EntityManager entityManager;
    private final Leases leases;

    public BatchedPrune(EntityManager entityManager, Leases leases) {
        this.entityManager = entityManager;
        this.leases = leases;
    }

    /**
     * Deletes the rows of {@code table} whose {@code timeColumn} is before {@code cutoff}, {@code batchSize} at a time.
     *
     * @param job the lease's name: runs of the same job never overlap
     * @return how many rows were deleted; empty when another run holds the lease
     */
    @ActivateRequestContext // a service with Hibernate multitenancy resolves its (absent) tenant from the request
    public OptionalLong prune(String job, String table, String timeColumn, Instant cutoff, int batchSize) {
        String holder = UUID.randomUUID().toString();
        String delete = "delete from " + table + " where ctid in (select ctid from " + table + " where " + timeColumn
                + " < ?1 limit ?2)";
        long deleted = 0;
        try {
            while (true) {
                // the lease in its own transaction: committed at once, so a concurrent run sees it and skips
                // instead of waiting behind this run's delete
                if (!QuarkusTransaction.requiringNew().call(() -> leases.tryAcquire(job, holder, LEASE))) {
                    return deleted == 0 ? OptionalLong.empty() : OptionalLong.of(deleted);
                }
                int batch = QuarkusTransaction.requiringNew()
                        .call(() -> entityManager
                                .createNativeQuery(delete)
                                .setParameter(1, cutoff)
                                .setParameter(2, batchSize)
                                .executeUpdate());
                deleted += batch;
                if (batch < batchSize) {
                    return OptionalLong.of(deleted);
                }
            }
        } finally {
            QuarkusTransaction.requiringNew().run(() -> leases.release(job, holder));
        }
    }
}
