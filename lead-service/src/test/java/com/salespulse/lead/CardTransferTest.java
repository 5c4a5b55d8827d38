package com.salespulse.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Dismissal and the card transfer: a tracked operation with its own id, lead-service's part and deal-service's. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class CardTransferTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void dismissingWithTransferToANamedManagerMovesEveryOpenLeadAndTheTransferRecordSaysSo() throws Exception {
        Roster roster = Roster.newTenant();
        String team = roster.team("Inbound");
        String leaving = roster.hire("Leaving Lena", 10, Roster.everyDay("00:00", "23:59"), team);
        String taker = roster.hire("Taking Tanya", 10, Roster.everyDay("00:00", "23:59"), team);
        List<String> open = List.of(
                roster.leadFor(leaving, "+7 913 000-00-01"),
                roster.leadFor(leaving, "+7 913 000-00-02"),
                roster.leadFor(leaving, "+7 913 000-00-03"));
        String rejected = roster.leadFor(leaving, "+7 913 000-00-04");
        roster.asHead()
                .body("{\"status\":\"REJECTED\",\"reasonCode\":\"junk\"}")
                .when()
                .post("/api/v1/leads/" + rejected + "/status")
                .then()
                .statusCode(200);

        String transferId = roster.asHead()
                .body("{\"cards\":\"TRANSFER_TO_NAMED\",\"toManagerIds\":[\"" + taker
                        + "\"],\"reason\":\"left the company\"}")
                .when()
                .post("/api/v1/managers/" + leaving + "/dismissal")
                .then()
                .statusCode(200)
                .body("manager.status", equalTo("DISMISSED"))
                .body("manager.openLeads", equalTo(0))
                .extract()
                .path("transferId");

        for (String lead : open) {
            assertThat(roster.managerOf(lead)).isEqualTo(taker);
        }
        assertThat(roster.managerOf(rejected)).isEqualTo(leaving);
        roster.asHead()
                .when()
                .get("/api/v1/transfers/" + transferId)
                .then()
                .statusCode(200)
                .body("fromManagerId", equalTo(leaving))
                .body("toManagerIds", equalTo(List.of(taker)))
                .body("mode", equalTo("NAMED"))
                .body("status", equalTo("IN_PROGRESS"))
                .body("leads.done", equalTo(true))
                .body("leads.moved", equalTo(3))
                .body("leads.failed", equalTo(0))
                .body("deals.done", equalTo(false))
                .body("items.cardId", equalTo(List.copyOf(new java.util.TreeSet<>(open))))
                .body("items.toManagerId", everyItem(equalTo(taker)));

        // the roster topic: dismissal, transfer started and lead-service's part, each once
        List<JsonNode> managerEvents = LeadEvents.events(kafka, Topics.ROSTER_EVENTS, leaving, 2);
        assertThat(LeadEvents.types(managerEvents))
                .containsExactly("salespulse.roster.manager-hired", "salespulse.roster.manager-dismissed");
        JsonNode dismissed = managerEvents.get(1);
        assertThat(dismissed.get("data").get("cardsDecision").asText()).isEqualTo("TRANSFER_TO_NAMED");
        assertThat(dismissed.get("data").get("transferId").asText()).isEqualTo(transferId);
        assertThat(dismissed.get("data").get("openLeadCount").asInt()).isEqualTo(3);
        assertThat(dismissed.get("data").get("statusBefore").asText()).isEqualTo("ACTIVE");
        List<JsonNode> transferEvents = LeadEvents.events(kafka, Topics.ROSTER_EVENTS, transferId, 2);
        assertThat(LeadEvents.types(transferEvents))
                .containsExactly("salespulse.roster.card-transfer-started", "salespulse.roster.lead-cards-transferred");
        assertThat(transferEvents.get(1).get("data").get("moved")).hasSize(3);
        // every moved lead: one lead.assigned naming the transfer
        for (String lead : open) {
            JsonNode assigned =
                    LeadEvents.events(kafka, Topics.LEAD_EVENTS, lead, 2).get(1).get("data");
            assertThat(assigned.get("transferId").asText()).isEqualTo(transferId);
            assertThat(assigned.get("fromManagerId").asText()).isEqualTo(leaving);
            assertThat(assigned.get("toManagerId").asText()).isEqualTo(taker);
            assertThat(assigned.get("trigger").asText()).isEqualTo("TRANSFER");
        }
    }

    @Test
    void dealServicesAnswerCompletesTheTransferOnceEvenWhenDeliveredTwice() throws Exception {
        Roster roster = Roster.newTenant();
        Roster.Transfer transfer = roster.transferOfOneLead("+7 913 100-00-01");
        String leaving = transfer.leaving();
        String taker = transfer.taker();
        String transferId = transfer.id();

        UUID deal = UUID.randomUUID();
        UUID lostDeal = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        DealCardsTransferred report = new DealCardsTransferred(
                UUID.fromString(transferId),
                UUID.fromString(leaving),
                List.of(
                        new DealCardsTransferred.MovedCard("DEAL", deal, UUID.fromString(taker)),
                        new DealCardsTransferred.MovedCard("TASK", task, UUID.fromString(taker))),
                List.of(new DealCardsTransferred.FailedCard("DEAL", lostDeal, "deal is locked by an approval")),
                Instant.now());
        byte[] event = new CloudEventCodec()
                .encode(
                        new EventMetadata(
                                UUID.randomUUID(),
                                URI.create("/salespulse/deal-service"),
                                Instant.now(),
                                roster.tenant,
                                "system:card-transfer"),
                        report);
        kafka.produce(String.class, byte[].class)
                .fromRecords(
                        new ProducerRecord<>(Topics.DEAL_EVENTS, transferId, event),
                        new ProducerRecord<>(Topics.DEAL_EVENTS, transferId, event))
                .awaitCompletion();

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> roster.asHead()
                        .when()
                        .get("/api/v1/transfers/" + transferId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("COMPLETED_WITH_FAILURES")));
        roster.asHead()
                .when()
                .get("/api/v1/transfers/" + transferId)
                .then()
                .body("leads.moved", equalTo(1))
                .body("deals.done", equalTo(true))
                .body("deals.moved", equalTo(1))
                .body("deals.failed", equalTo(1))
                .body("tasks.moved", equalTo(1))
                .body("items.find { it.cardId == '" + lostDeal + "' }.reason", equalTo("deal is locked by an approval"))
                .body("items.size()", equalTo(4));

        List<JsonNode> events = LeadEvents.events(kafka, Topics.ROSTER_EVENTS, transferId, 3);
        assertThat(LeadEvents.types(events))
                .containsExactly(
                        "salespulse.roster.card-transfer-started",
                        "salespulse.roster.lead-cards-transferred",
                        "salespulse.roster.card-transfer-completed");
        JsonNode completed = events.get(2).get("data");
        assertThat(completed.get("outcome").asText()).isEqualTo("COMPLETED_WITH_FAILURES");
        assertThat(completed.get("dealsFailed").asInt()).isEqualTo(1);
        assertThat(completed.get("tasksMoved").asInt()).isEqualTo(1);
    }

    @Test
    void cardsLeftWithTheHeadStayUntilATransferIsStartedByTheRule() {
        Roster roster = Roster.newTenant();
        String leaving = roster.hire("Leaving Luba", 10, Roster.everyDay("00:00", "23:59"));
        String a = roster.hire("Anna", 10, Roster.everyDay("00:00", "23:59"));
        String b = roster.hire("Boris", 10, Roster.everyDay("00:00", "23:59"));
        String first = roster.leadFor(leaving, "+7 913 200-00-01");
        String second = roster.leadFor(leaving, "+7 913 200-00-02");

        roster.asHead()
                .body("{\"cards\":\"LEAVE_WITH_HEAD\"}")
                .when()
                .post("/api/v1/managers/" + leaving + "/dismissal")
                .then()
                .statusCode(200)
                .body("transferId", equalTo(null));
        assertThat(roster.managerOf(first)).isEqualTo(leaving);

        String transferId = roster.asHead()
                .body("{\"fromManagerId\":\"" + leaving + "\",\"reason\":\"base handed over\"}")
                .when()
                .post("/api/v1/transfers")
                .then()
                .statusCode(201)
                .body("mode", equalTo("RULE"))
                .body("leads.moved", equalTo(2))
                .extract()
                .path("id");

        assertThat(List.of(roster.managerOf(first), roster.managerOf(second))).containsExactlyInAnyOrder(a, b);
        roster.asHead()
                .queryParam("fromManagerId", leaving)
                .when()
                .get("/api/v1/transfers")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(transferId)));
    }

    @Test
    void aTransferToADismissedOrUnknownManagerIsRefusedAndNothingMoves() {
        Roster roster = Roster.newTenant();
        String leaving = roster.hire("Leaving", 10, Roster.everyDay("00:00", "23:59"));
        String gone = roster.hire("Gone", 10, Roster.everyDay("00:00", "23:59"));
        roster.asHead()
                .body("{\"cards\":\"LEAVE_WITH_HEAD\"}")
                .when()
                .post("/api/v1/managers/" + gone + "/dismissal")
                .then()
                .statusCode(200);
        String lead = roster.leadFor(leaving, "+7 913 300-00-01");

        roster.asHead()
                .body("{\"cards\":\"TRANSFER_TO_NAMED\",\"toManagerIds\":[\"" + gone + "\"]}")
                .when()
                .post("/api/v1/managers/" + leaving + "/dismissal")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("toManagerIds[0]"));
        roster.asHead()
                .body("{\"cards\":\"TRANSFER_TO_NAMED\"}")
                .when()
                .post("/api/v1/managers/" + leaving + "/dismissal")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("toManagerIds"));

        roster.asHead().when().get("/api/v1/managers/" + leaving).then().body("status", equalTo("ACTIVE"));
        assertThat(roster.managerOf(lead)).isEqualTo(leaving);
    }
}
