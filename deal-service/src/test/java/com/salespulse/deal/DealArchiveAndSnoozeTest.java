package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asIntegrator;
import static com.salespulse.deal.DealTestKit.asManager;
import static com.salespulse.deal.DealTestKit.awaitAllDealEvents;
import static com.salespulse.deal.DealTestKit.awaitDealEvents;
import static com.salespulse.deal.DealTestKit.event;
import static com.salespulse.deal.DealTestKit.produce;
import static com.salespulse.deal.LeadEvents.convertLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.Topics;
import com.salespulse.contract.lead.LeadAssigned;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: an open deal archived with a reason and restored (out of the working list, refusing an integrator's
 * state meanwhile); a card snoozed until a moment and woken by hand, a lead by its current owner.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DealArchiveAndSnoozeTest {

    private static final String TENANT = "deal-archive-snooze";

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void anArchivedDealRefusesChangesUntilRestoredAndEachStepEmitsItsEvent() {
        String deal = convertLead(kafka, TENANT, UUID.randomUUID(), UUID.randomUUID());

        asHead(TENANT)
                .body(Map.of("reason", "client froze the budget"))
                .post("/api/v1/deals/" + deal + "/archive")
                .then()
                .statusCode(200)
                .body("archivedAt", notNullValue())
                .body("archiveReason", equalTo("client froze the budget"))
                .body("status", equalTo("OPEN"));
        // archived: a second archive and any other change are conflicts
        asHead(TENANT)
                .body(Map.of("reason", "again"))
                .post("/api/v1/deals/" + deal + "/archive")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        asHead(TENANT)
                .body(Map.of())
                .post("/api/v1/deals/" + deal + "/win")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        asHead(TENANT)
                .body(Map.of("reason", "budget is back"))
                .post("/api/v1/deals/" + deal + "/restore")
                .then()
                .statusCode(200)
                .body("archivedAt", nullValue())
                .body("archiveReason", nullValue());
        asHead(TENANT)
                .body(Map.of("reason", "again"))
                .post("/api/v1/deals/" + deal + "/restore")
                .then()
                .statusCode(409);

        List<JsonNode> archived = awaitDealEvents(kafka, deal, "salespulse.deal.archived", 1);
        List<JsonNode> restored = awaitDealEvents(kafka, deal, "salespulse.deal.restored", 1);
        assertThat(archived).hasSize(1);
        assertThat(archived.get(0).get("data").get("reason").asText()).isEqualTo("client froze the budget");
        assertThat(restored).hasSize(1);
        assertThat(restored.get(0).get("data").get("archivedAt").asText())
                .isEqualTo(archived.get(0).get("data").get("archivedAt").asText());
        assertThat(restored.get(0).get("data").get("reason").asText()).isEqualTo("budget is back");
    }

    @Test
    void archivingWithoutAReasonIsRefusedNamingTheFieldAndWritesNothing() {
        String deal = convertLead(kafka, TENANT, UUID.randomUUID(), UUID.randomUUID());

        asHead(TENANT)
                .body(Map.of("reason", "   "))
                .post("/api/v1/deals/" + deal + "/archive")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("reason"));

        asHead(TENANT).get("/api/v1/deals/" + deal).then().statusCode(200).body("archivedAt", nullValue());
    }

    @Test
    void aClosedDealCannotBeArchived() {
        String deal = convertLead(kafka, TENANT, UUID.randomUUID(), UUID.randomUUID());
        asHead(TENANT)
                .body(Map.of())
                .post("/api/v1/deals/" + deal + "/win")
                .then()
                .statusCode(200);

        asHead(TENANT)
                .body(Map.of("reason", "client froze the budget"))
                .post("/api/v1/deals/" + deal + "/archive")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        asHead(TENANT).get("/api/v1/deals/" + deal).then().body("archivedAt", nullValue());
    }

    @Test
    void aSnoozeInThePastOrWithoutAReasonIsRefusedNamingTheField() {
        String deal = convertLead(kafka, TENANT, UUID.randomUUID(), UUID.randomUUID());

        asHead(TENANT)
                .body(snooze(deal, Instant.now().minus(Duration.ofHours(1)), "client on holiday"))
                .post("/api/v1/snoozes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("until"));
        asHead(TENANT)
                .body(snooze(deal, Instant.now().plus(Duration.ofDays(3)), ""))
                .post("/api/v1/snoozes")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("reason"));

        asHead(TENANT).get("/api/v1/snoozes/" + deal).then().statusCode(404);
    }

    @Test
    void aSnoozedDealIsWokenByHandOnceAndEmitsBothEvents() {
        String deal = convertLead(kafka, TENANT, UUID.randomUUID(), UUID.randomUUID());
        Instant until = Instant.now().plus(Duration.ofDays(5));

        asHead(TENANT)
                .body(snooze(deal, until, "client on holiday"))
                .post("/api/v1/snoozes")
                .then()
                .statusCode(200)
                .body("snoozed", equalTo(true))
                .body("reason", equalTo("client on holiday"));
        asHead(TENANT).get("/api/v1/snoozes/" + deal).then().statusCode(200).body("snoozed", equalTo(true));

        asHead(TENANT).delete("/api/v1/snoozes/" + deal).then().statusCode(204);
        asHead(TENANT).delete("/api/v1/snoozes/" + deal).then().statusCode(404);

        List<JsonNode> snoozed = awaitDealEvents(kafka, deal, "salespulse.card.snoozed", 1);
        List<JsonNode> woken = awaitDealEvents(kafka, deal, "salespulse.card.unsnoozed", 1);
        assertThat(snoozed).hasSize(1);
        assertThat(Instant.parse(snoozed.get(0).get("data").get("snoozedUntil").asText()))
                .isEqualTo(until);
        assertThat(woken).hasSize(1);
    }

    @Test
    void aStagesRotLimitIsKeptAndCarriedByThePipelineEvent() {
        String pipeline = asHead(TENANT)
                .body(Map.of(
                        "name",
                        "Partners " + UUID.randomUUID(),
                        "stages",
                        List.of(
                                Map.of("name", "Intro", "probability", 20, "kind", "OPEN", "rotAfterDays", 14),
                                Map.of("name", "Signed", "probability", 100, "kind", "WON"),
                                Map.of("name", "Dropped", "probability", 0, "kind", "LOST"))))
                .post("/api/v1/pipelines")
                .then()
                .statusCode(201)
                .body("stages[0].rotAfterDays", equalTo(14))
                .body("stages[1].rotAfterDays", nullValue())
                .extract()
                .path("id");

        List<JsonNode> created = awaitDealEvents(kafka, pipeline, "salespulse.pipeline.created", 1);
        JsonNode stages = created.get(0).get("data").get("definition").get("stages");
        assertThat(stages.get(0).get("rotAfterDays").asInt()).isEqualTo(14);
    }

    private static Map<String, Object> snooze(String deal, Instant until, String reason) {
        return Map.of("cardType", "DEAL", "cardId", deal, "until", until.toString(), "reason", reason);
    }

    @Test
    void anArchivedDealLeavesTheWorkingListAndRefusesAnIntegratorsChangeUntilRestored() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID client = clientCreated(tenant);
        Instant opened = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String kept = put(tenant, "D-KEPT", state(client, manager, 20000, opened), 201);
        String archived = put(tenant, "D-ARCH", state(client, manager, 10000, opened), 201);
        asHead(tenant)
                .body(Map.of("reason", "client froze the budget"))
                .post("/api/v1/deals/" + archived + "/archive")
                .then()
                .statusCode(200);

        // two deals: the working list has the other one, the archive this one, and nothing has both
        assertThat(listed(tenant, null)).containsExactly(kept);
        assertThat(listed(tenant, "false")).containsExactly(kept);
        assertThat(listed(tenant, "true")).containsExactly(archived);
        asHead(tenant)
                .queryParam("archived", "maybe")
                .get("/api/v1/deals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("archived"));

        // a new amount while archived: refused, the deal untouched; the state it has: a repeat, 200
        asIntegrator(tenant)
                .body(state(client, manager, 15000, Instant.now().minusSeconds(5)))
                .put("/api/v1/deals/by-ref/amocrm/D-ARCH")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("archived"));
        asIntegrator(tenant)
                .body(state(client, manager, 10000, opened))
                .put("/api/v1/deals/by-ref/amocrm/D-ARCH")
                .then()
                .statusCode(200)
                .body("amount", equalTo(10000));
        asHead(tenant)
                .get("/api/v1/deals/" + archived)
                .then()
                .body("amount", equalTo(10000))
                .body("archivedAt", notNullValue());

        asHead(tenant)
                .body(Map.of("reason", "budget is back"))
                .post("/api/v1/deals/" + archived + "/restore")
                .then()
                .statusCode(200);
        asIntegrator(tenant)
                .body(state(client, manager, 15000, Instant.now()))
                .put("/api/v1/deals/by-ref/amocrm/D-ARCH")
                .then()
                .statusCode(200)
                .body("amount", equalTo(15000));
        assertThat(listed(tenant, null)).containsExactlyInAnyOrder(kept, archived);
        assertThat(listed(tenant, "true")).isEmpty();
        // the refused change emitted nothing: opened, archived, restored, then the one update
        assertThat(awaitAllDealEvents(kafka, archived, 4).stream()
                        .map(e -> e.get("type").asText())
                        .toList())
                .containsExactly(
                        "salespulse.deal.opened",
                        "salespulse.deal.archived",
                        "salespulse.deal.restored",
                        "salespulse.deal.updated");
    }

    @Test
    void aManagerSnoozesTheLeadTheyOwnNowAndNotOneTheyNoLongerOwn() {
        String tenant = TestTenants.fresh();
        UUID anna = UUID.randomUUID();
        UUID boris = UUID.randomUUID();
        RosterEvents.hire(kafka, tenant, anna, boris);
        UUID lead = UUID.randomUUID();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        // taken in for Anna, then given to Boris (version 1); the same assignment delivered twice, then a late
        // assignment of an older version back to Anna that must not win
        LeadAssigned toBoris = assigned(lead, anna, boris, 1, at.plusSeconds(60));
        UUID created = UUID.randomUUID();
        UUID handOver = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        produce(
                kafka,
                Topics.LEAD_EVENTS,
                lead,
                event(tenant, created, new LeadCreated(lead, "website", anna, "Vera", null, null, at)),
                event(tenant, handOver, toBoris),
                event(tenant, handOver, toBoris),
                event(tenant, late, assigned(lead, null, anna, 0, at)));
        RosterEvents.awaitApplied(List.of(created, handOver, late));
        Instant until = Instant.now().plus(Duration.ofDays(2));

        asManager(tenant, anna)
                .body(snoozeLead(lead, until))
                .post("/api/v1/snoozes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("cardId"));
        asManager(tenant, boris)
                .body(snoozeLead(lead, until))
                .post("/api/v1/snoozes")
                .then()
                .statusCode(200)
                .body("snoozed", equalTo(true));
        asManager(tenant, anna).get("/api/v1/snoozes/" + lead).then().statusCode(404);
        asManager(tenant, anna).delete("/api/v1/snoozes/" + lead).then().statusCode(404);
        asManager(tenant, boris).get("/api/v1/snoozes/" + lead).then().statusCode(200);

        // given back to Anna (version 2): now hers to wake, no longer Boris's
        UUID back = UUID.randomUUID();
        produce(kafka, Topics.LEAD_EVENTS, lead, event(tenant, back, assigned(lead, boris, anna, 2, Instant.now())));
        RosterEvents.awaitApplied(List.of(back));
        asManager(tenant, boris).delete("/api/v1/snoozes/" + lead).then().statusCode(404);
        asManager(tenant, anna).delete("/api/v1/snoozes/" + lead).then().statusCode(204);
    }

    private UUID clientCreated(String tenant) {
        UUID client = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        produce(
                kafka,
                Topics.LEAD_EVENTS,
                client,
                event(
                        tenant,
                        eventId,
                        LeadEvents.clientCreated(client, null, Instant.now().minus(Duration.ofDays(60)))));
        RosterEvents.awaitApplied(List.of(eventId));
        return client;
    }

    private static String put(String tenant, String externalId, Map<String, Object> state, int status) {
        return asIntegrator(tenant)
                .body(state)
                .put("/api/v1/deals/by-ref/amocrm/" + externalId)
                .then()
                .statusCode(status)
                .extract()
                .path("id");
    }

    private static Map<String, Object> state(UUID client, UUID manager, int amount, Instant at) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", client.toString());
        body.put("managerId", manager.toString());
        body.put("amount", amount);
        body.put("currency", "RUB");
        body.put("source", "amocrm");
        body.put("occurredAt", at.toString());
        return body;
    }

    private static List<String> listed(String tenant, String archived) {
        var request = asHead(tenant);
        if (archived != null) {
            request.queryParam("archived", archived);
        }
        return request.get("/api/v1/deals").then().statusCode(200).extract().path("items.id");
    }

    private static LeadAssigned assigned(UUID lead, UUID from, UUID to, long version, Instant at) {
        return new LeadAssigned(lead, from, null, to, null, "MANUAL", "REASSIGNMENT", "by hand", null, version, at);
    }

    private static Map<String, Object> snoozeLead(UUID lead, Instant until) {
        return Map.of("cardType", "LEAD", "cardId", lead.toString(), "until", until.toString(), "reason", "call back");
    }
}
