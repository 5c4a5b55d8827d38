package com.salespulse.messaging.lease;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;

/**
 * Which instance runs a job now (the outbox relay, a pruning), across every instance on the database. A lease is a
 * row in {@code job_lease}, taken or renewed in a short transaction and valid until it expires: unlike an advisory
 * lock it holds no connection while the job waits on the broker, and an instance that dies loses it when it expires.
 * Times are the database's, so the instances' clocks do not matter.
 */
@ApplicationScoped
public class Leases {

    private final EntityManager entityManager;

    public Leases(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Takes the lease {@code name} for {@code holder}, or renews it when {@code holder} already has it.
     *
     * @return false when another holder has it and it has not expired
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tryAcquire(String name, String holder, Duration duration) {
        int taken = entityManager
                .createNativeQuery("""
                insert into job_lease (name, holder, expires_at)
                values (?1, ?2, now() + ?3 * interval '1 millisecond')
                on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
                where job_lease.holder = excluded.holder or job_lease.expires_at < now()""")
                .setParameter(1, name)
                .setParameter(2, holder)
                .setParameter(3, duration.toMillis())
                .executeUpdate();
        return taken == 1;
    }

    /**
     * Gives the lease up, if {@code holder} has it, so the next taker need not wait for it to expire; a lease already
     * given up or expired is left as it is (no write).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(String name, String holder) {
        entityManager
                .createNativeQuery(
                        "update job_lease set expires_at = now() where name = ?1 and holder = ?2 and expires_at > now()")
                .setParameter(1, name)
                .setParameter(2, holder)
                .executeUpdate();
    }
}
