package com.salespulse.testsupport.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.testsupport.ManagementInterface;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Generated role tests over every operation of the service under test, read from its live OpenAPI document (the
 * management interface). Each operation is called with no token and with an expired one (both must be 401), and
 * with a token of each role — head, manager, team-lead, integrator, ops — which must be refused (403) exactly when the role is
 * not among the roles the operation declares ({@code @RolesAllowed}, which Quarkus writes into the operation's
 * {@code bearer} security requirement). Ids, bodies and query parameters are dummies: the only question is "refused
 * by security or not", so an allowed role may get a 400 or a 404, never a 401 or 403.
 * <p>
 * An operation that declares no roles fails, unless the test names it a public operation with the reason (it must
 * then be {@code @PermitAll}: unannotated endpoints are denied by {@code quarkus.security.jaxrs.deny-unannotated-
 * endpoints}). So an endpoint added without a role check fails the build.
 * <p>
 * With {@link #otherTenantOn(Map)}, every operation whose path names an id (a path parameter named {@code id} or
 * {@code ...Id}) is also called on a real resource of another tenant: the fixture creates one in a fresh tenant A
 * through the API (once, for every operation under its template), and the operation is called on it with tenant
 * B's token of each role. A role the operation does not declare gets 403; every other role gets 404, exactly as for
 * an id that does not exist, so existence does not leak; and tenant A's head reads the resource as before (the same
 * answer of its {@code GET}). An operation with a path id and no fixture fails, unless the test names it with
 * {@link #withoutOtherTenantFixture} and the reason.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> everyOperationRefusesTheRolesItDoesNotDeclare() {
 *     return RoleMatrix.ofThisService().tests();
 * }
 * }</pre>
 */
public final class RoleMatrix {

    /** The roles of the suite, as the {@code groups} claim names them. */
    public static final List<String> ROLES = List.of("head", "manager", "team-lead", "integrator", "ops");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private final JsonNode openApi;
    private final Map<String, String> publicOperations = new LinkedHashMap<>();
    private final Map<String, String> refusalsOnly = new LinkedHashMap<>();
    private Map<String, Function<String, List<String>>> otherTenantFixtures;
    private final Map<String, String> withoutOtherTenantFixture = new LinkedHashMap<>();
    private final Map<String, String> otherTenantBodies = new LinkedHashMap<>();
    private final Map<String, Function<List<String>, String>> otherTenantReads = new LinkedHashMap<>();
    private final Map<String, Made> madeFixtures = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private RoleMatrix(JsonNode openApi) {
        this.openApi = openApi;
    }

