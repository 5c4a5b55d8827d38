package com.salespulse.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.testsupport.ManagementInterface;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Generated hostile-input tests over every write endpoint of the service under test, read from its own OpenAPI
 * document. A test class gives one valid request per operation (a fixture); the kit sends it once (it must be
 * accepted), then, field by field, every value the field's schema says must be refused — wrong JSON type, null or
 * absent when required, the NUL character, one character over {@code maxLength}, a fraction for an integer, an
 * absurd date, a made-up currency, an unknown or nil UUID — plus a duplicated key, a body without Content-Type and a
 * chunked body over the size limit. Each refusal must be a 4xx {@code application/problem+json} naming the field,
 * with every table of the service's database as it was before the request. The fixture is prepared twice per
 * operation: once for the valid request, and once for all its refusals, which share it because none may write.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> everyWriteEndpointRefusesHostileInputAndWritesNothing() {
 *     return HostileInput.ofThisService()
 *             .operation("POST /api/v1/leads", op -> op.token(head).body("{\"source\":\"website\"}"))
 *             .operation("PATCH /api/v1/leads/{id}", op -> op.token(head)
 *                     .pathParam("id", () -> createLead()).body("{\"version\":0,\"comment\":\"x\"}"))
 *             .tests();
 * }
 * }</pre>
 *
 * A write operation of the document without a fixture is a failing test, so a new endpoint cannot go unchecked.
 * Give each fixture a body with its optional fields filled in too: a field the valid body leaves out is still
 * tried, but a rule tying it to another field ("externalSystem and externalId come together") may then answer for
 * the other field instead.
 */
