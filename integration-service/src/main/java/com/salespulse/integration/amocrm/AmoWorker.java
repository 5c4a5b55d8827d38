package com.salespulse.integration.amocrm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.integration.owner.OwnerAnswer;
import com.salespulse.integration.owner.OwnerClient;
import com.salespulse.integration.owner.OwnerTokens;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Applies the stored amoCRM changes, oldest change first (amoCRM's time, then arrival), one at a time, each card's
 * changes in order: a change waits while an older change of its card waits for a retry, and parks behind an older
 * change of its card that is parked. A change's outcome is committed before the next is picked, and everything not
 * applied stays PENDING in the database, so a process that dies between the webhook's 200 and the owner's answer
 * picks the change up on its next start; the change sent again is an idempotent upsert by reference.
 * <p>
 * A change older than one of its card already applied is SUPERSEDED without a call (it would roll the card back);
 * the owner answering 409 stale-change means the same. One worker per deployment, like the import worker.
 */
@ApplicationScoped
public class AmoWorker {

    public static final String JOB = "amocrm-worker";
    /** The claim of the owners' token naming the connection whose change it carries. */
    static final String TOKEN_CLAIM = "amocrm_connection";

    private static final Logger LOG = Logger.getLogger(AmoWorker.class);

    private final AmoConnectionRepository connections;
    private final AmoEntryRepository entries;
    private final AmoCrmService service;
    private final OwnerClient owners;
    private final OwnerTokens tokens;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Duration unknownReferenceWait;
    private final int unknownReferenceAttempts;
    private final Duration maxRetryDelay;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean stopping;

    public AmoWorker(
            AmoConnectionRepository connections,
            AmoEntryRepository entries,
            AmoCrmService service,
            OwnerClient owners,
            OwnerTokens tokens,
            ObjectMapper json,
            MeterRegistry metrics,
            @ConfigProperty(name = "salespulse.amocrm.unknown-reference.wait-between", defaultValue = "5s")
                    Duration unknownReferenceWait,
            @ConfigProperty(name = "salespulse.amocrm.unknown-reference.attempts", defaultValue = "10")
                    int unknownReferenceAttempts,
            @ConfigProperty(name = "salespulse.amocrm.retry.max-delay", defaultValue = "5m") Duration maxRetryDelay) {
        this.connections = connections;
        this.entries = entries;
        this.service = service;
        this.owners = owners;
        this.tokens = tokens;
        this.json = json;
        this.metrics = metrics;
        this.unknownReferenceWait = unknownReferenceWait;
        this.unknownReferenceAttempts = unknownReferenceAttempts;
        this.maxRetryDelay = maxRetryDelay;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(
            identity = JOB,
            every = "${salespulse.amocrm.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void applyPending() {
        while (!stopping) {
            Optional<AmoEntryRepository.Row> next =
                    QuarkusTransaction.requiringNew().call(() -> entries.nextDue(clock.instant()));
            if (next.isEmpty()) {
                return;
            }
            apply(next.get());
        }
    }

    private void apply(AmoEntryRepository.Row row) {
        AmoConnection connection =
                QuarkusTransaction.requiringNew().call(() -> connections.findById(row.connectionId()));
        Optional<Long> blocker = QuarkusTransaction.requiringNew().call(() -> entries.earlierParked(row));
        if (blocker.isPresent()) {
            finish(
                    row,
                    AmoEntryRepository.State.PARKED,
                    "waits behind entry " + blocker.get() + ", an older parked " + "change of " + row.card(),
                    null);
            return;
        }
        if (QuarkusTransaction.requiringNew().call(() -> entries.newerApplied(row))) {
            finish(row, AmoEntryRepository.State.SUPERSEDED, "a newer change of " + row.card() + " is applied", null);
            return;
        }
        AmoForm.Change change = new AmoForm.Change(row.entity(), row.action(), fields(row));
        AmoTranslator translator = new AmoTranslator(
                json,
                connection.externalSystem,
                service.read(connection.mapping),
                lead -> QuarkusTransaction.requiringNew().call(() -> entries.contactOf(connection.id, lead)));
        AmoTranslator.Translation translation = translator.translate(change, row.occurredAt());
        if (translation instanceof AmoTranslator.Park park) {
            finish(row, AmoEntryRepository.State.PARKED, park.reason(), null);
        } else if (translation instanceof AmoTranslator.Ignore ignore) {
            finish(row, AmoEntryRepository.State.IGNORED, ignore.reason(), null);
        } else {
            send(connection, row, (AmoTranslator.Send) translation);
        }
    }

    private void send(AmoConnection connection, AmoEntryRepository.Row row, AmoTranslator.Send send) {
        String token = tokens.forSource(connection.id, connection.tenantId, "amocrm:" + connection.name, TOKEN_CLAIM);
        OwnerAnswer answer = owners.send(
                send.kind(),
                connection.externalSystem,
                send.externalId(),
                send.body().toString(),
                false,
                token);
        switch (answer.outcome()) {
            case APPLIED -> {
                QuarkusTransaction.requiringNew().run(() -> {
                    entries.finish(row.id(), AmoEntryRepository.State.APPLIED, null, answer.status(), clock.instant());
                    List<String> newlyLinked = send.linkedLeads().stream()
                            .filter(lead -> entries.link(connection.id, lead, send.externalId(), send.name()))
                            .map(lead -> "lead:" + lead)
                            .toList();
                    entries.unparkCards(connection.id, newlyLinked);
                });
                count("applied");
            }
            case REFUSED -> {
                if (answer.staleChange()) {
                    finish(
                            row,
                            AmoEntryRepository.State.SUPERSEDED,
                            "the owner holds a newer change of " + row.card() + ": " + answer.detail(),
                            answer.status());
                } else {
                    finish(row, AmoEntryRepository.State.FAILED, refusal(answer), answer.status());
                }
            }
            case UNKNOWN_REFERENCE -> {
                // the owner may not have consumed the event of the client or manager named yet
                if (row.attempts() + 1 >= unknownReferenceAttempts) {
                    finish(row, AmoEntryRepository.State.FAILED, refusal(answer), answer.status());
                } else {
                    retry(row, unknownReferenceWait, refusal(answer) + "; trying again", answer.status());
                }
            }
            case TOKEN_REFUSED -> {
                LOG.errorf(
                        "amoCRM connection %s: %s refused this service's token (HTTP %d); check the signing key "
                                + "and issuer",
                        connection.id, send.kind().owner().displayName(), answer.status());
                retry(
                        row,
                        backoff(row.attempts()),
                        "the owner refused this service's token; retrying",
                        answer.status());
            }
            case TRANSIENT ->
                retry(
                        row,
                        backoff(row.attempts()),
                        answer.detail() + "; retrying",
                        answer.status() == 0 ? null : answer.status());
        }
    }

    private void finish(AmoEntryRepository.Row row, AmoEntryRepository.State state, String reason, Integer status) {
        QuarkusTransaction.requiringNew().run(() -> entries.finish(row.id(), state, reason, status, clock.instant()));
        count(state.name().toLowerCase(java.util.Locale.ROOT));
    }

    private void retry(AmoEntryRepository.Row row, Duration wait, String reason, Integer status) {
        QuarkusTransaction.requiringNew()
                .run(() -> entries.retryAt(row.id(), clock.instant().plus(wait), reason, status));
        count("retried");
    }

    private void count(String outcome) {
        metrics.counter("salespulse_amocrm_entries_total", "outcome", outcome).increment();
    }

    private static String refusal(OwnerAnswer answer) {
        String field = answer.firstField();
        return "HTTP " + answer.status() + (field == null ? "" : " naming " + field) + ": " + answer.detail();
    }

    private Duration backoff(int attempts) {
        Duration delay = Duration.ofSeconds(1L << Math.min(attempts, 12));
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }

    private Map<String, String> fields(AmoEntryRepository.Row row) {
        try {
            return json.readValue(row.fields(), new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("entry " + row.id() + " was stored unreadable", e);
        }
    }
}
