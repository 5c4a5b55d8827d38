package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.awaitDealEvents;
import static com.salespulse.deal.LeadEvents.convertLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 20: an open deal archived with a reason and restored; a card snoozed until a moment and woken by hand. */
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
}
