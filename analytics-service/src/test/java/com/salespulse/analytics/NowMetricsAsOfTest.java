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
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 20, "is it getting better?": manager load, forgotten cards and the dismissed base asked {@code asOf=} a past
 * day answer what they answered live that day, and give a daily trend. Four days (Monday 16 to Thursday 19 November, Moscow time) of a
 * small history, the live answers taken each evening at 23:00 Moscow (20:00Z), then asked again afterwards.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NowMetricsAsOfTest {

    @Inject
    TestClock clock;

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID BORIS = UUID.randomUUID();
    private static final UUID DMITRY = UUID.randomUUID();
    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID PIPELINE = UUID.randomUUID();
    private static final UUID S1 = UUID.randomUUID();
    private static final UUID S2 = UUID.randomUUID();
    private static final UUID L1 = UUID.randomUUID();
    private static final UUID L2 = UUID.randomUUID();
    private static final UUID L3 = UUID.randomUUID();
    private static final UUID L4 = UUID.randomUUID();
    private static final UUID L5 = UUID.randomUUID();
    private static final UUID D1 = UUID.randomUUID();
    private static final UUID D2 = UUID.randomUUID();
    private static final UUID D3 = UUID.randomUUID();
    private static final UUID T1 = UUID.randomUUID();
    private static final UUID T2 = UUID.randomUUID();
    private static final UUID T3 = UUID.randomUUID();
    private static final UUID T4 = UUID.randomUUID();
    private static final UUID T5 = UUID.randomUUID();
    private static final UUID T6 = UUID.randomUUID();
    private static final UUID T7 = UUID.randomUUID();
    private static final UUID TRANSFER = UUID.randomUUID();

    private static final List<String> DAYS = List.of("2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19");

    /** The scenario's tenant, built once by the first rule that runs; the rules only read it (the rebuild last). */
    private static String tenant;

    /**
     * Per day, the live answers taken that evening: load, forgotten (drill: forgotten cards), forgotten (overdue),
     * dismissed base (November).
     */
    private static final Map<String, List<JsonPath>> LIVE = new LinkedHashMap<>();

    @BeforeEach
    void history() {
        if (tenant == null) {
            tenant = publishFourDays();
        }
        clock.set(evening("2026-11-19"));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /**
     * Before Monday: Anna owns leads L1 (10 Nov) and L2 (12 Nov) with tasks T1 and T2 due Monday morning; Boris owns
     * deals D1 (13 Nov, task T3 due Monday), D2 (14 Nov) and D3 (15 Nov), neither with a task; Dmitry owns leads L4
     * and L5, each with a task due 30 Nov, is dismissed on Wednesday 10:00 keeping them, and on Thursday they are
     * transferred, L4 to Anna and L5 to Boris. Each evening:
     * <pre>
     *        open cards (Anna+Boris+Dmitry) overdue tasks            forgotten (untouched 24 h, no task)  dismissed
     * Mon 16 2+3+2 = 7                      T1 T2 T3 = 3             D2 D3 = 2                            0
     * Tue 17 3+3+2 = 8 (lead L3)            3 (T4 on D2 due Wed)     D3 = 1 (D2 has T4; L3 is 14 h old)   0
     * Wed 18 3+3 = 6 (D1 to S2; Dmitry out) + T4, T5 (on L3) = 5     0 (D3 snoozed until 25 Nov)          L4 L5 = 2
     * Thu 19 2+4 = 6 (L1 rejected, L2       T3 T4 = 2 (the meeting:  D3 = 1 (woken; last touch 15 Nov)    0 (moved)
     *        archived; L4, L5 moved in)     T1 T2 T5 done)
     * </pre>
     */
    private String publishFourDays() {
        String tenant = TestTenants.fresh();
        EventPublisher events = new EventPublisher(kafka, tenant);
        events.publish(
                RosterEvents.hired(ANNA, "Anna", TEAM, 10, "2026-11-01T09:00:00Z"),
                RosterEvents.hired(BORIS, "Boris", TEAM, 10, "2026-11-01T09:00:00Z"),
                RosterEvents.hired(DMITRY, "Dmitry", TEAM, 10, "2026-11-01T09:00:00Z"));
        events.publish(
                LeadEvents.lead(L1, "website", ANNA, "Lead one", "2026-11-10T09:00:00Z"),
                LeadEvents.lead(L2, "website", ANNA, "Lead two", "2026-11-12T09:00:00Z"),
                LeadEvents.lead(L4, "website", DMITRY, "Lead four", "2026-11-11T09:00:00Z"),
                DealEvents.task(T6, "LEAD", L4, DMITRY, "Call", "2026-11-30T09:00:00Z", "2026-11-11T10:00:00Z"),
                LeadEvents.lead(L5, "website", DMITRY, "Lead five", "2026-11-11T09:00:00Z"),
                DealEvents.task(T7, "LEAD", L5, DMITRY, "Call", "2026-11-30T09:00:00Z", "2026-11-11T10:00:00Z"),
                DealEvents.deal(D1, BORIS, PIPELINE, S1, "Deal one", "2026-11-13T09:00:00Z"),
                DealEvents.deal(D2, BORIS, PIPELINE, S1, "Deal two", "2026-11-14T09:00:00Z"),
                DealEvents.deal(D3, BORIS, PIPELINE, S1, "Deal three", "2026-11-15T09:00:00Z"),
                DealEvents.task(T1, "LEAD", L1, ANNA, "Call", "2026-11-16T06:00:00Z", "2026-11-10T10:00:00Z"),
                DealEvents.task(T2, "LEAD", L2, ANNA, "Offer", "2026-11-16T07:00:00Z", "2026-11-12T10:00:00Z"),
                DealEvents.task(T3, "DEAL", D1, BORIS, "Contract", "2026-11-16T08:00:00Z", "2026-11-13T10:00:00Z"));
        liveEvening(tenant, "2026-11-16", 7, 3, 2, answer -> true);

        events.publish(
                LeadEvents.lead(L3, "website", ANNA, "Lead three", "2026-11-17T06:00:00Z"),
                DealEvents.task(T4, "DEAL", D2, BORIS, "Visit", "2026-11-18T09:00:00Z", "2026-11-17T07:00:00Z"));
        liveEvening(tenant, "2026-11-17", 8, 3, 1, answer -> true);

        events.publish(
                DealEvents.moved(D1, BORIS, PIPELINE, S1, S2, "2026-11-18T06:00:00Z"),
                DealEvents.snoozed("DEAL", D3, "2026-11-25T09:00:00Z", "on holiday", "2026-11-18T06:30:00Z"),
                DealEvents.task(T5, "LEAD", L3, ANNA, "Qualify", "2026-11-18T07:00:00Z", "2026-11-18T05:00:00Z"),
                RosterEvents.dismissed(DMITRY, null, List.of(), "2026-11-18T07:00:00Z"));
        liveEvening(
                tenant,
                "2026-11-18",
                6,
                5,
                0,
                load -> load.getList("drillDown.items.stage").contains(S2.toString()));

        events.publish(
                DealEvents.taskDone(T1, "LEAD", L1, ANNA, "2026-11-16T06:00:00Z", "2026-11-19T06:00:00Z"),
                DealEvents.taskDone(T2, "LEAD", L2, ANNA, "2026-11-16T07:00:00Z", "2026-11-19T06:10:00Z"),
                DealEvents.taskDone(T5, "LEAD", L3, ANNA, "2026-11-18T07:00:00Z", "2026-11-19T06:20:00Z"),
                LeadEvents.rejected(L1, "NEW", "junk", ANNA, "website", "2026-11-19T07:00:00Z"),
                LeadEvents.archived(
                        L2, "MANUAL", "duplicate", "NEW", ANNA, "2026-11-12T09:00:00Z", "2026-11-19T07:30:00Z"),
                DealEvents.unsnoozed("DEAL", D3, "2026-11-25T09:00:00Z", "2026-11-19T08:00:00Z"),
                RosterEvents.transferStarted(TRANSFER, DMITRY, List.of(ANNA, BORIS), "2026-11-19T08:30:00Z"),
                LeadEvents.leadTransferred(L4, DMITRY, ANNA, TRANSFER, "2026-11-19T08:40:00Z"),
                LeadEvents.leadTransferred(L5, DMITRY, BORIS, TRANSFER, "2026-11-19T08:40:00Z"));
        liveEvening(
                tenant,
                "2026-11-19",
                6,
                2,
                1,
                answer -> dismissed(head(tenant)).getLong("figures.openCardsStillOwned") == 0);
        return tenant;
    }

    /** 23:00 in Moscow on the day: when the live answers are taken. */
    private static Instant evening(String day) {
        return Instant.parse(day + "T20:00:00Z");
    }

    /** Sets the clock to the day's evening, waits for the day's figures, and keeps the live answers. */
    private void liveEvening(
            String tenant, String day, long open, long overdue, long forgotten, Predicate<JsonPath> landed) {
        clock.set(evening(day));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath load = load(head(tenant));
            JsonPath cards = forgotten(head(tenant));
            return load.getLong("figures.openCards") == open
                    && cards.getLong("figures.overdueTasks") == overdue
                    && cards.getLong("figures.forgottenCards") == forgotten
                    && landed.test(load);
        });
        LIVE.put(
                day,
                List.of(
                        load(head(tenant)),
                        forgotten(head(tenant)),
                        forgotten(head(tenant).queryParam("figure", "overdueTasks")),
                        dismissed(head(tenant))));
    }

    @Test
    @Order(1)
    void asOfTheMomentOfEachLiveAnswerAnswersExactlyWhatWasAnsweredThen() {
        for (String day : DAYS) {
            String at = evening(day).toString();
            List<JsonPath> live = LIVE.get(day);
            assertSameAnswer(load(head(tenant).queryParam("asOf", at)), live.get(0), day);
            assertSameAnswer(forgotten(head(tenant).queryParam("asOf", at)), live.get(1), day);
            assertSameAnswer(
                    forgotten(head(tenant).queryParam("asOf", at).queryParam("figure", "overdueTasks")),
                    live.get(2),
                    day);
            // the dismissed base's "now" part at that moment; its November transfers and baseline as they are
            JsonPath dismissed = dismissed(head(tenant).queryParam("asOf", at));
            assertThat(dismissed.getLong("figures.openCardsStillOwned"))
                    .as(day)
                    .isEqualTo(live.get(3).getLong("figures.openCardsStillOwned"));
            assertThat(dismissed.getList("figures.dismissedManagers"))
                    .as(day)
                    .isEqualTo(live.get(3).getList("figures.dismissedManagers"));
            assertThat((Object) dismissed.get("drillDown"))
                    .as(day)
                    .isEqualTo(live.get(3).get("drillDown"));
        }
        // by hand: nobody dismissed on Tuesday; on Wednesday evening Dmitry, 0 days ago, with L4 and L5
        assertThat(LIVE.get("2026-11-17").get(3).getLong("figures.openCardsStillOwned"))
                .isZero();
        JsonPath wednesday =
                dismissed(head(tenant).queryParam("asOf", evening("2026-11-18").toString()));
        assertThat(wednesday.getList("figures.dismissedManagers.managerId")).containsExactly(DMITRY.toString());
        assertThat(wednesday.getList("figures.dismissedManagers.daysSinceDismissal", Integer.class))
                .containsExactly(0);
        assertThat(wednesday.getList("drillDown.items.cardId")).containsExactlyInAnyOrder(L4.toString(), L5.toString());
    }

    @Test
    @Order(2)
    void asOfADayAnswersTheCardsAndTasksOfThatDaysEnd() {
        // nothing happened between 23:00 and midnight: the same figures and the same cards, a day for a period
        for (String day : DAYS) {
            List<JsonPath> live = LIVE.get(day);
            JsonPath load = load(head(tenant).queryParam("asOf", day));
            assertThat(load.getString("period.from")).isEqualTo(day);
            assertThat(load.getLong("figures.openCards")).isEqualTo(live.get(0).getLong("figures.openCards"));
            assertThat(load.getList("figures.managers.openCards"))
                    .isEqualTo(live.get(0).getList("figures.managers.openCards"));
            assertThat(load.getList("drillDown.items.cardId"))
                    .isEqualTo(live.get(0).getList("drillDown.items.cardId"));
            JsonPath overdue = forgotten(head(tenant).queryParam("asOf", day).queryParam("figure", "overdueTasks"));
            assertThat(overdue.getMap("figures")).as(day).isEqualTo(live.get(2).getMap("figures"));
            assertThat(overdue.getList("drillDown.items.cardId"))
                    .isEqualTo(live.get(2).getList("drillDown.items.cardId"));
        }
        // Wednesday's cards as they were: D1 in stage S2, D3 snoozed (not forgotten), T4 and T5 overdue
        JsonPath wednesday =
                forgotten(head(tenant).queryParam("asOf", "2026-11-18").queryParam("figure", "snoozedCards"));
        assertThat(wednesday.getList("drillDown.items.cardId")).containsExactly(D3.toString());
        assertThat(wednesday.getList("drillDown.items.reason")).containsExactly("on holiday");
        // asOf today is the live answer
        assertSameAnswer(
                load(head(tenant).queryParam("asOf", "2026-11-19")),
                LIVE.get("2026-11-19").get(0),
                "today");
    }

    @Test
    @Order(3)
    void aManagerAsksAboutTheirOwnPast() {
        JsonPath boris = forgotten(given().auth()
                .oauth2(TestTokens.manager(tenant, BORIS))
                .queryParam("asOf", "2026-11-18")
                .queryParam("figure", "overdueTasks"));
        assertThat(boris.getLong("figures.overdueTasks")).isEqualTo(2);
        assertThat(boris.getList("drillDown.items.cardId")).containsExactly(T3.toString(), T4.toString());
    }

    @Test
    @Order(4)
    void theDailyTrendShowsOverdueTasksFallingAfterTheMeeting() {
        JsonPath trend = trend("forgotten-cards", "2026-11-16", "2026-11-19");
        assertThat(trend.getList("figures.days.day")).isEqualTo(DAYS);
        assertThat(trend.getList("figures.days.overdueTasks", Integer.class)).containsExactly(3, 3, 5, 2);
        assertThat(trend.getList("figures.days.forgottenCards", Integer.class)).containsExactly(2, 1, 0, 1);
        // per manager on Wednesday: Anna T1 T2 T5, Boris T3 T4 and nothing forgotten
        Map<String, Object> anna = dayOf(trend, 2, ANNA);
        assertThat(anna).containsEntry("overdueTasks", 3).containsEntry("forgottenCards", 0);
        assertThat(dayOf(trend, 2, BORIS)).containsEntry("overdueTasks", 2);
        // on Thursday Anna has nothing left, so she is not listed
        assertThat(trend.getList("figures.days[3].byManager.managerId")).containsExactly(BORIS.toString());

        JsonPath load = trend("manager-load", "2026-11-16", "2026-11-19");
        assertThat(load.getList("figures.days.openCards", Integer.class)).containsExactly(7, 8, 6, 6);
        assertThat(dayOf(load, 1, DMITRY)).containsEntry("openCards", 2);
        assertThat(load.getList("figures.days[2].byManager.managerId")).doesNotContain(DMITRY.toString());
        assertThat(dayOf(load, 0, ANNA)).containsEntry("openCards", 2);
        assertThat(dayOf(load, 1, ANNA)).containsEntry("openCards", 3);
        assertThat(dayOf(load, 3, ANNA)).containsEntry("openCards", 2);
        assertThat(dayOf(load, 3, BORIS)).containsEntry("openCards", 4);
        // a point is what asOf= that day answers
        for (int i = 0; i < DAYS.size(); i++) {
            assertThat((long) load.getInt("figures.days[" + i + "].openCards"))
                    .isEqualTo(LIVE.get(DAYS.get(i)).get(0).getLong("figures.openCards"));
        }
    }

    @Test
    @Order(5)
    void theDismissedBaseTrendFallsToNothingOnceTheCardsAreTransferred() {
        JsonPath trend = trend("dismissed-base", "2026-11-16", "2026-11-19");
        assertThat(trend.getString("metric")).isEqualTo("dismissed-base-trend");
        assertThat(trend.getList("figures.days.day")).isEqualTo(DAYS);
        // Dmitry dismissed on Wednesday with L4 and L5; both moved on Thursday morning
        assertThat(trend.getList("figures.days.openCardsStillOwned", Integer.class))
                .containsExactly(0, 0, 2, 0);
        assertThat(trend.getList("figures.days[1].byManager")).isEmpty();
        assertThat(dayOf(trend, 2, DMITRY)).containsEntry("openCards", 2);
        // still listed once he owns nothing: the transfer done
        assertThat(trend.getList("figures.days[3].byManager.managerId")).containsExactly(DMITRY.toString());
        assertThat(dayOf(trend, 3, DMITRY)).containsEntry("openCards", 0);
        // a point is what dismissed-base answered live that evening
        for (int i = 0; i < DAYS.size(); i++) {
            assertThat((long) trend.getInt("figures.days[" + i + "].openCardsStillOwned"))
                    .as(DAYS.get(i))
                    .isEqualTo(LIVE.get(DAYS.get(i)).get(3).getLong("figures.openCardsStillOwned"));
        }
        // the team Dmitry left from has them; another team has none; Boris, never dismissed, sees nothing of his own
        JsonPath otherTeam = head(tenant)
                .queryParam("from", "2026-11-16")
                .queryParam("to", "2026-11-19")
                .queryParam("teamId", UUID.randomUUID())
                .when()
                .get("/api/v1/metrics/dismissed-base/trend")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(otherTeam.getList("figures.days.openCardsStillOwned", Integer.class))
                .containsExactly(0, 0, 0, 0);
        assertThat(head(tenant)
                        .queryParam("from", "2026-11-16")
                        .queryParam("to", "2026-11-19")
                        .queryParam("teamId", TEAM)
                        .when()
                        .get("/api/v1/metrics/dismissed-base/trend")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("figures.days.openCardsStillOwned", Integer.class))
                .containsExactly(0, 0, 2, 0);
        JsonPath boris = given().auth()
                .oauth2(TestTokens.manager(tenant, BORIS))
                .queryParam("from", "2026-11-16")
                .queryParam("to", "2026-11-19")
                .when()
                .get("/api/v1/metrics/dismissed-base/trend")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(boris.getString("filters.managerId")).isEqualTo(BORIS.toString());
        assertThat(boris.getList("figures.days.openCardsStillOwned", Integer.class))
                .containsExactly(0, 0, 0, 0);
    }

    @Test
    @Order(6)
    void aMomentInTheFutureOrBeforeTheHistoryOrMalformedIsRefusedNamingAsOf() {
        // history begins with L1 on 10 Nov; today is 19 Nov
        for (String bad : List.of("2026-11-20", "2026-11-19T20:00:01Z", "2026-11-09", "yesterday", "2026-13-01")) {
            head(tenant)
                    .queryParam("asOf", bad)
                    .when()
                    .get("/api/v1/metrics/forgotten-cards")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("asOf"));
        }
        head(tenant)
                .queryParam("month", "2026-11")
                .queryParam("asOf", "2026-11-20")
                .when()
                .get("/api/v1/metrics/dismissed-base")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("asOf"));
        // each trend: not after today, not before the history, at most 366 days, a period required, month or from/to
        for (String metric : List.of("manager-load", "forgotten-cards", "dismissed-base")) {
            refusedTrend(metric, "from=2026-11-16&to=2026-11-20", "to");
            refusedTrend(metric, "from=2026-11-09&to=2026-11-19", "from");
            refusedTrend(metric, "from=2025-11-01&to=2026-11-19", "to");
            refusedTrend(metric, "to=2026-11-19", "from");
            refusedTrend(metric, "month=2026-12", "month");
            refusedTrend(metric, "month=2026-11&from=2026-11-16", "month");
            refusedTrend(metric, "from=2026-11-19&to=2026-11-16", "to");
        }
    }

    @Test
    @Order(7)
    void aRebuildOfTheTenantWritesTheSameHistory() throws Exception {
        sql("delete from card_state_span where tenant_id = ?");
        sql("delete from task_span where tenant_id = ?");
        sql("delete from card_snooze_span where tenant_id = ?");
        head(tenant).when().post("/api/v1/read-model/tenant-rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> "DONE"
                        .equals(head(tenant)
                                .get("/api/v1/read-model/tenant-rebuild")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getString("state")));
        for (String day : DAYS) {
            String at = evening(day).toString();
            assertSameAnswer(
                    load(head(tenant).queryParam("asOf", at)), LIVE.get(day).get(0), day);
            assertSameAnswer(
                    forgotten(head(tenant).queryParam("asOf", at).queryParam("figure", "overdueTasks")),
                    LIVE.get(day).get(2),
                    day);
        }
        assertThat(trend("forgotten-cards", "2026-11-16", "2026-11-19")
                        .getList("figures.days.overdueTasks", Integer.class))
                .containsExactly(3, 3, 5, 2);
    }

    /** The same figures and drill-down (the period may differ: live, today; asOf, the day asked about). */
    private static void assertSameAnswer(JsonPath asOf, JsonPath live, String day) {
        assertThat((Object) asOf.get("figures")).as(day).isEqualTo(live.get("figures"));
        assertThat((Object) asOf.get("drillDown")).as(day).isEqualTo(live.get("drillDown"));
        assertThat(asOf.getString("period.from")).as(day).isEqualTo(live.getString("period.from"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dayOf(JsonPath trend, int day, UUID manager) {
        List<Map<String, Object>> managers = new ArrayList<>(trend.getList("figures.days[" + day + "].byManager"));
        return managers.stream()
                .filter(m -> manager.toString().equals(m.get("managerId")))
                .findFirst()
                .orElseThrow();
    }

    private void refusedTrend(String metric, String query, String field) {
        head(tenant)
                .when()
                .get("/api/v1/metrics/" + metric + "/trend?" + query)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo(field));
    }

    private JsonPath trend(String metric, String from, String to) {
        return head(tenant)
                .queryParam("from", from)
                .queryParam("to", to)
                .when()
                .get("/api/v1/metrics/" + metric + "/trend")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prepared = connection.prepareStatement(statement)) {
            prepared.setString(1, tenant);
            prepared.executeUpdate();
        }
    }

    private static JsonPath load(RequestSpecification request) {
        return request.when()
                .get("/api/v1/metrics/manager-load")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath forgotten(RequestSpecification request) {
        return request.when()
                .get("/api/v1/metrics/forgotten-cards")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath dismissed(RequestSpecification request) {
        return request.queryParam("month", "2026-11")
                .when()
                .get("/api/v1/metrics/dismissed-base")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static RequestSpecification head(String tenant) {
        return given().auth().oauth2(TestTokens.head(tenant));
    }
}
