package com.salespulse.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.localstack.LocalStack;
import com.salespulse.localstack.PostgresServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An integrator's CRM pushing the suite's event types as CloudEvents to integration-service of the real suite
 * (packaged lead-, deal-, analytics- and integration-service on a real PostgreSQL and Kafka): a batch and a
 * binary-mode single become the owners' state — the roster, the client, the lead worked and converted in
 * lead-service, the deal opened, moved and won in deal-service — and the head's figures on the events' business
 * time; the same requests posted again are answered as repeats and change nothing anywhere.
 */
class CloudEventPushIT {

    private static final String TENANT = "e2e-push";
    private static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    private static final String SOURCE = "https://crm.example.com/mycrm";
    private static final String SYSTEM = "mycrm";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The lead came in 30 days ago at 10:00 Moscow; its deal opened a day later and was won three days after. */
    private static final Instant T0 =
            LocalDate.now(ZONE).minusDays(30).atTime(10, 0).atZone(ZONE).toInstant();

    private static LocalStack stack;
    /** The roster, the client, the lead and the pipeline: lead-service's and deal-service's own cards. */
    private static String firstBatch;
    /** The deal, opened in binary mode once deal-service knows the client and the manager. */
    private static Map<String, Object> dealOpened;
    /** The conversion of the lead into that deal, the deal's move and its win. */
    private static String secondBatch;

    private static List<Map<String, Object>> firstAnswers;
    private static List<Map<String, Object>> secondAnswers;

