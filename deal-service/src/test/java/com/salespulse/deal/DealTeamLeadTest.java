package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asManager;
import static com.salespulse.deal.LeadEvents.convertLead;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A team lead works the cards of their team's managers (issue 20): Anna leads team A (Anna, Boris); Vera is team B.
 * Deals: Anna 1, Boris 2, Vera 1 (4 in the tenant): the team lead sees team A's 3, works Boris's, and gets 404 on
 * Vera's.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DealTeamLeadTest {

    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID BORIS = UUID.randomUUID();
    private static final UUID VERA = UUID.randomUUID();

    @InjectKafka
    KafkaCompanion kafka;

    /** The scenario, made once for the class by the first rule that runs. */
    private static String tenant;

    private static UUID teamA;
    private static UUID teamB;
    private static String annaDeal;
    private static String borisDeal;
    private static String veraDeal;
    private static String borisSpare;

    @BeforeEach
    void scenario() {
        if (tenant != null) {
            return;
        }
        String t = TestTenants.fresh();
        teamA = RosterEvents.createTeam(kafka, t);
        teamB = RosterEvents.createTeam(kafka, t);
        RosterEvents.hireInTeam(kafka, t, teamA, ANNA, BORIS);
        RosterEvents.hireInTeam(kafka, t, teamB, VERA);
        RosterEvents.lead(kafka, t, teamA, ANNA);
        annaDeal = convertLead(kafka, t, UUID.randomUUID(), ANNA);
        borisDeal = convertLead(kafka, t, UUID.randomUUID(), BORIS);
        veraDeal = convertLead(kafka, t, UUID.randomUUID(), VERA);
        borisSpare = convertLead(kafka, t, UUID.randomUUID(), BORIS);
        asHead(t)
                .body(Map.of("currency", "RUB"))
                .put("/api/v1/currency/base")
                .then()
                .statusCode(200);
        for (String plan : new String[] {
            "managers/" + ANNA, "managers/" + BORIS, "managers/" + VERA, "teams/" + teamA, "teams/" + teamB
        }) {
            asHead(t)
                    .body(Map.of("amount", 100000, "dealCount", 5))
                    .put("/api/v1/plans/2026-12/" + plan)
                    .then()
                    .statusCode(200);
        }
        tenant = t;
    }

    @Test
    void aTeamLeadListsAndReadsTheDealsOfTheirTeamOnly() {
        lead().get("/api/v1/deals").then().statusCode(200).body("total", equalTo(3));
        assertThat(lead().get("/api/v1/deals").then().extract().jsonPath().getList("items.id", String.class))
                .containsExactlyInAnyOrder(annaDeal, borisDeal, borisSpare);
        lead().get("/api/v1/deals/" + borisDeal).then().statusCode(200);
        lead().get("/api/v1/deals/" + veraDeal).then().statusCode(404);
        lead().queryParam("managerId", VERA.toString())
                .get("/api/v1/deals")
                .then()
                .body("total", equalTo(0));
        // Vera, a manager, still sees only her own; the head all 4
        asManager(tenant, VERA).get("/api/v1/deals").then().body("total", equalTo(1));
        asHead(tenant).get("/api/v1/deals").then().body("total", equalTo(4));
    }

    @Test
    void aTeamLeadReassignsWithinTheTeamOnly() {
        String deal = borisSpare;
        lead().body(Map.of("managerId", VERA.toString(), "reason", "x"))
                .post("/api/v1/deals/" + deal + "/reassign")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("managerId"));
        lead().body(Map.of("managerId", ANNA.toString(), "reason", "Boris is overloaded"))
                .post("/api/v1/deals/" + deal + "/reassign")
                .then()
                .statusCode(200)
                .body("managerId", equalTo(ANNA.toString()));
        lead().body(Map.of("managerId", ANNA.toString(), "reason", "x"))
                .post("/api/v1/deals/" + veraDeal + "/reassign")
                .then()
                .statusCode(404);
        asHead(tenant).get("/api/v1/deals/" + veraDeal).then().body("managerId", equalTo(VERA.toString()));
    }

    @Test
    void aTeamLeadSetsTasksForTheirTeamsManagersOnTheirTeamsDeals() {
        lead().body(task(borisDeal, BORIS)).post("/api/v1/tasks").then().statusCode(201);
        lead().body(task(borisDeal, VERA))
                .post("/api/v1/tasks")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("assigneeId"));
        lead().body(task(veraDeal, ANNA))
                .post("/api/v1/tasks")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("cardId"));
    }

    @Test
    void aTeamLeadReadsTheirTeamsPlansAndTheirManagersNotTheOtherTeams() {
        // of five plans: Anna's, Boris's and team A's
        assertThat(lead().get("/api/v1/plans/2026-12")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("ownerId", String.class))
                .containsExactlyInAnyOrder(ANNA.toString(), BORIS.toString(), teamA.toString());
        lead().body(Map.of("amount", 1, "dealCount", 1))
                .put("/api/v1/plans/2026-12/teams/" + teamA)
                .then()
                .statusCode(403);
    }

    @Test
    void aTeamLeadWhoLeadsNoTeamSeesOnlyTheirOwnDeals() {
        given().auth()
                .oauth2(TestTokens.teamLead(tenant, VERA))
                .get("/api/v1/deals")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(veraDeal));
    }

    @Test
    void headOnlyOperationsRefuseATeamLead() {
        lead().body(Map.of("currency", "USD"))
                .put("/api/v1/currency/base")
                .then()
                .statusCode(403);
        lead().body(Map.of("name", "Inbound")).post("/api/v1/pipelines").then().statusCode(403);
    }

    private static Map<String, Object> task(String deal, UUID assignee) {
        return Map.of(
                "cardType",
                "DEAL",
                "cardId",
                deal,
                "type",
                "CALL",
                "title",
                "call back",
                "assigneeId",
                assignee.toString(),
                "dueAt",
                Instant.now().plusSeconds(3600).toString());
    }

    private static RequestSpecification lead() {
        return given().auth().oauth2(TestTokens.teamLead(tenant, ANNA)).contentType("application/json");
    }
}
