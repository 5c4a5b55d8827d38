package com.salespulse.integration.amocrm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.problem.NilUuid;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** Connections, their mappings and secrets, and the intake of webhooks; {@link AmoWorker} applies what came in. */
@ApplicationScoped
public class AmoCrmService {

    /** The most changes one delivery may hold (amoCRM sends a few at a time). */
    static final int MAX_CHANGES = 500;

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared with when the connection is unknown, so an unknown id takes as long as a wrong secret. */
    private static final String NO_CONNECTION_HASH = sha256Hex("no connection");

    private final AmoConnectionRepository connections;
    private final AmoEntryRepository entries;
    private final ObjectMapper json;
    private final ActingScope acting;
    private final Clock clock = Clock.systemUTC();

    public AmoCrmService(
            AmoConnectionRepository connections, AmoEntryRepository entries, ObjectMapper json, ActingScope acting) {
        this.connections = connections;
        this.entries = entries;
        this.json = json;
        this.acting = acting;
    }

    /** A connection with its one-time secret. */
    record Created(AmoCrmApi.ConnectionView connection, String secret) {}

    @Transactional
    public Created create(AmoCrmApi.NewConnection request) {
        String tenant = acting.requireTenant();
        String system = request.externalSystem() == null ? "amocrm" : request.externalSystem();
        if (connections.systemTaken(tenant, system)) {
            throw ProblemException.invalidField(
                    "externalSystem",
                    "another amoCRM connection of this tenant sends " + "as " + system
                            + ": give this one its own, e.g. amocrm." + slug(request.name()));
        }
        AmoConnection connection = new AmoConnection();
        connection.id = UUID.randomUUID();
        connection.tenantId = tenant;
        connection.name = request.name().trim();
        connection.externalSystem = system;
        connection.createdBy = acting.actor();
        connection.createdAt = clock.instant();
        connection.secretRotatedAt = connection.createdAt;
        connection.mapping = write(AmoCrmApi.Mapping.empty());
        String secret = newSecret();
        connection.secretHash = sha256Hex(secret);
        connections.persist(connection);
        connections.flush();
        return new Created(view(connection), secret);
    }

    @Transactional
    public Created rotateSecret(UUID id) {
        AmoConnection connection = connectionOf(id);
        String secret = newSecret();
        connection.secretHash = sha256Hex(secret);
        connection.secretRotatedAt = clock.instant();
        return new Created(view(connection), secret);
    }

    @Transactional
    public List<AmoCrmApi.ConnectionView> list() {
        return connections.listOfTenant(acting.tenant()).stream()
                .map(this::view)
                .toList();
    }

    @Transactional
    public AmoCrmApi.ConnectionView get(UUID id) {
        return view(connectionOf(id));
    }

    @Transactional
    public AmoCrmApi.Mapping mapping(UUID id) {
        return read(connectionOf(id).mapping);
    }

    /**
     * Replaces the mapping and puts every parked entry of the connection back in line: the worker applies, in
     * amoCRM's order, what the mapping now covers, and parks again what it still does not.
     */
    @Transactional
    public AmoCrmApi.Mapping putMapping(UUID id, AmoCrmApi.Mapping mapping) {
        AmoConnection connection = connectionOf(id);
        check(mapping);
        connection.mapping = write(mapping);
        connection.mappingChangedAt = clock.instant();
        entries.unparkAll(connection.id);
        return mapping;
    }

    @Transactional
    public AmoCrmApi.EntryPage entries(UUID id, AmoEntryRepository.State state, int page, int size) {
        AmoConnection connection = connectionOf(id);
        return new AmoCrmApi.EntryPage(
                entries.page(connection.id, state, page, size),
                page,
                size,
                entries.countsByState(connection.id).get(state.name()));
    }