    @BeforeAll
    static void startTheSuiteAndPushTheCrmsEvents() throws Exception {
        stack = SuiteStack.get();
        Instant hired = T0.minus(Duration.ofDays(300));
        Map<String, Object> lead = state(
                "l-100",
                "source",
                "website",
                "clientName",
                "Anna Petrova",
                "phone",
                "+7 912 345-67-89",
                "managerRef",
                ref("m-7"),
                "clientRef",
                ref("c-1"));
        firstBatch = batch(
                event("team-1-created", "salespulse.roster.team-created", hired, state("team-1", "name", "Inbound")),
                event(
                        "m-7-hired",
                        "salespulse.roster.manager-hired",
                        hired,
                        state(
                                "m-7",
                                "name",
                                "Olga Ivanova",
                                "teamRef",
                                ref("team-1"),
                                "capacity",
                                30,
                                "shifts",
                                List.of(Map.of("day", "MONDAY", "start", "09:00:00", "end", "18:00:00")))),
                event(
                        "c-1-created",
                        "salespulse.lead.client-created",
                        T0.minusSeconds(600),
                        state(
                                "c-1",
                                "kind",
                                "PERSON",
                                "name",
                                "Anna Petrova",
                                "contacts",
                                List.of(Map.of("kind", "PHONE", "value", "+7 912 345-67-89")))),
                event("l-100-created", "salespulse.lead.created", T0, lead),
                event(
                        "l-100-in-work",
                        "salespulse.lead.status-changed",
                        T0.plusSeconds(3600),
                        with(lead, "status", "IN_WORK")),
                event(
                        "l-100-qualified",
                        "salespulse.lead.status-changed",
                        T0.plusSeconds(7200),
                        with(lead, "status", "QUALIFIED")),
                event(
                        "p-1-created",
                        "salespulse.pipeline.created",
                        hired,
                        state(
                                "p-1",
                                "name",
                                "Sales",
                                "stages",
                                List.of(
                                        stage("s-new", "New", 10, "OPEN"),
                                        stage("s-offer", "Offer", 50, "OPEN"),
                                        stage("s-won", "Won", 100, "WON"),
                                        stage("s-lost", "Lost", 0, "LOST")))));
        dealOpened = state(
                "d-100",
                "clientRef",
                ref("c-1"),
                "managerRef",
                ref("m-7"),
                "pipelineRef",
                ref("p-1"),
                "stageRef",
                ref("s-new"),
                "amount",
                30000,
                "currency",
                "RUB",
                "source",
                "website");
        secondBatch = batch(
                event(
                        "l-100-converted",
                        "salespulse.lead.converted",
                        T0.plusSeconds(86_400 + 60),
                        state("l-100", "dealRef", ref("d-100"))),
                event(
                        "d-100-offer",
                        "salespulse.deal.stage-moved",
                        T0.plusSeconds(2 * 86_400),
                        with(dealOpened, "stageRef", ref("s-offer"))),
                event(
                        "d-100-won",
                        "salespulse.deal.won",
                        T0.plusSeconds(4 * 86_400),
                        with(with(dealOpened, "stageRef", ref("s-won")), "amount", 36000)));

        firstAnswers = batchAnswers(firstBatch);
        // deal-service learns the manager and the client from lead-service's events: until then the owner refuses
        // the deal naming them (nothing is remembered), and the integrator sends it again, as docs/push.md says
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> openDeal().statusCode(), status -> status == 201);
        secondAnswers = batchAnswers(secondBatch);
        System.out.printf("[system-tests] pushed: %s%n  then: %s%n", firstAnswers, secondAnswers);
    }

    @Test
    void aBatchAndABinaryEventBecomeTheOwnersCardsAtTheirBusinessTime() {
        assertThat(firstAnswers).extracting(a -> a.get("status")).containsExactly(201, 201, 201, 201, 200, 200, 201);
        // lead-service answers a conversion 200 (the lead changed); deal-service a stage move and a win 200
        assertThat(secondAnswers).extracting(a -> a.get("status")).containsExactly(200, 200, 200);

        String manager = byRef("lead-service", "managers", "m-7").getString("id");
        String client = byRef("lead-service", "clients", "c-1").getString("id");
        JsonPath lead = byRef("lead-service", "leads", "l-100");
        assertThat(lead.getString("status")).isEqualTo("CONVERTED");
        assertThat(lead.getString("managerId")).isEqualTo(manager);
        assertThat(lead.getString("clientId")).isEqualTo(client);
        assertThat(Instant.parse(lead.getString("createdAt"))).isEqualTo(T0);

        JsonPath pipeline = byRef("deal-service", "pipelines", "p-1");
        JsonPath deal = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> byRef("deal-service", "deals", "d-100"),
                        d -> lead.getString("id").equals(d.getString("leadId")));
        assertThat(deal.getString("status")).isEqualTo("WON");
        assertThat(deal.getString("stageId"))
                .isEqualTo(pipeline.getString("stages.find { it.externalId == 's-won' }.id"));
        assertThat(deal.getDouble("amount")).isEqualTo(36_000.0);
        assertThat(deal.getString("managerId")).isEqualTo(manager);
        assertThat(deal.getString("clientId")).isEqualTo(client);
        // the binary event's ce-time became the opening, the won event's time the closing
        assertThat(Instant.parse(deal.getString("openedAt"))).isEqualTo(T0.plusSeconds(86_400));
        assertThat(Instant.parse(deal.getString("closedAt"))).isEqualTo(T0.plusSeconds(4 * 86_400));

        awaitFigures();
        JsonPath inflow = metric("lead-inflow");
        assertThat(inflow.getInt("figures.total")).isEqualTo(1);
        assertThat(inflow.getString("figures.bySource[0].source")).isEqualTo("website");
        JsonPath check = metric("average-check");
        assertThat(check.getInt("figures.overall.wonDeals")).isEqualTo(1);
        assertThat(check.getDouble("figures.overall.revenue")).isEqualTo(36_000.0);
        assertThat(check.getString("figures.byManager[0].managerId")).isEqualTo(manager);
        assertThat(metric("deal-cycle").getDouble("figures.overall.meanCalendarDays"))
                .isEqualTo(3.0);
    }

    @Test
    void theSameEventsPostedAgainAreRepeatsAndChangeNothing() throws Exception {
        awaitFigures();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> byRef("deal-service", "deals", "d-100").getString("leadId") != null);
        Map<String, String> figuresBefore = figures();
        long leadEvents = outboxRows("lead");
        long dealEvents = outboxRows("deal");
        JsonPath leadBefore = byRef("lead-service", "leads", "l-100");
        JsonPath dealBefore = byRef("deal-service", "deals", "d-100");

        List<Map<String, Object>> first = batchAnswers(firstBatch);
        Response single = openDeal();
        List<Map<String, Object>> second = batchAnswers(secondBatch);

        assertThat(first).extracting(a -> a.get("repeated")).containsOnly(true);
        assertThat(first)
                .extracting(a -> a.get("status"))
                .isEqualTo(firstAnswers.stream().map(a -> a.get("status")).toList());
        assertThat(second).extracting(a -> a.get("repeated")).containsOnly(true);
        assertThat(second)
                .extracting(a -> a.get("status"))
                .isEqualTo(secondAnswers.stream().map(a -> a.get("status")).toList());
        // a repeat answers what the first answer said: the deal was created
        assertThat(single.statusCode()).isEqualTo(201);
        assertThat(single.jsonPath().getInt("status")).isEqualTo(201);
        assertThat(single.jsonPath().getBoolean("repeated")).isTrue();

        assertThat(outboxRows("lead")).as("events lead-service emitted").isEqualTo(leadEvents);
        assertThat(outboxRows("deal")).as("events deal-service emitted").isEqualTo(dealEvents);
        assertThat(count("lead-service", "/api/v1/leads", Map.of("externalSystem", SYSTEM)))
                .isEqualTo(1);
        assertThat(count("deal-service", "/api/v1/deals", Map.of())).isEqualTo(1);
        assertThat(asHead(url("lead-service"))
                        .get("/api/v1/managers")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items"))
                .hasSize(1);
        assertThat(byRef("lead-service", "leads", "l-100").getMap("")).isEqualTo(leadBefore.getMap(""));
        assertThat(byRef("deal-service", "deals", "d-100").getMap("")).isEqualTo(dealBefore.getMap(""));
        assertThat(figures()).isEqualTo(figuresBefore);
    }

    @Test
    void aClientUpdatePushedRenamesTheClientAndItsDealOnceAndKeepsItsPhone() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> byRef("deal-service", "deals", "d-100").getString("leadId") != null);
        Map<String, Object> renamed = state("c-1", "kind", "PERSON", "name", "Anna Sidorova");
        String update =
                batch(event("c-1-renamed", "salespulse.lead.client-updated", T0.plusSeconds(5 * 86_400), renamed));

        assertThat(batchAnswers(update)).extracting(a -> a.get("status")).containsExactly(200);
        JsonPath client = byRef("lead-service", "clients", "c-1");
        assertThat(client.getString("name")).isEqualTo("Anna Sidorova");
        // contacts were not sent: the phone stays
        assertThat(client.getList("contacts.value")).containsExactly("+79123456789");
        // deal-service follows lead-service's client-updated: the deal carries the new name
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> byRef("deal-service", "deals", "d-100").getString("clientName"), "Anna Sidorova"::equals);

        // the same event again is a repeat; the same state under a new id reaches the owner and changes nothing
        long leadEvents = outboxRows("lead");
        assertThat(batchAnswers(update)).extracting(a -> a.get("repeated")).containsOnly(true);
        assertThat(batchAnswers(batch(event(
                        "c-1-renamed-again", "salespulse.lead.client-updated", T0.plusSeconds(5 * 86_400), renamed))))
                .extracting(a -> a.get("status"))
                .containsExactly(200);
        assertThat(outboxRows("lead")).as("events lead-service emitted").isEqualTo(leadEvents);
    }

    // ---------------------------------------------------------------- the integrator's side

    /** A card's state as the push takes it: its reference and the owner's PUT by-ref body. */
    private static Map<String, Object> state(String externalId, Object... fields) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("externalSystem", SYSTEM);
        data.put("externalId", externalId);
        for (int i = 0; i < fields.length; i += 2) {
            data.put((String) fields[i], fields[i + 1]);
        }
        return data;
    }

    private static Map<String, Object> with(Map<String, Object> state, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(state);
        changed.put(field, value);
        return changed;
    }

    /** A structured-mode CloudEvent whose {@code time} is the business time. */
    private static Map<String, Object> event(String id, String type, Instant time, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", SOURCE);
        event.put("type", type);
        event.put("time", time.atZone(ZONE).toOffsetDateTime().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return event;
    }

    @SafeVarargs
    private static String batch(Map<String, Object>... events) throws JsonProcessingException {
        return JSON.writeValueAsString(List.of(events));
    }

    private static List<Map<String, Object>> batchAnswers(String batch) {
        return asIntegrator()
                .contentType("application/cloudevents-batch+json")
                .body(batch.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/events")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
    }

    /** salespulse.deal.opened in binary mode: the attributes as ce-* headers, data the body, time in ce-time. */
    private static Response openDeal() throws JsonProcessingException {
        return asIntegrator()
                .contentType(ContentType.JSON)
                .header("ce-specversion", "1.0")
                .header("ce-id", "d-100-opened")
                .header("ce-source", SOURCE)
                .header("ce-type", "salespulse.deal.opened")
                .header(
                        "ce-time",
                        T0.plusSeconds(86_400).atZone(ZONE).toOffsetDateTime().toString())
                .body(JSON.writeValueAsBytes(dealOpened))
                .post("/api/v1/events");
    }

    private static RequestSpecification asIntegrator() {
        return given().baseUri(url("integration-service"))
                .auth()
                .oauth2(stack.tokens().integrator(TENANT));
    }

    private static Map<String, String> ref(String externalId) {
        return Map.of("externalSystem", SYSTEM, "externalId", externalId);
    }

    private static Map<String, Object> stage(String externalId, String name, int probability, String kind) {
        return Map.of(
                "externalSystem",
                SYSTEM,
                "externalId",
                externalId,
                "name",
                name,
                "probability",
                probability,
                "kind",
                kind);
    }

    // ---------------------------------------------------------------- what the head sees

    private static JsonPath byRef(String service, String collection, String externalId) {
        return JsonPath.from(asHead(url(service))
                .get("/api/v1/{collection}/by-ref/{system}/{id}", collection, SYSTEM, externalId)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .extract()
                .asString());
    }

    /** The figures of the days the lead came in and the deal was won, once analytics holds the win. */
    private static void awaitFigures() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> metric("average-check").getInt("figures.overall.wonDeals") == 1
                        && metric("lead-inflow").getInt("figures.total") == 1);
    }

    private static Map<String, String> figures() {
        Map<String, String> figures = new TreeMap<>();
        for (String metric : List.of("lead-inflow", "average-check", "deal-cycle", "repeat-sales")) {
            figures.put(metric, metric(metric).getMap("figures").toString());
        }
        return figures;
    }

    private static JsonPath metric(String name) {
        LocalDate from = T0.atZone(ZONE).toLocalDate();
        return JsonPath.from(asHead(url("analytics-service"))
                .queryParam("from", from.toString())
                .queryParam("to", from.plusDays(4).toString())
                .get("/api/v1/metrics/" + name)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static long count(String service, String path, Map<String, String> params) {
        RequestSpecification request = asHead(url(service)).queryParam("size", 1);
        params.forEach(request::queryParam);
        return request.get(path).then().statusCode(200).extract().jsonPath().getLong("total");
    }

    /** The tenant's rows in the service's outbox: one per event it emitted for the tenant (relayed rows are kept). */
    private static long outboxRows(String database) throws SQLException {
        PostgresServer postgres = stack.postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER, "");
                ResultSet count = connection
                        .createStatement()
                        .executeQuery("select count(*) from outbox_event where tenant_id = '" + TENANT + "'")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static RequestSpecification asHead(String baseUri) {
        return given().baseUri(baseUri).auth().oauth2(stack.tokens().head(TENANT));
    }

    private static String url(String service) {
        return stack.service(service).spec().url();
    }
}
