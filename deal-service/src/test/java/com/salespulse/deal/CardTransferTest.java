package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asManager;
import static com.salespulse.deal.DealTestKit.awaitDealEvents;
import static com.salespulse.deal.DealTestKit.event;
import static com.salespulse.deal.DealTestKit.produce;
import static com.salespulse.deal.LeadEvents.convertLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.Topics;
import com.salespulse.contract.roster.CardTransferStarted;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A dismissed manager's open deals and open tasks follow the transfer started in lead-service. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class CardTransferTest {

    private static final String TENANT = "transfers";

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void everyOpenDealAndTaskOfTheManagerMovesRoundRobinAndTheTransferIsReadable() {
        UUID leaving = RosterEvents.hire(kafka, TENANT);
        UUID anna = UUID.randomUUID();
        UUID boris = UUID.randomUUID();
        // three open deals, oldest first, and a won one that stays with the leaving manager
        String first = convertLead(kafka, TENANT, UUID.randomUUID(), leaving);
        String second = convertLead(kafka, TENANT, UUID.randomUUID(), leaving);
        String third = convertLead(kafka, TENANT, UUID.randomUUID(), leaving);
        String closed = convertLead(kafka, TENANT, UUID.randomUUID(), leaving);
        asHead(TENANT)
                .body(Map.of())
                .post("/api/v1/deals/" + closed + "/win")
                .then()
                .statusCode(200);
        String taskOnSecond = task("DEAL", second, leaving);
        String taskOnLead = task("LEAD", LeadEvents.leadTakenIn(kafka, TENANT).toString(), leaving);
        String doneTask = task("DEAL", first, leaving);
        asHead(TENANT)
                .body(Map.of("outcome", "called"))
                .post("/api/v1/tasks/" + doneTask + "/complete")
                .then()
                .statusCode(200);

        UUID transferId = UUID.randomUUID();
        CardTransferStarted started =
                new CardTransferStarted(transferId, leaving, List.of(anna, boris), "NAMED", "dismissal", Instant.now());
        produce(kafka, Topics.ROSTER_EVENTS, transferId, event(TENANT, started));

        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        asHead(TENANT).get("/api/v1/transfers/" + transferId).statusCode() == 200);
        JsonPath transfer = asHead(TENANT)
                .get("/api/v1/transfers/" + transferId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(transfer.getList("moved.cardId", String.class))
                .containsExactly(first, second, third, taskOnSecond, taskOnLead);
        assertThat(transfer.getList("failed")).isEmpty();

        // oldest deal first, in turn; the task on a deal follows its deal; the lead's task continues the rotation
        assertOwner(first, anna);
        assertOwner(second, boris);
        assertOwner(third, anna);
        assertOwner(closed, leaving);
        asHead(TENANT).get("/api/v1/tasks/" + taskOnSecond).then().body("assigneeId", equalTo(boris.toString()));
        asHead(TENANT).get("/api/v1/tasks/" + taskOnLead).then().body("assigneeId", equalTo(boris.toString()));
        asHead(TENANT).get("/api/v1/tasks/" + doneTask).then().body("assigneeId", equalTo(leaving.toString()));
        asManager(TENANT, leaving)
                .queryParam("status", "OPEN")
                .get("/api/v1/deals")
                .then()
                .body("total", equalTo(0));
        asManager(TENANT, leaving)
                .queryParam("status", "OPEN")
                .get("/api/v1/tasks")
                .then()
                .body("total", equalTo(0));

        List<JsonNode> reassigned = awaitDealEvents(kafka, second, "salespulse.deal.reassigned", 1);
        assertThat(reassigned).hasSize(1);
        assertThat(reassigned.get(0).get("data").get("transferId").asText()).isEqualTo(transferId.toString());
        assertThat(reassigned.get(0).get("data").get("fromManagerId").asText()).isEqualTo(leaving.toString());
        List<JsonNode> taskMoved = awaitDealEvents(kafka, taskOnLead, "salespulse.task.reassigned", 1);
        assertThat(taskMoved).hasSize(1);
        assertThat(taskMoved.get(0).get("data").get("transferId").asText()).isEqualTo(transferId.toString());
        List<JsonNode> report = awaitDealEvents(kafka, transferId.toString(), "salespulse.deal.cards-transferred", 1);
        assertThat(report).hasSize(1);
        assertThat(report.get(0).get("data").get("moved")).hasSize(5);
    }

    @Test
    void theSameTransferDeliveredAgainUnderANewEventIdMovesNothingTwice() {
        UUID leaving = UUID.randomUUID();
        UUID receiver = UUID.randomUUID();
        String deal = convertLead(kafka, TENANT, UUID.randomUUID(), leaving);
        UUID transferId = UUID.randomUUID();
        CardTransferStarted started =
                new CardTransferStarted(transferId, leaving, List.of(receiver), "RULE", null, Instant.now());

        produce(kafka, Topics.ROSTER_EVENTS, transferId, event(TENANT, started), event(TENANT, started));

        List<JsonNode> reports = awaitDealEvents(kafka, transferId.toString(), "salespulse.deal.cards-transferred", 1);
        assertThat(reports).hasSize(1);
        assertOwner(deal, receiver);
        assertThat(awaitDealEvents(kafka, deal, "salespulse.deal.reassigned", 1))
                .hasSize(1);
    }

    @Test
    void aTransferWithNoReceiverButTheLeavingManagerReportsEveryCardAsFailed() {
        UUID leaving = UUID.randomUUID();
        String deal = convertLead(kafka, TENANT, UUID.randomUUID(), leaving);
        UUID transferId = UUID.randomUUID();
        produce(
                kafka,
                Topics.ROSTER_EVENTS,
                transferId,
                event(
                        TENANT,
                        new CardTransferStarted(
                                transferId, leaving, List.of(leaving), "NAMED", "dismissal", Instant.now())));

        JsonNode report = awaitDealEvents(kafka, transferId.toString(), "salespulse.deal.cards-transferred", 1)
                .get(0);
        assertThat(report.get("data").get("moved")).isEmpty();
        assertThat(report.get("data").get("failed").get(0).get("cardId").asText())
                .isEqualTo(deal);
        assertOwner(deal, leaving);
    }

    @Test
    void aTransferOfADismissalInThePastMovesEachCardAtTheDismissalsTimeOrAtItsLaterLastChange() {
        UUID leaving = RosterEvents.hire(kafka, TENANT);
        UUID receiver = UUID.randomUUID();
        Instant convertedAt = Instant.parse("2024-03-01T09:00:00Z");
        String quiet = convertedDeal(leaving, convertedAt);
        String busy = convertedDeal(leaving, convertedAt);
        String second = asHead(TENANT)
                .get("/api/v1/pipelines")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("items.find { it.defaultPipeline }.stages[1].id");
        asHead(TENANT)
                .body(Map.of("stageId", second, "occurredAt", "2024-07-01T09:00:00Z"))
                .post("/api/v1/deals/" + busy + "/stage")
                .then()
                .statusCode(200);
        String callBack = asHead(TENANT)
                .body(Map.of(
                        "cardType",
                        "DEAL",
                        "cardId",
                        quiet,
                        "type",
                        "CALL",
                        "title",
                        "call back",
                        "assigneeId",
                        leaving.toString(),
                        "dueAt",
                        "2024-03-05T09:00:00Z",
                        "occurredAt",
                        "2024-03-02T09:00:00Z"))
                .post("/api/v1/tasks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        UUID transferId = UUID.randomUUID();
        produce(
                kafka,
                Topics.ROSTER_EVENTS,
                transferId,
                event(
                        TENANT,
                        new CardTransferStarted(
                                transferId,
                                leaving,
                                List.of(receiver),
                                "NAMED",
                                "dismissal",
                                Instant.parse("2024-06-01T09:00:00Z"))));

        JsonNode report = awaitDealEvents(kafka, transferId.toString(), "salespulse.deal.cards-transferred", 1)
                .get(0);
        assertThat(report.get("data").get("moved")).hasSize(3);
        assertThat(report.get("data").get("completedAt").asText()).isEqualTo("2024-07-01T09:00:00Z");
        assertThat(reassignedAt(quiet, "salespulse.deal.reassigned")).isEqualTo("2024-06-01T09:00:00Z");
        assertThat(reassignedAt(busy, "salespulse.deal.reassigned")).isEqualTo("2024-07-01T09:00:00Z");
        assertThat(reassignedAt(callBack, "salespulse.task.reassigned")).isEqualTo("2024-06-01T09:00:00Z");
        assertOwner(quiet, receiver);
        asHead(TENANT)
                .get("/api/v1/transfers/" + transferId)
                .then()
                .statusCode(200)
                .body("startedAt", equalTo("2024-06-01T09:00:00Z"));
        // the deal's history goes on with its new owner after the dismissal, in time order
        asHead(TENANT)
                .body(Map.of("stageId", second, "occurredAt", "2024-06-02T09:00:00Z"))
                .post("/api/v1/deals/" + quiet + "/stage")
                .then()
                .statusCode(200);
    }

    private String convertedDeal(UUID managerId, Instant convertedAt) {
        UUID client = UUID.randomUUID();
        UUID lead = UUID.randomUUID();
        produce(
                kafka,
                Topics.LEAD_EVENTS,
                lead,
                event(
                        TENANT,
                        LeadEvents.conversion(
                                lead, client, managerId, "Client", new BigDecimal("50000"), convertedAt, null)));
        return DealTestKit.awaitDealOfClient(TENANT, client, 1).get(0);
    }

    private String reassignedAt(String card, String type) {
        return awaitDealEvents(kafka, card, type, 1)
                .get(0)
                .get("data")
                .get("reassignedAt")
                .asText();
    }

    @Test
    void aRetriedTransferMovesNothingAgainAndIsAnsweredOnceMore() {
        UUID leaving = RosterEvents.hire(kafka, TENANT);
        UUID anna = UUID.randomUUID();
        String deal = convertLead(kafka, TENANT, UUID.randomUUID(), leaving);
        UUID transferId = UUID.randomUUID();
        Instant startedAt = Instant.now();
        UUID first = UUID.randomUUID();
        produce(
                kafka,
                Topics.ROSTER_EVENTS,
                transferId,
                event(
                        TENANT,
                        first,
                        new CardTransferStarted(transferId, leaving, List.of(anna), "NAMED", "dismissal", startedAt)));
        RosterEvents.awaitApplied(List.of(first));
        // lead-service never heard the answer: the head retries, and the same retry arrives twice (two event ids)
        CardTransferStarted retry =
                new CardTransferStarted(transferId, leaving, List.of(anna), "NAMED", "dismissal", startedAt, 2);
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        produce(kafka, Topics.ROSTER_EVENTS, transferId, event(TENANT, second, retry), event(TENANT, third, retry));
        RosterEvents.awaitApplied(List.of(second, third));

        assertOwner(deal, anna);
        assertThat(awaitDealEvents(kafka, deal, "salespulse.deal.reassigned", 1))
                .hasSize(1);
        List<JsonNode> answers = awaitDealEvents(kafka, transferId.toString(), "salespulse.deal.cards-transferred", 3);
        assertThat(answers).hasSize(3);
        for (JsonNode answer : answers) {
            assertThat(answer.get("data").get("moved")).hasSize(1);
            assertThat(answer.get("data").get("moved").get(0).get("cardId").asText())
                    .isEqualTo(deal);
        }
    }

    private static void assertOwner(String dealId, UUID managerId) {
        asHead(TENANT)
                .get("/api/v1/deals/" + dealId)
                .then()
                .statusCode(200)
                .body("managerId", equalTo(managerId.toString()));
    }

    private static String task(String cardType, String cardId, UUID assignee) {
        return asHead(TENANT)
                .body(Map.of(
                        "cardType",
                        cardType,
                        "cardId",
                        cardId,
                        "type",
                        "CALL",
                        "title",
                        "call back",
                        "assigneeId",
                        assignee.toString(),
                        "dueAt",
                        Instant.now().plusSeconds(86_400).toString()))
                .post("/api/v1/tasks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