    /**
     * Stores a delivery and its changes, before anything is sent anywhere: once this commits, amoCRM may be answered
     * 200 and nothing it sent can be lost. A change stored before (a repeated delivery) is counted, not stored again.
     * An unknown connection and a wrong secret are the same 404, found in the same time.
     */
    @Transactional
    public AmoCrmApi.DeliveryAnswer receive(UUID connectionId, String secret, String body) {
        Optional<AmoConnection> found = connections.findByIdOptional(connectionId);
        String expected = found.map(c -> c.secretHash).orElse(NO_CONNECTION_HASH);
        boolean match = MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                sha256Hex(secret == null ? "" : secret).getBytes(StandardCharsets.US_ASCII));
        if (found.isEmpty() || !match) {
            throw ProblemException.notFound("Webhook");
        }
        AmoForm.Parsed parsed = AmoForm.read(body, MAX_CHANGES);
        Instant now = clock.instant();
        long delivery =
                entries.insertDelivery(connectionId, now, body, parsed.changes().size(), 0);
        int accepted = 0;
        int repeats = 0;
        for (AmoForm.Change change : parsed.changes()) {
            String fields = write(new TreeMap<>(change.fields()));
            Optional<String> ignored = AmoTranslator.ignoredOnArrival(change);
            boolean stored = entries.insertEntry(
                    connectionId,
                    delivery,
                    change,
                    change.occurredAt(now),
                    fields,
                    sha256Hex(change.entity() + "|" + fields),
                    ignored.isPresent() ? AmoEntryRepository.State.IGNORED : AmoEntryRepository.State.PENDING,
                    ignored.orElse(null),
                    now);
            if (stored) {
                accepted++;
            } else {
                repeats++;
            }
        }
        entries.updateDeliveryCounts(delivery, accepted, repeats);
        return new AmoCrmApi.DeliveryAnswer(accepted, repeats);
    }

    /** The mapping's own rules: each entry names its target once, by id or by reference, and no key twice. */
    private static void check(AmoCrmApi.Mapping mapping) {
        Set<Long> pipelines = new HashSet<>();
        List<AmoCrmApi.PipelineMap> pipelineMaps = mapping.pipelinesOrEmpty();
        for (int i = 0; i < pipelineMaps.size(); i++) {
            AmoCrmApi.PipelineMap p = pipelineMaps.get(i);
            String at = "pipelines[" + i + "].";
            if (!pipelines.add(p.amoPipelineId())) {
                throw ProblemException.invalidField(at + "amoPipelineId", "is mapped twice");
            }
            notNil(p.pipelineId(), at + "pipelineId");
            notNil(p.wonStageId(), at + "wonStageId");
            notNil(p.lostStageId(), at + "lostStageId");
            notBoth(p.pipelineId(), p.pipelineRef(), at + "pipelineRef");
            notBoth(p.wonStageId(), p.wonStageRef(), at + "wonStageRef");
            notBoth(p.lostStageId(), p.lostStageRef(), at + "lostStageRef");
        }
        Set<String> statuses = new HashSet<>();
        List<AmoCrmApi.StatusMap> statusMaps = mapping.statusesOrEmpty();
        for (int i = 0; i < statusMaps.size(); i++) {
            AmoCrmApi.StatusMap s = statusMaps.get(i);
            String at = "statuses[" + i + "].";
            notNil(s.stageId(), at + "stageId");
            if (s.amoStatusId() == AmoTranslator.WON || s.amoStatusId() == AmoTranslator.LOST) {
                throw ProblemException.invalidField(
                        at + "amoStatusId",
                        "142 and 143 (won, lost) are mapped by " + "the pipeline's wonStage and lostStage");
            }
            if (!statuses.add(s.amoPipelineId() + "/" + s.amoStatusId())) {
                throw ProblemException.invalidField(
                        at + "amoStatusId", "is mapped twice in pipeline " + s.amoPipelineId());
            }
            oneOf(s.stageId(), s.stageRef(), at + "stageId", at + "stageRef");
        }
        Set<Long> users = new HashSet<>();
        List<AmoCrmApi.UserMap> userMaps = mapping.usersOrEmpty();
        for (int i = 0; i < userMaps.size(); i++) {
            AmoCrmApi.UserMap u = userMaps.get(i);
            String at = "users[" + i + "].";
            notNil(u.managerId(), at + "managerId");
            if (!users.add(u.amoUserId())) {
                throw ProblemException.invalidField(at + "amoUserId", "is mapped twice");
            }
            oneOf(u.managerId(), u.managerRef(), at + "managerId", at + "managerRef");
        }
    }

    private static void notNil(UUID id, String field) {
        if (id != null && NilUuid.is(id)) {
            NilUuid.refuse(field, id);
        }
    }

    private static void notBoth(UUID id, AmoCrmApi.Ref ref, String refField) {
        if (id != null && ref != null) {
            throw ProblemException.invalidField(refField, "give the id or the reference, not both");
        }
    }

    private static void oneOf(UUID id, AmoCrmApi.Ref ref, String idField, String refField) {
        notBoth(id, ref, refField);
        if (id == null && ref == null) {
            throw ProblemException.invalidField(
                    idField, "is required unless " + refField.substring(refField.lastIndexOf('.') + 1) + " is given");
        }
    }

    /** The acting tenant's connection; another tenant's is as unknown as a made-up id. */
    private AmoConnection connectionOf(UUID id) {
        return connections
                .findOfTenant(acting.tenant(), id)
                .orElseThrow(() -> ProblemException.notFound("amoCRM connection " + id));
    }

    private AmoCrmApi.ConnectionView view(AmoConnection c) {
        Map<String, Long> counts = entries.countsByState(c.id);
        return new AmoCrmApi.ConnectionView(c.id, c.name, c.externalSystem, c.createdAt, c.secretRotatedAt, counts);
    }

    AmoCrmApi.Mapping read(String mapping) {
        try {
            return json.readValue(mapping, AmoCrmApi.Mapping.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored amoCRM mapping is unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The secrets are 256 random bits: a plain SHA-256 keeps them unguessable from a leaked table. */
    static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String slug(String name) {
        String slug = name.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        return slug.isEmpty() ? "second" : slug.substring(0, Math.min(30, slug.length()));
    }
}
