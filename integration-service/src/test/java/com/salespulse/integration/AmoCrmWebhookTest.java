package com.salespulse.integration;

import static com.salespulse.integration.AmoCrmPayloads.contact;
import static com.salespulse.integration.AmoCrmPayloads.delivery;
import static com.salespulse.integration.AmoCrmPayloads.lead;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.integration.AmoCrmPayloads.Lead;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * amoCRM webhooks, in amoCRM's published form format, against owners that answer over real HTTP like the owners
 * do ({@link OwnerStub}; deal-service's side also refuses a change older than the card's last one with 409
 * stale-change, as {@code DealByRefTest} pins for the real one): a lead's life ending in the right deal state, the
 * same with repeats and out of order, an unmapped status and user parked and applied once mapped, the secret, roles.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@WithTestResource(OwnerStubs.class)
class AmoCrmWebhookTest {

    private static final long PIPELINE = 678;
    private static final long FIRST = 11_100;
    private static final long PROPOSAL = 22_200;
    private static final long UNMAPPED = 33_300;
    private static final long OLGA = 999;
    private static final long IVAN = 1000;
    private static final long UNMAPPED_USER = 777;
    private static final UUID IVAN_MANAGER = UUID.fromString("4a7d2b1e-1c2f-4e0a-9b8d-2f1e3c4d5a6b");
    private static final long T0 = Instant.parse("2026-11-02T07:00:00Z").getEpochSecond();

    /** deal-service as the adapter sees it: the last state accepted per deal, and stale changes refused. */
    private final Map<String, JsonNode> dealState = new ConcurrentHashMap<>();

    private final List<JsonNode> acceptedDealChanges = new CopyOnWriteArrayList<>();

    @BeforeEach
    void ownersAnswerLikeOwners() {
        OwnerStub.LEAD.reset();
        OwnerStub.DEAL.reset();
        dealState.clear();
        acceptedDealChanges.clear();
        OwnerStub.DEAL.answer(call -> {
            if (!call.path().startsWith("/api/v1/deals/")) {
                return null;
            }
            JsonNode last = dealState.get(call.path());
            Instant at = Instant.parse(call.body().path("occurredAt").asText());
            if (last != null
                    && at.isBefore(Instant.parse(last.path("occurredAt").asText()))) {
                return new OwnerStub.Answer(
                        409,
                        "{\"type\":\"urn:salespulse:problem:stale-change\",\"title\":"
                                + "\"Stale change\",\"status\":409,\"detail\":\"occurredAt: " + at
                                + " is before the deal's "
                                + "last change at " + last.path("occurredAt").asText()
                                + "\",\"invalidFields\":[{\"field\":"
                                + "\"occurredAt\",\"message\":\"is before the deal's last change\"}]}");
            }
            dealState.put(call.path(), call.body());
            acceptedDealChanges.add(call.body());
            return null;
        });
    }

