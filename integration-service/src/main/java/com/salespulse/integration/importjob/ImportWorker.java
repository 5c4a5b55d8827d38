package com.salespulse.integration.importjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.integration.config.ImportConfig;
import com.salespulse.integration.owner.OwnerAnswer;
import com.salespulse.integration.owner.OwnerClient;
import com.salespulse.integration.owner.OwnerTokens;
import com.salespulse.integration.owner.RecordKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies the jobs' rows, oldest job first, each job's rows in file order and one at a time, each row as its owner's
 * PUT by reference. A row ends applied (2xx), skipped (409 stale-change: the card already holds a later state, so
 * the row changes nothing; a file imported again) or failed (any other refusal). A row's outcome and the job's
 * counters are committed before the next row is sent, so a process that stops (or dies) leaves the job RUNNING
 * with an exact first unapplied row; the next start continues there. Only the row in flight at a crash is sent
 * again, which changes nothing: every row is an idempotent upsert by reference. One worker per deployment (run one
 * replica), like the outbox relay: two would apply a job's rows out of order.
 */
@ApplicationScoped
public class ImportWorker {

    public static final String JOB = "import-worker";
    private static final Logger LOG = Logger.getLogger(ImportWorker.class);
    private static final Duration SLEEP_SLICE = Duration.ofMillis(100);

    private final ImportJobRepository jobs;
    private final ImportRowRepository rows;
    private final OwnerClient owners;
    private final OwnerTokens tokens;
    private final ImportConfig config;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean stopping;

