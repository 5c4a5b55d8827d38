package com.salespulse.integration.owner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.integration.config.OwnersConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends one record to the service that owns it and sorts the answer ({@link OwnerAnswer.Outcome}). It never
 * writes another service's data itself: the owner validates the record, stores it and emits its own events.
 */
@ApplicationScoped
public class OwnerClient {

    private static final Logger LOG = Logger.getLogger(OwnerClient.class);
    /** How an owner says that a reference names nothing of the tenant (docs/integrations.md, decisions §1). */
    private static final String UNKNOWN_REFERENCE_MARKER = "names no ";

    private final Map<Owner, OwnerApi> apis = new EnumMap<>(Owner.class);
    private final ObjectMapper json;

    public OwnerClient(OwnersConfig config, ObjectMapper json) {
        this.json = json;
        apis.put(Owner.LEAD_SERVICE, build(config, config.leadUrl()));
        apis.put(Owner.DEAL_SERVICE, build(config, config.dealUrl()));
    }

    private static OwnerApi build(OwnersConfig config, java.net.URI url) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // every status comes back as a Response, to be sorted here
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(OwnerApi.class);
    }

    /**
     * @param body the record's body: the row without its {@code recordType}, {@code externalSystem} and {@code externalId},
     *        which the path carries
     */
    public OwnerAnswer send(
            RecordKind kind, String externalSystem, String externalId, String body, boolean dryRun, String token) {
        OwnerApi api = apis.get(kind.owner());
        String authorization = "Bearer " + token;
        Boolean dry = dryRun ? Boolean.TRUE : null;
        try (Response response = call(api, kind, externalSystem, externalId, dry, authorization, body)) {
            String answer = response.hasEntity() ? response.readEntity(String.class) : "";
            return sort(response.getStatus(), answer);
        } catch (ProcessingException e) {
            // the cause (a host, a port) stays in the log; the job shows only that the owner is unreachable
            LOG.infof("%s did not answer: %s", kind.owner(), rootMessage(e));
            return new OwnerAnswer(
                    OwnerAnswer.Outcome.TRANSIENT,
                    0,
                    null,
                    kind.owner().displayName() + " did not answer (unreachable or too slow)",
                    List.of(),
                    "");
        }
    }

    /** An owner's answer with the {@code Location} it gave (the path of an entity it created), for the push ingress. */
    public record Reply(OwnerAnswer answer, String location) {}

    /**
     * As {@link #send} (never a dry run), keeping the owner's {@code Location}: the push ingress answers it to the
     * integrator.
     */
    public Reply reply(RecordKind kind, String externalSystem, String externalId, String body, String token) {
        OwnerApi api = apis.get(kind.owner());
        String authorization = "Bearer " + token;
        try (Response response = call(api, kind, externalSystem, externalId, null, authorization, body)) {
            String answer = response.hasEntity() ? response.readEntity(String.class) : "";
            String location = response.getHeaderString("Location");
            return new Reply(sort(response.getStatus(), answer), location);
        } catch (ProcessingException e) {
            LOG.infof("%s did not answer: %s", kind.owner(), rootMessage(e));
            return new Reply(
                    new OwnerAnswer(
                            OwnerAnswer.Outcome.TRANSIENT,
                            0,
                            null,
                            kind.owner().displayName() + " did not answer (unreachable or too slow)",
                            List.of(),
                            ""),
                    null);
        }
    }

    /** The owner's PUT by reference, or the POST of the kind's action on the card. */
    private static Response call(
            OwnerApi api,
            RecordKind kind,
            String externalSystem,
            String externalId,
            Boolean dryRun,
            String authorization,
            String body) {
        return kind.action().isPresent()
                ? api.actByRef(
                        kind.collection(),
                        externalSystem,
                        externalId,
                        kind.action().get(),
                        dryRun,
                        authorization,
                        body)
                : api.upsertByRef(kind.collection(), externalSystem, externalId, dryRun, authorization, body);
    }

    OwnerAnswer sort(int status, String body) {
        String problemType = null;
        String detail = null;
        List<OwnerAnswer.InvalidField> fields = new ArrayList<>();
        if (status >= 300) {
            try {
                JsonNode problem = json.readTree(body.isEmpty() ? "{}" : body);
                problemType =
                        problem.path("type").isTextual() ? problem.path("type").asText() : null;
                detail = problem.path("detail").isTextual()
                        ? problem.path("detail").asText()
                        : null;
                for (JsonNode field : problem.path("invalidFields")) {
                    fields.add(new OwnerAnswer.InvalidField(
                            field.path("field").asText(null),
                            field.path("message").asText(null)));
                }
            } catch (IOException e) {
                detail = "HTTP " + status + " without a problem body";
            }
        }
        OwnerAnswer.Outcome outcome;
        if (status / 100 == 2) {
            outcome = OwnerAnswer.Outcome.APPLIED;
        } else if (status == 401 || status == 403) {
            outcome = OwnerAnswer.Outcome.TOKEN_REFUSED;
        } else if (status == 408 || status == 425 || status == 429 || status >= 500 || status < 200) {
            outcome = OwnerAnswer.Outcome.TRANSIENT;
        } else if (status == 400
                && !fields.isEmpty()
                && fields.stream()
                        .allMatch(f -> f.message() != null && f.message().contains(UNKNOWN_REFERENCE_MARKER))) {
            outcome = OwnerAnswer.Outcome.UNKNOWN_REFERENCE;
        } else {
            outcome = OwnerAnswer.Outcome.REFUSED;
        }
        if (detail == null && outcome != OwnerAnswer.Outcome.APPLIED) {
            detail = "HTTP " + status;
        }
        return new OwnerAnswer(outcome, status, problemType, detail, List.copyOf(fields), body);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
