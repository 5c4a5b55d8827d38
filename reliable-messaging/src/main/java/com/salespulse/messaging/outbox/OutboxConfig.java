package com.salespulse.messaging.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "salespulse.outbox")
public interface OutboxConfig {

    /** The CloudEvent {@code source} of this service's events, e.g. {@code /salespulse/lead-service}. */
    String source();

    /**
     * How often the relay looks for unpublished events when nothing nudged it (the scheduler's smallest step is one
     * second). Each commit that writes to the outbox nudges the relay at once, so this is only the safety net.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long the relay waits after a commit nudged it before it reads the outbox: the commits of that while go in
     * one round (a transaction, two statements and a broker acknowledgement, whatever the batch's size) instead of
     * a round each. The latency it adds to every event is this at most; 0 relays at once.
     */
    @WithDefault("25ms")
    Duration nudgeDelay();

    /** How many events the relay publishes per round. */
    @WithDefault("500")
    int batchSize();

    /**
     * How long the relay waits for the broker to acknowledge a batch before it gives up and retries (the producer's
     * {@code delivery.timeout.ms}; {@code request.timeout.ms} and {@code max.block.ms} are half of it). The relay
     * holds no database transaction or connection meanwhile.
     */
    @WithDefault("10s")
    Duration sendTimeout();

    /**
     * After how many refusals by the broker (record too large, invalid topic, not serialisable) an event is
     * quarantined: no longer sent, and later events of its aggregate wait behind it. Transient failures (broker
     * unreachable, timeouts) are not counted: they are retried for as long as they last.
     */
    @WithDefault("5")
    int maxAttempts();

    /** How many published rows one delete of the purge removes. */
    @WithDefault("5000")
    int purgeBatchSize();

    /**
     * Who this instance is, as the holder of the relay lease. The default, host name and HTTP port, survives a
     * restart of the process (a crashed container restarted in its pod, a service restarted on a laptop), so the new
     * process takes over the lease its predecessor held at once instead of waiting for it to expire. Two live
     * instances never share it unless they run on one host and port, which cannot happen.
     */
    Optional<String> relayHolder();

    /** How long published rows are kept (for inspection) before they are deleted. */
    @WithDefault("P7D")
    Duration retention();
}