    public ImportWorker(
            ImportJobRepository jobs,
            ImportRowRepository rows,
            OwnerClient owners,
            OwnerTokens tokens,
            ImportConfig config,
            ObjectMapper json,
            MeterRegistry metrics) {
        this.jobs = jobs;
        this.rows = rows;
        this.owners = owners;
        this.tokens = tokens;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(
            identity = JOB,
            every = "${salespulse.imports.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runJobs() {
        while (!stopping) {
            Optional<UUID> next = QuarkusTransaction.requiringNew().call(jobs::nextRunnable);
            if (next.isEmpty()) {
                return;
            }
            run(next.get());
        }
    }

    /** Runs one job until it ends or the process stops. */
    void run(UUID jobId) {
        if (!QuarkusTransaction.requiringNew().call(() -> jobs.markRunning(jobId, clock.instant()))) {
            return;
        }
        ImportJob job = QuarkusTransaction.requiringNew().call(() -> jobs.findById(jobId));
        int handled = 0;
        while (!stopping) {
            int from = handled;
            Optional<ImportRow> row = QuarkusTransaction.requiringNew().call(() -> {
                if (jobs.cancelRequested(jobId)) {
                    jobs.markEnded(jobId, ImportStatus.CANCELLED, clock.instant(), null);
                    return Optional.<ImportRow>empty();
                }
                Optional<ImportRow> first = rows.firstUnapplied(jobId, from);
                if (first.isEmpty()) {
                    jobs.markEnded(jobId, ImportStatus.DONE, clock.instant(), null);
                }
                return first;
            });
            if (row.isEmpty() || !apply(job, row.get())) {
                tokens.forget(jobId);
                return;
            }
            // rows are handled in file order: every row before this one has an outcome (this one too, unless a
            // cancel left it unapplied, which the next query still finds)
            handled = row.get().rowNumber();
        }
    }

    /** Sends one row until it has an outcome; false when the job must stop (or the process is stopping). */
    private boolean apply(ImportJob job, ImportRow row) {
        String body = ownerBody(row);
        int unknownReferenceAttempts = 0;
        int transientAttempts = 0;
        while (!stopping) {
            String token = tokens.forJob(job.id, job.tenantId, job.createdBy);
            OwnerAnswer answer =
                    owners.send(row.kind(), row.externalSystem(), row.externalId(), body, job.dryRun, token);
            switch (answer.outcome()) {
                case APPLIED -> {
                    recordApplied(job, row, answer);
                    return true;
                }
                case REFUSED -> {
                    if (answer.staleChange()) {
                        // the card already holds a later state: the row changes nothing (a file imported again)
                        recordSkipped(job, row, answer);
                    } else {
                        recordFailed(job, row, answer);
                    }
                    return true;
                }
                case UNKNOWN_REFERENCE -> {
                    if (job.dryRun) {
                        // nothing is written in a dry run: a reference is good when an earlier row defines it
                        if (resolvedByEarlierRows(job, row, answer)) {
                            recordApplied(job, row, answer);
                        } else {
                            recordFailed(job, row, answer);
                        }
                        return true;
                    }
                    if (++unknownReferenceAttempts >= config.unknownReference().attempts()) {
                        recordFailed(job, row, answer);
                        return true;
                    }
                    // the owner may not have consumed the event of the entity named yet
                    sleep(config.unknownReference().waitBetween());
                }
                case TOKEN_REFUSED -> {
                    String reason = row.kind().owner().displayName() + " refused this service's token (HTTP "
                            + answer.status() + "): check that it trusts the key in smallrye.jwt.sign.key.location "
                            + "and the issuer salespulse.owners.token-issuer";
                    LOG.errorf("import %s stopped: %s", job.id, reason);
                    QuarkusTransaction.requiringNew()
                            .run(() -> jobs.markEnded(job.id, ImportStatus.FAILED, clock.instant(), reason));
                    return false;
                }
                case TRANSIENT -> {
                    String reason = "row " + row.rowNumber() + ": " + answer.detail() + "; retrying";
                    QuarkusTransaction.requiringNew().run(() -> jobs.markWaiting(job.id, reason));
                    metrics.counter(
                                    "salespulse_import_retries_total",
                                    "owner",
                                    row.kind().owner().displayName())
                            .increment();
                    sleep(backoff(transientAttempts++));
                    if (QuarkusTransaction.requiringNew().call(() -> jobs.cancelRequested(job.id))) {
                        return true; // the next step ends the job as cancelled; this row stays unapplied
                    }
                }
            }
        }
        return false;
    }

    private void recordApplied(ImportJob job, ImportRow row, OwnerAnswer answer) {
        QuarkusTransaction.requiringNew().run(() -> {
            rows.markApplied(job.id, row.rowNumber(), answer.status(), clock.instant());
            jobs.countApplied(job.id);
        });
        metrics.counter("salespulse_import_rows_total", "outcome", "applied").increment();
    }

    private void recordSkipped(ImportJob job, ImportRow row, OwnerAnswer answer) {
        QuarkusTransaction.requiringNew().run(() -> {
            rows.markSkipped(job.id, row.rowNumber(), answer, clock.instant());
            jobs.countSkipped(job.id);
        });
        metrics.counter("salespulse_import_rows_total", "outcome", "skipped").increment();
    }

    private void recordFailed(ImportJob job, ImportRow row, OwnerAnswer answer) {
        QuarkusTransaction.requiringNew().run(() -> {
            rows.markFailed(job.id, row.rowNumber(), answer, clock.instant());
            jobs.countFailed(job.id);
        });
        metrics.counter("salespulse_import_rows_total", "outcome", "failed").increment();
    }

    /**
     * In a dry run, whether every reference the owner did not know is a record an earlier row of the file defines
     * (and would have created in the real run). A stage named by reference inside a pipeline row is not found this
     * way: a dry run reports it.
     */
    private boolean resolvedByEarlierRows(ImportJob job, ImportRow row, OwnerAnswer answer) {
        JsonNode body = readRow(row);
        for (OwnerAnswer.InvalidField field : answer.invalidFields()) {
            String path = field.field();
            if (path == null || !(path.endsWith(".externalId") || path.endsWith(".externalSystem"))) {
                return false;
            }
            String refPath = path.substring(0, path.lastIndexOf('.'));
            String refName = refPath.substring(refPath.lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "");
            Optional<RecordKind> kind = RecordKind.namedByRefField(refName);
            JsonNode ref = at(body, refPath);
            if (kind.isEmpty()
                    || !ref.path("externalSystem").isTextual()
                    || !ref.path("externalId").isTextual()) {
                return false;
            }
            boolean defined = QuarkusTransaction.requiringNew()
                    .call(() -> rows.definedEarlier(
                            job.id,
                            row.rowNumber(),
                            kind.get(),
                            ref.path("externalSystem").asText(),
                            ref.path("externalId").asText()));
            if (!defined) {
                return false;
            }
        }
        return !answer.invalidFields().isEmpty();
    }

    /** {@code lines[0].productRef} in the row's JSON. */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String segment : path.split("\\.")) {
            int bracket = segment.indexOf('[');
            node = node.path(bracket < 0 ? segment : segment.substring(0, bracket));
            if (bracket >= 0) {
                for (String index :
                        segment.substring(bracket + 1, segment.length() - 1).split("]\\[")) {
                    node = node.path(Integer.parseInt(index));
                }
            }
        }
        return node;
    }

    /** The owner's body: the row without the fields the path carries. */
    private String ownerBody(ImportRow row) {
        ObjectNode body = (ObjectNode) readRow(row);
        body.remove(List.of("recordType", "externalSystem", "externalId"));
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readRow(ImportRow row) {
        try {
            return json.readTree(row.body());
        } catch (IOException e) {
            throw new UncheckedIOException("row " + row.rowNumber() + " was stored unreadable", e);
        }
    }

    private Duration backoff(int attempt) {
        long base = config.retry().baseDelay().toMillis();
        long delay = base << Math.min(attempt, 20);
        return Duration.ofMillis(Math.min(delay, config.retry().maxDelay().toMillis()));
    }

    /** Waits, but not past a shutdown. */
    private void sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            while (!stopping && System.nanoTime() < until) {
                Thread.sleep(Math.min(SLEEP_SLICE.toMillis(), Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
