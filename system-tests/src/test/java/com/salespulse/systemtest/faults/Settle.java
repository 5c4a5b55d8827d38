package com.salespulse.systemtest.faults;

import com.salespulse.localstack.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, deterministically, until the system has settled after a fault: nothing left to publish in any outbox (but a
 * quarantined row), every consumer group caught up with the end of its partitions, and the tenant's figures in every
 * service unchanged over three polls half a second apart. Bounded: a system that does not settle fails the case.
 */
final class Settle {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final int STABLE_POLLS = 3;

    private Settle() {}

    /** @return how long settling took */
    static Duration until(LocalStack stack, String tenant, Duration bound) {
        Databases db = new Databases(stack);
        Broker broker = new Broker(stack);
        long started = System.nanoTime();
        long deadline = started + bound.toNanos();
        List<Long> last = null;
        int stable = 0;
        while (System.nanoTime() < deadline) {
            long unpublished = db.countOrMinusOne(
                            "lead",
                            "select count(*) from outbox_event where published_at is null and quarantined_at is null")
                    + db.countOrMinusOne(
                            "deal",
                            "select count(*) from outbox_event where published_at is null and quarantined_at is null");
            long lag = broker.consumerLag();
            List<Long> figures = List.of(
                    db.countOrMinusOne("lead", "select count(*) from lead where tenant_id = ?", tenant),
                    db.countOrMinusOne("deal", "select count(*) from deal where tenant_id = ?", tenant),
                    db.countOrMinusOne(
                            "analytics",
                            "select coalesce(sum(events_applied), 0) from projection_position p"
                                    + " join read_model_generation g on p.gen = g.live_gen where tenant_id = ?",
                            tenant));
            boolean caughtUp = unpublished == 0 && lag == 0 && !figures.contains(-1L);
            stable = caughtUp && Objects.equals(figures, last) ? stable + 1 : 0;
            last = figures;
            if (stable >= STABLE_POLLS) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        throw new AssertionError("the system did not settle within " + bound + " (last figures " + last
                + ": leads, deals, analytics events applied)");
    }
}
