package com.salespulse.messaging.inbox;

import com.salespulse.messaging.lease.BatchedPrune;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Keeps {@code consumed_event} from growing for ever: ids older than the retention are deleted, in batches, by one
 * instance at a time. The retention must stay longer than any redelivery window (the relay re-sends within minutes;
 * a dead-letter replay or a consumer group reset must not reach further back), or a redelivered event would be
 * applied twice.
 */
@ApplicationScoped
public class ConsumedEventPruning {

    private static final Logger LOG = Logger.getLogger(ConsumedEventPruning.class);

    @ConfigMapping(prefix = "salespulse.consumed-events")
    public interface Config {
        /** How long an applied event's id is kept to recognise a redelivery. */
        @WithDefault("P30D")
        Duration retention();

        /** How many rows one delete removes. */
        @WithDefault("5000")
        int pruneBatchSize();
    }

    private final BatchedPrune prune;
    private final Config config;
    private final Clock clock;

    public ConsumedEventPruning(BatchedPrune prune, Config config, Clock clock) {
        this.prune = prune;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "7m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void scheduled() {
        try {
            pruneOld().ifPresent(n -> LOG.debugf("Pruned %d consumed-event ids", n));
        } catch (RuntimeException e) {
            LOG.warnf("Consumed-event pruning failed, next run tries again: %s", e.getMessage());
        }
    }

    /**
     * Deletes the ids consumed before now minus the retention.
     *
     * @return how many were deleted; empty when another instance is pruning
     */
    public OptionalLong pruneOld() {
        return prune.prune(
                "consumed-event-prune",
                "consumed_event",
                "consumed_at",
                clock.instant().minus(config.retention()),
                config.pruneBatchSize());
    }
}
