package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metric 3 and MANAGER_OVER_CAPACITY: open cards per manager and stage, capacity use, the bottleneck. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ManagerLoadTest {

    @Inject
    TestClock clock;

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @InjectKafka
    KafkaCompanion kafka;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID BORIS = UUID.randomUUID();
    private static final UUID VERA = UUID.randomUUID();
    private static final UUID DMITRY = UUID.randomUUID();
    private static final UUID PIPELINE = UUID.randomUUID();
    private static final UUID S1 = UUID.randomUUID();
    private static final UUID S2 = UUID.randomUUID();
    private static final UUID WON = UUID.randomUUID();
    private static final UUID LOST = UUID.randomUUID();
    private static final UUID SALES1 = UUID.randomUUID();
    private static final UUID SALES2 = UUID.randomUUID();
    private static final UUID L1 = UUID.randomUUID();
    private static final UUID L2 = UUID.randomUUID();
    private static final UUID L3 = UUID.randomUUID();
    private static final UUID L4 = UUID.randomUUID();
    private static final UUID L5 = UUID.randomUUID();
    private static final UUID D1 = UUID.randomUUID();
    private static final UUID D2 = UUID.randomUUID();
    private static final UUID D3 = UUID.randomUUID();

    /** The tenant of the scenario, built once for the class by the first rule that runs; the rules only read it. */
    private static String tenant;

    @BeforeEach
    void loadScenario() {
        clock.set(NOW);
        if (tenant == null) {
            tenant = publishLoadScenario();
        }
    }

    private String publishLoadScenario() {
        String tenant = TestTenants.fresh();
        EventPublisher events = new EventPublisher(kafka, tenant);
        events.publish(
                DealEvents.pipeline(PIPELINE, S1, S2, WON, LOST),
                // all in team 1; Vera moves to team 2 on 19 Nov (no figure below changes until filtered by team)
                RosterEvents.hired(ANNA, "Anna", SALES1, 2, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(BORIS, "Boris", SALES1, 10, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(VERA, "Vera", SALES1, 4, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(DMITRY, "Dmitry", SALES1, 5, "2026-01-10T09:00:00Z"),
                RosterEvents.teamChanged(VERA, "Vera", SALES1, SALES2, 4, "2026-11-19T18:00:00Z"),
                // a dollar is worth 90 RUB from 1 Nov; no euro rate is known
                DealEvents.exchangeRate("USD", "2026-11-01", "90"),
                RosterEvents.dismissed(DMITRY, null, List.of(), "2026-11-15T09:00:00Z"),
                // Anna: L1 NEW since 10 Nov, L2 NEW 12 Nov -> IN_WORK 14 Nov, D1 in Qualification since 16 Nov
                LeadEvents.lead(L1, "website", ANNA, "L1", "2026-11-10T12:00:00Z"),
                LeadEvents.lead(L2, "website", ANNA, "L2", "2026-11-12T12:00:00Z"),
                LeadEvents.status(L2, "NEW", "IN_WORK", ANNA, "2026-11-14T12:00:00Z"),
                DealEvents.deal(D1, ANNA, PIPELINE, S1, "D1", "1000", "USD", "2026-11-16T12:00:00Z"),
                // Boris: D2 Qualification 1 Nov -> Proposal 3 Nov (still there); D3 1 day in each stage, then won
                DealEvents.deal(D2, BORIS, PIPELINE, S1, "D2", "2500", "EUR", "2026-11-01T12:00:00Z"),
                DealEvents.moved(D2, BORIS, PIPELINE, S1, S2, "2026-11-03T12:00:00Z"),
                DealEvents.deal(D3, BORIS, PIPELINE, S1, "D3", "2026-11-10T12:00:00Z"),
                DealEvents.moved(D3, BORIS, PIPELINE, S1, S2, "2026-11-11T12:00:00Z"),
                DealEvents.won(D3, BORIS, PIPELINE, S2, WON, "2026-11-10T12:00:00Z", "2026-11-12T12:00:00Z"),
                // Vera: two new leads; Dmitry (dismissed) still owns L5: not in the load
                LeadEvents.lead(L3, "call", VERA, "L3", "2026-11-18T12:00:00Z"),
                LeadEvents.lead(L4, "call", VERA, "L4", "2026-11-19T12:00:00Z"),
                LeadEvents.lead(L5, "call", DMITRY, "L5", "2026-11-12T12:00:00Z"));
        // at 20 Nov 12:00: Anna 3 open / capacity 2 = 1.5 -> OVERLOADED (limit 100%); Boris 1 / 10 = 0.1 -> IDLE (<
        // 25%);
        // Vera 2 / 4 = 0.5 -> NORMAL. Open cards 6.
        // Stages (days in stage of open cards; usual = mean finished stay):
        //   LEAD:NEW     L1 10, L3 2, L4 1 -> mean 4.3; usual: L2's 2 days -> 2.0 (ratio 2.2)
        //   LEAD:IN_WORK L2 6 -> 6.0; usual: none
        //   Qualification D1 4 -> 4.0; usual: D2 2 days, D3 1 day -> 1.5 (ratio 2.7)
        //   Proposal      D2 17 -> 17.0; usual: D3 1 day -> 1.0 (ratio 17) -> the bottleneck, STAYING_LONGER
        await().atMost(Duration.ofSeconds(30))
                .until(() -> load(TestTokens.head(tenant)).getLong("figures.openCards") == 6
                        && load(TestTokens.head(tenant))
                                        .getList("figures.stages")
                                        .size()
                                == 4
                        && load(TestTokens.head(tenant))
                                .getString("figures.bottleneck.label")
                                .equals("Proposal")
                        && load(TestTokens.head(tenant))
                                .getList("drillDown.items.amount", Double.class)
                                .contains(90000.0));
        return tenant;
    }

    @Test
    void eachManagersOpenCardsAreWeighedAgainstTheirCapacity() {
        JsonPath answer = load(head());
        assertThat(answer.getLong("figures.openCards")).isEqualTo(6);
        assertThat(answer.getList("figures.managers.name")).containsExactly("Anna", "Vera", "Boris");
        assertThat(answer.getList("figures.managers.openCards", Integer.class)).containsExactly(3, 2, 1);
        assertThat(answer.getList("figures.managers.capacityUse", Float.class)).containsExactly(1.5f, 0.5f, 0.1f);
        assertThat(answer.getList("figures.managers.state")).containsExactly("OVERLOADED", "NORMAL", "IDLE");
        assertThat(answer.getList("figures.overloaded")).containsExactly(ANNA.toString());
        assertThat(answer.getList("figures.idle")).containsExactly(BORIS.toString());
    }

    @Test
    void theStageWhereCardsStayLongestBeyondTheUsualIsTheBottleneck() {
        JsonPath answer = load(head());
        assertThat(answer.getList("figures.stages")).hasSize(4);
        Map<String, Object> newLeads = answer.getMap("figures.stages.find { it.stage == 'LEAD:NEW' }");
        assertThat(newLeads)
                .containsEntry("openCards", 3)
                .containsEntry("meanDaysInStage", 4.3f)
                .containsEntry("usualDays", 2.0f);
        Map<String, Object> proposal = answer.getMap("figures.stages.find { it.label == 'Proposal' }");
        assertThat(proposal)
                .containsEntry("openCards", 1)
                .containsEntry("meanDaysInStage", 17.0f)
                .containsEntry("usualDays", 1.0f);
        assertThat(answer.getString("figures.bottleneck.label")).isEqualTo("Proposal");
        assertThat(answer.getString("figures.bottleneck.reason")).isEqualTo("STAYING_LONGER");
    }

    @Test
    void theDrillDownListsTheOpenCardsLongestInTheirStageFirst() {
        JsonPath answer = load(head());
        assertThat(answer.getList("drillDown.items.title")).containsExactly("D2", "L1", "L2", "D1", "L3", "L4");
        assertThat(answer.getList("drillDown.items.ageDays", Integer.class)).containsExactly(17, 10, 6, 4, 2, 1);
        assertThat(answer.getList("drillDown.items.cardType"))
                .containsExactly("DEAL", "LEAD", "LEAD", "DEAL", "LEAD", "LEAD");
    }

    @Test
    void theDrillDownSortsAcrossPagesInTheDatabase() {
        // newest in its stage first, 2 a page: L4 (1 day), L3 (2) | D1 (4), L2 (6) | L1 (10), D2 (17)
        JsonPath second = load(head(), "sort", "-at", "size", "2", "page", "1");
        assertThat(second.getList("drillDown.items.title")).containsExactly("D1", "L2");
        assertThat(second.getList("drillDown.items.ageDays", Integer.class)).containsExactly(4, 6);
        // by title: D1, D2 | L1, L2 | L3, L4
        assertThat(load(head(), "sort", "title", "size", "2", "page", "1").getList("drillDown.items.title"))
                .containsExactly("L1", "L2");
        assertThat(second.getList("drillDown.sortableBy")).containsExactly("at", "title", "source", "stage", "status");
        // a card metric has no amount to sort by in the database
        given().auth()
                .oauth2(head())
                .queryParam("sort", "-amount")
                .get("/api/v1/metrics/manager-load")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("sort"));
    }

    @Test
    void aDealShowsItsAmountInTheBaseCurrencyAtTodaysRateOrWhyItHasNone() {
        // D1 1 000 USD x 90 = 90 000.00 RUB; D2's euros have no rate, so no amount and the reason; leads have none
        JsonPath answer = load(head());
        assertThat(answer.getList("drillDown.items.amount", Double.class))
                .containsExactly(null, null, null, 90000.0, null, null);
        assertThat(answer.getString("drillDown.items[0].reason"))
                .isEqualTo("no exchange rate from EUR to the base currency");
    }

    @Test
    void aDrilledCardShowsItsStatusAndStageWithTheirNames() {
        // its status a code with its label, its stage the stage's id with its name (a lead's stage: its status)
        JsonPath answer = load(head());
        assertThat(answer.getString("drillDown.items[0].status")).isEqualTo("OPEN");
        assertThat(answer.getString("drillDown.items[0].statusLabel")).isEqualTo("Открыта");
        assertThat(answer.getString("drillDown.items[0].stageName")).isEqualTo("Proposal");
        assertThat(answer.getString("drillDown.items[1].stage")).startsWith("LEAD:");
    }

    @Test
    void aTeamHoldsTheManagersInItNowWithAllTheirOpenCards() {
        // Vera, who moved to team 2 on 19 Nov, takes L3 and L4 (which came in while she was in team 1) along; team 1
        // keeps Anna and Boris
        await().atMost(Duration.ofSeconds(30))
                .until(() -> load(head(), "teamId", SALES2.toString()).getLong("figures.openCards") == 2);
        JsonPath team2 = load(head(), "teamId", SALES2.toString());
        assertThat(team2.getLong("figures.openCards")).isEqualTo(2);
        assertThat(team2.getList("figures.managers.name")).containsExactly("Vera");
        assertThat(team2.getList("drillDown.items.title")).containsExactly("L3", "L4");
        JsonPath team1 = load(head(), "teamId", SALES1.toString());
        assertThat(team1.getLong("figures.openCards")).isEqualTo(4);
        assertThat(team1.getList("figures.managers.name")).containsExactly("Anna", "Boris");
        assertThat(team1.getList("drillDown.items.title")).containsExactly("D2", "L1", "L2", "D1");
    }

    @Test
    void aManagerSeesOnlyTheirOwnLoad() {
        // Vera's own token: her two leads only
        JsonPath veraOwn = load(TestTokens.manager(tenant, VERA));
        assertThat(veraOwn.getLong("figures.openCards")).isEqualTo(2);
        assertThat(veraOwn.getList("figures.managers.name")).containsExactly("Vera");
    }

    @Test
    void aManagerOverCapacityRaisesOneAlert() {
        // Anna only
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(head())
                                .when()
                                .get("/api/v1/alerts")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("findAll { it.alertType == 'MANAGER_OVER_CAPACITY' }")
                                .size()
                        == 1);
        JsonPath alerts = given().auth()
                .oauth2(head())
                .when()
                .get("/api/v1/alerts")
                .then()
                .extract()
                .jsonPath();
        assertThat(alerts.getString("find { it.alertType == 'MANAGER_OVER_CAPACITY' }.conditionKey"))
                .isEqualTo("MANAGER_OVER_CAPACITY:manager:" + ANNA);
        assertThat(alerts.getString("find { it.alertType == 'MANAGER_OVER_CAPACITY' }.title"))
                .isEqualTo("Anna: открытых карточек 3, 150.0% ёмкости"); // the tenant's language: ru, the default
    }

    private static String head() {
        return TestTokens.head(tenant);
    }

    private static JsonPath load(String token, String... params) {
        io.restassured.specification.RequestSpecification request =
                given().auth().oauth2(token);
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
