package com.salespulse.analytics.replay;

import com.salespulse.analytics.projection.EventApplier;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.analytics.readmodel.ReadModelTables;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.Topics;
import com.salespulse.problem.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds the read model from the topics while the service keeps answering:
 * <ol>
 * <li>a fresh generation is emptied and a plain {@link KafkaConsumer} (no group, partitions assigned by hand, nothing
 * committed) reads every partition from its earliest offset, applying each record to that generation;</li>
 * <li>when it has reached the end offsets taken at the start, live applies are held off, it reads up to the end
 * offsets as they are now, and the new generation is made live in the same step;</li>
 * <li>the live consumer goes on from where it was, now into the new generation: what the rebuild already applied
 * is a repeat there and is skipped. The old generation's rows are then deleted.</li>
 * </ol>
 * Queries read the old generation until the swap, so no answer ever comes from a half-built model.
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);
    static final List<String> TOPICS = List.of(Topics.LEAD_EVENTS, Topics.ROSTER_EVENTS, Topics.DEAL_EVENTS);

    private final CloudEventCodec codec = new CloudEventCodec();
    private final EventApplier applier;
    private final ReadModelGenerations generations;
    private final ReadModelTables tables;
    private final Clock clock;
    private final String bootstrapServers;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicReference<RebuildProgress> last = new AtomicReference<>(RebuildProgress.idle());
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    public ReadModelRebuild(
            EventApplier applier,
            ReadModelGenerations generations,
            ReadModelTables tables,
            Clock clock,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.applier = applier;
        this.generations = generations;
        this.tables = tables;
        this.clock = clock;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a rebuild in the background.
     *
     * @throws ProblemException 409 while one is running, here or on another instance
     */
    public synchronized RebuildProgress start() {
        RebuildProgress current = progress();
        if (current.state() == RebuildProgress.State.RUNNING || current.state() == RebuildProgress.State.SWAPPING) {
            throw ProblemException.conflict("A rebuild is already running ("
                    + (current.percent() != null ? current.percent() + "%" : "reading the topics' offsets") + ")");
        }
        ReadModelGenerations.RebuildClaim claim = generations
                .tryClaimRebuild()
                .orElseThrow(() -> ProblemException.conflict(
                        "A rebuild is already running on another instance of analytics-service"));
        int from = generations.live();
        int gen = from + 1;
        read.set(0);
        applied.set(0);
        skipped.set(0);
        last.set(RebuildProgress.started(gen, from, clock.instant()));
        worker.submit(() -> {
            try (claim) {
                run(from, gen);
            }
        });
        return progress();
    }

    /** The current or last rebuild, with live counters. */
    public RebuildProgress progress() {
        RebuildProgress p = last.get();
        if (p.state() != RebuildProgress.State.RUNNING && p.state() != RebuildProgress.State.SWAPPING) {
            return p;
        }
        return new RebuildProgress(
                p.state(),
                p.generation(),
                p.replacedGeneration(),
                read.get(),
                applied.get(),
                skipped.get(),
                p.eventsTotal(),
                RebuildProgress.percent(read.get(), p.eventsTotal()),
                p.startedAt(),
                null,
                null);
    }

    private void run(int from, int gen) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            tables.clear(gen);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = partitions.stream()
                    .mapToLong(tp -> end.get(tp) - begin.get(tp))
                    .sum();
            update(RebuildProgress.State.RUNNING, total);
            LOG.infof("Rebuilding the read model into generation %d from %d records", gen, total);

            readUpTo(consumer, end, gen);

            update(RebuildProgress.State.SWAPPING, total);
            generations.exclusively(() -> {
                // live applies are held off: whatever the live consumer has seen is below these offsets
                readUpTo(consumer, consumer.endOffsets(partitions), gen);
                generations.markLive(gen);
            });
            tables.clear(from);
            LOG.infof("Generation %d is live: %d applied, %d skipped", gen, applied.get(), skipped.get());
            finish(RebuildProgress.State.DONE, null);
        } catch (RuntimeException e) {
            LOG.error("The read-model rebuild failed; the live generation keeps answering", e);
            finish(RebuildProgress.State.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void readUpTo(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end, int gen) {
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            apply(gen, consumer.poll(Duration.ofMillis(200)));
        }
    }

    /** A poll's records as one batch, as the live consumer applies them; a record that cannot be applied is skipped. */
    private void apply(int gen, ConsumerRecords<String, byte[]> records) {
        List<ReceivedEvent> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                batch.add(codec.decode(record.value()));
            } catch (MalformedEventException e) {
                // the live consumer parked it on the dead-letter topic already; a rebuild skips it the same way
                skipped.incrementAndGet();
            }
        }
        try {
            count(applier.apply(gen, batch));
        } catch (RuntimeException batchFailure) {
            for (ReceivedEvent one : batch) {
                try {
                    count(applier.apply(gen, List.of(one)));
                } catch (RuntimeException e) {
                    LOG.warnf("Rebuild skips event %s (%s): %s", one.metadata().id(), one.type(), e.getMessage());
                    skipped.incrementAndGet();
                }
            }
        }
        read.addAndGet(records.count());
    }

    private void count(EventApplier.Applied batch) {
        applied.addAndGet(batch.applied());
        skipped.addAndGet(batch.duplicates());
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "analytics-rebuild-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    private void update(RebuildProgress.State state, Long total) {
        RebuildProgress p = last.get();
        last.set(new RebuildProgress(
                state,
                p.generation(),
                p.replacedGeneration(),
                read.get(),
                applied.get(),
                skipped.get(),
                total,
                RebuildProgress.percent(read.get(), total),
                p.startedAt(),
                null,
                null));
    }

    private void finish(RebuildProgress.State state, String error) {
        RebuildProgress p = last.get();
        Instant now = clock.instant();
        last.set(new RebuildProgress(
                state,
                p.generation(),
                p.replacedGeneration(),
                read.get(),
                applied.get(),
                skipped.get(),
                p.eventsTotal(),
                RebuildProgress.percent(read.get(), p.eventsTotal()),
                p.startedAt(),
                now,
                error));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
