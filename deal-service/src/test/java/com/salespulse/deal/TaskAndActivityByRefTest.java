package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asIntegrator;
import static com.salespulse.deal.DealTestKit.awaitDealEvents;
import static com.salespulse.deal.LeadEvents.convertLead;
import static com.salespulse.deal.RosterReferencesTest.assertRefusedAndNothingWritten;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tasks and touches sent by reference, on a deal named by reference, with their business times and rules. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TaskAndActivityByRefTest {

    private static final Instant OPENED =
            Instant.now().minus(100, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aTaskSentTwiceIsOneTaskAndItsCompletionCarriesTheBusinessTime() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        dealByRef(tenant, manager, "D-1");
        Instant set = OPENED.plus(1, ChronoUnit.DAYS);
        Instant done = OPENED.plus(2, ChronoUnit.DAYS);

        String id = asIntegrator(tenant)
                .body(task("D-1", manager, "OPEN", set))
                .put("/api/v1/tasks/by-ref/amocrm/T-1")
                .then()
                .statusCode(201)
                .body(
                        "cardId",
                        equalTo(asHead(tenant)
                                .get("/api/v1/deals/by-ref/amocrm/D-1")
                                .then()
                                .extract()
                                .path("id")))
                .body("createdAt", equalTo(set.toString()))
                .body("externalId", equalTo("T-1"))
                .extract()
                .path("id");
        asIntegrator(tenant)
                .body(task("D-1", manager, "OPEN", set))
                .put("/api/v1/tasks/by-ref/amocrm/T-1")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        Map<String, Object> completed = task("D-1", manager, "DONE", done);
        completed.put("outcome", "signed");
        asIntegrator(tenant)
                .body(completed)
                .put("/api/v1/tasks/by-ref/amocrm/T-1")
                .then()
                .statusCode(200)
                .body("status", equalTo("DONE"))
                .body("closedAt", equalTo(done.toString()));
        asIntegrator(tenant)
                .get("/api/v1/tasks/by-ref/amocrm/T-1")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        asIntegrator(tenant).get("/api/v1/tasks/by-ref/amocrm/T-404").then().statusCode(404);

        List<JsonNode> events = DealTestKit.awaitAllDealEvents(kafka, id, 2);
        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly("salespulse.task.created", "salespulse.task.completed");
        assertThat(events.get(0).get("data").get("createdAt").asText()).isEqualTo(set.toString());
        assertThat(events.get(1).get("data").get("completedAt").asText()).isEqualTo(done.toString());
        assertThat(events.get(1).get("data").get("externalId").asText()).isEqualTo("T-1");
    }

    @Test
    void aTaskIsRefusedBeforeItsCardOpenedOrCompletedBeforeItWasSetOrLate() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        dealByRef(tenant, manager, "D-2");
        assertRefusedAndNothingWritten(
                tenant,
                "occurredAt",
                "before the deal was opened",
                () -> asIntegrator(tenant)
                        .body(task("D-2", manager, "OPEN", OPENED.minus(1, ChronoUnit.HOURS)))
                        .put("/api/v1/tasks/by-ref/amocrm/T-2"));
        String id = asIntegrator(tenant)
                .body(task("D-2", manager, "OPEN", OPENED.plus(5, ChronoUnit.DAYS)))
                .put("/api/v1/tasks/by-ref/amocrm/T-2")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertRefusedAndNothingWritten(
                tenant,
                "occurredAt",
                "before the task was created",
                () -> asIntegrator(tenant)
                        .body(Map.of(
                                "outcome",
                                "x",
                                "occurredAt",
                                OPENED.plus(4, ChronoUnit.DAYS).toString()))
                        .post("/api/v1/tasks/" + id + "/complete"));
        asIntegrator(tenant)
                .body(Map.of(
                        "dueAt",
                        "2030-01-01T10:00:00Z",
                        "occurredAt",
                        OPENED.plus(7, ChronoUnit.DAYS).toString()))
                .post("/api/v1/tasks/" + id + "/reschedule")
                .then()
                .statusCode(200);
        Map<String, Integer> rows = TenantRows.of(tenant);
        asIntegrator(tenant)
                .body(Map.of(
                        "reason",
                        "x",
                        "occurredAt",
                        OPENED.plus(6, ChronoUnit.DAYS).toString()))
                .post("/api/v1/tasks/" + id + "/cancel")
                .then()
                .statusCode(409)
                .body("type", endsWith("stale-change"))
                .body("invalidFields.field", hasItem("occurredAt"));
        assertThat(TenantRows.of(tenant)).isEqualTo(rows);
    }

    @Test
    void aTouchSentTwiceIsLoggedOnceAndADifferentOneUnderItsReferenceIsRefused() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        String deal = dealByRef(tenant, manager, "D-3");
        Map<String, Object> touch = new HashMap<>(Map.of(
                "cardType",
                "DEAL",
                "cardRef",
                ref("D-3"),
                "managerId",
                manager.toString(),
                "type",
                "CALL",
                "direction",
                "OUTBOUND",
                "outcome",
                "reached",
                "occurredAt",
                OPENED.plus(1, ChronoUnit.HOURS).toString()));

        String id = asIntegrator(tenant)
                .body(touch)
                .put("/api/v1/activities/by-ref/amocrm/N-1")
                .then()
                .statusCode(201)
                .body("cardId", equalTo(deal))
                .extract()
                .path("id");
        asIntegrator(tenant)
                .body(touch)
                .put("/api/v1/activities/by-ref/amocrm/N-1")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        asIntegrator(tenant)
                .get("/api/v1/activities/by-ref/amocrm/N-1")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        Map<String, Object> other = new HashMap<>(touch);
        other.put("outcome", "no answer");
        Map<String, Integer> rows = TenantRows.of(tenant);
        asIntegrator(tenant)
                .body(other)
                .put("/api/v1/activities/by-ref/amocrm/N-1")
                .then()
                .statusCode(409);
        assertThat(TenantRows.of(tenant)).isEqualTo(rows);
        Map<String, Object> early = new HashMap<>(touch);
        early.put("occurredAt", OPENED.minus(1, ChronoUnit.DAYS).toString());
        assertRefusedAndNothingWritten(
                tenant,
                "occurredAt",
                "before the deal was opened",
                () -> asIntegrator(tenant).body(early).put("/api/v1/activities/by-ref/amocrm/N-2"));

        assertThat(awaitDealEvents(kafka, id, "salespulse.activity.logged", 1))
                .hasSize(1)
                .allSatisfy(e ->
                        assertThat(e.get("data").get("externalId").asText()).isEqualTo("N-1"));
    }

    /** A deal put by reference, opened at OPENED, for a client lead-service created; returns its id. */
    private String dealByRef(String tenant, UUID manager, String ref) {
        UUID client = UUID.randomUUID();
        convertLead(kafka, tenant, client, manager);
        return asIntegrator(tenant)
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
                        "repeat",
                        "occurredAt",
                        OPENED.toString()))
                .put("/api/v1/deals/by-ref/amocrm/" + ref)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static Map<String, Object> task(String deal, UUID manager, String status, Instant at) {
        return new HashMap<>(Map.of(
                "cardType",
                "DEAL",
                "cardRef",
                ref(deal),
                "type",
                "CALL",
                "title",
                "Call back",
                "assigneeId",
                manager.toString(),
                "dueAt",
                "2030-01-01T09:00:00Z",
                "status",
                status,
                "occurredAt",
                at.toString()));
    }

    private static Map<String, String> ref(String id) {
        return Map.of("externalSystem", "amocrm", "externalId", id);
    }
}
