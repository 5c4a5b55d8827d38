package com.salespulse.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** new → in work → qualified → converted, or rejected with a reason; contact attempts; archive and restore. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LeadLifecycleTest {

    @Inject
    TestClock clock;

    @Inject
    StaleLeadArchiver staleRule;

    @InjectKafka
    KafkaCompanion kafka;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aLeadWalksFromNewToConvertedAndEveryStepEmitsOneEventWithBeforeAndAfter() throws Exception {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 10, Roster.everyDay("00:00", "23:59"));
        String lead = roster.leadFor(anna, "+7 912 700-00-01");

        move(roster, lead, "IN_WORK", null)
                .statusCode(200)
                .body("status", equalTo("IN_WORK"))
                .body("allowedStatuses", equalTo(List.of("QUALIFIED", "REJECTED")));
        move(roster, lead, "QUALIFIED", null).statusCode(200);
        String pipeline = UUID.randomUUID().toString();
        roster.asHead()
                .body("{\"pipelineId\":\"" + pipeline + "\",\"expectedAmount\":150000.00,\"currency\":\"RUB\"}")
                .when()
                .post("/api/v1/leads/" + lead + "/convert")
                .then()
                .statusCode(200)
                .body("status", equalTo("CONVERTED"))
                .body("allowedStatuses", equalTo(List.of()));

        List<JsonNode> events = LeadEvents.events(kafka, Topics.LEAD_EVENTS, lead, 4);
        assertThat(LeadEvents.types(events))
                .containsExactly(
                        "salespulse.lead.created",
                        "salespulse.lead.status-changed",
                        "salespulse.lead.status-changed",
                        "salespulse.lead.converted");
        assertThat(events.get(1).get("data").get("statusBefore").asText()).isEqualTo("NEW");
        assertThat(events.get(1).get("data").get("statusAfter").asText()).isEqualTo("IN_WORK");
        assertThat(events.get(2).get("data").get("statusBefore").asText()).isEqualTo("IN_WORK");
        assertThat(events.get(2).get("data").get("statusAfter").asText()).isEqualTo("QUALIFIED");
        JsonNode converted = events.get(3).get("data");
        assertThat(converted.get("statusBefore").asText()).isEqualTo("QUALIFIED");
        assertThat(converted.get("managerId").asText()).isEqualTo(anna);
        assertThat(converted.get("pipelineId").asText()).isEqualTo(pipeline);
        assertThat(converted.get("clientId").isNull()).isFalse();
        assertThat(converted.get("expectedAmount").decimalValue()).isEqualByComparingTo("150000.00");
        assertThat(converted.get("version").asLong()).isEqualTo(3);
        assertThat(events.get(3).get("actor").asText()).isEqualTo("user:head-of-sales");
    }

    @Test
    void aRejectionWithoutAReasonIsRefusedAndChangesNothing() {
        Roster roster = Roster.newTenant();
        String lead = roster.lead("+7 912 700-00-02");

        move(roster, lead, "REJECTED", null)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("reasonCode"));
        move(roster, lead, "REJECTED", "not-in-catalogue")
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("reasonCode"));
        roster.asHead()
                .when()
                .get("/api/v1/leads/" + lead)
                .then()
                .body("status", equalTo("NEW"))
                .body("version", equalTo(0));

        move(roster, lead, "REJECTED", "no_budget")
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("rejectionReason", equalTo("no_budget"));
    }

    @Test
    void anIllegalTransitionIs409ListingTheAllowedOnes() {
        Roster roster = Roster.newTenant();
        String lead = roster.lead("+7 912 700-00-03");

        move(roster, lead, "QUALIFIED", null)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:conflict"))
                .body("detail", equalTo("A lead in NEW cannot become QUALIFIED; allowed: IN_WORK, REJECTED"))
                .body("invalidFields[0].field", equalTo("status"));
        roster.asHead()
                .when()
                .post("/api/v1/leads/" + lead + "/convert")
                .then()
                .statusCode(409)
                .body("detail", equalTo("A lead in NEW cannot become CONVERTED; allowed: IN_WORK, REJECTED"));
    }

    @Test
    void theRejectionCatalogueHasRussianAndEnglishLabels() {
        Roster roster = Roster.newTenant();
        roster.asHead()
                .when()
                .get("/api/v1/rejection-reasons")
                .then()
                .statusCode(200)
                .body("code", hasItem("competitor"))
                .body("find { it.code == 'junk' }.labelRu", equalTo("Мусор / спам"))
                .body("find { it.code == 'junk' }.labelEn", equalTo("Junk or spam"));
    }

    @Test
    void aLeadBecomesUnreachedAtTheTenantsThresholdAndAReachedAttemptClearsIt() throws Exception {
        Roster roster = Roster.newTenant();
        roster.settings("{\"unreachedThreshold\":2}");
        String lead = roster.lead("+7 912 700-00-04");

        attempt(roster, lead, "NO_ANSWER").body("attemptNumber", equalTo(1));
        roster.asHead().when().get("/api/v1/leads/" + lead).then().body("unreached", equalTo(false));
        attempt(roster, lead, "BUSY");
        roster.asHead()
                .when()
                .get("/api/v1/leads/" + lead)
                .then()
                .body("unreached", equalTo(true))
                .body("failedAttempts", equalTo(2));
        attempt(roster, lead, "REACHED");
        roster.asHead().when().get("/api/v1/leads/" + lead).then().body("unreached", equalTo(false));

        List<JsonNode> events = LeadEvents.events(kafka, Topics.LEAD_EVENTS, lead, 4);
        assertThat(events).hasSize(4);
        JsonNode second = events.get(2).get("data");
        assertThat(second.get("outcome").asText()).isEqualTo("BUSY");
        assertThat(second.get("failedAttemptsBefore").asInt()).isEqualTo(1);
        assertThat(second.get("failedAttemptsAfter").asInt()).isEqualTo(2);
        assertThat(second.get("unreachedBefore").asBoolean()).isFalse();
        assertThat(second.get("unreachedAfter").asBoolean()).isTrue();
        assertThat(second.get("reachedUnreachedThreshold").asBoolean()).isTrue();
        assertThat(events.get(3).get("data").get("reachedUnreachedThreshold").asBoolean())
                .isFalse();
        assertThat(events.get(3).get("data").get("unreachedAfter").asBoolean()).isFalse();
    }

    @Test
    void anArchivedLeadLeavesTheWorkingListAndComesBackWhenRestored() {
        Roster roster = Roster.newTenant();
        String lead = roster.lead("+7 912 700-00-05");

        roster.asHead()
                .body("{\"reason\":\"client went silent\"}")
                .when()
                .post("/api/v1/leads/" + lead + "/archive")
                .then()
                .statusCode(200);
        roster.asHead().when().get("/api/v1/leads").then().body("items.id", not(hasItem(lead)));
        roster.asHead()
                .queryParam("archived", true)
                .when()
                .get("/api/v1/leads")
                .then()
                .body("items.id", hasItem(lead));
        move(roster, lead, "IN_WORK", null).statusCode(409);

        roster.asHead()
                .when()
                .post("/api/v1/leads/" + lead + "/restore")
                .then()
                .statusCode(200)
                .body("status", equalTo("NEW"));
        roster.asHead().when().get("/api/v1/leads").then().body("items.id", hasItem(lead));
    }

    @Test
    void theStaleRuleArchivesOpenLeadsUnchangedForTheTenantsDays() throws Exception {
        Roster roster = Roster.newTenant();
        roster.settings("{\"staleDays\":10}");
        Instant start = Instant.parse("2026-11-02T09:00:00Z");
        clock.set(start);
        String old = roster.lead("+7 912 700-00-06");
        clock.set(start.plus(Duration.ofDays(8)));
        String fresh = roster.lead("+7 912 700-00-07");
        String closed = roster.lead("+7 912 700-00-08");
        clock.set(start.plus(Duration.ofDays(9)));
        move(roster, closed, "REJECTED", "junk").statusCode(200);

        clock.set(start.plus(Duration.ofDays(11)));
        assertThat(staleRule.archiveAll()).isGreaterThanOrEqualTo(1);

        roster.asHead()
                .queryParam("archived", true)
                .when()
                .get("/api/v1/leads")
                .then()
                .body("items.id", equalTo(List.of(old)));
        JsonNode archived = LeadEvents.events(kafka, Topics.LEAD_EVENTS, old, 2).get(1);
        assertThat(archived.get("type").asText()).isEqualTo("salespulse.lead.archived");
        assertThat(archived.get("data").get("trigger").asText()).isEqualTo("STALE_RULE");
        assertThat(archived.get("actor").asText()).isEqualTo("system:stale-rule");
        assertThat(fresh).isNotNull();
    }

    @Test
    void theListFindsALeadBySearchTextInItsPhoneOrItsNameInAnyCase() {
        Roster roster = fiveLeadsAnHourApart();

        roster.asHead()
                .queryParam("q", "800-00-03")
                .when()
                .get("/api/v1/leads")
                .then()
                .body("total", equalTo(1))
                .body("items[0].clientName", equalTo("Client 3"));
        roster.asHead()
                .queryParam("q", "client 4")
                .when()
                .get("/api/v1/leads")
                .then()
                .body("total", equalTo(1));
    }

    @Test
    void theListFiltersBySourceAndByThePeriodTheLeadsCameIn() {
        Roster roster = fiveLeadsAnHourApart();

        roster.asHead()
                .queryParam("source", "call")
                .when()
                .get("/api/v1/leads")
                .then()
                .body("total", equalTo(2));
        roster.asHead()
                .queryParam("from", "2026-11-10T10:00:00Z")
                .queryParam("to", "2026-11-10T12:00:00Z")
                .when()
                .get("/api/v1/leads")
                .then()
                .body("items.clientName", equalTo(List.of("Client 2", "Client 1")));
    }

    @Test
    void anUnknownStatusOrAnUnreadableDateInTheListFilterIsA400NamingTheParameter() {
        Roster roster = fiveLeadsAnHourApart();

        roster.asHead()
                .queryParam("status", "SOLD")
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("status"));
        roster.asHead()
                .queryParam("from", "yesterday")
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("from"));
    }

    @Test
    void theListPagesNewestFirstWithoutGapsOrRepeats() {
        Roster roster = fiveLeadsAnHourApart();

        assertThat(page(roster, 0)).containsExactly("Client 4", "Client 3");
        assertThat(page(roster, 1)).containsExactly("Client 2", "Client 1");
        assertThat(page(roster, 2)).containsExactly("Client 0");
    }

    /** Clients 0 to 4 from 2026-11-10 09:00 UTC an hour apart; the even ones from the website, the odd ones calls. */
    private Roster fiveLeadsAnHourApart() {
        Roster roster = Roster.newTenant();
        Instant start = Instant.parse("2026-11-10T09:00:00Z");
        for (int i = 0; i < 5; i++) {
            clock.set(start.plus(Duration.ofHours(i)));
            roster.asHead()
                    .body("{\"source\":\"" + (i % 2 == 0 ? "website" : "call") + "\",\"clientName\":\"Client " + i
                            + "\",\"phone\":\"+7 912 800-00-0" + i + "\"}")
                    .when()
                    .post("/api/v1/leads")
                    .then()
                    .statusCode(201);
        }
        return roster;
    }

    private static List<String> page(Roster roster, int page) {
        return roster.asHead()
                .queryParam("size", 2)
                .queryParam("page", page)
                .when()
                .get("/api/v1/leads")
                .then()
                .extract()
                .path("items.clientName");
    }

    @Test
    void aManagerMovesOnlyTheirOwnLeads() {
        Roster roster = Roster.newTenant();
        UUID anna = UUID.randomUUID();
        roster.hire(anna, "Anna");
        String other = roster.leadFor(roster.hire("Boris", 10, Roster.everyDay("00:00", "23:59")), "+7 912 700-00-10");

        io.restassured.RestAssured.given()
                .auth()
                .oauth2(TestTokens.manager(roster.tenant, anna))
                .contentType(ContentType.JSON)
                .body("{\"status\":\"IN_WORK\"}")
                .when()
                .post("/api/v1/leads/" + other + "/status")
                .then()
                .statusCode(404);
        roster.asHead().when().get("/api/v1/leads/" + other).then().body("status", equalTo("NEW"));
    }

    private static io.restassured.response.ValidatableResponse move(
            Roster roster, String lead, String status, String reason) {
        String reasonJson = reason == null ? "" : ",\"reasonCode\":\"" + reason + "\"";
        return roster.asHead()
                .body("{\"status\":\"" + status + "\"" + reasonJson + "}")
                .when()
                .post("/api/v1/leads/" + lead + "/status")
                .then();
    }

    private static io.restassured.response.ValidatableResponse attempt(Roster roster, String lead, String outcome) {
        return roster.asHead()
                .body("{\"outcome\":\"" + outcome + "\"}")
                .when()
                .post("/api/v1/leads/" + lead + "/contact-attempts")
                .then()
                .statusCode(201);
    }
}
