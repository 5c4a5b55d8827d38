package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A team lead works the leads of their team's managers (issue 20): Olga leads team A (Olga, Petr); Ivan is team B.
 * Leads: Olga 1, Petr 2, Ivan 1: the team lead sees 3 of the 4, works Petr's and gets 404 on Ivan's.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LeadTeamLeadTest {

    @Test
    void aTeamLeadSeesAndWorksTheLeadsOfTheirTeamOnly() {
        Roster roster = Roster.newTenant();
        String teamA = roster.team("Team A");
        String teamB = roster.team("Team B");
        String shifts = Roster.everyDay("00:00", "23:59");
        String olga = roster.hire("Olga", 10, shifts, teamA);
        String petr = roster.hire("Petr", 10, shifts, teamA);
        String ivan = roster.hire("Ivan", 10, shifts, teamB);
        roster.asHead()
                .body("{\"version\":0,\"leadManagerId\":\"" + olga + "\"}")
                .put("/api/v1/teams/" + teamA + "/lead")
                .then()
                .statusCode(200);
        String olgas = roster.leadFor(olga, "+79161110001");
        String petrs = roster.leadFor(petr, "+79161110002");
        String petrs2 = roster.leadFor(petr, "+79161110003");
        String ivans = roster.leadFor(ivan, "+79161110004");

        RequestSpecification lead = as(roster, olga);
        assertThat(lead.get("/api/v1/leads")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.id"))
                .containsExactlyInAnyOrder(olgas, petrs, petrs2);
        as(roster, olga).get("/api/v1/leads/" + petrs).then().statusCode(200);
        as(roster, olga).get("/api/v1/leads/" + ivans).then().statusCode(404);
        as(roster, olga)
                .body("{\"status\":\"IN_WORK\"}")
                .post("/api/v1/leads/" + petrs + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_WORK"));
        as(roster, olga)
                .body("{\"status\":\"IN_WORK\"}")
                .post("/api/v1/leads/" + ivans + "/status")
                .then()
                .statusCode(404);
        // reassigning within the team only: Petr's second lead to Olga; not to Ivan; not Ivan's lead
        as(roster, olga)
                .body("{\"managerId\":\"" + ivan + "\",\"reason\":\"x\"}")
                .post("/api/v1/leads/" + petrs2 + "/assign")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("managerId"));
        as(roster, olga)
                .body("{\"managerId\":\"" + olga + "\",\"reason\":\"Petr is overloaded\"}")
                .post("/api/v1/leads/" + petrs2 + "/assign")
                .then()
                .statusCode(200)
                .body("managerId", equalTo(olga));
        as(roster, olga)
                .body("{\"managerId\":\"" + olga + "\",\"reason\":\"x\"}")
                .post("/api/v1/leads/" + ivans + "/assign")
                .then()
                .statusCode(404);
        // head-only: the roster and the settings
        as(roster, olga)
                .body("{\"version\":1,\"leadManagerId\":\"" + petr + "\"}")
                .put("/api/v1/teams/" + teamA + "/lead")
                .then()
                .statusCode(403);
        as(roster, olga)
                .body("{\"staleDays\":5}")
                .patch("/api/v1/settings")
                .then()
                .statusCode(403);
        // Ivan, with a team-lead token but leading no team, sees his own lead only
        assertThat(as(roster, ivan)
                        .get("/api/v1/leads")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.id"))
                .containsExactly(ivans);
    }

    private static RequestSpecification as(Roster roster, String manager) {
        return given().auth()
                .oauth2(TestTokens.teamLead(roster.tenant, UUID.fromString(manager)))
                .contentType("application/json");
    }
}
