package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A team lead's figures are their team's (issue 20): two teams, Anna leads team A (herself and Boris), Vera and Gleb
 * are team B. Open cards: Anna 2, Boris 3 (team A: 5), Vera 3, Gleb 1 (team B: 4); the tenant 9.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TeamLeadScopeTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final UUID TEAM_A = UUID.randomUUID();
    private static final UUID TEAM_B = UUID.randomUUID();
    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID BORIS = UUID.randomUUID();
    private static final UUID VERA = UUID.randomUUID();
    private static final UUID GLEB = UUID.randomUUID();

    @Inject
    TestClock clock;

    @InjectKafka
    KafkaCompanion kafka;

    /** The tenant of the scenario, built once for the class by the first rule that runs; the rules only read it. */
    private static String tenant;

    @BeforeEach
    void scenario() {
        clock.set(NOW);
        if (tenant == null) {
            tenant = publish();
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private String publish() {
        String tenant = TestTenants.fresh();
        new EventPublisher(kafka, tenant)
                .publish(
                        RosterEvents.team(TEAM_A, "Team A", Instant.parse("2026-01-10T08:00:00Z")),
                        RosterEvents.team(TEAM_B, "Team B", Instant.parse("2026-01-10T08:00:00Z")),
                        // Anna capacity 1 (2 cards: 200%), Vera 2 (3 cards: 150%): both over capacity, one alert each
                        RosterEvents.hired(ANNA, "Anna", TEAM_A, 1, "2026-01-10T09:00:00Z"),
                        RosterEvents.hired(BORIS, "Boris", TEAM_A, 10, "2026-01-10T09:00:00Z"),
                        RosterEvents.hired(VERA, "Vera", TEAM_B, 2, "2026-01-10T09:00:00Z"),
                        RosterEvents.hired(GLEB, "Gleb", TEAM_B, 10, "2026-01-10T09:00:00Z"),
                        // Vera led team A first, then Anna: the last change counts
                        RosterEvents.teamLead(TEAM_A, null, VERA, 1, "2026-02-01T09:00:00Z"),
                        RosterEvents.teamLead(TEAM_A, VERA, ANNA, 2, "2026-03-01T09:00:00Z"),
                        LeadEvents.lead(UUID.randomUUID(), "website", ANNA, "A1", "2026-11-10T12:00:00Z"),
                        LeadEvents.lead(UUID.randomUUID(), "website", ANNA, "A2", "2026-11-11T12:00:00Z"),
                        LeadEvents.lead(UUID.randomUUID(), "website", BORIS, "B1", "2026-11-12T12:00:00Z"),
                        LeadEvents.lead(UUID.randomUUID(), "call", BORIS, "B2", "2026-11-13T12:00:00Z"),
                        LeadEvents.lead(UUID.randomUUID(), "call", BORIS, "B3", "2026-11-14T12:00:00Z"),
                        LeadEvents.lead(UUID.randomUUID(), "call", VERA, "V1", "2026-11-15T12:00:00Z"),
                        LeadEvents.lead(UUID.randomUUID(), "call", VERA, "V2", "2026-11-16T12:00:00Z"),
                        LeadEvents.lead(UUID.randomUUID(), "call", VERA, "V3", "2026-11-17T12:00:00Z"),
                        LeadEvents.lead(UUID.randomUUID(), "referral", GLEB, "G1", "2026-11-18T12:00:00Z"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> load(TestTokens.head(tenant)).getLong("figures.openCards") == 9
                        // the roster topic is read apart from the lead topic: wait for the four hirings and Anna's
                        // lead of team A too
                        && load(TestTokens.head(tenant))
                                        .getList("figures.managers")
                                        .size()
                                == 4
                        && load(TestTokens.teamLead(tenant, ANNA)).getString("filters.teamId") != null
                        && given().auth()
                                        .oauth2(TestTokens.head(tenant))
                                        .get("/api/v1/alerts")
                                        .then()
                                        .extract()
                                        .jsonPath()
                                        .getList("findAll { it.alertType == 'MANAGER_OVER_CAPACITY' }")
                                        .size()
                                == 2);
        return tenant;
    }

    @Test
    void aTeamLeadSeesTheLoadOfTheirTeamOnly() {
        JsonPath answer = load(lead());
        assertThat(answer.getLong("figures.openCards")).isEqualTo(5);
        assertThat(answer.getList("figures.managers.name")).containsExactlyInAnyOrder("Anna", "Boris");
        assertThat(answer.getString("filters.teamId")).isEqualTo(TEAM_A.toString());
        assertThat(answer.getList("drillDown.items.title")).containsExactlyInAnyOrder("A1", "A2", "B1", "B2", "B3");
        // their own team named: the same; one of their managers: Boris's 3
        assertThat(load(lead(), "teamId", TEAM_A.toString()).getLong("figures.openCards"))
                .isEqualTo(5);
        assertThat(load(lead(), "managerId", BORIS.toString()).getLong("figures.openCards"))
                .isEqualTo(3);
        // the head still sees the tenant's 9
        assertThat(load(TestTokens.head(tenant)).getLong("figures.openCards")).isEqualTo(9);
    }

    @Test
    void aTeamLeadsPeriodFiguresAreTheirTeamsToo() {
        // leads taken in 10-18 Nov: A1, A2, B1, B2, B3 by team A (5); V1-V3, G1 by team B (4)
        assertThat(inflow(lead())).isEqualTo(5);
        assertThat(inflow(TestTokens.head(tenant))).isEqualTo(9);
    }

    @Test
    void aTeamLeadsDailyTrendsAreTheirTeamsToo() {
        // open at the end of 16, 17, 18 Nov: team A's five all along; the tenant's 7 (V2 on 16th), 8 (V3), 9 (G1)
        assertThat(trendOpenCards(lead(), "manager-load")).containsExactly(5, 5, 5);
        assertThat(trendOpenCards(TestTokens.head(tenant), "manager-load")).containsExactly(7, 8, 9);
        // another team's trend is refused naming teamId, as every metric
        given().auth()
                .oauth2(lead())
                .queryParam("from", "2026-11-16")
                .queryParam("to", "2026-11-18")
                .queryParam("teamId", TEAM_B.toString())
                .get("/api/v1/metrics/dismissed-base/trend")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("teamId"));
    }

    private static List<Integer> trendOpenCards(String token, String metric) {
        return given().auth()
                .oauth2(token)
                .queryParam("from", "2026-11-16")
                .queryParam("to", "2026-11-18")
                .get("/api/v1/metrics/" + metric + "/trend")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("figures.days.openCards", Integer.class);
    }

    @Test
    void anotherTeamOrAnotherTeamsManagerIsRefusedNamingTheParameter() {
        refused(lead(), "teamId", TEAM_B.toString());
        refused(lead(), "managerId", VERA.toString());
    }

    @Test
    void aTeamLeadWhoLeadsNoTeamSeesOnlyTheirOwnFiguresLikeAManager() {
        // Vera led team A until Anna took it over: now her own 3 cards only
        String vera = TestTokens.teamLead(tenant, VERA);
        JsonPath answer = load(vera);
        assertThat(answer.getLong("figures.openCards")).isEqualTo(3);
        assertThat(answer.getList("figures.managers.name")).containsExactly("Vera");
        refused(vera, "managerId", GLEB.toString());
    }

    @Test
    void aTeamLeadSeesTheAlertsOfTheirTeamsManagersOnly() {
        JsonPath alerts = given().auth()
                .oauth2(lead())
                .get("/api/v1/alerts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(alerts.getList("conditionKey")).containsExactly("MANAGER_OVER_CAPACITY:manager:" + ANNA);
    }

    @Test
    void thePickersOfferTheTeamsManagersOnly() {
        JsonPath filters = given().auth()
                .oauth2(lead())
                .get("/api/v1/metrics/filters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(filters.getList("managers.name")).containsExactly("Anna", "Boris");
        assertThat(filters.getList("teams.name")).containsExactly("Team A");
    }

    @Test
    void headOnlyOperationsRefuseATeamLead() {
        given().auth()
                .oauth2(lead())
                .contentType("application/json")
                .body("{\"timeZone\":\"Europe/Moscow\"}")
                .put("/api/v1/settings")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(lead())
                .contentType("application/json")
                .body("{}")
                .put("/api/v1/alerts/thresholds")
                .then()
                .statusCode(403);
    }

    private static void refused(String token, String parameter, String value) {
        given().auth()
                .oauth2(token)
                .queryParam(parameter, value)
                .get("/api/v1/metrics/manager-load")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo(parameter));
    }

    private static int inflow(String token) {
        return given().auth()
                .oauth2(token)
                .queryParam("from", "2026-11-10")
                .queryParam("to", "2026-11-18")
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .extract()
                .path("figures.total");
    }

    private static String lead() {
        return TestTokens.teamLead(tenant, ANNA);
    }

    private static JsonPath load(String token, String... params) {
        RequestSpecification request = given().auth().oauth2(token);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.when()
                .get("/api/v1/metrics/manager-load")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
