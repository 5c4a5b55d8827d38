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
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Metric 11 and its alerts: forgotten cards and overdue tasks per manager, true at the moment of the query. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForgottenCardsTest {

    @Inject
    TestClock clock;

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    private static final UUID PIPELINE = UUID.randomUUID();
    private static final UUID FIRST_STAGE = UUID.randomUUID();

    @InjectKafka
    KafkaCompanion kafka;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static final UUID L1 = UUID.randomUUID();
    private static final UUID L2 = UUID.randomUUID();
    private static final UUID L3 = UUID.randomUUID();
    private static final UUID L4 = UUID.randomUUID();
    private static final UUID D1 = UUID.randomUUID();
    private static final UUID D2 = UUID.randomUUID();
    private static final UUID T1 = UUID.randomUUID();
    private static final UUID T2 = UUID.randomUUID();
    private static final UUID T3 = UUID.randomUUID();
    private static final UUID T4 = UUID.randomUUID();
    private static final UUID SALES1 = UUID.randomUUID();
    private static final UUID SALES2 = UUID.randomUUID();

    /** The scenario, built once for the class by the first rule that runs (its own tenant); the rules only read it. */
    private static String tenant;

    @BeforeEach
    void forgottenScenario() {
        clock.set(NOW);
        if (tenant == null) {
            tenant = publishForgottenScenario();
        }
    }

    private String publishForgottenScenario() {
        String tenant = TestTenants.fresh();
        EventPublisher events = new EventPublisher(kafka, tenant);
        // Anna and Boris in team 1; Boris moves to team 2 on 17 Nov (no figure below changes until filtered by team);
        // a dollar is worth 90 RUB from 1 Nov
        events.publish(
                RosterEvents.hired(ANNA, "Anna", SALES1, 10, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(BORIS, "Boris", SALES1, 10, "2026-01-10T09:00:00Z"),
                RosterEvents.teamChanged(BORIS, "Boris", SALES1, SALES2, 10, "2026-11-17T09:00:00Z"),
                DealEvents.exchangeRate("USD", "2026-11-01", "90"));
        events.publish(
                LeadEvents.lead(L1, "website", ANNA, "Lead one", "2026-11-10T09:00:00Z"),
                LeadEvents.lead(L2, "website", ANNA, "Lead two", "2026-11-12T12:00:00Z"),
                LeadEvents.lead(L3, "website", ANNA, "Lead three", "2026-11-01T12:00:00Z"),
                LeadEvents.lead(L4, "website", ANNA, "Lead four", "2026-11-05T12:00:00Z"),
                DealEvents.deal(D1, BORIS, PIPELINE, FIRST_STAGE, "Deal one", "1500", "USD", "2026-11-15T12:00:00Z"),
                DealEvents.deal(D2, BORIS, PIPELINE, FIRST_STAGE, "Deal two", "2026-11-16T12:00:00Z"));
        // before any task: all six cards but the rejected one... none rejected yet: 6 forgotten
        awaitFigure(tenant, "figures.forgottenCards", 6);

        events.publish(
                DealEvents.task(T1, "LEAD", L2, ANNA, "Call back", "2026-11-25T09:00:00Z", "2026-11-12T13:00:00Z"),
                DealEvents.task(T2, "LEAD", L3, ANNA, "Send offer", "2026-11-15T12:00:00Z", "2026-11-02T12:00:00Z"),
                LeadEvents.rejected(L4, "NEW", "junk", ANNA, "website", "2026-11-06T12:00:00Z"),
                DealEvents.call("DEAL", D1, BORIS, "2026-11-18T12:00:00Z"),
                DealEvents.task(T3, "DEAL", D2, BORIS, "Meeting", "2026-11-19T12:00:00Z", "2026-11-16T13:00:00Z"),
                DealEvents.task(T4, "DEAL", D2, BORIS, "First call", "2026-11-17T09:00:00Z", "2026-11-16T13:00:00Z"),
                DealEvents.taskDone(T4, "DEAL", D2, BORIS, "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z"));
        // now 20 Nov 12:00Z. Forgotten (open, owned, no open task): L1 (last touch its creation 10 Nov 09:00 -> 10
        // days) and D1 (last touch the call 18 Nov 12:00 -> 2 days). L2, L3 and D2 have open tasks; L4 is rejected.
        // Overdue: T2 (due 15 Nov 12:00 -> 5 days, Anna), T3 (due 19 Nov 12:00 -> 1 day, Boris); T1 is due 25 Nov; T4
        // is done.
        awaitFigure(tenant, "figures.overdueTasks", 2);
        return tenant;
    }

    @Test
    void aCardWithoutAnOpenTaskIsForgottenAndAgesFromItsLastTouch() {
        JsonPath answer = forgotten(head(tenant));
        assertThat(answer.getLong("figures.forgottenCards")).isEqualTo(2);
        assertThat(answer.getList("figures.byManager.managerId")).containsExactly(ANNA.toString(), BORIS.toString());
        assertThat(answer.getList("figures.byManager.oldestForgottenDays", Integer.class))
                .containsExactly(10, 2);
        assertThat(answer.getString("drillDown.figure")).isEqualTo("forgottenCards");
        assertThat(answer.getList("drillDown.items.cardId")).containsExactly(L1.toString(), D1.toString());
        assertThat(answer.getList("drillDown.items.title")).containsExactly("Lead one", "Deal one");
        assertThat(answer.getList("drillDown.items.ageDays", Integer.class)).containsExactly(10, 2);
    }

    @Test
    void aForgottenDealShowsItsAmountInTheBaseCurrencyAtTodaysRate() {
        // 1 500 USD x 90 = 135 000.00; a lead has none
        assertThat(forgotten(head(tenant)).getList("drillDown.items.amount", Double.class))
                .containsExactly(null, 135000.0);
    }

    @Test
    void aTaskPastItsDueTimeIsOverdueAndTheOldestComesFirst() {
        JsonPath answer = forgotten(head(tenant));
        assertThat(answer.getLong("figures.overdueTasks")).isEqualTo(2);
        assertThat(answer.getList("figures.byManager.oldestOverdueDays", Integer.class))
                .containsExactly(5, 1);
        JsonPath overdue = forgotten(head(tenant).queryParam("figure", "overdueTasks"));
        assertThat(overdue.getList("drillDown.items.cardId")).containsExactly(T2.toString(), T3.toString());
        assertThat(overdue.getList("drillDown.items.title")).containsExactly("Send offer", "Meeting");
        assertThat(overdue.getList("drillDown.items.ageDays", Integer.class)).containsExactly(5, 1);
    }

    @Test
    void aManagerSeesOnlyTheirOwnForgottenCardsAndOverdueTasks() {
        // Boris's own token: his deal and his task only
        JsonPath boris = forgotten(given().auth().oauth2(TestTokens.manager(tenant, BORIS)));
        assertThat(boris.getLong("figures.forgottenCards")).isEqualTo(1);
        assertThat(boris.getLong("figures.overdueTasks")).isEqualTo(1);
    }

    @Test
    void aCardOrTaskCountsForTheTeamItsOwnerIsInNow() {
        // the owner's or assignee's team now: Boris (team 2 since 17 Nov) takes D1 and T3 along, though D1 was opened
        // and T3 created while he was in team 1; team 1 keeps Anna's L1 and T2
        JsonPath team2 = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> forgotten(head(tenant).queryParam("teamId", SALES2.toString())),
                        r -> r.getLong("figures.forgottenCards") == 1);
        assertThat(team2.getLong("figures.overdueTasks")).isEqualTo(1);
        assertThat(team2.getList("figures.byManager.managerId")).containsExactly(BORIS.toString());
        assertThat(team2.getList("drillDown.items.cardId")).containsExactly(D1.toString());
        assertThat(team2.getList("drillDown.items.amount", Double.class)).containsExactly(135000.0);
        JsonPath team1 =
                forgotten(head(tenant).queryParam("teamId", SALES1.toString()).queryParam("figure", "overdueTasks"));
        assertThat(team1.getLong("figures.forgottenCards")).isEqualTo(1);
        assertThat(team1.getList("figures.byManager.managerId")).containsExactly(ANNA.toString());
        assertThat(team1.getList("drillDown.items.cardId")).containsExactly(T2.toString());
        assertThat(team1.getList("drillDown.items.amount")).containsExactly((Object) null);
    }

    @Test
    void timeAloneMakesATaskOverdue() {
        // no event, only time: on 26 Nov 12:00 T1 (due 25 Nov 09:00) is overdue too, 1 day; T2 is 11 days, T3 7 days
        // overdue
        clock.set(Instant.parse("2026-11-26T12:00:00Z"));
        JsonPath later = forgotten(head(tenant).queryParam("figure", "overdueTasks"));
        assertThat(later.getLong("figures.overdueTasks")).isEqualTo(3);
        assertThat(later.getList("drillDown.items.ageDays", Integer.class)).containsExactly(11, 7, 1);
    }

    @Test
    void aForgottenCardAboveTheLimitRaisesOneAlertPerManagerAndATaskResolvesIt() {
        String tenant = TestTenants.fresh();
        EventPublisher events = new EventPublisher(kafka, tenant);
        forgottenCardsAbove(tenant, 1);
        UUID l1 = UUID.randomUUID(), l2 = UUID.randomUUID(), l3 = UUID.randomUUID();
        // Anna: 2 forgotten cards (> 1: raise); Boris: 1 (not above the limit)
        events.publish(
                LeadEvents.lead(l1, "website", ANNA, "One", "2026-11-18T09:00:00Z"),
                LeadEvents.lead(l2, "website", ANNA, "Two", "2026-11-18T10:00:00Z"),
                LeadEvents.lead(l3, "website", BORIS, "Three", "2026-11-18T11:00:00Z"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> openAlerts(tenant).getList("conditionKey").size() == 1);
        JsonPath open = openAlerts(tenant);
        assertThat(open.getString("[0].conditionKey")).isEqualTo("FORGOTTEN_CARDS:manager:" + ANNA);
        assertThat(open.getString("[0].drillDownPath"))
                .isEqualTo("/api/v1/metrics/forgotten-cards?managerId=" + ANNA + "&figure=forgottenCards");

        // a task on one of Anna's cards: 1 forgotten card left, not above the limit -> resolved
        events.publish(DealEvents.task(
                UUID.randomUUID(), "LEAD", l1, ANNA, "Call", "2026-11-21T09:00:00Z", "2026-11-20T09:00:00Z"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> openAlerts(tenant).getList("conditionKey").isEmpty());
        assertThat(given().auth()
                        .oauth2(TestTokens.head(tenant))
                        .queryParam("state", "all")
                        .when()
                        .get("/api/v1/alerts")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("resolvedAt"))
                .hasSize(1)
                .doesNotContainNull();
    }

    /** The tenant of the grace scenario: three leads of Anna's, of 24 hours, 23:59 and one second ago. */
    private static String graceTenant;

    private static final UUID DAY_OLD = UUID.randomUUID();

    /** Built once, by the first grace rule that runs (the clock is at NOW). */
    private String graceScenario() {
        if (graceTenant != null) {
            return graceTenant;
        }
        String tenant = TestTenants.fresh();
        EventPublisher events = new EventPublisher(kafka, tenant);
        UUID almost = UUID.randomUUID(), brandNew = UUID.randomUUID();
        events.publish(
                RosterEvents.hired(ANNA, "Anna Petrova", null, 10, "2026-01-10T09:00:00Z"),
                LeadEvents.lead(
                        DAY_OLD,
                        "website",
                        ANNA,
                        "Day old",
                        NOW.minus(Duration.ofHours(24)).toString()),
                LeadEvents.lead(
                        almost,
                        "website",
                        ANNA,
                        "Almost",
                        NOW.minus(Duration.ofMinutes(24 * 60 - 1)).toString()),
                LeadEvents.lead(
                        brandNew,
                        "website",
                        ANNA,
                        "Brand new",
                        NOW.minusSeconds(1).toString()));
        // drained: manager load counts every open card, whatever its age
        await().atMost(Duration.ofSeconds(30))
                .until(() -> head(tenant)
                                .when()
                                .get("/api/v1/metrics/manager-load")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getLong("figures.managers[0].openCards")
                        == 3);
        graceTenant = tenant;
        return tenant;
    }

    @Test
    void aCardWithoutATaskIsForgottenOnlyOnceTheDefaultGraceOf24HoursHasPassedSinceItsLastTouch() {
        // a lead of exactly 24 hours ago is forgotten, one of 23:59 ago and one of a second ago are not yet
        JsonPath answer = forgotten(head(graceScenario()));
        assertThat(answer.getLong("figures.forgottenCards")).isEqualTo(1);
        assertThat(answer.getList("drillDown.items.cardId")).containsExactly(DAY_OLD.toString());
        assertThat(answer.getList("drillDown.items.ageDays", Integer.class)).containsExactly(1);
    }

    @Test
    void aGraceOfMoreThan30DaysIsRefused() {
        putSettings(graceScenario(), "[]", 721)
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("forgottenGraceHours"));
    }

    /** Runs last of the grace rules: it changes the tenant's settings, which the others read as they were. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aTenantWithNoGraceHasEveryCardWithoutATaskForgottenAtOnce() {
        String tenant = graceScenario();
        putSettings(tenant, "[\"SATURDAY\",\"SUNDAY\"]", 0)
                .statusCode(200)
                .body("forgottenGraceHours", org.hamcrest.Matchers.equalTo(0));
        assertThat(forgotten(head(tenant)).getLong("figures.forgottenCards")).isEqualTo(3);
    }

    @Test
    void anAlertNamesTheManagerAsTheRosterKnowsThemInItsTitleAndEvent() {
        String tenant = TestTenants.fresh();
        EventPublisher events = new EventPublisher(kafka, tenant);
        io.smallrye.reactive.messaging.kafka.companion.ConsumerTask<String, byte[]> alerts = kafka.consume(
                        String.class, byte[].class)
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(com.salespulse.contract.Topics.ALERT_EVENTS);
        try {
            forgottenCardsAbove(tenant, 1);
            // the tenant reads English (lead-service's settings): the alert's title and the event's are English
            new LeadSettings(kafka, tenant).language("en").publish();
            events.publish(
                    RosterEvents.hired(ANNA, "Anna Petrova", null, 10, "2026-01-10T09:00:00Z"),
                    LeadEvents.lead(UUID.randomUUID(), "website", ANNA, "One", "2026-11-18T09:00:00Z"),
                    LeadEvents.lead(UUID.randomUUID(), "website", ANNA, "Two", "2026-11-18T10:00:00Z"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> openAlerts(tenant).getList("conditionKey").size() == 1);
            assertThat(openAlerts(tenant).getString("[0].title")).isEqualTo("Anna Petrova has 2 forgotten cards");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> alerts.getRecords().stream()
                            .map(r -> DealEvents.CODEC.decode(r.value()))
                            .anyMatch(e -> tenant.equals(e.metadata().tenant())));
            com.salespulse.contract.alert.AlertRaised raised = alerts.getRecords().stream()
                    .map(r -> DealEvents.CODEC.decode(r.value()))
                    .filter(e -> tenant.equals(e.metadata().tenant()))
                    .map(e -> (com.salespulse.contract.alert.AlertRaised) e.data())
                    .findFirst()
                    .orElseThrow();
            assertThat(raised.managerName()).isEqualTo("Anna Petrova");
            assertThat(raised.title()).isEqualTo("Anna Petrova has 2 forgotten cards");
            assertThat(raised.drillDownPath()).endsWith("&figure=forgottenCards");
        } finally {
            alerts.stop();
        }
    }

    /** Sets the tenant's alert threshold: more forgotten cards than this per manager raise an alert. */
    private static void forgottenCardsAbove(String tenant, int limit) {
        head(tenant)
                .contentType(ContentType.JSON)
                .body("{\"FORGOTTEN_CARDS_PER_MANAGER\": " + limit + "}")
                .when()
                .put("/api/v1/alerts/thresholds")
                .then()
                .statusCode(200);
    }

    /** PUTs the tenant's settings (Moscow time, RUB) with these weekend days and forgotten-card grace. */
    private static ValidatableResponse putSettings(String tenant, String weekendDays, int graceHours) {
        return head(tenant)
                .contentType(ContentType.JSON)
                .body("{\"timeZone\":\"Europe/Moscow\",\"baseCurrency\":\"RUB\",\"weekendDays\":" + weekendDays
                        + ",\"forgottenGraceHours\":" + graceHours + "}")
                .when()
                .put("/api/v1/settings")
                .then();
    }

    private static JsonPath openAlerts(String tenant) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/alerts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The forgotten-cards answer to this request. */
    private static JsonPath forgotten(RequestSpecification request) {
        return request.when()
                .get("/api/v1/metrics/forgotten-cards")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static RequestSpecification head(String tenant) {
        return given().auth().oauth2(TestTokens.head(tenant));
    }

    private static JsonPath awaitFigure(String tenant, String path, long expected) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> forgotten(head(tenant)).getLong(path) == expected);
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true); // let the rest of the batch land
        return forgotten(head(tenant));
    }
}