    /** The running test application's OpenAPI document, read from its management interface. */
    public static RoleMatrix ofThisService() {
        try {
            return new RoleMatrix(JSON.readTree(
                    ManagementInterface.get("/q/openapi?format=json").body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An operation anyone may call without a bearer token ({@code @PermitAll}), named as {@code "POST /api/v1/x"},
     * with the reason; it is called without a token and must not be refused as unauthenticated.
     */
    public RoleMatrix publicOperation(String operation, String why) {
        publicOperations.put(operation, why);
        return this;
    }

    /**
     * An operation whose allowed roles are not called, because a real call acts beyond the test's own tenant (a
     * rebuild of every tenant's read model); the refused roles, no token and an expired one are still checked.
     */
    public RoleMatrix refusalsOnly(String operation, String why) {
        refusalsOnly.put(operation, why);
        return this;
    }

    /**
     * Checks every operation with a path id against another tenant's tokens. {@code fixtures} maps a path template
     * of the document ({@code "/api/v1/subscriptions/{id}"}) to a creator: given a tenant, it makes a real resource
     * there through the API and returns the values of the template's path parameters, in order. A fixture serves its
     * template and every longer one under it ({@code /api/v1/subscriptions/{id}/deliveries}); the other parameters of
     * a longer template get dummies.
     */
    public RoleMatrix otherTenantOn(Map<String, Function<String, List<String>>> fixtures) {
        this.otherTenantFixtures = new LinkedHashMap<>(fixtures);
        return this;
    }

    /**
     * An operation with a path id that is not called with another tenant's tokens, named as {@code "GET /api/v1/x/{id}"},
     * with the reason (its id is not a resource of the tenant, or it has a test of its own).
     */
    public RoleMatrix withoutOtherTenantFixture(String operation, String why) {
        withoutOtherTenantFixture.put(operation, why);
        return this;
    }

    /**
     * A valid body for the other-tenant calls of the operation, named as {@code "POST /api/v1/x/{id}/close"}, sent
     * instead of {@code {}}: an operation that validates its body before it looks the id up answers an empty body 400,
     * to tenant A as to tenant B, which says nothing about the id. With a body tenant A could send, the only thing left
     * to refuse is the id.
     */
    public RoleMatrix otherTenantBody(String operation, String json) {
        otherTenantBodies.put(operation, json);
        return this;
    }

    /**
     * Where tenant A's head reads the resource of a fixture whose template has no {@code GET} of its own (a team is
     * read in the list of teams): given the fixture's values, the path to read; its answer must be the same before
     * and after tenant B's calls.
     */
    public RoleMatrix otherTenantReadVia(String template, Function<List<String>, String> read) {
        otherTenantReads.put(template, read);
        return this;
    }

    /** One container per operation of the document, with one test per caller. */
    public Stream<DynamicNode> tests() {
        String tenant = TestTenants.fresh();
        Map<String, Function<String, String>> tokens = new LinkedHashMap<>();
        tokens.put("head", TestTokens::head);
        tokens.put("manager", t -> TestTokens.manager(t, UUID.randomUUID()));
        tokens.put("team-lead", t -> TestTokens.teamLead(t, UUID.randomUUID()));
        tokens.put("integrator", TestTokens::integrator);
        tokens.put("ops", TestTokens::ops);
        List<DynamicNode> nodes = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String method = op.getKey().toUpperCase(Locale.ROOT);
                String name = method + " " + path.getKey();
                documented.add(name);
                Call call =
                        new Call(method, concretePath(path.getKey(), path.getValue(), op.getValue()), op.getValue());
                nodes.add(operationTests(name, call, declaredRoles(op.getValue()), tenant, tokens));
                if (otherTenantFixtures != null
                        && !publicOperations.containsKey(name)
                        && declaredRoles(op.getValue()) != null
                        && hasPathId(path.getValue(), op.getValue())) {
                    nodes.add(otherTenantTest(
                            name, method, path.getKey(), path.getValue(), op.getValue(), tenant, tokens));
                }
            }
        }
        Set<String> named = new TreeSet<>(publicOperations.keySet());
        named.addAll(refusalsOnly.keySet());
        named.addAll(withoutOtherTenantFixture.keySet());
        named.addAll(otherTenantBodies.keySet());
        if (otherTenantFixtures != null) {
            for (String template : otherTenantFixtures.keySet()) {
                if (!openApi.path("paths").has(template)) {
                    named.add("fixture " + template);
                }
            }
        }
        named.removeAll(documented);
        for (String stale : named) {
            nodes.add(DynamicTest.dynamicTest(
                    stale + ": named by the test but not in the OpenAPI document",
                    () -> Assertions.fail("documented: " + documented)));
        }
        return nodes.stream();
    }

    private DynamicNode operationTests(
            String name, Call call, Set<String> declared, String tenant, Map<String, Function<String, String>> tokens) {
        if (publicOperations.containsKey(name)) {
            return DynamicTest.dynamicTest(name + ": public — " + publicOperations.get(name), () -> {
                Assertions.assertTrue(
                        declared == null,
                        name + " is named public but declares the roles " + declared + " in the OpenAPI document");
                HttpResponse<String> answer = send(call, null);
                Assertions.assertNotEquals(
                        401, answer.statusCode(), name + " is public but refused a call without a token");
            });
        }
        if (declared == null) {
            return DynamicTest.dynamicTest(
                    name + ": declares its roles",
                    () -> Assertions.fail(name + " declares no roles in the OpenAPI document: give it @RolesAllowed, "
                            + "or @PermitAll and name it in the test with .publicOperation(\"" + name
                            + "\", why)"));
        }
        List<DynamicNode> cases = new ArrayList<>();
        cases.add(DynamicTest.dynamicTest("no token: 401", () -> unauthenticated(name, call, null)));
        cases.add(DynamicTest.dynamicTest(
                "an expired token: 401", () -> unauthenticated(name, call, TestTokens.expired(tenant))));
        for (Map.Entry<String, Function<String, String>> role : tokens.entrySet()) {
            boolean allowed = declared.contains(role.getKey());
            if (allowed && refusalsOnly.containsKey(name)) {
                cases.add(DynamicTest.dynamicTest(
                        role.getKey() + ": allowed, not called — " + refusalsOnly.get(name), () -> {}));
                continue;
            }
            cases.add(DynamicTest.dynamicTest(role.getKey() + (allowed ? ": not refused" : ": 403"), () -> {
                HttpResponse<String> answer = send(call, role.getValue().apply(tenant));
                if (allowed) {
                    Assertions.assertTrue(
                            answer.statusCode() != 401 && answer.statusCode() != 403,
                            () -> name + " declares the role " + role.getKey() + " but refused it: "
                                    + answer.statusCode() + " " + answer.body());
                } else {
                    Assertions.assertEquals(
                            403,
                            answer.statusCode(),
                            () -> name + " declares " + declared + " but did not refuse the role " + role.getKey()
                                    + ": " + answer.body());
                    problem(name, answer);
                }
            }));
        }
        return DynamicContainer.dynamicContainer(name + " " + declared, cases);
    }

    /**
     * The operation on a real resource of tenant A, called with tenant B's token of each role: 403 for a role it does
     * not declare, else 404; tenant A's head then reads the resource as before.
     */
    private DynamicNode otherTenantTest(
            String name,
            String method,
            String template,
            JsonNode pathItem,
            JsonNode operation,
            String tenantB,
            Map<String, Function<String, String>> tokens) {
        if (withoutOtherTenantFixture.containsKey(name)) {
            return DynamicTest.dynamicTest(
                    name + ": another tenant's ids not called — " + withoutOtherTenantFixture.get(name), () -> {});
        }
        String fixture = otherTenantFixtures.keySet().stream()
                .filter(t -> template.equals(t) || template.startsWith(t + "/"))
                .max((a, b) -> Integer.compare(a.length(), b.length()))
                .orElse(null);
        if (fixture == null) {
            return DynamicTest.dynamicTest(
                    name + ": another tenant's ids",
                    () -> Assertions.fail(name + " names an id in its path but the test has no fixture for it: add "
                            + "one to .otherTenantOn(...), or name it with .withoutOtherTenantFixture(\"" + name
                            + "\", why)"));
        }
        Set<String> declared = declaredRoles(operation);
        return DynamicTest.dynamicTest(
                name + ": tenant B's tokens on tenant A's resource: 404, nothing changed", () -> {
                    Made made = made(fixture);
                    String tenantA = made.tenant();
                    List<String> values = made.values();
                    String concreteFixture = fill(fixture, values);
                    String concrete =
                            concretePath(concreteFixture + template.substring(fixture.length()), pathItem, operation);
                    String read = readOf(concreteFixture, fixture, values);
                    HttpResponse<String> before =
                            send(new Call("GET", read, JSON.createObjectNode()), TestTokens.head(tenantA));
                    Assertions.assertEquals(
                            200,
                            before.statusCode(),
                            () -> "the fixture of " + fixture + " made nothing: " + before.body());
                    Call call = new Call(method, concrete, operation, otherTenantBodies.get(name));
                    List<String> wrong = new ArrayList<>();
                    for (Map.Entry<String, Function<String, String>> role : tokens.entrySet()) {
                        int expected = declared.contains(role.getKey()) ? 404 : 403;
                        HttpResponse<String> answer = send(call, role.getValue().apply(tenantB));
                        if (answer.statusCode() != expected) {
                            wrong.add(role.getKey() + " of tenant B: expected " + expected + ", got "
                                    + answer.statusCode() + " " + answer.body());
                        } else if (!answer.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .equals("application/problem+json")) {
                            wrong.add(role.getKey() + " of tenant B: the " + expected + " is not a problem");
                        }
                    }
                    HttpResponse<String> after =
                            send(new Call("GET", read, JSON.createObjectNode()), TestTokens.head(tenantA));
                    Assertions.assertAll(
                            () -> Assertions.assertTrue(wrong.isEmpty(), () -> name + " on " + concrete + ": " + wrong),
                            () -> Assertions.assertEquals(
                                    200, after.statusCode(), () -> read + " after: " + after.body()),
                            () -> Assertions.assertEquals(
                                    before.body(), after.body(), () -> name + " changed tenant A's " + read));
                });
    }

    /** A fixture's resource: its tenant A and the values of the template's path parameters. */
    private record Made(String tenant, List<String> values) {}

    /**
     * The fixture's resource, made in a fresh tenant A by the first operation that needs it and shared by the others
     * under its template: each of them checks that tenant B's calls left it as it was, so the next one finds it as the
     * fixture made it (a deal is a lead's conversion through the broker: seconds each).
     */
    private Made made(String fixture) {
        return madeFixtures.computeIfAbsent(fixture, template -> {
            String tenant = TestTenants.fresh();
            return new Made(tenant, otherTenantFixtures.get(template).apply(tenant));
        });
    }

    /** Whether the operation has a path parameter naming an id ({@code id}, {@code alertId}, {@code externalId}). */
    private static boolean hasPathId(JsonNode pathItem, JsonNode operation) {
        for (JsonNode list : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode p : list) {
                if ("path".equals(p.path("in").asText())
                        && p.path("name").asText().toLowerCase(Locale.ROOT).endsWith("id")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The template with its parameters, in order, replaced by the values. */
    private static String fill(String template, List<String> values) {
        String path = template;
        for (String value : values) {
            int open = path.indexOf('{');
            int close = path.indexOf('}', open);
            if (open < 0 || close < 0) {
                throw new IllegalArgumentException(template + " has fewer parameters than the fixture's " + values);
            }
            path = path.substring(0, open) + value + path.substring(close + 1);
        }
        if (path.contains("{")) {
            throw new IllegalArgumentException(template + " has more parameters than the fixture's " + values);
        }
        return path;
    }

    /**
     * Where tenant A's head reads the fixture's resource: its template's GET, which the document must have, or the
     * path the test named for it.
     */
    private String readOf(String concreteFixture, String fixture, List<String> values) {
        if (otherTenantReads.containsKey(fixture)) {
            return otherTenantReads.get(fixture).apply(values);
        }
        if (!openApi.path("paths").path(fixture).has("get")) {
            throw new IllegalArgumentException("the fixture's template " + fixture + " has no GET to read it by");
        }
        return concreteFixture;
    }

    private void unauthenticated(String name, Call call, String token) throws Exception {
        HttpResponse<String> answer = send(call, token);
        Assertions.assertEquals(401, answer.statusCode(), () -> name + ": " + answer.body());
        Assertions.assertEquals(
                "Bearer", answer.headers().firstValue("WWW-Authenticate").orElse(null), name + ": WWW-Authenticate");
        problem(name, answer);
    }

    private static void problem(String name, HttpResponse<String> answer) {
        Assertions.assertEquals(
                "application/problem+json",
                answer.headers().firstValue("Content-Type").orElse(""),
                name + ": a refusal is a problem");
    }

    /** The roles of the operation's {@code bearer} security requirement; null when it has none. */
    private static Set<String> declaredRoles(JsonNode operation) {
        JsonNode security = operation.path("security");
        if (!security.isArray() || security.isEmpty()) {
            return null;
        }
        Set<String> roles = new TreeSet<>();
        security.forEach(requirement -> requirement
                .fields()
                .forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
        return roles;
    }

    /** The path with a well-formed dummy for each path parameter, so parameter conversion does not answer first. */
    private static String concretePath(String template, JsonNode pathItem, JsonNode operation) {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (JsonNode list : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            list.forEach(p -> {
                if ("path".equals(p.path("in").asText())) {
                    parameters.put(p.path("name").asText(), p.path("schema"));
                }
            });
        }
        String path = template;
        for (Map.Entry<String, JsonNode> parameter : parameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", dummy(parameter.getKey(), parameter.getValue()));
        }
        return path;
    }

    private static String dummy(String name, JsonNode schema) {
        String format = schema.path("format").asText("");
        String type = schema.path("type").asText("");
        if (format.equals("uuid") || name.toLowerCase(Locale.ROOT).endsWith("id")) {
            return UUID.randomUUID().toString();
        }
        if (format.equals("date") || name.equals("date")) {
            return LocalDate.now().toString();
        }
        if (name.equals("month")) {
            return LocalDate.now().toString().substring(0, 7);
        }
        if (name.equals("year") || type.equals("integer")) {
            return String.valueOf(LocalDate.now().getYear());
        }
        if (name.equals("currency")) {
            return "EUR";
        }
        return "x1";
    }

    private HttpResponse<String> send(Call call, String token) throws IOException, InterruptedException {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + call.path()))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        String contentType = call.contentType();
        if (contentType == null) {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            String body = call.body() != null ? call.body() : contentType.equals("application/json") ? "{}" : "";
            builder.header("Content-Type", contentType)
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A call; {@code body} is the JSON to send instead of {@code {}}, or null. */
    private record Call(String method, String path, JsonNode operation, String body) {

        Call(String method, String path, JsonNode operation) {
            this(method, path, operation, null);
        }

        /** The first media type of the request body, application/json when it takes JSON; null for none. */
        String contentType() {
            JsonNode content = operation.path("requestBody").path("content");
            if (content.has("application/json")) {
                return "application/json";
            }
            Iterator<String> types = content.fieldNames();
            return types.hasNext() ? types.next() : null;
        }
    }
}
