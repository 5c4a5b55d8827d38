package com.salespulse.integration.ingress;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.integration.owner.OwnerAnswer;
import com.salespulse.integration.owner.OwnerClient;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemType;
import com.salespulse.security.ActingScope;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies pushed events, one at a time, each through its owner ({@link OwnerClient}): the owner validates the state,
 * stores it and emits its own events; this service only remembers what each (tenant, source, id) came to.
 * <p>
 * Each event is one transaction: its row in {@code push_event} is inserted first, which locks its key, then the owner
 * is called, then the owner's answer is stored (applied) or the row deleted (refused: nothing was written, so it may
 * come again). A second post of the same event waits on that lock and answers the stored outcome without calling the
 * owner; the same key with other content is a 409.
 */
@ApplicationScoped
public class PushService {

    private static final TypeReference<Map<String, Object>> ENTITY = new TypeReference<>() {};

    private final PushEventRepository events;
    private final OwnerClient owners;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    private final MeterRegistry metrics;

    private final PushConfig config;
    private final ActingScope acting;

    public PushService(
            PushEventRepository events,
            OwnerClient owners,
            ObjectMapper json,
            MeterRegistry metrics,
            PushConfig config,
            ActingScope acting) {
        this.acting = acting;
        this.events = events;
        this.owners = owners;
        this.json = json;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * Applies one event for the tenant acted for (the caller's).
     *
     * @param token the integrator token the owners' calls carry (OwnerTokens.forPush)
     */
    public PushApi.Result apply(PushEvent event, String token) {
        PushApi.Result result = QuarkusTransaction.requiringNew().call(() -> applyInTransaction(event, token));
        String outcome = result.problem() != null
                ? (result.status() >= 500 ? "unavailable" : "refused")
                : Boolean.TRUE.equals(result.repeated()) ? "repeated" : "applied";
        metrics.counter("salespulse_push_events_total", "outcome", outcome).increment();
        return result;
    }

    private PushApi.Result applyInTransaction(PushEvent event, String token) {
        // push_event is no tenant-filtered entity: its plain SQL names the tenant, the one acted for
        String tenant = acting.requireTenant();
        if (!events.claim(tenant, event, clock.instant())) {
            Optional<PushEventRepository.Stored> stored = events.findLocked(tenant, event.source(), event.id());
            if (stored.isPresent()) {
                return repeat(event, stored.get());
            }
            // the row was deleted between the insert and the read (that post was refused): take the key now
            if (!events.claim(tenant, event, clock.instant())) {
                return repeat(
                        event,
                        events.findLocked(tenant, event.source(), event.id()).orElseThrow());
            }
        }
        OwnerClient.Reply reply = ownerReply(event, token);
        OwnerAnswer answer = reply.answer();
        if (answer.outcome() == OwnerAnswer.Outcome.APPLIED) {
            events.record(tenant, event, answer.status(), reply.location(), answer.body());
            return new PushApi.Result(
                    event.id(),
                    event.source(),
                    event.type().type(),
                    answer.status(),
                    reply.location(),
                    null,
                    entity(answer.body()),
                    null);
        }
        events.release(tenant, event);
        return PushApi.Result.refused(event.id(), event.source(), event.type().type(), problem(event, answer));
    }

    /**
     * The owner's answer, asked again (up to {@code salespulse.push.owner-retries} times) while it answers 5xx: the
     * owner answered and rolled back, typically an optimistic-lock clash with its own consumer changing the same card
     * (deal-service linking a converted lead to the deal while a push moves it). Without the retry a batch would go
     * on to the card's next event, and this one, sent again later, would be older than the card: a stale change
     * that can never be applied. A call that got no answer at all is not repeated here (it may have been applied).
     */
    private OwnerClient.Reply ownerReply(PushEvent event, String token) {
        Duration wait = config.ownerRetryDelay();
        for (int attempt = 0; ; attempt++) {
            OwnerClient.Reply reply = owners.reply(
                    event.type().kind(),
                    event.externalSystem(),
                    event.externalId(),
                    event.ownerBody().toString(),
                    token);
            OwnerAnswer answer = reply.answer();
            if (answer.outcome() != OwnerAnswer.Outcome.TRANSIENT
                    || answer.status() < 500
                    || attempt >= config.ownerRetries()) {
                return reply;
            }
            metrics.counter("salespulse_push_owner_retries_total").increment();
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reply;
            }
            wait = wait.multipliedBy(2);
        }
    }

    private PushApi.Result repeat(PushEvent event, PushEventRepository.Stored stored) {
        if (!stored.contentSha256().equals(event.contentSha256())) {
            return PushApi.Result.refused(
                    event.id(),
                    event.source(),
                    event.type().type(),
                    new Problem(
                            ProblemType.CONFLICT.uri(),
                            ProblemType.CONFLICT.title(),
                            409,
                            "id: event " + event.id()
                                    + " of source " + event.source() + " was applied before with other content ("
                                    + stored.type() + "); a new event needs a new id",
                            List.of(new Problem.InvalidField(
                                    "id", "was used before by another event of this source"))));
        }
        return new PushApi.Result(
                event.id(),
                event.source(),
                event.type().type(),
                stored.ownerStatus(),
                stored.location(),
                Boolean.TRUE,
                entity(stored.ownerBody()),
                null);
    }

    /** The owner's refusal as the integrator sees it: fields named as paths in the event. */
    private static Problem problem(PushEvent event, OwnerAnswer answer) {
        String owner = event.type().kind().owner().displayName();
        return switch (answer.outcome()) {
            case TOKEN_REFUSED ->
                new Problem(
                        ProblemType.UNAVAILABLE.uri(),
                        ProblemType.UNAVAILABLE.title(),
                        503,
                        owner + " refused integration-service's token (" + answer.status()
                                + "): the deployment's signing "
                                + "key is not one it trusts. Nothing was applied; send the event again once that is fixed.",
                        List.of());
            case TRANSIENT ->
                new Problem(
                        ProblemType.UNAVAILABLE.uri(),
                        ProblemType.UNAVAILABLE.title(),
                        503,
                        answer.detail() + ". Send the event again: if it was applied after all, the owner's upsert by "
                                + "reference changes nothing the second time.",
                        List.of());
            case REFUSED, UNKNOWN_REFERENCE -> ownerRefusal(event, answer, owner);
            case APPLIED -> throw new IllegalArgumentException("not a refusal");
        };
    }

    private static Problem ownerRefusal(PushEvent event, OwnerAnswer answer, String owner) {
        List<Problem.InvalidField> fields = answer.invalidFields().stream()
                .map(field -> new Problem.InvalidField(eventPath(event, field.field()), field.message()))
                .toList();
        String detail = answer.detail();
        for (OwnerAnswer.InvalidField field : answer.invalidFields()) {
            if (detail != null && field.field() != null && detail.startsWith(field.field() + ":")) {
                detail = eventPath(event, field.field())
                        + detail.substring(field.field().length());
                break;
            }
        }
        ProblemType known = answer.problemType() == null
                ? null
                : Arrays.stream(ProblemType.values())
                        .filter(type -> type.uri().toString().equals(answer.problemType()))
                        .findFirst()
                        .orElse(null);
        URI type = known != null
                ? known.uri()
                : answer.problemType() != null ? URI.create(answer.problemType()) : ProblemType.INVALID_REQUEST.uri();
        String title = known != null ? known.title() : "Refused by " + owner;
        return new Problem(type, title, answer.status(), detail == null ? "Refused by " + owner : detail, fields);
    }

    /**
     * An owner's field as a path in the event: {@code data.managerRef.externalId}; {@code time} when it came from
     * there.
     */
    static String eventPath(PushEvent event, String ownerField) {
        if (ownerField == null || ownerField.isEmpty()) {
            return "data";
        }
        if (ownerField.equals("occurredAt") && event.occurredAtFromTime()) {
            return "time";
        }
        return "data." + ownerField;
    }

    /** The owner's answer body as an object; null when it is none (empty, not JSON, not an object). */
    private Map<String, Object> entity(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node instanceof ObjectNode ? json.convertValue(node, ENTITY) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