public final class HostileInput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OVERSIZED_BYTES = 2 * 1024 * 1024;
    private static final Set<String> WRITE_METHODS = Set.of("post", "put", "patch");

    private final JsonNode openApi;
    private final Map<String, Operation> fixtures = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final Set<String> ignoredTables = new HashSet<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HostileInput(JsonNode openApi) {
        this.openApi = openApi;
    }

    /** The running test application's OpenAPI document, read from its management interface. */
    public static HostileInput ofThisService() {
        try {
            return new HostileInput(JSON.readTree(
                    ManagementInterface.get("/q/openapi?format=json").body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The fixture of one operation, named as {@code "POST /api/v1/leads/{id}/status"}. */
    public HostileInput operation(String operation, Consumer<Operation> fixture) {
        Operation op = new Operation();
        fixture.accept(op);
        fixtures.put(operation, op);
        return this;
    }

    /** Leaves an operation out, saying why; the reason is printed as the test's name. */
    public HostileInput skip(String operation, String why) {
        skipped.put(operation, why);
        return this;
    }

    /** A table written in the background (a scheduler's log, say), left out of the "nothing written" check. */
    public HostileInput ignoreTable(String table, String why) {
        ignoredTables.add(table);
        return this;
    }

    /** One container per write operation of the document, each with its cases. */
    public Stream<DynamicNode> tests() {
        DatabaseFingerprint database = DatabaseFingerprint.ofTheApplication(ignoredTables);
        List<DynamicNode> nodes = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode schema = op.getValue()
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                if (!WRITE_METHODS.contains(op.getKey()) || schema.isMissingNode()) {
                    continue;
                }
                String name = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                documented.add(name);
                try {
                    nodes.add(operationTests(name, path.getKey(), op.getKey(), schema, database));
                } catch (IOException e) {
                    throw new UncheckedIOException(name + ": the fixture's body is not JSON", e);
                }
            }
        }
        for (String name : fixtures.keySet()) {
            if (!documented.contains(name)) {
                nodes.add(DynamicTest.dynamicTest(
                        name + ": has a fixture but is no write operation with a JSON "
                                + "body in the OpenAPI document",
                        () -> Assertions.fail("documented: " + documented)));
            }
        }
        return nodes.stream();
    }

    private DynamicNode operationTests(
            String name, String path, String method, JsonNode schema, DatabaseFingerprint database) throws IOException {
        if (skipped.containsKey(name)) {
            return DynamicTest.dynamicTest(name + ": skipped — " + skipped.get(name), () -> {});
        }
        Operation fixture = fixtures.get(name);
        if (fixture == null) {
            return DynamicTest.dynamicTest(
                    name + ": no fixture",
                    () -> Assertions.fail(
                            name + " takes a JSON body but the test gives no fixture for it: add .operation(\"" + name
                                    + "\", op -> ...) with a valid request"));
        }
        List<DynamicNode> cases = new ArrayList<>();
        cases.add(DynamicTest.dynamicTest("a valid body is accepted", () -> {
            Prepared request = fixture.prepare(path);
            HttpResponse<String> response = send(method, request, request.body().toString(), true, false);
            Assertions.assertTrue(
                    response.statusCode() / 100 == 2,
                    () -> name + ": the fixture's body must be " + "valid, got " + response.statusCode() + " "
                            + response.body());
        }));
        // Every refusal of the operation is made on one prepared request (path, token and body), made when the first
        // refusal runs: each case checks that its request wrote nothing, so the resource the path names is still as
        // the fixture made it for the next case. A fresh card per case (a lead, then two status changes and a
        // client to convert it) was most of the run's time; the valid request above writes, and has its own.
        Refusals refusals = new Refusals(fixture, path);
        JsonNode sample = fixture.sampleBody();
        FieldMutations walker = new FieldMutations(openApi, fixture.anyUuid.keySet());
        List<FieldMutations.Mutation> mutations = walker.of(schema, sample);
        for (String field : walker.undeclaredMaxLength()) {
            cases.add(DynamicTest.dynamicTest(
                    field + ": declares a maxLength",
                    () -> Assertions.fail(name + ": the string field '" + field
                            + "' has no maxLength in the OpenAPI document; declare " + "@Size(max = ...) on it")));
        }
        int index = 0;
        for (FieldMutations.Mutation mutation : mutations) {
            int position = index++;
            cases.add(DynamicTest.dynamicTest(mutation.field() + ": " + mutation.what(), () -> {
                Prepared request = refusals.get();
                // the same mutation, on this case's own freshly prepared body
                FieldMutations.Mutation fresh = new FieldMutations(openApi, fixture.anyUuid.keySet())
                        .of(schema, request.body())
                        .get(position);
                refused(
                        name + " [" + fresh.field() + ": " + fresh.what() + "]",
                        method,
                        request,
                        JSON.writeValueAsString(fresh.body()),
                        true,
                        false,
                        400,
                        fresh.field(),
                        database);
            }));
        }
        cases.add(DynamicTest.dynamicTest("a duplicated key", () -> {
            Prepared request = refusals.get();
            Duplicated duplicated = duplicateFirstKey(request.body(), "");
            Assertions.assertNotNull(duplicated, name + ": the fixture's body has no object field to duplicate");
            refused(
                    name + " [a duplicated key]",
                    method,
                    request,
                    duplicated.text(),
                    true,
                    false,
                    400,
                    duplicated.field(),
                    database);
        }));
        cases.add(DynamicTest.dynamicTest("a body without Content-Type", () -> {
            Prepared request = refusals.get();
            refused(
                    name + " [no Content-Type]",
                    method,
                    request,
                    request.body().toString(),
                    false,
                    false,
                    415,
                    null,
                    database);
        }));
        cases.add(DynamicTest.dynamicTest("a chunked body over the size limit", () -> {
            Prepared request = refusals.get();
            refused(name + " [chunked, over the limit]", method, request, null, true, true, 413, null, database);
        }));
        return DynamicContainer.dynamicContainer(name, cases);
    }

    private void refused(
            String name,
            String method,
            Prepared request,
            String body,
            boolean withContentType,
            boolean chunkedOversize,
            int status,
            String field,
            DatabaseFingerprint database)
            throws Exception {
        TreeMap<String, String> before = database.take();
        HttpResponse<String> response = send(method, request, body, withContentType, chunkedOversize);
        TreeMap<String, String> after = database.take();

        String what = name + " answered " + response.statusCode() + " " + response.body();
        Assertions.assertEquals(status, response.statusCode(), what);
        Assertions.assertTrue(
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), what);
        for (String leak : List.of("Exception", "com.salespulse", "SQL")) {
            Assertions.assertFalse(response.body().contains(leak), what + ": the body shows '" + leak + "'");
        }
        if (field != null) {
            List<String> named = new ArrayList<>();
            JSON.readTree(response.body())
                    .path("invalidFields")
                    .forEach(f -> named.add(f.path("field").asText()));
            Assertions.assertTrue(named.contains(field), what + ": the problem must name '" + field + "'");
        }
        List<String> changed = DatabaseFingerprint.changedTables(before, after);
        Assertions.assertTrue(changed.isEmpty(), name + " was refused but wrote to " + changed);
    }

    private HttpResponse<String> send(
            String method, Prepared request, String body, boolean withContentType, boolean chunkedOversize)
            throws IOException, InterruptedException {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest.BodyPublisher publisher;
        if (chunkedOversize) {
            // no declared length: the body is sent chunked and must be cut off while it is read
            publisher = HttpRequest.BodyPublishers.ofInputStream(HostileInput::oversizedJson);
        } else {
            publisher = HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + request.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + request.token())
                .method(method.toUpperCase(java.util.Locale.ROOT), publisher);
        if (withContentType) {
            builder.header("Content-Type", "application/json");
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static InputStream oversizedJson() {
        byte[] filler = new byte[OVERSIZED_BYTES];
        java.util.Arrays.fill(filler, (byte) 'a');
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream("{\"comment\":\"".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(filler),
                new ByteArrayInputStream("\"}".getBytes(StandardCharsets.UTF_8)))));
    }

    private record Duplicated(String text, String field) {}

    /** The first object field of the body written twice, and its path. */
    private static Duplicated duplicateFirstKey(JsonNode body, String at) throws IOException {
        if (body.isObject() && !body.isEmpty()) {
            Map.Entry<String, JsonNode> first = body.fields().next();
            String rest = JSON.writeValueAsString(body);
            String text = "{" + JSON.writeValueAsString(first.getKey()) + ":"
                    + JSON.writeValueAsString(first.getValue()) + "," + rest.substring(1);
            return new Duplicated(text, at.isEmpty() ? first.getKey() : at + "." + first.getKey());
        }
        if (body.isArray() && !body.isEmpty()) {
            Duplicated inner = duplicateFirstKey(body.get(0), at + "[0]");
            if (inner != null) {
                List<String> elements = new ArrayList<>();
                elements.add(inner.text());
                for (int i = 1; i < body.size(); i++) {
                    elements.add(JSON.writeValueAsString(body.get(i)));
                }
                return new Duplicated("[" + String.join(",", elements) + "]", inner.field());
            }
        }
        return null;
    }

    private record Prepared(String path, String token, JsonNode body) {}

    /** The operation's request for its refusal cases, prepared once, by the first of them. */
    private static final class Refusals {
        private final Operation fixture;
        private final String path;
        private Prepared prepared;

        Refusals(Operation fixture, String path) {
            this.fixture = fixture;
            this.path = path;
        }

        Prepared get() throws IOException {
            if (prepared == null) {
                prepared = fixture.prepare(path);
            }
            return prepared;
        }
    }

    /** The valid request of one operation, built anew for every case. */
    public static final class Operation {

        private Supplier<String> token;
        private final Map<String, Supplier<String>> pathParams = new LinkedHashMap<>();
        private Supplier<String> body;
        private final Map<String, String> anyUuid = new LinkedHashMap<>();

        /** The bearer token the valid request is sent with. */
        public Operation token(String token) {
            this.token = () -> token;
            return this;
        }

        /** A path parameter's value, made anew for every case (a fresh card to change, say). */
        public Operation pathParam(String name, Supplier<String> value) {
            pathParams.put(name, value);
            return this;
        }

        /** The valid JSON body. */
        public Operation body(String json) {
            this.body = () -> json;
            return this;
        }

        /** The valid JSON body, made anew for every case (after the path parameters). */
        public Operation body(Supplier<String> json) {
            this.body = json;
            return this;
        }

        /**
         * A UUID field that is no reference (a client-chosen id, an idempotency key): an unknown UUID is accepted
         * there. Name it by its path, array indices as {@code []}: {@code lines[].productId}.
         */
        public Operation anyUuid(String field, String why) {
            anyUuid.put(field, why);
            return this;
        }

        private Prepared prepare(String template) throws IOException {
            String path = template;
            for (Map.Entry<String, Supplier<String>> param : pathParams.entrySet()) {
                path = path.replace("{" + param.getKey() + "}", param.getValue().get());
            }
            if (path.contains("{")) {
                throw new IllegalStateException(template + ": a path parameter has no value in the fixture");
            }
            if (token == null || body == null) {
                throw new IllegalStateException(template + ": the fixture needs a token and a body");
            }
            return new Prepared(path, token.get(), JSON.readTree(body.get()));
        }

        /** The body's shape, for listing the cases: the body supplier is called once without its path setup. */
        private JsonNode sampleBody() throws IOException {
            return JSON.readTree(body.get());
        }
    }

    /** For a fixture's body: a JSON object from alternating names and values. */
    public static String json(Object... namesAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
        }
        return node.toString();
    }
}
