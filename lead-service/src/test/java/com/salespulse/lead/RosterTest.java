package com.salespulse.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The roster and the tenant settings: every change emits exactly one event with the values before and after. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RosterTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void hiringAndUpdatingAManagerEmitsOneEventEachWithTheProfileBeforeAndAfter() throws Exception {
        Roster roster = Roster.newTenant();
        String inbound = roster.team("Inbound");
        String outbound = roster.team("Outbound");
        String anna = roster.hire("Anna", 20, "[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"18:00\"}]", inbound);

        roster.asHead()
                .body("{\"version\":0,\"teamId\":\"" + outbound + "\",\"capacity\":25,\"shifts\":"
                        + "[{\"day\":\"MONDAY\",\"start\":\"14:00\",\"end\":\"23:00\"}]}")
                .when()
                .patch("/api/v1/managers/" + anna)
                .then()
                .statusCode(200)
                .body("capacity", equalTo(25))
                .body("teamId", equalTo(outbound))
                .body("version", equalTo(1));
        // the same values again: nothing changes, nothing is emitted
        roster.asHead()
                .body("{\"version\":1,\"capacity\":25}")
                .when()
                .patch("/api/v1/managers/" + anna)
                .then()
                .statusCode(200)
                .body("version", equalTo(1));
        // a stale version is a conflict
        roster.asHead()
                .body("{\"version\":0,\"capacity\":30}")
                .when()
                .patch("/api/v1/managers/" + anna)
                .then()
                .statusCode(409);

        List<JsonNode> events = LeadEvents.events(kafka, Topics.ROSTER_EVENTS, anna, 2);
        assertThat(LeadEvents.types(events))
                .containsExactly("salespulse.roster.manager-hired", "salespulse.roster.manager-updated");
        JsonNode hired = events.get(0).get("data").get("profile");
        assertThat(hired.get("timeZone").asText()).isEqualTo("Europe/Moscow");
        assertThat(hired.get("shifts").get(0).get("start").asText()).isEqualTo("09:00:00");
        JsonNode updated = events.get(1).get("data");
        assertThat(updated.get("before").get("capacity").asInt()).isEqualTo(20);
        assertThat(updated.get("after").get("capacity").asInt()).isEqualTo(25);
        assertThat(updated.get("before").get("teamId").asText()).isEqualTo(inbound);
        assertThat(updated.get("after").get("teamId").asText()).isEqualTo(outbound);
        assertThat(updated.get("after").get("shifts").get(0).get("end").asText())
                .isEqualTo("23:00:00");
        assertThat(events.get(1).get("actor").asText()).isEqualTo("user:head-of-sales");
    }

    @Test
    void anAbsenceIsSetAndClearedWithOneEventEach() throws Exception {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 20, Roster.everyDay("09:00", "18:00"));
        String absence = roster.asHead()
                .body("{\"kind\":\"SICK_LEAVE\",\"from\":\"2020-01-01T00:00:00Z\",\"to\":\"2099-01-01T00:00:00Z\"}")
                .when()
                .post("/api/v1/managers/" + anna + "/absences")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        roster.asHead().when().get("/api/v1/managers/" + anna).then().body("status", equalTo("ABSENT"));
        roster.asHead()
                .body("{\"kind\":\"VACATION\",\"from\":\"2026-12-10T00:00:00Z\",\"to\":\"2026-12-01T00:00:00Z\"}")
                .when()
                .post("/api/v1/managers/" + anna + "/absences")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("to"));

        roster.asHead()
                .when()
                .delete("/api/v1/managers/" + anna + "/absences/" + absence)
                .then()
                .statusCode(200);
        roster.asHead().when().get("/api/v1/managers/" + anna).then().body("status", equalTo("ACTIVE"));

        List<JsonNode> events = LeadEvents.events(kafka, Topics.ROSTER_EVENTS, anna, 3);
        assertThat(LeadEvents.types(events))
                .containsExactly(
                        "salespulse.roster.manager-hired",
                        "salespulse.roster.manager-absence-set",
                        "salespulse.roster.manager-absence-cleared");
        JsonNode cleared = events.get(2).get("data");
        assertThat(cleared.get("toBefore").asText()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(cleared.get("toAfter").asText()).isNotEqualTo("2099-01-01T00:00:00Z");
    }

    @Test
    void renamingATeamEmitsTheNameBeforeAndAfter() throws Exception {
        Roster roster = Roster.newTenant();
        String team = roster.team("Inbound");
        roster.asHead()
                .body("{\"name\":\"inbound\"}")
                .when()
                .post("/api/v1/teams")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("name"));
        roster.asHead()
                .body("{\"version\":0,\"name\":\"Inbound Moscow\"}")
                .when()
                .patch("/api/v1/teams/" + team)
                .then()
                .statusCode(200)
                .body("name", equalTo("Inbound Moscow"));

        List<JsonNode> events = LeadEvents.events(kafka, Topics.ROSTER_EVENTS, team, 2);
        assertThat(events.get(1).get("data").get("nameBefore").asText()).isEqualTo("Inbound");
        assertThat(events.get(1).get("data").get("nameAfter").asText()).isEqualTo("Inbound Moscow");
    }

    @Test
    void aTeamsLeadIsACurrentManagerSetByTheHeadAndClearedWhenDismissed() throws Exception {
        Roster roster = Roster.newTenant();
        String team = roster.team("Inbound");
        String olga = roster.hire("Olga", 10, Roster.everyDay("09:00", "18:00"));
        String lead = "/api/v1/teams/" + team + "/lead";
        roster.asHead()
                .body("{\"version\":0,\"leadManagerId\":\"" + java.util.UUID.randomUUID() + "\"}")
                .when()
                .put(lead)
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("leadManagerId"));
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(TestTokens.teamLead(roster.tenant, java.util.UUID.fromString(olga)))
                .contentType("application/json")
                .body("{\"version\":0,\"leadManagerId\":\"" + olga + "\"}")
                .when()
                .put(lead)
                .then()
                .statusCode(403);
        roster.asHead()
                .body("{\"version\":0,\"leadManagerId\":\"" + olga + "\"}")
                .when()
                .put(lead)
                .then()
                .statusCode(200)
                .body("leadManagerId", equalTo(olga))
                .body("version", equalTo(1));
        // the same lead again changes nothing: no new version, no event
        roster.asHead()
                .body("{\"version\":1,\"leadManagerId\":\"" + olga + "\"}")
                .when()
                .put(lead)
                .then()
                .statusCode(200)
                .body("version", equalTo(1));
        roster.asHead()
                .body("{\"cards\":\"LEAVE_WITH_HEAD\"}")
                .when()
                .post("/api/v1/managers/" + olga + "/dismissal")
                .then()
                .statusCode(200);
        roster.asHead()
                .when()
                .get("/api/v1/teams")
                .then()
                .statusCode(200)
                .body("items[0].leadManagerId", org.hamcrest.Matchers.nullValue())
                .body("items[0].version", equalTo(2));
        roster.asHead()
                .body("{\"version\":2,\"leadManagerId\":\"" + olga + "\"}")
                .when()
                .put(lead)
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("leadManagerId"));

        // created, Olga set, Olga cleared by her dismissal: three events of the team, each with before and after
        List<JsonNode> events = LeadEvents.events(kafka, Topics.ROSTER_EVENTS, team, 3);
        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly(
                        "salespulse.roster.team-created",
                        "salespulse.roster.team-lead-changed",
                        "salespulse.roster.team-lead-changed");
        assertThat(events.get(1).get("data").path("leadBefore").asText(null)).isNull();
        assertThat(events.get(1).get("data").get("leadAfter").asText()).isEqualTo(olga);
        assertThat(events.get(2).get("data").get("leadBefore").asText()).isEqualTo(olga);
        assertThat(events.get(2).get("data").path("leadAfter").asText(null)).isNull();
    }

    @Test
    void settingsChangesAreValidatedAndEmittedWithBeforeAndAfter() throws Exception {
        Roster roster = Roster.newTenant();
        roster.asHead()
                .when()
                .get("/api/v1/settings")
                .then()
                .statusCode(200)
                .body("timeZone", equalTo("Europe/Moscow"))
                .body("phoneRegion", equalTo("RU"))
                .body("distributionMode", equalTo("LEAST_LOADED"));
        roster.asHead()
                .body("{\"timeZone\":\"Mars/Olympus\"}")
                .when()
                .patch("/api/v1/settings")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("timeZone"));
        roster.asHead()
                .body("{\"phoneRegion\":\"XX\"}")
                .when()
                .patch("/api/v1/settings")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("phoneRegion"));
        String id = roster.asHead()
                .body("{\"timeZone\":\"Asia/Almaty\",\"phoneRegion\":\"kz\"}")
                .when()
                .patch("/api/v1/settings")
                .then()
                .statusCode(200)
                .body("phoneRegion", equalTo("KZ"))
                .extract()
                .path("timeZone");
        assertThat(id).isEqualTo("Asia/Almaty");
        List<JsonNode> changes = LeadEvents.eventsOfTenant(
                kafka, Topics.ROSTER_EVENTS, roster.tenant, "salespulse.roster.tenant-settings-changed", 1);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).get("data").get("before").get("timeZone").asText())
                .isEqualTo("Europe/Moscow");
        assertThat(changes.get(0).get("data").get("after").get("timeZone").asText())
                .isEqualTo("Asia/Almaty");
        assertThat(changes.get(0).get("data").get("after").get("phoneRegion").asText())
                .isEqualTo("KZ");

        // a manager may not change settings
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(TestTokens.manager(roster.tenant, java.util.UUID.randomUUID()))
                .contentType("application/json")
                .body("{\"staleDays\":5}")
                .when()
                .patch("/api/v1/settings")
                .then()
                .statusCode(403);
        // with region KZ, a local number is read as Kazakh
        roster.asHead()
                .body("{\"source\":\"call\",\"phone\":\"8 701 234 5678\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("phoneNormalized", equalTo("+77012345678"));
    }
}
