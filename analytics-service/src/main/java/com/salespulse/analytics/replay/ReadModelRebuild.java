package com.salespulse.analytics.replay;

import com.salespulse.analytics.projection.EventApplier;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.analytics.readmodel.ReadModelTables;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.Topics;
import com.salespulse.messaging.inbox.DatabaseWait;
import com.salespulse.messaging.inbox.TransientFailure;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.ActingScope;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
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
 * <li>a fresh generation is emptied and several appliers ({@code salespulse.rebuild.appliers}, by default as many
 * as the live consumer's copies) read the partitions side by side, each its own share from their earliest offsets
 * with a plain {@link KafkaConsumer} (no group, partitions assigned by hand, nothing committed), applying each record
 * to that generation in batches of a few polls ({@code salespulse.rebuild.batch-size}, one transaction each) applied
 * on a second thread while the next batch is read and decoded. Their batches hold what the live consumer's copies
 * hold ({@code TenantLocks}: a tenant shared and the cards named, or the tenant alone for a barrier event), so
 * they apply side by side where the live copies would;</li>
 * <li>when every partition has reached the end offset taken at the start, live applies are held off, each applier
 * reads up to the end offsets as they are now, and the new generation is made live in the same step;</li>
 * <li>the live consumer goes on from where it was, now into the new generation: what the rebuild already applied
 * is a repeat there and is skipped. The old generation's rows are then deleted.</li>
 * </ol>
 * Queries read the old generation until the swap, so no answer ever comes from a half-built model.
 * <p>
 * Its state and progress live in {@code read_model_rebuild} ({@link RebuildStore}), so every instance answers the same
 * progress and one rebuild runs at a time across instances. It refuses to build from a partial history (a partition
 * whose earliest offset is above 0) and stops at the first event it cannot apply: either way it is FAILED with the
 * reason and the live generation stays.
 * <p>
 * A head of sales rebuilds their own tenant's read model the same way ({@link #startForTenant}), other tenants
 * untouched and live throughout: the topics are read from their earliest offsets, only the tenant's events are
 * applied, into a scratch generation of its own (negative, from a sequence, so never one the all-tenant rebuild or
 * another tenant's uses); at the swap, with live applies held off as above, the tenant's rows of the live generation
 * are replaced by the scratch generation's in one transaction ({@link ReadModelTables#moveTenant}). One rebuild at a
 * time per tenant; it may run beside another tenant's or the all-tenant one, whose swap is then before or after it.
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);
    static final List<String> TOPICS = List.of(Topics.LEAD_EVENTS, Topics.ROSTER_EVENTS, Topics.DEAL_EVENTS);
    /** Attempts of a batch that fails transiently (a deadlock between appliers, a blip of the database). */
    private static final int ATTEMPTS = 6;

    private final CloudEventCodec codec = new CloudEventCodec();
    private final EventApplier applier;
    private final ReadModelGenerations generations;
    private final ReadModelTables tables;
    private final String bootstrapServers;
    private final ExecutorService worker = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    private final RebuildStore store;
    private final ActingScope acting;
    private final DatabaseWait database;
    private final Duration staleAfter;
    private final int batchSize;
    private final int appliers;
    private final String instance;

    public ReadModelRebuild(
            EventApplier applier,
            ReadModelGenerations generations,
            ReadModelTables tables,
            RebuildStore store,
            ActingScope acting,
            DatabaseWait database,
            @ConfigProperty(name = "salespulse.rebuild.stale-after", defaultValue = "PT2M") Duration staleAfter,
            @ConfigProperty(name = "salespulse.rebuild.batch-size", defaultValue = "5000") int batchSize,
            @ConfigProperty(name = "salespulse.rebuild.appliers", defaultValue = "3") int appliers,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.applier = applier;
        this.generations = generations;
        this.tables = tables;
        this.store = store;
        this.acting = acting;
        this.database = database;
        this.staleAfter = staleAfter;
        this.batchSize = batchSize;
        if (appliers < 1) {
            throw new IllegalArgumentException("salespulse.rebuild.appliers must be at least 1, not " + appliers);
        }
        this.appliers = appliers;
        this.bootstrapServers = bootstrapServers;
        this.instance = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Starts a rebuild in the background with the configured number of appliers ({@code salespulse.rebuild.appliers}).
     *
     * @throws ProblemException 409 while one is running, here or on another instance
     */
    public RebuildProgress start() {
        return start(appliers);
    }

    /**
     * Starts a rebuild in the background with {@code count} appliers side by side (at most one a partition).
     *
     * @throws ProblemException 409 while one is running, here or on another instance
     */
    public synchronized RebuildProgress start(int count) {
        ReadModelGenerations.RebuildClaim claim = generations
                .tryClaimRebuild()
                .orElseThrow(() -> ProblemException.conflict(
                        "A rebuild is already running (" + describe(store.latest(null)) + ")"));
        RebuildProgress started;
        try {
            int from = generations.live();
            int gen = from + 1;
            UUID id = UUID.randomUUID();
            started = store.begin(id, null, acting.actor(), instance, count, gen, from, staleAfter);
            worker.submit(() -> {
                try (claim) {
                    run(id, from, gen, null, count, claim);
                }
            });
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
        return started;
    }

    /**
     * Starts a rebuild of one tenant's read model in the background.
     *
     * @throws ProblemException 409 while one of this tenant runs, here or on another instance
     */
    public RebuildProgress startForTenant(String tenant) {
        int from = generations.live();
        int scratch = tables.scratchGeneration();
        UUID id = UUID.randomUUID();
        RebuildProgress started =
                store.begin(id, tenant, acting.actor(), instance, appliers, scratch, from, staleAfter);
        worker.submit(() -> run(id, from, scratch, tenant, appliers, () -> {}));
        return started;
    }

    /** The current or last rebuild of every tenant, from the database: the same answer on every instance. */
    public RebuildProgress progress() {
        return store.latest(null);
    }

    /** The current or last rebuild of this tenant alone. */
    public RebuildProgress progressOf(String tenant) {
        return store.latest(tenant);
    }

    private static String describe(RebuildProgress running) {
        if (running.state() != RebuildProgress.State.RUNNING && running.state() != RebuildProgress.State.SWAPPING) {
            return "on another instance, starting";
        }
        return "started by " + running.requestedBy() + " on " + running.instance() + ", "
                + (running.percent() != null ? running.percent() + "%" : "reading the topics' offsets");
    }

    /**
     * Builds generation {@code gen} from the topics and swaps it in: for every tenant when {@code tenant} is null, else
     * the tenant's events only, whose rows then replace the tenant's rows of the live generation. {@code count}
     * appliers read and apply side by side, each its own share of the partitions ({@link #shareOut}); the swap waits
     * until every partition has reached its end. The appliers are closed and {@code claim} released before the outcome is
     * recorded, so whoever sees DONE or FAILED can start the next rebuild at once (a start between the release and the
     * record still meets the RUNNING row and gets its 409).
     */
    private void run(UUID id, int from, int gen, String tenant, int count, AutoCloseable claim) {
        Progress progress = new Progress(id, tenant);
        List<Applier> appliers = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> offsets = new KafkaConsumer<>(consumerProperties())) {
            tables.clear(gen);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                offsets.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            Map<TopicPartition, Long> begin = offsets.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = offsets.endOffsets(partitions);
            requireWholeHistory(begin);
            long total = partitions.stream()
                    .mapToLong(tp -> end.get(tp) - begin.get(tp))
                    .sum();
            for (List<TopicPartition> share : shareOut(partitions, count)) {
                appliers.add(new Applier(share));
            }
            progress.begin(begin, end, total);
            LOG.infof(
                    "Rebuilding the read model (%s) into generation %d from %d records, %d appliers side by side",
                    tenant == null ? "every tenant" : "tenant " + tenant, gen, total, appliers.size());

            allUpTo(appliers, end, gen, progress);

            progress.write(RebuildProgress.State.SWAPPING, true);
            generations.exclusively(() -> {
                // live applies are held off: whatever the live consumer has seen is below these offsets
                allUpTo(appliers, offsets.endOffsets(partitions), gen, progress);
                progress.write(RebuildProgress.State.SWAPPING, true);
                if (tenant == null) {
                    generations.markLive(gen);
                } else {
                    tables.moveTenant(gen, generations.live(), tenant);
                }
            });
            if (tenant == null) {
                tables.clear(from);
            }
            LOG.infof(
                    "Generation %d is live%s: %d applied, %d skipped",
                    gen, tenant == null ? "" : " for tenant " + tenant, progress.applied, progress.skipped);
            letGo(appliers, claim);
            store.finish(id, RebuildProgress.State.DONE, null);
        } catch (RuntimeException e) {
            LOG.error("The read-model rebuild failed; the live generation keeps answering", e);
            if (tenant != null) {
                clearQuietly(gen);
            }
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            letGo(appliers, claim);
            try {
                // a rebuild stopped by the database going away must still say FAILED: wait until it answers (the
                // fault suite's T7 left the row RUNNING until it went stale, two minutes on)
                database.apply("read-model-rebuild", () -> store.finish(id, RebuildProgress.State.FAILED, error));
            } catch (RuntimeException notRecorded) {
                // the heartbeat stops, so the row goes stale and the next start takes over
                LOG.error("Could not record the failed rebuild", notRecorded);
            }
        } finally {
            appliers.forEach(Applier::close);
        }
    }

    /** Closes the appliers' consumers and releases the claim (once: the caller's own close then does nothing). */
    private static void letGo(List<Applier> appliers, AutoCloseable claim) {
        appliers.forEach(Applier::close);
        appliers.clear();
        try {
            claim.close();
        } catch (Exception e) {
            LOG.warn("Could not release the rebuild's claim; closing its connection releases it", e);
        }
    }

    /**
     * The partitions shared out among {@code count} appliers, one at a time in turn, topic by topic, so each applier
     * gets a like share of every topic (the lead and deal topics carry most records); never an applier without a
     * partition.
     */
    static List<List<TopicPartition>> shareOut(List<TopicPartition> partitions, int count) {
        List<TopicPartition> ordered = new ArrayList<>(partitions);
        ordered.sort(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition));
        int appliers = Math.max(1, Math.min(count, ordered.size()));
        List<List<TopicPartition>> shares = new ArrayList<>();
        for (int i = 0; i < appliers; i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < ordered.size(); i++) {
            shares.get(i % appliers).add(ordered.get(i));
        }
        return shares;
    }

    /**
     * The rebuild must read every event ever published: a partition whose earliest offset is above 0 lost its oldest
     * records (retention deleted them, or someone deleted records), so a rebuild from it would silently drop history.
     */
    static void requireWholeHistory(Map<TopicPartition, Long> begin) {
        begin.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(TopicPartition::toString)))
                .findFirst()
                .ifPresent(e -> {
                    throw new IllegalStateException("Topic " + e.getKey().topic() + " partition "
                            + e.getKey().partition() + " starts at offset " + e.getValue()
                            + ", not 0: the broker no longer holds its whole history (retention or deleted records), "
                            + "so a rebuild would lose events; the live generation stays");
                });
    }

    private void clearQuietly(int scratch) {
        try {
            tables.clear(scratch);
        } catch (RuntimeException e) {
            LOG.warnf("Could not empty the scratch generation %d: %s", scratch, e.toString());
        }
    }

    /**
     * Every applier reads its partitions up to {@code end} and applies them, all at once, each on threads of its own;
     * returns when all are done. The first failure stops the others (at their next poll) and is thrown once they have
     * stopped, so no batch is still being applied when the rebuild is recorded FAILED.
     */
    private void allUpTo(List<Applier> appliers, Map<TopicPartition, Long> end, int gen, Progress progress) {
        List<Future<Void>> running = new ArrayList<>();
        for (Applier one : appliers) {
            running.add(worker.submit(() -> {
                try {
                    one.readUpTo(end, gen, progress);
                } catch (RuntimeException e) {
                    progress.stop();
                    throw e;
                }
                return null;
            }));
        }
        RuntimeException failure = null;
        for (Future<Void> one : running) {
            try {
                await(one);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * One applier: a plain consumer of its share of the partitions (assigned by hand, from their earliest offsets,
     * nothing committed) whose records it applies in batches of about {@link #batchSize} events: it polls and decodes
     * the next batch while the previous one is applied on another thread, so the JVM's work (the broker's records,
     * decoding) and the database's overlap, and each apply transaction (its locks, inbox insert, set-based statements,
     * positions and commit) covers a few polls. Its batches apply one at a time, in the order read, so every
     * aggregate's events keep their partition's order; beside the other appliers' batches, each holding what a live
     * batch holds ({@link EventApplier#applyBeside}).
     */
    private final class Applier implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<TopicPartition> share;

        Applier(List<TopicPartition> share) {
            this.share = List.copyOf(share);
            this.consumer = new KafkaConsumer<>(consumerProperties());
            consumer.assign(this.share);
            consumer.seekToBeginning(this.share);
        }

        /** Reads its partitions up to {@code end} and applies what it read; returns when everything read is applied. */
        void readUpTo(Map<TopicPartition, Long> end, int gen, Progress progress) {
            Batch pending = new Batch();
            Future<Batch> inFlight = null;
            boolean behind = behind(end);
            while (behind && !progress.stopped()) {
                decode(consumer.poll(Duration.ofMillis(200)), pending, progress.tenant);
                behind = behind(end);
                if (pending.records >= batchSize || !behind) {
                    // the previous batch first: it must be applied (or fail the rebuild) before the next one starts
                    progress.applied(await(inFlight));
                    Batch next = pending;
                    for (TopicPartition tp : share) {
                        next.upTo.put(tp, consumer.position(tp));
                    }
                    pending = new Batch();
                    inFlight = worker.submit(() -> apply(gen, next));
                }
                progress.write(RebuildProgress.State.RUNNING, false);
            }
            progress.applied(await(inFlight));
        }

        private boolean behind(Map<TopicPartition, Long> end) {
            return share.stream().anyMatch(tp -> consumer.position(tp) < end.getOrDefault(tp, 0L));
        }

        @Override
        public void close() {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warnf("Could not close a rebuild consumer: %s", e.toString());
            }
        }
    }

    /** Waits for the work in flight, if any; its failure fails the rebuild. */
    private static <T> T await(Future<T> inFlight) {
        if (inFlight == null) {
            return null;
        }
        try {
            return inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.cancel(true);
            throw new IllegalStateException("The rebuild was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A batch of decoded events to apply, with where each came from, and what applying it did. */
    private static final class Batch {
        final List<ReceivedEvent> events = new ArrayList<>();
        final List<String> where = new ArrayList<>();
        /** Per partition of the applier: the offset up to which the batch's records were read. */
        final Map<TopicPartition, Long> upTo = new HashMap<>();

        int records;
        int malformed;
        EventApplier.Applied applied;
    }

    /**
     * Decodes a poll's records into the batch. A record that is not a CloudEvent at all is skipped and counted (it
     * never was an event; the live consumer parked it on the dead-letter topic); a tenant's rebuild reads every
     * tenant's records and keeps its own.
     */
    private void decode(ConsumerRecords<String, byte[]> records, Batch batch, String tenant) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                ReceivedEvent event = codec.decode(record.value());
                if (tenant == null || tenant.equals(event.metadata().tenant())) {
                    batch.events.add(event);
                    batch.where.add(record.topic() + "-" + record.partition() + "@" + record.offset());
                }
            } catch (MalformedEventException e) {
                batch.malformed++;
            }
        }
        batch.records += records.count();
    }

    /**
     * The batch's events in one transaction, as the live consumer applies a poll. A transient failure (two appliers'
     * batches deadlocked on a row of a shared rollup, the database briefly away: {@link TransientFailure}) applies
     * it again a few times, the transaction having rolled back; a database that stays away fails the rebuild, which
     * is started again once it is back. An event that cannot be applied, for whatever reason, stops the rebuild: it
     * fails naming the event, and the live generation keeps answering.
     */
    private Batch apply(int gen, Batch batch) {
        if (batch.events.isEmpty()) {
            return batch;
        }
        try {
            batch.applied = applyAgainWhileTransient(() -> applier.applyBeside(gen, batch.events));
        } catch (RuntimeException batchFailure) {
            if (TransientFailure.isTransient(batchFailure)) {
                throw new IllegalStateException(
                        "The database could not be used: " + rootMessage(batchFailure), batchFailure);
            }
            // find the event that fails, to name it; the new generation is thrown away with the rebuild anyway
            for (int i = 0; i < batch.events.size(); i++) {
                ReceivedEvent one = batch.events.get(i);
                try {
                    applyAgainWhileTransient(() -> applier.applyBeside(gen, List.of(one)));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(
                            "Event " + one.metadata().id() + " (" + one.type() + ", " + batch.where.get(i)
                                    + ") could not be applied: " + rootMessage(e),
                            e);
                }
            }
            throw new IllegalStateException("A batch could not be applied: " + rootMessage(batchFailure), batchFailure);
        }
        return batch;
    }

    /** Up to {@link #ATTEMPTS} attempts, each its own transaction, while the failure is transient. */
    private static EventApplier.Applied applyAgainWhileTransient(Supplier<EventApplier.Applied> apply) {
        for (int attempt = 1; ; attempt++) {
            try {
                return apply.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !TransientFailure.isTransient(e)) {
                    throw e;
                }
                LOG.debugf("A rebuild batch is applied again (attempt %d): %s", attempt + 1, e.toString());
                LockSupport.parkNanos(Duration.ofMillis(100L * attempt).toNanos());
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * One run's counters and each partition's applied offset, shared by its appliers' threads, written to the
     * database at most once a second, which is also the heartbeat.
     */
    private final class Progress {
        private final UUID id;
        private final String tenant;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final Map<String, Long> positions = new TreeMap<>();
        private long read;
        private long applied;
        private long skipped;
        private Map<String, Long> endOffsets = Map.of();
        private Long total;
        private long lastWrite;

        Progress(UUID id, String tenant) {
            this.id = id;
            this.tenant = tenant;
        }

        /** Counts a batch once it is applied, and moves its partitions' applied offsets. */
        synchronized void applied(Batch batch) {
            if (batch == null) {
                return;
            }
            if (batch.applied != null) {
                applied += batch.applied.applied();
                skipped += batch.applied.duplicates();
            }
            skipped += batch.malformed;
            read += batch.records;
            batch.upTo.forEach((tp, offset) -> positions.merge(tp.toString(), offset, Math::max));
        }

        synchronized void begin(Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end, long total) {
            Map<String, Long> offsets = new TreeMap<>();
            end.forEach((tp, offset) -> offsets.put(tp.toString(), offset));
            begin.forEach((tp, offset) -> positions.put(tp.toString(), offset));
            this.endOffsets = offsets;
            this.total = total;
            store.progress(id, RebuildProgress.State.RUNNING, 0, 0, 0, total, positions, endOffsets);
            lastWrite = System.nanoTime();
        }

        synchronized void write(RebuildProgress.State state, boolean now) {
            if (!now && System.nanoTime() - lastWrite < 1_000_000_000L) {
                return;
            }
            store.progress(id, state, read, applied, skipped, total, positions, endOffsets);
            lastWrite = System.nanoTime();
        }

        /** Another applier failed: the others stop at their next poll. */
        void stop() {
            stopped.set(true);
        }

        boolean stopped() {
            return stopped.get();
        }
    }

    private static String hostName() {
        String name = System.getenv("HOSTNAME");
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "analytics-service";
        }
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "analytics-rebuild-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.min(1000, batchSize)));
        // records deleted while it reads must fail the rebuild, not make it jump ahead
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
