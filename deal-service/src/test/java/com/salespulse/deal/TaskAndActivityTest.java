package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asManager;
import static com.salespulse.deal.DealTestKit.awaitDealEvents;
import static com.salespulse.deal.LeadEvents.convertLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tasks on cards (rescheduled, completed, cancelled) and touches with clients, each with exactly one event. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TaskAndActivityTest {

    private static final String TENANT = "tasks";

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aTaskPushedTwiceCountsItsReschedulesAndIsCompletedOnceWithAnOutcome() {
        UUID manager = RosterEvents.hire(kafka, TENANT);
        String deal = convertLead(kafka, TENANT, UUID.randomUUID(), manager);
        Instant due = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String task = asManager(TENANT, manager)
                .body(Map.of(
                        "cardType",
                        "DEAL",
                        "cardId",
                        deal,
                        "type",
                        "CALL",
                        "title",
                        "Call about the offer",
                        "dueAt",
                        due.toString()))
                .post("/api/v1/tasks")
                .then()
                .statusCode(201)
                .body("assigneeId", equalTo(manager.toString()))
                .body("status", equalTo("OPEN"))
                .extract()
                .path("id");

        asManager(TENANT, manager)
                .body(Map.of("dueAt", due.plus(1, ChronoUnit.DAYS).toString(), "reason", "client away"))
                .post("/api/v1/tasks/" + task + "/reschedule")
                .then()
                .statusCode(200)
                .body("rescheduleCount", equalTo(1));
        asManager(TENANT, manager)
                .body(Map.of("dueAt", due.plus(2, ChronoUnit.DAYS).toString()))
                .post("/api/v1/tasks/" + task + "/reschedule")
                .then()
                .statusCode(200)
                .body("rescheduleCount", equalTo(2));
        asManager(TENANT, manager)
                .body(Map.of())
                .post("/api/v1/tasks/" + task + "/complete")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("outcome"));
        asManager(TENANT, manager)
                .body(Map.of("outcome", "agreed to a demo"))
                .post("/api/v1/tasks/" + task + "/complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("DONE"))
                .body("outcome", equalTo("agreed to a demo"));
        asManager(TENANT, manager)
                .body(Map.of("outcome", "again"))
                .post("/api/v1/tasks/" + task + "/complete")
                .then()
                .statusCode(409);

        assertThat(awaitDealEvents(kafka, task, "salespulse.task.created", 1)).hasSize(1);
        List<JsonNode> rescheduled = awaitDealEvents(kafka, task, "salespulse.task.rescheduled", 2);
        assertThat(rescheduled).hasSize(2);
        JsonNode second = rescheduled.get(1).get("data");
        assertThat(second.get("rescheduleCount").asInt()).isEqualTo(2);
        assertThat(Instant.parse(second.get("dueBefore").asText())).isEqualTo(due.plus(1, ChronoUnit.DAYS));
        assertThat(Instant.parse(second.get("dueAfter").asText())).isEqualTo(due.plus(2, ChronoUnit.DAYS));
        assertThat(second.get("cardType").asText()).isEqualTo("DEAL");
        List<JsonNode> completed = awaitDealEvents(kafka, task, "salespulse.task.completed", 1);
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).get("data").get("outcome").asText()).isEqualTo("agreed to a demo");
    }

    @Test
    void anOpenTaskPastDueIsOverdueAndCanBeCancelled() {
        String task = asHead(TENANT)
                .body(Map.of(
                        "cardType",
                        "LEAD",
                        "cardId",
                        LeadEvents.leadTakenIn(kafka, TENANT).toString(),
                        "type",
                        "EMAIL",
                        "title",
                        "Send the price list",
                        "assigneeId",
                        RosterEvents.hire(kafka, TENANT).toString(),
                        "dueAt",
                        Instant.now().minus(1, ChronoUnit.HOURS).toString()))
                .post("/api/v1/tasks")
                .then()
                .statusCode(201)
                .body("overdue", equalTo(true))
                .extract()
                .path("id");

        asHead(TENANT)
                .body(Map.of("reason", "lead went cold"))
                .post("/api/v1/tasks/" + task + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("overdue", equalTo(false));
        JsonNode cancelled = awaitDealEvents(kafka, task, "salespulse.task.cancelled", 1)
                .get(0)
                .get("data");
        assertThat(cancelled.get("reason").asText()).isEqualTo("lead went cold");
    }

    @Test
    void aTaskOnADealNoOneCanSeeIsRefused() {
        asHead(TENANT)
                .body(Map.of(
                        "cardType",
                        "DEAL",
                        "cardId",
                        UUID.randomUUID().toString(),
                        "type",
                        "CALL",
                        "title",
                        "x",
                        "assigneeId",
                        UUID.randomUUID().toString(),
                        "dueAt",
                        Instant.now().toString()))
                .post("/api/v1/tasks")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("cardId"));
    }

    @Test
    void aTouchRecordsDiscountAndDoNotContactWithTheDealsClient() {
        UUID manager = RosterEvents.hire(kafka, TENANT);
        UUID client = UUID.randomUUID();
        String deal = convertLead(kafka, TENANT, client, manager);

        String activity = asManager(TENANT, manager)
                .body(Map.of(
                        "cardType",
                        "DEAL",
                        "cardId",
                        deal,
                        "type",
                        "CALL",
                        "direction",
                        "OUTBOUND",
                        "outcome",
                        "client annoyed",
                        "durationSeconds",
                        95,
                        "discountOfferedPercent",
                        15,
                        "doNotContact",
                        true))
                .post("/api/v1/activities")
                .then()
                .statusCode(201)
                .body("clientId", equalTo(client.toString()))
                .body("managerId", equalTo(manager.toString()))
                .extract()
                .path("id");
        asManager(TENANT, manager)
                .body(Map.of(
                        "cardType", "DEAL", "cardId", deal, "type", "FAX", "direction", "OUTBOUND", "outcome", "x"))
                .post("/api/v1/activities")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("type"));

        asManager(TENANT, manager)
                .queryParam("cardType", "DEAL")
                .queryParam("cardId", deal)
                .get("/api/v1/activities")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].doNotContact", equalTo(true));
        List<JsonNode> logged = awaitDealEvents(kafka, activity, "salespulse.activity.logged", 1);
        assertThat(logged).hasSize(1);
        JsonNode data = logged.get(0).get("data");
        assertThat(data.get("doNotContact").asBoolean()).isTrue();
        assertThat(data.get("discountOfferedPercent").decimalValue()).isEqualByComparingTo("15");
        assertThat(data.get("clientId").asText()).isEqualTo(client.toString());
        assertThat(data.get("durationSeconds").asInt()).isEqualTo(95);
    }
}