    @Test
    void aLeadsWebhookSequenceEndsAsAWonDealWithItsLastPriceAndManager() {
        String head = TestTokens.head(tenant());
        String[] connection = AmoCrmPayloads.connect(head, "acme", null);
        map(head, connection[0], mapping(List.of(FIRST, PROPOSAL), List.of(OLGA, IVAN)));
        Lead lead = new Lead(18_400_211, "Лицензии на 12 мест", PIPELINE, FIRST, 30_000, OLGA, T0, T0);

        for (String body : lifeOf(lead)) {
            assertThat(AmoCrmPayloads.post(connection[1], body)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getInt("accepted"))
                    .isPositive();
        }

        JsonNode deal = awaitDealState("/api/v1/deals/by-ref/amocrm/18400211", T0 + 4 * 3600);
        assertWonByIvanAt36000(deal);
        // each change reached deal-service in amoCRM's order, at amoCRM's time
        assertThat(acceptedDealChanges)
                .extracting(b -> b.path("stageRef").path("externalId").asText())
                .containsExactly("st-first", "st-proposal", "st-proposal", "st-proposal", "st-won");
        assertThat(acceptedDealChanges)
                .extracting(b -> b.path("occurredAt").asText())
                .containsExactly(iso(T0), iso(T0 + 3600), iso(T0 + 2 * 3600), iso(T0 + 3 * 3600), iso(T0 + 4 * 3600));
        // the contact became the client first, by the same reference the deal names
        OwnerStub.Call client = OwnerStub.LEAD.calls().get(0);
        assertThat(client.path()).isEqualTo("/api/v1/clients/by-ref/amocrm/5001");
        assertThat(client.body().path("name").asText()).isEqualTo("Анна Петрова");
        assertThat(client.body().path("contacts").toString()).contains("+7 912 345-67-89", "anna@example.com");
        assertThat(client.token().path("groups").toString()).isEqualTo("[\"integrator\"]");
        assertThat(client.token().path("tenant").asText()).isEqualTo(tenantOf(head));
        assertThat(client.token().path("amocrm_connection").asText()).isEqualTo(connection[0]);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> entries(head, connection[0], "APPLIED").getInt("total") == 6);
    }

    @Test
    void theSameSequenceRepeatedAndOutOfOrderEndsInTheSameDealState() {
        String head = TestTokens.head(tenant());
        String[] connection = AmoCrmPayloads.connect(head, "acme", null);
        map(head, connection[0], mapping(List.of(FIRST, PROPOSAL), List.of(OLGA, IVAN)));
        Lead lead = new Lead(18_400_212, "Лицензии на 12 мест", PIPELINE, FIRST, 30_000, OLGA, T0, T0);
        List<String> life = lifeOf(lead);

        // the contact and the lead's birth, then the win before the changes that led to it, every one twice
        for (int i : new int[] {0, 1, 5, 5, 3, 2, 1, 4, 3, 2, 5}) {
            JsonPath answer = AmoCrmPayloads.post(connection[1], life.get(i))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(answer.getInt("accepted") + answer.getInt("repeats")).isPositive();
        }

        JsonNode deal = awaitDealState("/api/v1/deals/by-ref/amocrm/18400212", T0 + 4 * 3600);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> entries(head, connection[0], "PENDING").getInt("total") == 0);
        assertWonByIvanAt36000(dealState.get("/api/v1/deals/by-ref/amocrm/18400212"));
        assertThat(deal.path("occurredAt").asText()).isEqualTo(iso(T0 + 4 * 3600));
        // repeats were stored once; the older changes that came after the win never rolled it back
        assertThat(entries(head, connection[0], "FAILED").getInt("total")).isZero();
        assertThat(acceptedDealChanges
                        .get(acceptedDealChanges.size() - 1)
                        .path("stageRef")
                        .path("externalId")
                        .asText())
                .isEqualTo("st-won");
        long sentWins = OwnerStub.DEAL.calls().stream()
                .filter(c ->
                        c.body().path("stageRef").path("externalId").asText().equals("st-won"))
                .count();
        assertThat(sentWins).isEqualTo(1);
    }

    @Test
    void anUnmappedStatusAndUserAreParkedVisiblyAndAppliedInOrderOnceMapped() {
        String head = TestTokens.head(tenant());
        String[] connection = AmoCrmPayloads.connect(head, "acme", null);
        map(head, connection[0], mapping(List.of(FIRST), List.of(OLGA)));
        Lead lead = new Lead(18_400_300, "Сервер", PIPELINE, FIRST, 50_000, OLGA, T0, T0);
        Lead other = new Lead(18_400_301, "Склад", PIPELINE, FIRST, 10_000, UNMAPPED_USER, T0, T0 + 60);

        post(connection, contact("add", 5001, "Анна Петрова", "+7 912 345-67-89", T0, lead.id(), other.id()));
        post(connection, lead("add", lead, null));
        awaitAccepted(1);
        post(connection, lead("status", lead.at(UNMAPPED, 50_000, OLGA, T0 + 3600), FIRST));
        post(connection, lead("update", lead.at(UNMAPPED, 55_000, OLGA, T0 + 7200), null));
        post(connection, lead("add", other, null));

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> entries(head, connection[0], "PARKED").getInt("total") == 3);
        JsonPath parked = given().auth()
                .oauth2(head)
                .when()
                .get("/api/v1/amocrm/connections/" + connection[0] + "/parked")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(parked.getList("items.amoId", String.class)).containsExactly("18400301", "18400300", "18400300");
        assertThat(parked.getString("items[0].reason")).isEqualTo("user 777 has no mapping");
        assertThat(parked.getString("items[1].reason")).isEqualTo("status 33300 of pipeline 678 has no mapping");
        assertThat(parked.getString("items[2].reason")).startsWith("waits behind entry ");
        assertThat(parked.getString("items[1].action")).isEqualTo("status");
        // nothing of the parked changes reached deal-service
        assertThat(acceptedDealChanges).hasSize(1);

        map(head, connection[0], mapping(List.of(FIRST, PROPOSAL, UNMAPPED), List.of(OLGA, IVAN, UNMAPPED_USER)));

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> acceptedDealChanges.size() == 4);
        assertThat(entries(head, connection[0], "PARKED").getInt("total")).isZero();
        JsonNode state = dealState.get("/api/v1/deals/by-ref/amocrm/18400300");
        assertThat(state.path("stageRef").path("externalId").asText()).isEqualTo("st-" + UNMAPPED);
        assertThat(state.path("amount").decimalValue()).isEqualByComparingTo("55000");
        assertThat(acceptedDealChanges)
                .extracting(b -> b.path("occurredAt").asText())
                .containsExactly(iso(T0), iso(T0), iso(T0 + 3600), iso(T0 + 7200)); // an addition at its creation
        assertThat(dealState
                        .get("/api/v1/deals/by-ref/amocrm/18400301")
                        .path("managerRef")
                        .path("externalId")
                        .asText())
                .isEqualTo("u777");
    }

    @Test
    void aLeadBeforeItsContactIsParkedUntilTheContactLinksIt() {
        String head = TestTokens.head(tenant());
        String[] connection = AmoCrmPayloads.connect(head, "acme", null);
        map(head, connection[0], mapping(List.of(FIRST), List.of(OLGA)));
        Lead lead = new Lead(18_400_400, "Кассы", PIPELINE, FIRST, 20_000, OLGA, T0, T0);

        post(connection, lead("add", lead, null));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> entries(head, connection[0], "PARKED").getInt("total") == 1);
        assertThat(entries(head, connection[0], "PARKED").getString("items[0].reason"))
                .startsWith("lead 18400400 has no linked contact yet");

        post(connection, contact("add", 5002, "Пётр Сидоров", "+7 912 000-00-01", T0 + 30, lead.id()));

        JsonNode deal = awaitDealState("/api/v1/deals/by-ref/amocrm/18400400", T0);
        assertThat(deal.path("clientRef").path("externalId").asText()).isEqualTo("5002");
        assertThat(deal.path("clientName").asText()).isEqualTo("Пётр Сидоров");
    }

    @Test
    void aLeadsTaskBecomesTheDealsTaskAndADeletedLeadIsIgnored() {
        String head = TestTokens.head(tenant());
        String[] connection = AmoCrmPayloads.connect(head, "acme", null);
        map(head, connection[0], mapping(List.of(FIRST), List.of(OLGA)));

        post(
                connection,
                AmoCrmPayloads.task("add", 77_012, 18_400_500, "Перезвонить после 18:00", OLGA, T0 + 86_400, 0, T0));
        post(
                connection,
                "leads%5Bdelete%5D%5B0%5D%5Bid%5D=18400500&leads%5Bdelete%5D%5B0%5D%5Bstatus_id%5D=11100"
                        + "&leads%5Bdelete%5D%5B0%5D%5Bpipeline_id%5D=678&account%5Bsubdomain%5D=acme");

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> OwnerStub.DEAL.calls().stream()
                        .anyMatch(c -> c.path().equals("/api/v1/tasks/by-ref/amocrm/77012")));
        JsonNode task = OwnerStub.DEAL.calls().stream()
                .filter(c -> c.path().equals("/api/v1/tasks/by-ref/amocrm/77012"))
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(task.path("cardType").asText()).isEqualTo("DEAL");
        assertThat(task.path("cardRef").path("externalId").asText()).isEqualTo("18400500");
        assertThat(task.path("type").asText()).isEqualTo("CALL");
        assertThat(task.path("title").asText()).isEqualTo("Перезвонить после 18:00");
        assertThat(task.path("assigneeRef").path("externalId").asText()).isEqualTo("u999");
        assertThat(task.path("dueAt").asText()).isEqualTo(iso(T0 + 86_400));
        assertThat(entries(head, connection[0], "IGNORED").getString("items[0].reason"))
                .startsWith("a deleted lead is not mirrored");
    }

    @Test
    void aWrongSecretOrUnknownConnectionIsTheSame404AndStoresNothing() {
        String head = TestTokens.head(tenant());
        String[] connection = AmoCrmPayloads.connect(head, "acme", null);
        String body = delivery(lead("add", new Lead(1, "x", PIPELINE, FIRST, 1, OLGA, T0, T0), null));
        String base = "/api/v1/amocrm/webhooks/";

        String wrongSecret = AmoCrmPayloads.post(base + connection[0] + "/not-the-secret", body)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .extract()
                .asString();
        String unknown = AmoCrmPayloads.post(base + UUID.randomUUID() + "/not-the-secret", body)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .extract()
                .asString();
        AmoCrmPayloads.post(base + "not-a-uuid/x", body).then().statusCode(404);

        assertThat(wrongSecret.replaceAll("\"requestId\":\"[^\"]*\"", ""))
                .isEqualTo(unknown.replaceAll("\"requestId\":\"[^\"]*\"", ""));
        assertThat(given().auth()
                        .oauth2(head)
                        .when()
                        .get("/api/v1/amocrm/connections/" + connection[0])
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getMap("entries")
                        .values())
                .allMatch(count -> ((Number) count).longValue() == 0);
        // a rotated secret: the old URL stops, the new one works
        String rotated = given().auth()
                .oauth2(head)
                .when()
                .post("/api/v1/amocrm/connections/" + connection[0] + "/rotate-secret")
                .then()
                .statusCode(200)
                .extract()
                .path("webhookUrl");
        AmoCrmPayloads.post(connection[1], body).then().statusCode(404);
        AmoCrmPayloads.post(rotated.substring(rotated.indexOf("/api/v1/")), body)
                .then()
                .statusCode(200);
    }

    @Test
    void headsAndIntegratorsManageConnectionsManagersMayNotAndTenantsStayApart() {
        String tenant = tenant();
        String head = TestTokens.head(tenant);
        String integrator = TestTokens.integrator(tenant);
        String manager = TestTokens.manager(tenant, UUID.randomUUID());
        String[] connection = AmoCrmPayloads.connect(integrator, "acme", null);
        String path = "/api/v1/amocrm/connections/" + connection[0];

        given().auth()
                .oauth2(manager)
                .contentType("application/json")
                .body(Map.of("name", "x"))
                .when()
                .post("/api/v1/amocrm/connections")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(manager)
                .contentType("application/json")
                .body(mapping(List.of(), List.of()))
                .when()
                .put(path + "/mapping")
                .then()
                .statusCode(403);
        given().auth().oauth2(manager).when().get(path + "/parked").then().statusCode(403);
        given().auth()
                .oauth2(head)
                .contentType("application/json")
                .body(mapping(List.of(FIRST), List.of(OLGA)))
                .when()
                .put(path + "/mapping")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(integrator)
                .when()
                .get(path + "/mapping")
                .then()
                .statusCode(200)
                .body("statuses[0].amoStatusId", org.hamcrest.Matchers.equalTo((int) FIRST));
        given().auth()
                .oauth2(TestTokens.head(tenant()))
                .when()
                .get(path + "/mapping")
                .then()
                .statusCode(404);
        given().when().get(path).then().statusCode(401);
        // a second account of the tenant needs its own reference system
        given().auth()
                .oauth2(head)
                .contentType("application/json")
                .body(Map.of("name", "Acme 2"))
                .when()
                .post("/api/v1/amocrm/connections")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("externalSystem"));
        AmoCrmPayloads.connect(head, "Acme 2", "amocrm.acme-2");
    }

    @Test
    void aMappingThatNamesATargetTwiceOrNotAtAllIsRefusedNamingTheField() {
        String head = TestTokens.head(tenant());
        String[] connection = AmoCrmPayloads.connect(head, "acme", null);
        String path = "/api/v1/amocrm/connections/" + connection[0] + "/mapping";

        given().auth()
                .oauth2(head)
                .contentType("application/json")
                .body(Map.of("statuses", List.of(Map.of("amoPipelineId", PIPELINE, "amoStatusId", FIRST))))
                .when()
                .put(path)
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("statuses[0].stageId"));
        given().auth()
                .oauth2(head)
                .contentType("application/json")
                .body(Map.of(
                        "statuses",
                        List.of(Map.of(
                                "amoPipelineId",
                                PIPELINE,
                                "amoStatusId",
                                142,
                                "stageId",
                                UUID.randomUUID().toString()))))
                .when()
                .put(path)
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("statuses[0].amoStatusId"));
        given().auth()
                .oauth2(head)
                .contentType("application/json")
                .body(Map.of(
                        "users",
                        List.of(
                                Map.of("amoUserId", OLGA, "managerId", IVAN_MANAGER.toString()),
                                Map.of("amoUserId", OLGA, "managerId", IVAN_MANAGER.toString()))))
                .when()
                .put(path)
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("users[1].amoUserId"));
    }

    /** The lead's life: contact linked, added, moved on, re-priced, handed to Ivan, won; an hour apart. */
    private static List<String> lifeOf(Lead lead) {
        return List.of(
                delivery(contact("add", 5001, "Анна Петрова", "+7 912 345-67-89", T0, lead.id())),
                delivery(lead("add", lead, null)),
                delivery(lead("status", lead.at(PROPOSAL, 30_000, OLGA, T0 + 3600), FIRST)),
                delivery(lead("update", lead.at(PROPOSAL, 36_000, OLGA, T0 + 2 * 3600), null)),
                delivery(lead("responsible", lead.at(PROPOSAL, 36_000, IVAN, T0 + 3 * 3600), null)),
                delivery(lead("status", lead.at(142, 36_000, IVAN, T0 + 4 * 3600), PROPOSAL)));
    }

    private static void assertWonByIvanAt36000(JsonNode deal) {
        assertThat(deal.path("stageRef").path("externalId").asText()).isEqualTo("st-won");
        assertThat(deal.path("pipelineRef").path("externalId").asText()).isEqualTo("p678");
        assertThat(deal.path("amount").decimalValue()).isEqualByComparingTo("36000");
        assertThat(deal.path("currency").asText()).isEqualTo("RUB");
        assertThat(deal.path("source").asText()).isEqualTo("amocrm");
        assertThat(deal.path("managerId").asText()).isEqualTo(IVAN_MANAGER.toString());
        assertThat(deal.has("managerRef")).isFalse();
        assertThat(deal.path("clientRef").path("externalSystem").asText()).isEqualTo("amocrm");
        assertThat(deal.path("clientRef").path("externalId").asText()).isEqualTo("5001");
        assertThat(deal.has("lossReason")).isFalse();
    }

    /** Pipeline 678 → p678 with its won/lost stages; each status s → st-s; Olga and 777 by ref, Ivan by id. */
    private static Map<String, Object> mapping(List<Long> statuses, List<Long> users) {
        return Map.of(
                "currency", "RUB",
                "pipelines",
                        List.of(Map.of(
                                "amoPipelineId",
                                PIPELINE,
                                "pipelineRef",
                                Map.of("externalSystem", "amocrm", "externalId", "p678"),
                                "wonStageRef",
                                Map.of("externalSystem", "amocrm", "externalId", "st-won"),
                                "lostStageRef",
                                Map.of("externalSystem", "amocrm", "externalId", "st-lost"))),
                "statuses",
                        statuses.stream()
                                .map(s -> Map.of(
                                        "amoPipelineId",
                                        PIPELINE,
                                        "amoStatusId",
                                        s,
                                        "stageRef",
                                        Map.of(
                                                "externalSystem",
                                                "amocrm",
                                                "externalId",
                                                s == FIRST ? "st-first" : s == PROPOSAL ? "st-proposal" : "st-" + s)))
                                .toList(),
                "users",
                        users.stream()
                                .map(u -> u == IVAN
                                        ? Map.<String, Object>of("amoUserId", u, "managerId", IVAN_MANAGER.toString())
                                        : Map.<String, Object>of(
                                                "amoUserId",
                                                u,
                                                "managerRef",
                                                Map.of("externalSystem", "amocrm", "externalId", "u" + u)))
                                .toList());
    }

    private static void map(String token, String connectionId, Map<String, Object> mapping) {
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(mapping)
                .when()
                .put("/api/v1/amocrm/connections/" + connectionId + "/mapping")
                .then()
                .statusCode(200);
    }

    private static void post(String[] connection, String change) {
        AmoCrmPayloads.post(connection[1], delivery(change)).then().statusCode(200);
    }

    private static JsonPath entries(String token, String connectionId, String state) {
        return given().auth()
                .oauth2(token)
                .queryParam("state", state)
                .when()
                .get("/api/v1/amocrm/connections/" + connectionId + "/entries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private JsonNode awaitDealState(String path, long occurredAt) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> dealState.containsKey(path)
                        && dealState.get(path).path("occurredAt").asText().equals(iso(occurredAt)));
        return dealState.get(path);
    }

    private void awaitAccepted(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> acceptedDealChanges.size() >= count);
    }

    private static String iso(long unixSeconds) {
        return Instant.ofEpochSecond(unixSeconds).toString();
    }

    private static String tenant() {
        return "amo-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String tenantOf(String token) {
        return new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]))
                .replaceAll(".*\"tenant\":\"([^\"]+)\".*", "$1");
    }
}
