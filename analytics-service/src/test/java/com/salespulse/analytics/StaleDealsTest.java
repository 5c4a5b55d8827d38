package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.deal.StageDefinition;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 20: rotting deals (past their stage's own limit, or the tenant's usual time in it), archived deals out of the
 * "now" metrics and still in the flow ones, snoozed cards, and the ages of forgotten cards and overdue tasks in working
 * days. One scenario for the class; the last rule changes it (restore, wake, the clock passes a snooze).
 * <p>
 * The calendar: Moscow time, Saturday and Sunday off, Friday 20 November 2026 a holiday. Now: Monday 23 November,
 * 12:00 UTC.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaleDealsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-25T12:00:00Z");

    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID BORIS = UUID.randomUUID();
    private static final UUID PIPELINE = UUID.randomUUID();
    /** No limit of its own: rots past the 80th percentile of its finished stays. */
    private static final UUID QUALIFICATION = UUID.randomUUID();
    /** Its own limit: 10 days. */
    private static final UUID PROPOSAL = UUID.randomUUID();

    private static final UUID WON = UUID.randomUUID();
    private static final UUID LOST = UUID.randomUUID();

    private static final UUID D1 = UUID.randomUUID();
    private static final UUID D2 = UUID.randomUUID();
    private static final UUID D3 = UUID.randomUUID();
    private static final UUID D4 = UUID.randomUUID();
    private static final UUID D5 = UUID.randomUUID();
    private static final UUID L1 = UUID.randomUUID();
    private static final UUID L2 = UUID.randomUUID();
    private static final UUID T1 = UUID.randomUUID();
    private static final UUID T5 = UUID.randomUUID();
    /** Vera leaves on the 20th owning D6 and the archived D7, each with an open task due in December. */
    private static final UUID VERA = UUID.randomUUID();

    private static final UUID D6 = UUID.randomUUID();
    private static final UUID D7 = UUID.randomUUID();

    @Inject
    TestClock clock;

    @InjectKafka
    KafkaCompanion kafka;

    private static String tenant;

    @BeforeEach
    void scenario() {
        clock.set(NOW);
        if (tenant == null) {
            tenant = publishScenario();
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private String publishScenario() {
        String tenant = TestTenants.fresh();
        head(tenant)
                .contentType(ContentType.JSON)
                .body("{\"timeZone\":\"Europe/Moscow\",\"baseCurrency\":\"RUB\","
                        + "\"weekendDays\":[\"SATURDAY\",\"SUNDAY\"],"
                        + "\"forgottenGraceHours\":24}")
                .put("/api/v1/settings")
                .then()
                .statusCode(200);
        new LeadSettings(kafka, tenant).day("2026-11-20", "HOLIDAY").publish();
        // no rotting alert while the scenario lands (its count would be a moment's); rule 5 lowers the limit
        rottingDealsAbove(tenant, 1000);
        EventPublisher events = new EventPublisher(kafka, tenant);
        events.publish(
                RosterEvents.hired(ANNA, "Anna", null, 20, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(BORIS, "Boris", null, 20, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(VERA, "Vera", null, 20, "2026-01-10T09:00:00Z"),
                DealEvents.pipelineCreated(
                        PIPELINE,
                        List.of(
                                new StageDefinition(QUALIFICATION, "Qualification", 1, 20, "OPEN"),
                                new StageDefinition(PROPOSAL, "Proposal", 2, 60, "OPEN", 10),
                                new StageDefinition(WON, "Won", 3, 100, "WON"),
                                new StageDefinition(LOST, "Lost", 4, 0, "LOST")),
                        Instant.parse("2026-01-01T00:00:00Z")));
        // Boris's history: five deals left Qualification after 2, 4, 6, 8 and 10 days and were won. The 80th
        // percentile of those stays: position 0.8 x (5 - 1) = 3.2, so 8 + 0.2 x (10 - 8) = 8.4 days.
        for (int days : new int[] {2, 4, 6, 8, 10}) {
            UUID deal = UUID.randomUUID();
            Instant opened = Instant.parse("2026-10-01T09:00:00Z");
            Instant moved = opened.plus(Duration.ofDays(days));
            events.publish(
                    DealEvents.deal(deal, BORIS, PIPELINE, QUALIFICATION, "History " + days, opened.toString()),
                    DealEvents.moved(deal, BORIS, PIPELINE, QUALIFICATION, PROPOSAL, moved.toString()),
                    DealEvents.won(
                            deal,
                            BORIS,
                            PIPELINE,
                            PROPOSAL,
                            WON,
                            opened.toString(),
                            moved.plus(Duration.ofHours(1)).toString()));
        }
        // Anna's open cards
        events.publish(
                // 9 days in Qualification (past 8.4): rotting
                DealEvents.deal(D1, ANNA, PIPELINE, QUALIFICATION, "Deal one", "2026-11-14T12:00:00Z"),
                // 7 days in Qualification: not yet; it has an open task, due Thursday 19th 12:00 UTC
                DealEvents.deal(D2, ANNA, PIPELINE, QUALIFICATION, "Deal two", "2026-11-16T12:00:00Z"),
                DealEvents.task(T1, "DEAL", D2, ANNA, "Call back", "2026-11-19T12:00:00Z", "2026-11-16T13:00:00Z"),
                // 11 days in Proposal (past its own 10): rotting
                DealEvents.deal(D3, ANNA, PIPELINE, PROPOSAL, "Deal three", "2026-11-12T12:00:00Z"),
                // 11 days in Proposal too, but snoozed until the 25th
                DealEvents.deal(D4, ANNA, PIPELINE, PROPOSAL, "Deal four", "2026-11-12T12:00:00Z"),
                DealEvents.snoozed("DEAL", D4, "2026-11-25T00:00:00Z", "client on holiday", "2026-11-20T10:00:00Z"),
                // 22 days in Qualification with an overdue task, but archived
                DealEvents.deal(D5, ANNA, PIPELINE, QUALIFICATION, "Deal five", "2026-11-01T12:00:00Z"),
                DealEvents.task(T5, "DEAL", D5, ANNA, "Chase", "2026-11-18T12:00:00Z", "2026-11-01T13:00:00Z"),
                DealEvents.archived(D5, ANNA, QUALIFICATION, "budget frozen", "2026-11-21T10:00:00Z"),
                // a lead untouched since Thursday 19th 09:00 UTC
                LeadEvents.lead(L1, "website", ANNA, "Lead one", "2026-11-19T09:00:00Z"),
                // a lead untouched since the 10th, snoozed until the 30th
                LeadEvents.lead(L2, "website", ANNA, "Lead two", "2026-11-10T09:00:00Z"),
                DealEvents.snoozed(
                        "LEAD", L2, "2026-11-30T00:00:00Z", "call after the tender", "2026-11-20T10:00:00Z"));
        events.publish(
                DealEvents.deal(D6, VERA, PIPELINE, QUALIFICATION, "Deal six", "2026-11-18T12:00:00Z"),
                DealEvents.task(
                        UUID.randomUUID(), "DEAL", D6, VERA, "Visit", "2026-12-01T09:00:00Z", "2026-11-18T13:00:00Z"),
                DealEvents.deal(D7, VERA, PIPELINE, QUALIFICATION, "Deal seven", "2026-11-18T12:00:00Z"),
                DealEvents.task(
                        UUID.randomUUID(), "DEAL", D7, VERA, "Visit", "2026-12-01T09:00:00Z", "2026-11-18T13:00:00Z"),
                DealEvents.archived(D7, VERA, QUALIFICATION, "client paused", "2026-11-19T10:00:00Z"),
                RosterEvents.dismissed(VERA, null, List.of(), "2026-11-20T09:00:00Z"));
        // drained: the last events of each card are in (the snoozes, the archive with its task)
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath f = forgotten(head(tenant));
            return f.getLong("figures.snoozedCards") == 2
                    && f.getLong("figures.overdueTasks") == 1
                    && f.getLong("figures.rottingDeals") == 2
                    && f.getLong("figures.forgottenCards") == 3;
        });
        return tenant;
    }

    @Test
    @Order(1)
    void aDealInItsStageLongerThanTheStagesLimitOrUsualTimeIsRotting() {
        // D1: 9 days in Qualification > 8.4 (usual); D3: 11 days in Proposal > 10 (its own limit); D2 (7 days) is not;
        // D4 is snoozed, D5 archived
        JsonPath rotting = forgotten(head(tenant).queryParam("figure", "rottingDeals"));
        assertThat(rotting.getLong("figures.rottingDeals")).isEqualTo(2);
        assertThat(rotting.getString("drillDown.figure")).isEqualTo("rottingDeals");
        assertThat(rotting.getList("drillDown.items.cardId")).containsExactly(D3.toString(), D1.toString());
        assertThat(rotting.getList("drillDown.items.ageDays", Integer.class)).containsExactly(11, 9);
        assertThat(rotting.getList("drillDown.items.reason")).containsExactly("ROTTING", "ROTTING");

        JsonPath load = load(head(tenant));
        assertThat(load.getLong("figures.rottingDeals")).isEqualTo(2);
        assertThat(load.getLong("figures.managers.find { it.managerId == '" + ANNA + "' }.rottingDeals"))
                .isEqualTo(2);
        assertThat(load.getLong("figures.managers.find { it.managerId == '" + BORIS + "' }.rottingDeals"))
                .isZero();
    }

    @Test
    @Order(2)
    void aForgottenRottingDealSaysSoAndAgesCountWorkingDaysSkippingTheWeekendAndTheHoliday() {
        // forgotten (no open task): D3 since the 12th 12:00 UTC (11 days), D1 since Saturday 14th (9 days), L1 since
        // Thursday 19th 09:00 (4 days). Working days after the day up to today, Friday 20th a holiday:
        // D3: 13, 16, 17, 18, 19, 23 = 6; D1: 16, 17, 18, 19, 23 = 5; L1: 23 = 1
        JsonPath answer = forgotten(head(tenant));
        assertThat(answer.getList("drillDown.items.cardId"))
                .containsExactly(D3.toString(), D1.toString(), L1.toString());
        assertThat(answer.getList("drillDown.items.ageDays", Integer.class)).containsExactly(11, 9, 4);
        assertThat(answer.getList("drillDown.items.ageWorkingDays", Integer.class))
                .containsExactly(6, 5, 1);
        assertThat(answer.getList("drillDown.items.reason")).containsExactly("ROTTING", "ROTTING", null);
        assertThat(answer.getLong("figures.byManager[0].oldestForgottenDays")).isEqualTo(11);
        assertThat(answer.getLong("figures.byManager[0].oldestForgottenWorkingDays"))
                .isEqualTo(6);
        // T1 fell due on Thursday 19th 12:00 UTC: 4 days, 1 working day (the 20th is a holiday, then the weekend)
        JsonPath overdue = forgotten(head(tenant).queryParam("figure", "overdueTasks"));
        assertThat(overdue.getList("drillDown.items.cardId")).containsExactly(T1.toString());
        assertThat(overdue.getList("drillDown.items.ageDays", Integer.class)).containsExactly(4);
        assertThat(overdue.getList("drillDown.items.ageWorkingDays", Integer.class))
                .containsExactly(1);
        assertThat(overdue.getLong("figures.byManager[0].oldestOverdueWorkingDays"))
                .isEqualTo(1);
    }

    @Test
    @Order(3)
    void aSnoozedCardIsNotForgottenButCountedAsSnoozedWithItsReason() {
        JsonPath snoozed = forgotten(head(tenant).queryParam("figure", "snoozedCards"));
        assertThat(snoozed.getLong("figures.snoozedCards")).isEqualTo(2);
        // waking soonest first: D4 on the 25th, L2 on the 30th
        assertThat(snoozed.getList("drillDown.items.cardId")).containsExactly(D4.toString(), L2.toString());
        assertThat(snoozed.getList("drillDown.items.reason"))
                .containsExactly("client on holiday", "call after the tender");
        assertThat(forgotten(head(tenant)).getList("drillDown.items.cardId"))
                .doesNotContain(D4.toString(), L2.toString());
        // still open cards in manager load: D1, D2, D3, D4, L1, L2 (D5 archived)
        JsonPath load = load(head(tenant));
        assertThat(load.getLong("figures.managers.find { it.managerId == '" + ANNA + "' }.openCards"))
                .isEqualTo(6);
        assertThat(load.getLong("figures.managers.find { it.managerId == '" + ANNA + "' }.snoozedCards"))
                .isEqualTo(2);
        assertThat(load.getLong("figures.snoozedCards")).isEqualTo(2);
    }

    @Test
    @Order(4)
    void anArchivedDealLeavesTheNowMetricsAndStaysInTheFlowOnes() {
        JsonPath load = load(head(tenant));
        assertThat(load.getList("drillDown.items.cardId")).doesNotContain(D5.toString());
        // its overdue task T5 is out with it
        assertThat(forgotten(head(tenant).queryParam("figure", "overdueTasks")).getList("drillDown.items.cardId"))
                .containsExactly(T1.toString());
        // the flow: the seven deals opened in November are new in the pipeline waterfall, D5 and D7 included
        await().atMost(Duration.ofSeconds(30))
                .until(() -> head(tenant)
                                .queryParam("from", "2026-11-01")
                                .queryParam("to", "2026-11-22")
                                .get("/api/v1/metrics/pipeline-change")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getLong("figures.total.newDeals.count")
                        == 7);
        // a dismissed manager's base: Vera still owns D6; D7, archived, is not counted (0 before her dismissal is in,
        // 2 before D7's archive is, 1 once both are)
        await().atMost(Duration.ofSeconds(30)).until(() -> dismissedStillOwned(tenant) == 1);
    }

    @Test
    @Order(5)
    void aManagerWithRottingDealsGetsAnAlert() {
        // more than 1 rotting deal: Anna (2) is alerted at the next evaluation of every tenant (each minute)
        rottingDealsAbove(tenant, 1);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> alerts(tenant)
                                .getList("findAll { it.alertType == 'DEALS_ROTTING' }")
                                .size()
                        == 1);
        JsonPath alerts = alerts(tenant);
        assertThat(alerts.getString("find { it.alertType == 'DEALS_ROTTING' }.conditionKey"))
                .isEqualTo("DEALS_ROTTING:manager:" + ANNA);
        assertThat(alerts.getString("find { it.alertType == 'DEALS_ROTTING' }.title"))
                .isEqualTo("Anna: застрявших сделок 2"); // the tenant's language: ru, the default
    }

    @Test
    @Order(6)
    void restoringWakingAndTheSnoozesMomentPassingBringCardsBack() {
        new EventPublisher(kafka, tenant)
                .publish(
                        DealEvents.restored(
                                D5,
                                ANNA,
                                QUALIFICATION,
                                "budget is back",
                                "2026-11-21T10:00:00Z",
                                "2026-11-23T10:00:00Z"),
                        DealEvents.unsnoozed("LEAD", L2, "2026-11-30T00:00:00Z", "2026-11-23T10:00:00Z"),
                        DealEvents.restored(
                                D7,
                                VERA,
                                QUALIFICATION,
                                "back to work",
                                "2026-11-19T10:00:00Z",
                                "2026-11-23T10:00:00Z"));
        clock.set(LATER);
        // Wednesday 25th 12:00 UTC: D4's snooze (to the 25th 00:00) has passed by the clock, L2 was woken by hand,
        // D5 is back. Rotting: D1 (11 days > 8.4), D2 (9 > 8.4), D3 and D4 (13 > 10), D5 (24 > 8.4) = 5.
        // Forgotten: D1, D3, D4, L1, L2 (D2 and D5 have open tasks) = 5. Overdue: T1 and T5 = 2. Load: 7 open cards.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath f = forgotten(head(tenant));
            return f.getLong("figures.snoozedCards") == 0 && f.getLong("figures.overdueTasks") == 2;
        });
        JsonPath answer = forgotten(head(tenant));
        assertThat(answer.getLong("figures.rottingDeals")).isEqualTo(5);
        assertThat(answer.getLong("figures.forgottenCards")).isEqualTo(5);
        assertThat(answer.getList("drillDown.items.cardId"))
                .containsExactlyInAnyOrder(D1.toString(), D3.toString(), D4.toString(), L1.toString(), L2.toString());
        JsonPath load = load(head(tenant));
        assertThat(load.getLong("figures.managers.find { it.managerId == '" + ANNA + "' }.openCards"))
                .isEqualTo(7);
        assertThat(load.getLong("figures.rottingDeals")).isEqualTo(5);
        assertThat(load.getLong("figures.snoozedCards")).isZero();
        // D7 is back in Vera's base: D6 and D7
        await().atMost(Duration.ofSeconds(30)).until(() -> dismissedStillOwned(tenant) == 2);
    }

    private static long dismissedStillOwned(String tenant) {
        return head(tenant)
                .queryParam("from", "2026-11-01")
                .queryParam("to", "2026-11-23")
                .get("/api/v1/metrics/dismissed-base")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("figures.openCardsStillOwned");
    }

    private static JsonPath forgotten(RequestSpecification request) {
        return request.when()
                .get("/api/v1/metrics/forgotten-cards")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath load(RequestSpecification request) {
        return request.when()
                .get("/api/v1/metrics/manager-load")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void rottingDealsAbove(String tenant, int limit) {
        head(tenant)
                .contentType(ContentType.JSON)
                .body("{\"ROTTING_DEALS_PER_MANAGER\": " + limit + "}")
                .put("/api/v1/alerts/thresholds")
                .then()
                .statusCode(200);
    }

    private static JsonPath alerts(String tenant) {
        return head(tenant)
                .when()
                .get("/api/v1/alerts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static RequestSpecification head(String tenant) {
        return given().auth().oauth2(TestTokens.head(tenant));
    }
}
