package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.lead.transfer.TransferTimeouts;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A card transfer whose deal part never arrives (deal-service is not running here: its answer is withheld) times out
 * after salespulse.transfer.deal-part-timeout (15 minutes), and the head of sales retries it with the same id.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TransferTimeoutTest {

    /** Tuesday 1 December 2026, 09:00 UTC: when the dismissal starts the transfer. */
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @Inject
    TestClock clock;

    @Inject
    TransferTimeouts timeouts;

    @InjectKafka
    KafkaCompanion kafka;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aTransferWithoutItsDealPartTimesOutAndARetryResendsItWithTheSameId() throws Exception {
        clock.set(T0);
        Roster roster = Roster.newTenant();
        Roster.Transfer transfer = roster.transferOfOneLead("+7 913 200-00-01");
        String leaving = transfer.leaving();
        String taker = transfer.taker();
        String transferId = transfer.id();

        // 14 min 59 s after the request: still waiting
        clock.set(T0.plus(Duration.ofMinutes(15)).minusSeconds(1));
        timeouts.timeOutAll();
        transfer(roster, transferId).body("status", equalTo("IN_PROGRESS")).body("attempts", equalTo(1));

        // 15 min 1 s: timed out, with the reason; the leads stay moved
        Instant timedOutAt = T0.plus(Duration.ofMinutes(15)).plusSeconds(1);
        clock.set(timedOutAt);
        timeouts.timeOutAll();
        transfer(roster, transferId)
                .body("status", equalTo("TIMED_OUT"))
                .body("statusReason", containsString("within PT15M"))
                .body("timedOutAt", equalTo(timedOutAt.toString()))
                .body("leads.moved", equalTo(1))
                .body("deals.done", equalTo(false));

        // only the head retries; five minutes later the request goes out again, attempt 2
        given().auth()
                .oauth2(TestTokens.manager(roster.tenant, UUID.fromString(taker)))
                .contentType(ContentType.JSON)
                .post("/api/v1/transfers/" + transferId + "/retry")
                .then()
                .statusCode(403);
        Instant retriedAt = T0.plus(Duration.ofMinutes(20));
        clock.set(retriedAt);
        roster.asHead()
                .post("/api/v1/transfers/" + transferId + "/retry")
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("attempts", equalTo(2))
                .body("requestedAt", equalTo(retriedAt.toString()))
                .body("timedOutAt", nullValue())
                .body("statusReason", nullValue());
        // in progress again: nothing to retry
        roster.asHead()
                .post("/api/v1/transfers/" + transferId + "/retry")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        List<JsonNode> events = LeadEvents.events(kafka, Topics.ROSTER_EVENTS, transferId, 3);
        assertThat(LeadEvents.types(events))
                .containsExactly(
                        "salespulse.roster.card-transfer-started",
                        "salespulse.roster.lead-cards-transferred",
                        "salespulse.roster.card-transfer-started");
        JsonNode resent = events.get(2).get("data");
        assertThat(resent.get("transferId").asText()).isEqualTo(transferId);
        assertThat(resent.get("attempt").asInt()).isEqualTo(2);
        assertThat(resent.get("startedAt").asText())
                .isEqualTo(events.get(0).get("data").get("startedAt").asText());

        // deal-service's answer to the retry completes the transfer
        DealCardsTransferred report = new DealCardsTransferred(
                UUID.fromString(transferId),
                UUID.fromString(leaving),
                List.of(new DealCardsTransferred.MovedCard("DEAL", UUID.randomUUID(), UUID.fromString(taker))),
                List.of(),
                T0);
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
                .fromRecords(new ProducerRecord<>(Topics.DEAL_EVENTS, transferId, event))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> transfer(roster, transferId).body("status", equalTo("COMPLETED")));
        transfer(roster, transferId).body("deals.moved", equalTo(1)).body("attempts", equalTo(2));
    }

    private static io.restassured.response.ValidatableResponse transfer(Roster roster, String transferId) {
        return roster.asHead()
                .when()
                .get("/api/v1/transfers/" + transferId)
                .then()
                .statusCode(200);
    }
}
