package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asIntegrator;
import static com.salespulse.deal.DealTestKit.awaitDealEvents;
import static com.salespulse.deal.LeadEvents.convertLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A deal's life over the API: stage moves, win, loss with a reason, reopening, repeat sales; one event per change. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DealLifecycleTest {

    private static final String TENANT = "deal-lifecycle";

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void movingToAStageOfAnotherPipelineIsRefusedAndChangesNothing() {
        String dealId = convertLead(kafka, TENANT, UUID.randomUUID(), UUID.randomUUID());
        String otherPipeline = asHead(TENANT)
                .body(Map.of(
                        "name",
                        "Partners " + UUID.randomUUID(),
                        "stages",
                        List.of(
                                Map.of("name", "Intro", "probability", 20, "kind", "OPEN"),
                                Map.of("name", "Signed", "probability", 100, "kind", "WON"),
                                Map.of("name", "Dropped", "probability", 0, "kind", "LOST"))))
                .post("/api/v1/pipelines")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String foreignStage = asHead(TENANT)
                .get("/api/v1/pipelines/" + otherPipeline)
                .then()
                .statusCode(200)
                .extract()
                .path("stages[0].id");
        String stageBefore =
                asHead(TENANT).get("/api/v1/deals/" + dealId).then().extract().path("stageId");

        asHead(TENANT)
                .body(Map.of("stageId", foreignStage))
                .post("/api/v1/deals/" + dealId + "/stage")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("stageId"));

        asHead(TENANT).get("/api/v1/deals/" + dealId).then().body("stageId", equalTo(stageBefore));
        // a valid move afterwards: its event is the only stage move on the topic (the relay keeps a deal's order)
        String qualified = defaultPipeline().getString("stages.find { it.name == 'Qualified' }.id");
        asHead(TENANT)
                .body(Map.of("stageId", qualified))
                .post("/api/v1/deals/" + dealId + "/stage")
                .then()
                .statusCode(200);
        List<JsonNode> moves = awaitDealEvents(kafka, dealId, "salespulse.deal.stage-moved", 1);
        assertThat(moves).hasSize(1);
        assertThat(moves.get(0).get("data").get("toStageId").asText()).isEqualTo(qualified);
    }

    @Test
    void stageMoveEmitsOneEventWithTheProbabilitiesInForce() {
        String dealId = convertLead(kafka, TENANT, UUID.randomUUID(), UUID.randomUUID());
        JsonPath pipeline = defaultPipeline();
        String proposal = pipeline.getString("stages.find { it.name == 'Proposal' }.id");

        asHead(TENANT)
                .body(Map.of("stageId", proposal, "reason", "offer sent"))
                .post("/api/v1/deals/" + dealId + "/stage")
                .then()
                .statusCode(200)
                .body("stageId", equalTo(proposal));

        List<JsonNode> moved = awaitDealEvents(kafka, dealId, "salespulse.deal.stage-moved", 1);
        assertThat(moved).hasSize(1);
        JsonNode data = moved.get(0).get("data");
        assertThat(data.get("fromProbability").asInt()).isEqualTo(10);
        assertThat(data.get("toStageId").asText()).isEqualTo(proposal);
        assertThat(data.get("toProbability").asInt()).isEqualTo(50);
        assertThat(data.get("reason").asText()).isEqualTo("offer sent");
        assertThat(moved.get(0).get("actor").asText()).isEqualTo("user:head-of-sales");
    }

    @Test
    void wonTwiceAnswers409AndEmitsOneWonEvent() {
        String dealId = convertLead(kafka, TENANT, UUID.randomUUID(), UUID.randomUUID());

        asHead(TENANT)
                .body(Map.of("finalAmount", 48000))
                .post("/api/v1/deals/" + dealId + "/win")
                .then()
                .statusCode(200)
                .body("status", equalTo("WON"))
                .body("amount", equalTo(48000));
        asHead(TENANT)
                .body(Map.of("finalAmount", 99000))
                .post("/api/v1/deals/" + dealId + "/win")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        asHead(TENANT).get("/api/v1/deals/" + dealId).then().body("amount", equalTo(48000));
        List<JsonNode> won = awaitDealEvents(kafka, dealId, "salespulse.deal.won", 1);
        assertThat(won).hasSize(1);
        assertThat(won.get(0).get("data").get("finalAmount").decimalValue()).isEqualByComparingTo("48000");
        assertThat(won.get(0).get("data").get("currency").asText()).isEqualTo("RUB");
    }

    @Test
    void lostWithoutAReasonOrWithAnUnknownOneIsRefused() {
        String dealId = convertLead(kafka, TENANT, UUID.randomUUID(), UUID.randomUUID());

        asHead(TENANT)
                .body(Map.of())
                .post("/api/v1/deals/" + dealId + "/lose")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("reasonCode"));
        asHead(TENANT)
                .body(Map.of("reasonCode", "BAD_WEATHER"))
                .post("/api/v1/deals/" + dealId + "/lose")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("reasonCode"));

        asHead(TENANT).get("/api/v1/deals/" + dealId).then().body("status", equalTo("OPEN"));
        // a valid loss afterwards: its event is the only loss on the topic
        asHead(TENANT)
                .body(Map.of("reasonCode", "PRICE"))
                .post("/api/v1/deals/" + dealId + "/lose")
                .then()
                .statusCode(200);
        List<JsonNode> losses = awaitDealEvents(kafka, dealId, "salespulse.deal.lost", 1);
        assertThat(losses).hasSize(1);
        assertThat(losses.get(0).get("data").get("reasonCode").asText()).isEqualTo("PRICE");
        assertThat(losses.get(0).get("data").get("reasonKind").asText()).isEqualTo("PRICE");
    }

    @Test
    void lostForAPressureReasonCarriesItsKindAndCanBeReopened() {
        String dealId = convertLead(kafka, TENANT, UUID.randomUUID(), UUID.randomUUID());
        asHead(TENANT)
                .get("/api/v1/loss-reasons")
                .then()
                .statusCode(200)
                .body("find { it.code == 'ASKED_NOT_TO_CONTACT' }.kind", equalTo("PRESSURE"));

        asHead(TENANT)
                .body(Map.of("reasonCode", "ASKED_NOT_TO_CONTACT", "comment", "third call this week"))
                .post("/api/v1/deals/" + dealId + "/lose")
                .then()
                .statusCode(200)
                .body("status", equalTo("LOST"))
                .body("lostReasonCode", equalTo("ASKED_NOT_TO_CONTACT"));
        asHead(TENANT)
                .body(Map.of("reason", "client came back"))
                .post("/api/v1/deals/" + dealId + "/reopen")
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("lostReasonCode", nullValue());
        asHead(TENANT)
                .body(Map.of())
                .post("/api/v1/deals/" + dealId + "/reopen")
                .then()
                .statusCode(409);

        JsonNode lost =
                awaitDealEvents(kafka, dealId, "salespulse.deal.lost", 1).get(0).get("data");
        assertThat(lost.get("reasonKind").asText()).isEqualTo("PRESSURE");
        assertThat(lost.get("comment").asText()).isEqualTo("third call this week");
        List<JsonNode> reopened = awaitDealEvents(kafka, dealId, "salespulse.deal.reopened", 1);
        assertThat(reopened).hasSize(1);
        assertThat(reopened.get(0).get("data").get("statusBefore").asText()).isEqualTo("LOST");
    }

    @Test
    void aDealForAClientWithAnEarlierWonDealIsFlaggedAsARepeatSale() {
        UUID clientId = UUID.randomUUID();
        UUID managerId = RosterEvents.hire(kafka, TENANT);
        String first = convertLead(kafka, TENANT, clientId, managerId);
        Map<String, Object> another = Map.of(
                "clientId",
                clientId.toString(),
                "managerId",
                managerId.toString(),
                "amount",
                10000,
                "currency",
                "RUB",
                "source",
                "repeat");

        // a second deal while the first is still open is not a repeat sale
        asIntegrator(TENANT)
                .body(another)
                .post("/api/v1/deals")
                .then()
                .statusCode(201)
                .body("repeatSale", equalTo(false));
        asHead(TENANT)
                .body(Map.of())
                .post("/api/v1/deals/" + first + "/win")
                .then()
                .statusCode(200);

        String repeat = asIntegrator(TENANT)
                .body(another)
                .post("/api/v1/deals")
                .then()
                .statusCode(201)
                .body("repeatSale", equalTo(true))
                .body("clientName", equalTo("Client " + clientId.toString().substring(0, 4)))
                .extract()
                .path("id");

        JsonNode opened = awaitDealEvents(kafka, repeat, "salespulse.deal.opened", 1)
                .get(0)
                .get("data");
        assertThat(opened.get("repeatSale").asBoolean()).isTrue();
        assertThat(opened.get("leadId").isNull()).isTrue();
    }

    @Test
    void aDealOverTheApiNeedsAKnownClient() {
        asIntegrator(TENANT)
                .body(Map.of(
                        "clientId",
                        UUID.randomUUID().toString(),
                        "managerId",
                        UUID.randomUUID().toString(),
                        "amount",
                        10000,
                        "currency",
                        "RUB",
                        "source",
                        "repeat"))
                .post("/api/v1/deals")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("clientId"));
    }

    @Test
    void productLinesMakeTheAmountAndTermChangesCarryBeforeAndAfter() {
        UUID clientId = UUID.randomUUID();
        UUID managerId = RosterEvents.hire(kafka, TENANT);
        convertLead(kafka, TENANT, clientId, managerId);
        String product = asHead(TENANT)
                .body(Map.of(
                        "name",
                        "Licence " + UUID.randomUUID(),
                        "category",
                        "Licences",
                        "unit",
                        "licence",
                        "listPrice",
                        12000,
                        "currency",
                        "RUB"))
                .post("/api/v1/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        JsonPath deal = asIntegrator(TENANT)
                .body(Map.of(
                        "clientId",
                        clientId.toString(),
                        "managerId",
                        managerId.toString(),
                        "currency",
                        "RUB",
                        "source",
                        "repeat",
                        "lines",
                        List.of(Map.of("productId", product, "quantity", 3, "discountPercent", 10))))
                .post("/api/v1/deals")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(deal.getDouble("amount")).isEqualTo(32400.0);
        String dealId = deal.getString("id");

        asIntegrator(TENANT)
                .body(Map.of(
                        "version",
                        deal.getLong("version"),
                        "amount",
                        5,
                        "lines",
                        List.of(Map.of("productId", product, "quantity", 2))))
                .patch("/api/v1/deals/" + dealId)
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("amount"));
        asIntegrator(TENANT)
                .body(Map.of(
                        "version",
                        deal.getLong("version"),
                        "reason",
                        "client wants two",
                        "lines",
                        List.of(Map.of("productId", product, "quantity", 2))))
                .patch("/api/v1/deals/" + dealId)
                .then()
                .statusCode(200)
                .body("amount", equalTo(24000));

        List<JsonNode> updated = awaitDealEvents(kafka, dealId, "salespulse.deal.updated", 1);
        assertThat(updated).hasSize(1);
        JsonNode data = updated.get(0).get("data");
        assertThat(data.get("before").get("amount").decimalValue()).isEqualByComparingTo("32400");
        assertThat(data.get("after").get("amount").decimalValue()).isEqualByComparingTo("24000");
        assertThat(data.get("after").get("lines").get(0).get("category").asText())
                .isEqualTo("Licences");
        assertThat(data.get("reason").asText()).isEqualTo("client wants two");
    }

    @Test
    void aDeactivatedProductCannotGoOnANewLineAndProductsCannotBeDeleted() {
        UUID clientId = UUID.randomUUID();
        UUID managerId = RosterEvents.hire(kafka, TENANT);
        convertLead(kafka, TENANT, clientId, managerId);
        String product = asHead(TENANT)
                .body(Map.of(
                        "name",
                        "Old box " + UUID.randomUUID(),
                        "category",
                        "Hardware",
                        "unit",
                        "pcs",
                        "listPrice",
                        500,
                        "currency",
                        "RUB"))
                .post("/api/v1/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        asHead(TENANT)
                .body(Map.of("reason", "discontinued"))
                .post("/api/v1/products/" + product + "/deactivate")
                .then()
                .statusCode(200)
                .body("active", equalTo(false));

        asIntegrator(TENANT)
                .body(Map.of(
                        "clientId",
                        clientId.toString(),
                        "managerId",
                        managerId.toString(),
                        "currency",
                        "RUB",
                        "source",
                        "repeat",
                        "lines",
                        List.of(Map.of("productId", product, "quantity", 1))))
                .post("/api/v1/deals")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("lines[0].productId"));
        asHead(TENANT).delete("/api/v1/products/" + product).then().statusCode(405);
        assertThat(awaitDealEvents(kafka, product, "salespulse.product.deactivated", 1))
                .hasSize(1);
    }

    private static JsonPath defaultPipeline() {
        List<Map<String, Object>> pipelines = asHead(TENANT)
                .get("/api/v1/pipelines")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.findAll { it.defaultPipeline }");
        assertThat(pipelines).hasSize(1);
        return asHead(TENANT)
                .get("/api/v1/pipelines/" + pipelines.get(0).get("id"))
                .then()
                .extract()
                .jsonPath();
    }
}
