package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asIntegrator;
import static com.salespulse.deal.DealTestKit.awaitAllDealEvents;
import static com.salespulse.deal.DealTestKit.awaitDealEvents;
import static com.salespulse.deal.DealTestKit.awaitDealOfClient;
import static com.salespulse.deal.DealTestKit.event;
import static com.salespulse.deal.DealTestKit.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Deals sent by their reference in the integrator's CRM (PUT/GET /api/v1/deals/by-ref/{system}/{id}): the state
 * upsert, linking other entities by reference, a new client's first deal without a lead, conversions carrying the
 * deal's reference, and the business-time rules.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DealByRefTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant OPENED =
            Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void theSamePutTwiceMakesOneDealAndOneOpenedEvent() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID client = clientCreated(tenant, null);
        Map<String, Object> state = state(client, manager, null, OPENED);

        Response created = asIntegrator(tenant).body(state).put("/api/v1/deals/by-ref/amocrm/D-1");
        created.then()
                .statusCode(201)
                .body("externalSystem", equalTo("amocrm"))
                .body("externalId", equalTo("D-1"))
                .body("openedAt", equalTo(OPENED.toString()));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/deals/" + id);
        asIntegrator(tenant)
                .body(state)
                .put("/api/v1/deals/by-ref/amocrm/D-1")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));

        asHead(tenant)
                .get("/api/v1/deals/by-ref/amocrm/D-1")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        asHead(tenant)
                .get("/api/v1/deals/by-ref/amocrm/D-2")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        asHead(TestTenants.fresh())
                .get("/api/v1/deals/by-ref/amocrm/D-1")
                .then()
                .statusCode(404);
        assertThat(asHead(tenant)
                        .queryParam("clientId", client.toString())
                        .get("/api/v1/deals")
                        .then()
                        .extract()
                        .jsonPath()
                        .getInt("total"))
                .isEqualTo(1);
        List<JsonNode> events = awaitAllDealEvents(kafka, id, 1);
        assertThat(events).hasSize(1);
        JsonNode opened = events.get(0);
        assertThat(opened.get("type").asText()).isEqualTo("salespulse.deal.opened");
        assertThat(opened.get("data").get("openedAt").asText()).isEqualTo(OPENED.toString());
        assertThat(opened.get("data").get("externalSystem").asText()).isEqualTo("amocrm");
        assertThat(opened.get("data").get("externalId").asText()).isEqualTo("D-1");
        // the CloudEvent's time is when it was recorded, not the business time
        assertThat(Instant.parse(opened.get("time").asText())).isAfter(OPENED.plus(300, ChronoUnit.DAYS));
    }

    @Test
    void laterStatesEmitExactlyTheStageMoveAndTheWinAtTheirBusinessTimes() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID client = clientCreated(tenant, null);
        JsonPath pipeline = defaultPipeline(tenant);
        String second = pipeline.getString("find { it.defaultPipeline }.stages[1].id");
        String won = pipeline.getString("find { it.defaultPipeline }.stages.find { it.kind == 'WON' }.id");
        Instant moved = OPENED.plus(3, ChronoUnit.DAYS);
        Instant closed = OPENED.plus(20, ChronoUnit.DAYS);

        String id = asIntegrator(tenant)
                .body(state(client, manager, null, OPENED))
                .put("/api/v1/deals/by-ref/amocrm/D-7")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        asIntegrator(tenant)
                .body(state(client, manager, second, moved))
                .put("/api/v1/deals/by-ref/amocrm/D-7")
                .then()
                .statusCode(200)
                .body("stageId", equalTo(second));
        // a later state may leave the client out: the deal keeps its client
        Map<String, Object> win = state(client, manager, won, closed);
        win.remove("clientId");
        asIntegrator(tenant)
                .body(win)
                .put("/api/v1/deals/by-ref/amocrm/D-7")
                .then()
                .statusCode(200)
                .body("status", equalTo("WON"))
                .body("closedAt", equalTo(closed.toString()))
                .body("clientId", equalTo(client.toString()));
        asIntegrator(tenant)
                .body(state(client, manager, won, closed))
                .put("/api/v1/deals/by-ref/amocrm/D-7")
                .then()
                .statusCode(200);

        List<JsonNode> events = awaitAllDealEvents(kafka, id, 3);
        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly("salespulse.deal.opened", "salespulse.deal.stage-moved", "salespulse.deal.won");
        assertThat(events.get(1).get("data").get("movedAt").asText()).isEqualTo(moved.toString());
        assertThat(events.get(1).get("data").get("externalId").asText()).isEqualTo("D-7");
        JsonNode winEvent = events.get(2).get("data");
        assertThat(winEvent.get("openedAt").asText()).isEqualTo(OPENED.toString());
        assertThat(winEvent.get("closedAt").asText()).isEqualTo(closed.toString());
        assertThat(winEvent.get("fromStageId").asText()).isEqualTo(second);
    }

    @Test
    void aDryRunAnswersAsTheRealCallAndWritesNothing() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID client = clientCreated(tenant, null);
        defaultPipeline(tenant);
        Map<String, Integer> before = TenantRows.of(tenant);

        asIntegrator(tenant)
                .body(state(client, manager, null, OPENED))
                .queryParam("dryRun", true)
                .put("/api/v1/deals/by-ref/amocrm/D-3")
                .then()
                .statusCode(201)
                .body("externalId", equalTo("D-3"));
        asIntegrator(tenant)
                .body(state(UUID.randomUUID(), manager, null, OPENED))
                .queryParam("dryRun", true)
                .put("/api/v1/deals/by-ref/amocrm/D-3")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("clientId"));

        assertThat(TenantRows.of(tenant)).isEqualTo(before);
        asIntegrator(tenant).get("/api/v1/deals/by-ref/amocrm/D-3").then().statusCode(404);
    }

    /**
     * A tenant whose manager (mgr-42), client (contact-9), product (P-1), pipeline (PL-1) and stages (S-1, S-2, won
     * 142, lost 143) all have amocrm references, and a deal state naming each of them only by reference.
     */
    private record Linked(String tenant, UUID manager, UUID client, String pipeline, Map<String, Object> byRef) {}

    /** A pipeline stage with an amocrm reference. */
    private static Map<String, Object> stage(String name, int probability, String kind, String externalId) {
        return Map.of(
                "name",
                name,
                "probability",
                probability,
                "kind",
                kind,
                "externalSystem",
                "amocrm",
                "externalId",
                externalId);
    }

    private Linked linkedByReference() {
        String tenant = TestTenants.fresh();
        UUID manager = UUID.randomUUID();
        RosterEvents.hireWithRef(kafka, tenant, manager, "mgr-42");
        UUID client = clientCreated(tenant, "contact-9");
        asHead(tenant)
                .body(Map.of(
                        "name",
                        "Box",
                        "category",
                        "Hardware",
                        "unit",
                        "pcs",
                        "listPrice",
                        500,
                        "currency",
                        "RUB",
                        "externalSystem",
                        "amocrm",
                        "externalId",
                        "P-1"))
                .post("/api/v1/products")
                .then()
                .statusCode(201);
        String pipeline = asHead(tenant)
                .body(Map.of(
                        "name",
                        "Sales",
                        "externalSystem",
                        "amocrm",
                        "externalId",
                        "PL-1",
                        "stages",
                        List.of(
                                stage("First", 10, "OPEN", "S-1"),
                                stage("Talks", 40, "OPEN", "S-2"),
                                stage("Won", 100, "WON", "142"),
                                stage("Lost", 0, "LOST", "143"))))
                .post("/api/v1/pipelines")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        Map<String, Object> byRef = new HashMap<>(Map.of(
                "clientRef",
                ref("contact-9"),
                "managerRef",
                ref("mgr-42"),
                "pipelineRef",
                ref("PL-1"),
                "stageRef",
                ref("S-2"),
                "currency",
                "RUB",
                "source",
                "amocrm",
                "lines",
                List.of(Map.of("productRef", ref("P-1"), "quantity", 3)),
                "occurredAt",
                OPENED.toString()));
        return new Linked(tenant, manager, client, pipeline, byRef);
    }

    @Test
    void managerClientStageAndProductAreLinkedByReference() {
        Linked linked = linkedByReference();
        asIntegrator(linked.tenant)
                .body(linked.byRef)
                .put("/api/v1/deals/by-ref/amocrm/D-9")
                .then()
                .statusCode(201)
                .body("clientId", equalTo(linked.client.toString()))
                .body("managerId", equalTo(linked.manager.toString()))
                .body("pipelineId", equalTo(linked.pipeline))
                .body("amount", equalTo(1500))
                .body("lines[0].productName", equalTo("Box"));
    }

    @Test
    void aLostStageNamedByReferenceLosesTheDeal() {
        Linked linked = linkedByReference();
        asIntegrator(linked.tenant)
                .body(linked.byRef)
                .put("/api/v1/deals/by-ref/amocrm/D-9")
                .then()
                .statusCode(201);

        Map<String, Object> lost = new HashMap<>(linked.byRef);
        lost.put("stageRef", ref("143"));
        lost.put("lossReason", "PRICE");
        lost.put("occurredAt", OPENED.plus(1, ChronoUnit.DAYS).toString());
        asIntegrator(linked.tenant)
                .body(lost)
                .put("/api/v1/deals/by-ref/amocrm/D-9")
                .then()
                .statusCode(200)
                .body("status", equalTo("LOST"))
                .body("lostReasonCode", equalTo("PRICE"));
    }

    @Test
    void anEntityNamedByIdAndByReferenceIsRefusedAndNothingWritten() {
        Linked linked = linkedByReference();
        Map<String, Object> both = new HashMap<>(linked.byRef);
        both.put("managerId", linked.manager.toString());
        RosterReferencesTest.assertRefusedAndNothingWritten(
                linked.tenant,
                "managerRef",
                "not both",
                () -> asIntegrator(linked.tenant).body(both).put("/api/v1/deals/by-ref/amocrm/D-10"));
    }

    @Test
    void aReferenceNamingNoStageIsRefusedAndNothingWritten() {
        Linked linked = linkedByReference();
        Map<String, Object> unknown = new HashMap<>(linked.byRef);
        unknown.put("stageRef", ref("S-404"));
        RosterReferencesTest.assertRefusedAndNothingWritten(
                linked.tenant,
                "stageRef.externalId",
                "names no stage",
                () -> asIntegrator(linked.tenant).body(unknown).put("/api/v1/deals/by-ref/amocrm/D-10"));
    }

    @Test
    void aReferenceNamingNoClientIsRefusedAndNothingWritten() {
        Linked linked = linkedByReference();
        Map<String, Object> unknownClient = new HashMap<>(linked.byRef);
        unknownClient.put("clientRef", ref("contact-404"));
        RosterReferencesTest.assertRefusedAndNothingWritten(
                linked.tenant,
                "clientRef.externalId",
                "names no client",
                () -> asIntegrator(linked.tenant).body(unknownClient).put("/api/v1/deals/by-ref/amocrm/D-10"));
    }

    @Test
    void aNewClientsFirstDealOpensDirectlyOnceLeadServiceCreatedTheClient() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID client = clientCreated(tenant, null);

        asIntegrator(tenant)
                .body(Map.of(
                        "clientId",
                        client.toString(),
                        "managerId",
                        manager.toString(),
                        "amount",
                        1000,
                        "currency",
                        "RUB",
                        "source",
                        "website"))
                .post("/api/v1/deals")
                .then()
                .statusCode(201)
                .body("repeatSale", equalTo(false))
                .body("clientName", equalTo("Client " + client.toString().substring(0, 4)));
        RosterReferencesTest.assertRefusedAndNothingWritten(
                tenant,
                "clientId",
                "names no client of this tenant",
                () -> asIntegrator(tenant)
                        .body(Map.of(
                                "clientId",
                                UUID.randomUUID().toString(),
                                "managerId",
                                manager.toString(),
                                "amount",
                                1000,
                                "currency",
                                "RUB",
                                "source",
                                "website"))
                        .post("/api/v1/deals"));
    }

    @Test
    void aConversionNamingTheDealsReferenceOpensItOnce() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID client = clientCreated(tenant, null);
        Instant convertedAt = OPENED.plus(2, ChronoUnit.DAYS);

        // the conversion first, then the integrator's PUT of the same deal
        UUID lead = UUID.randomUUID();
        produce(
                kafka,
                Topics.LEAD_EVENTS,
                lead,
                event(tenant, LeadEvents.conversion(lead, client, manager, convertedAt, "C-1")));
        String opened = awaitDealOfClient(tenant, client, 1).get(0);
        asIntegrator(tenant)
                .get("/api/v1/deals/by-ref/amocrm/C-1")
                .then()
                .statusCode(200)
                .body("id", equalTo(opened))
                .body("leadId", equalTo(lead.toString()))
                .body("openedAt", equalTo(convertedAt.toString()));
        Map<String, Object> same = state(client, manager, null, convertedAt);
        same.put("amount", 50000);
        asIntegrator(tenant)
                .body(same)
                .put("/api/v1/deals/by-ref/amocrm/C-1")
                .then()
                .statusCode(200)
                .body("id", equalTo(opened));

        // the PUT first, then the conversion: the lead is linked to the deal, no second deal
        UUID other = clientCreated(tenant, null);
        String put = asIntegrator(tenant)
                .body(state(other, manager, null, OPENED))
                .put("/api/v1/deals/by-ref/amocrm/C-2")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        UUID lead2 = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        produce(
                kafka,
                Topics.LEAD_EVENTS,
                lead2,
                event(tenant, eventId, LeadEvents.conversion(lead2, other, manager, convertedAt, "C-2")));
        RosterEvents.awaitApplied(List.of(eventId));
        asIntegrator(tenant)
                .get("/api/v1/deals/" + put)
                .then()
                .statusCode(200)
                .body("leadId", equalTo(lead2.toString()));
        assertThat(asHead(tenant)
                        .queryParam("clientId", other.toString())
                        .get("/api/v1/deals")
                        .then()
                        .extract()
                        .jsonPath()
                        .getInt("total"))
                .isEqualTo(1);
        assertThat(awaitDealEvents(kafka, opened, "salespulse.deal.opened", 1)).hasSize(1);
        assertThat(awaitAllDealEvents(kafka, put, 1)).hasSize(1);
    }

    /**
     * A lead converted into a deal of the default pipeline (amocrm reference X-1), and a second pipeline "Partners"
     * (PL-7) with the stages Intro (S-71), Signed (won, S-72) and Dropped (lost, S-73).
     */
    private record Converted(
            String tenant,
            UUID manager,
            UUID client,
            String partners,
            String intro,
            String signed,
            Instant convertedAt,
            String deal,
            String firstStage) {}

    private Converted convertedWithAnotherPipeline() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID client = clientCreated(tenant, null);
        String partners = asHead(tenant)
                .body(Map.of(
                        "name",
                        "Partners",
                        "externalSystem",
                        "amocrm",
                        "externalId",
                        "PL-7",
                        "stages",
                        List.of(
                                stage("Intro", 20, "OPEN", "S-71"),
                                stage("Signed", 100, "WON", "S-72"),
                                stage("Dropped", 0, "LOST", "S-73"))))
                .post("/api/v1/pipelines")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        JsonPath pipelines = defaultPipeline(tenant);
        String ofPartners = "find { it.id == '" + partners + "' }.stages";
        String intro = pipelines.getString(ofPartners + ".find { it.name == 'Intro' }.id");
        String signed = pipelines.getString(ofPartners + ".find { it.kind == 'WON' }.id");
        Instant convertedAt = OPENED.plus(3, ChronoUnit.DAYS);
        UUID lead = UUID.randomUUID();
        produce(
                kafka,
                Topics.LEAD_EVENTS,
                lead,
                event(tenant, LeadEvents.conversion(lead, client, manager, convertedAt, "X-1")));
        String deal = awaitDealOfClient(tenant, client, 1).get(0);
        String firstStage =
                asHead(tenant).get("/api/v1/deals/" + deal).then().extract().path("stageId");
        return new Converted(tenant, manager, client, partners, intro, signed, convertedAt, deal, firstStage);
    }

    @Test
    void aPipelineNamedWithAStageOfAnotherOneIsRefusedNamingTheStage() {
        Converted c = convertedWithAnotherPipeline();
        // the pipeline named with a stage of another one: refused naming the stage, nothing changes
        Map<String, Object> mismatched = state(c.client, c.manager, null, c.convertedAt.plus(1, ChronoUnit.HOURS));
        mismatched.put("amount", 50000);
        mismatched.put("pipelineRef", ref("PL-7"));
        mismatched.put("stageId", c.firstStage);
        asIntegrator(c.tenant)
                .body(mismatched)
                .put("/api/v1/deals/by-ref/amocrm/X-1")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("stageId"));
    }

    @Test
    void aConvertedLeadsDealIsLandedInAStageOfAnotherPipelineByItsStatePut() {
        Converted c = convertedWithAnotherPipeline();
        Map<String, Object> moved = state(c.client, c.manager, null, c.convertedAt.plus(1, ChronoUnit.DAYS));
        moved.put("amount", 50000);
        moved.put("stageRef", ref("S-71"));
        asIntegrator(c.tenant)
                .body(moved)
                .put("/api/v1/deals/by-ref/amocrm/X-1")
                .then()
                .statusCode(200)
                .body("pipelineId", equalTo(c.partners))
                .body("stageId", equalTo(c.intro));
        Map<String, Object> won = new HashMap<>(moved);
        won.put("stageRef", ref("S-72"));
        won.put("pipelineRef", ref("PL-7"));
        won.put("occurredAt", c.convertedAt.plus(5, ChronoUnit.DAYS).toString());
        asIntegrator(c.tenant)
                .body(won)
                .put("/api/v1/deals/by-ref/amocrm/X-1")
                .then()
                .statusCode(200)
                .body("status", equalTo("WON"))
                .body("pipelineId", equalTo(c.partners))
                .body("stageId", equalTo(c.signed));

        // what analytics reads: opened in the default pipeline, one stage move into the other, won there
        List<JsonNode> events = awaitAllDealEvents(kafka, c.deal, 3);
        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly("salespulse.deal.opened", "salespulse.deal.stage-moved", "salespulse.deal.won");
        JsonNode move = events.get(1).get("data");
        assertThat(move.get("pipelineId").asText()).isEqualTo(c.partners);
        assertThat(move.get("fromStageId").asText()).isEqualTo(c.firstStage);
        assertThat(move.get("toStageId").asText()).isEqualTo(c.intro);
        assertThat(move.get("toProbability").asInt()).isEqualTo(20);
        assertThat(move.get("movedAt").asText())
                .isEqualTo(c.convertedAt.plus(1, ChronoUnit.DAYS).toString());
        JsonNode win = events.get(2).get("data");
        assertThat(win.get("pipelineId").asText()).isEqualTo(c.partners);
        assertThat(win.get("fromStageId").asText()).isEqualTo(c.intro);
        assertThat(win.get("wonStageId").asText()).isEqualTo(c.signed);
    }

    @Test
    void eachTimeRuleIsRefusedNamingOccurredAtAndWritesNothing() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID client = clientCreated(tenant, null);
        JsonPath pipeline = defaultPipeline(tenant);
        String second = pipeline.getString("find { it.defaultPipeline }.stages[1].id");
        String third = pipeline.getString("find { it.defaultPipeline }.stages[2].id");
        String id = asIntegrator(tenant)
                .body(state(client, manager, null, OPENED))
                .put("/api/v1/deals/by-ref/amocrm/T-1")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Instant moved = OPENED.plus(5, ChronoUnit.DAYS);
        asIntegrator(tenant)
                .body(state(client, manager, second, moved))
                .put("/api/v1/deals/by-ref/amocrm/T-1")
                .then()
                .statusCode(200);

        // in the future beyond the clock skew
        String future = Instant.now().plus(10, ChronoUnit.MINUTES).toString();
        RosterReferencesTest.assertRefusedAndNothingWritten(
                tenant,
                "occurredAt",
                "future",
                () -> asIntegrator(tenant)
                        .body(Map.of("stageId", third, "occurredAt", future))
                        .post("/api/v1/deals/" + id + "/stage"));
        RosterReferencesTest.assertRefusedAndNothingWritten(
                tenant,
                "occurredAt",
                "future",
                () -> asIntegrator(tenant)
                        .body(state(client, manager, null, Instant.parse(future)))
                        .put("/api/v1/deals/by-ref/amocrm/T-2"));
        // before the deal opened
        String before = OPENED.minus(1, ChronoUnit.DAYS).toString();
        RosterReferencesTest.assertRefusedAndNothingWritten(
                tenant,
                "occurredAt",
                "before the deal was opened",
                () -> asIntegrator(tenant).body(Map.of("occurredAt", before)).post("/api/v1/deals/" + id + "/win"));
        // before the deal's last change: 409 stale-change with both times
        Map<String, Integer> rows = TenantRows.of(tenant);
        String stale = OPENED.plus(1, ChronoUnit.DAYS).toString();
        refusedStale(
                () -> asIntegrator(tenant)
                        .body(Map.of("stageId", third, "occurredAt", stale))
                        .post("/api/v1/deals/" + id + "/stage"),
                stale,
                moved);
        refusedStale(
                () -> asIntegrator(tenant)
                        .body(state(client, manager, third, Instant.parse(stale)))
                        .put("/api/v1/deals/by-ref/amocrm/T-1"),
                stale,
                moved);
        assertThat(TenantRows.of(tenant)).isEqualTo(rows);
        // the same state as the one recorded, sent late, changes nothing and is no conflict
        asIntegrator(tenant)
                .body(state(client, manager, second, OPENED.plus(1, ChronoUnit.DAYS)))
                .put("/api/v1/deals/by-ref/amocrm/T-1")
                .then()
                .statusCode(200);
        assertThat(TenantRows.of(tenant)).isEqualTo(rows);
    }

    private static void refusedStale(Supplier<Response> request, String stale, Instant last) {
        request.get()
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("stale-change"))
                .body("invalidFields.field", hasItem("occurredAt"))
                .body("detail", containsString(stale))
                .body("detail", containsString(last.toString()));
    }

    private static Map<String, Object> state(UUID client, UUID manager, String stageId, Instant at) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "clientId",
                client.toString(),
                "managerId",
                manager.toString(),
                "amount",
                10000,
                "currency",
                "RUB",
                "source",
                "amocrm",
                "occurredAt",
                at.toString()));
        if (stageId != null) {
            body.put("stageId", stageId);
        }
        return body;
    }

    private static Map<String, String> ref(String id) {
        return Map.of("externalSystem", "amocrm", "externalId", id);
    }

    private static JsonPath defaultPipeline(String tenant) {
        return asHead(tenant)
                .get("/api/v1/pipelines")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("items");
    }

    /** A client lead-service created, put on the real topic; returns its id once deal-service knows it. */
    private UUID clientCreated(String tenant, String externalId) {
        UUID client = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        produce(
                kafka,
                Topics.LEAD_EVENTS,
                client,
                event(
                        tenant,
                        eventId,
                        LeadEvents.clientCreated(client, externalId, OPENED.minus(30, ChronoUnit.DAYS))));
        RosterEvents.awaitApplied(List.of(eventId));
        return client;
    }
}
