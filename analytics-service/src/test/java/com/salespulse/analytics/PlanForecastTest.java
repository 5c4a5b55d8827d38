package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Metric 9 with a fixed clock in the middle of November 2026, 4 November a holiday. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class PlanForecastTest {

    @Inject
    TestClock clock;

    private static final String PATH = "/api/v1/metrics/plan-forecast";
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000009a1");

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void midMonthForecastsWithAHolidayAgainstThePlan() {
        DealEvents t = new DealEvents(kafka);
        // Monday 16 Nov, 12:00 Moscow; set first, as the alert engine evaluates the tenant as its events arrive
        clock.set(Instant.parse("2026-11-16T09:00:00Z"));
        try {
            scenario(t);
        } finally {
            clock.reset();
        }
    }

    private void scenario(DealEvents t) {
        t.holiday("2026-11-04");
        // history: the share of a month's sales made by its 10th working day (no holidays declared in Aug-Oct)
        //   Aug: 10th working day = 14 Aug; 40000 on 5 Aug of 100000 -> 0.4
        //   Sep: 10th working day = 14 Sep; 50000 on 10 Sep of 100000 -> 0.5
        //   Oct: 10th working day = 14 Oct; 30000 on 2 Oct of 100000 -> 0.3      mean share 0.4
        won(t, "2026-08-05", "40000");
        won(t, "2026-08-25", "60000");
        won(t, "2026-09-10", "50000");
        won(t, "2026-09-28", "50000");
        won(t, "2026-10-02", "30000");
        won(t, "2026-10-20", "70000");
        // November so far (all at 10:00 Moscow), 100000 in all over the 10 working days up to Monday 16 Nov:
        //   2: 10000, 3: 10000, 5: 20000, 6: 0, 9: 10000, 10: 10000, 11: 10000, 12: 20000, 13: 0, 16: 10000
        for (String[] sale : new String[][] {
            {"02", "10000"},
            {"03", "10000"},
            {"05", "20000"},
            {"09", "10000"},
            {"10", "10000"},
            {"11", "10000"},
            {"12", "20000"},
            {"16", "10000"}
        }) {
            won(t, "2026-11-" + sale[0], sale[1]);
        }
        t.publish(t.plan("2026-11", ANNA, "220000"), t.rate("USD", "2026-11-01", "90"));
        // the quarter's other months: October's plan (closed), December's (not begun)
        t.publish(t.plan("2026-10", ANNA, "120000"), t.plan("2026-12", ANNA, "250000"));
        // open deals: expected in the rest of November count, weighted by the probability of their stage
        UUID proposal = UUID.randomUUID();
        UUID inUsd = UUID.randomUUID();
        UUID december = UUID.randomUUID();
        UUID overdue = UUID.randomUUID();
        t.publish(
                t.opened(
                        proposal,
                        UUID.randomUUID(),
                        ANNA,
                        "50000",
                        "RUB",
                        "2026-11-25",
                        10,
                        "2026-11-03T07:00:00Z",
                        List.of()),
                t.moved(proposal, ANNA, DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, 40, "2026-11-10T07:00:00Z"));
        t.publish(t.opened(
                inUsd, UUID.randomUUID(), ANNA, "1000", "USD", "2026-11-20", 50, "2026-11-05T07:00:00Z", List.of()));
        t.publish(t.opened(
                december,
                UUID.randomUUID(),
                ANNA,
                "100000",
                "RUB",
                "2026-12-10",
                10,
                "2026-11-05T07:00:00Z",
                List.of()));
        t.publish(t.opened(
                overdue,
                UUID.randomUUID(),
                ANNA,
                "100000",
                "RUB",
                "2026-11-13",
                90,
                "2026-11-05T07:00:00Z",
                List.of()));

        JsonPath f = t.await(
                PATH,
                a -> a.getDouble("figures.soldToDate") == 100000.0
                        && a.getInt("figures.forecasts.historyMonths") == 3
                        && a.getString("figures.plan") != null
                        && a.getDouble("figures.forecasts.weightedPipeline") > 120000,
                "month",
                "2026-11",
                "size",
                "3");
        // November: 21 weekdays - 4 Nov = 20 working days; 2-16 Nov holds 10 of them, 10 remain
        assertThat(f.getInt("figures.workingDays")).isEqualTo(20);
        assertThat(f.getInt("figures.elapsedWorkingDays")).isEqualTo(10);
        assertThat(f.getInt("figures.remainingWorkingDays")).isEqualTo(10);
        assertThat(f.getDouble("figures.plan")).isEqualTo(220000.0);
        // run-rate: 100000 / 10 x 20 = 200000
        assertThat(f.getDouble("figures.forecasts.runRate")).isEqualTo(200000.0);
        // pipeline: 100000 + 50000 x 40% + 1000 USD x 90 x 50% = 100000 + 20000 + 45000 = 165000;
        // the December deal and the one expected on 13 Nov (before today) are out
        assertThat(f.getDouble("figures.forecasts.weightedPipeline")).isEqualTo(165000.0);
        // curve: 100000 / 0.4 = 250000
        assertThat(f.getDouble("figures.forecasts.historicalCurve")).isEqualTo(250000.0);
        assertThat(f.getString("figures.forecasts.historyNote")).isNull();
        // still needed: (220000 - 100000) / 10 = 12000 a day
        assertThat(f.getDouble("figures.neededDailyRate")).isEqualTo(12000.0);
        // daily sales: mean 10000; deviations 0,0,+10000,-10000,0,0,0,+10000,-10000,0 -> variance 4e7, sd 6324.56
        // uniformity = 1 - 6324.56 / 10000 = 0.3675
        assertThat(f.getDouble("figures.uniformityIndex")).isEqualTo(0.3675);
        // chance: the 10 remaining days sum to about N(100000, (6324.56 x sqrt 10)^2 = 20000^2);
        // P(sum >= 120000) = 1 - Phi(1) = 0.1587
        assertThat(f.getDouble("figures.chanceToMeetPlan")).isEqualTo(0.1587);
        // none of November's sales is in its last 3 working days (26, 27, 30 Nov) yet
        assertThat(f.getDouble("figures.lastWorkingDaysShare")).isEqualTo(0.0);
        // the day lines: 4 Nov is a holiday; the plan line on 16 Nov = 220000 x 10 / 20 = 110000
        assertThat(f.getBoolean("figures.days[3].workingDay")).isFalse();
        assertThat(f.getString("figures.days[15].date")).isEqualTo("2026-11-16");
        assertThat(f.getDouble("figures.days[15].cumulativeSold")).isEqualTo(100000.0);
        assertThat(f.getDouble("figures.days[15].planLine")).isEqualTo(110000.0);
        assertThat(f.getString("figures.days[16].cumulativeSold")).isNull();
        assertThat(f.getDouble("figures.days[29].planLine")).isEqualTo(220000.0);
        // drill-down: the 8 won November deals, newest first, 3 a page
        assertThat(f.getLong("drillDown.totalItems")).isEqualTo(8);
        assertThat(f.getList("drillDown.items.at"))
                .containsExactly("2026-11-16T07:00:00Z", "2026-11-12T07:00:00Z", "2026-11-11T07:00:00Z");
        assertThat(f.getList("drillDown.items.amount", Double.class)).containsExactly(10000.0, 20000.0, 10000.0);

        JsonPath pipeline = t.get(PATH, "month", "2026-11", "figure", "weightedPipeline");
        assertThat(pipeline.getString("drillDown.figure")).isEqualTo("weightedPipeline");
        assertThat(pipeline.getList("drillDown.items.cardId"))
                .containsExactlyInAnyOrder(proposal.toString(), inUsd.toString());
        // open deals at today's rate: 50000, and 1000 USD x 90
        assertThat(pipeline.getList("drillDown.items.amount", Double.class))
                .containsExactlyInAnyOrder(50000.0, 90000.0);

        // the fourth quarter, month by month: October closed at 100000 (30000 + 70000) of 120000; November so far
        // 100000 of 220000, forecast 200000 by run-rate (the default: no forecast snapshots behind any method yet);
        // December not begun, plan 250000, nothing sold (the open December deal is not a sale)
        JsonPath quarter = t.await(
                PATH + "/months",
                a -> java.util.Arrays.asList(120000.0, 220000.0, 250000.0)
                        .equals(a.getList("figures.months.plan", Double.class)),
                "from",
                "2026-10-01",
                "to",
                "2026-12-31");
        assertThat(quarter.getList("figures.months.month")).containsExactly("2026-10", "2026-11", "2026-12");
        assertThat(quarter.getList("figures.months.state")).containsExactly("CLOSED", "CURRENT", "AHEAD");
        assertThat(quarter.getList("figures.months.plan", Double.class)).containsExactly(120000.0, 220000.0, 250000.0);
        assertThat(quarter.getList("figures.months.sold", Double.class)).containsExactly(100000.0, 100000.0, 0.0);
        assertThat(quarter.getList("figures.months.forecast", Double.class)).containsExactly(100000.0, 200000.0, null);
        assertThat(quarter.getList("figures.months.forecastMethod")).containsExactly(null, "runRate", null);
        // the quarter: plan 120000 + 220000 + 250000 = 590000, sold 200000; through November the plan is 340000
        // and the forecast 100000 + 200000 = 300000
        assertThat(quarter.getDouble("figures.plan")).isEqualTo(590000.0);
        assertThat(quarter.getDouble("figures.sold")).isEqualTo(200000.0);
        assertThat(quarter.getDouble("figures.planThroughCurrent")).isEqualTo(340000.0);
        assertThat(quarter.getDouble("figures.forecastThroughCurrent")).isEqualTo(300000.0);
        // not whole months: a 400 naming the day that is not a month's edge
        t.getAs(t.headToken(), PATH + "/months", "from", "2026-10-02", "to", "2026-12-31")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("from"));
        t.getAs(t.headToken(), PATH + "/months", "from", "2026-10-01", "to", "2026-12-30")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("to"));

        // PLAN_AT_RISK: from the 10th working day on (the default), the run-rate 200000 is below the plan 220000,
        // for Anna and for the tenant as a whole
        await().atMost(Duration.ofSeconds(90)).until(() -> planAlerts(t).size() == 2);
        assertThat(planAlerts(t))
                .containsExactlyInAnyOrder("PLAN_AT_RISK:2026-11:manager:" + ANNA, "PLAN_AT_RISK:2026-11:tenant");
        // no closed month has forecast snapshots, so the alert watches the run-rate (the pipeline's 165000 is not it),
        // and says so in the tenant's language (ru, the default)
        var records = kafka.consume(String.class, byte[].class)
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(com.salespulse.contract.Topics.ALERT_EVENTS);
        try {
            com.salespulse.contract.alert.AlertRaised anna = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> records.getRecords().stream()
                                    .map(r -> DealEvents.CODEC.decode(r.value()))
                                    .filter(e -> t.tenant.equals(e.metadata().tenant()))
                                    .map(e -> e.data())
                                    .filter(d -> d instanceof com.salespulse.contract.alert.AlertRaised a
                                            && a.conditionKey().equals("PLAN_AT_RISK:2026-11:manager:" + ANNA))
                                    .map(com.salespulse.contract.alert.AlertRaised.class::cast)
                                    .findFirst(),
                            java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(anna.figures().get("forecast")).isEqualByComparingTo("200000");
            assertThat(anna.figures().get("runRateForecast")).isEqualByComparingTo("200000");
            assertThat(anna.title()).isEqualTo("Менеджер " + ANNA + ": план на 2026-11 под угрозой");
            assertThat(anna.message()).contains("по прогнозу (темп продаж) месяц закончится на 200000");
        } finally {
            records.stop();
        }
    }

    private static List<String> planAlerts(DealEvents t) {
        return given().auth()
                .oauth2(t.headToken())
                .when()
                .get("/api/v1/alerts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.alertType == 'PLAN_AT_RISK' }.conditionKey");
    }

    @Test
    void withoutHistoryTheCurveSaysSoAndAPartialMonthIsRefused() {
        DealEvents t = new DealEvents(kafka);
        clock.set(Instant.parse("2026-11-16T09:00:00Z"));
        try {
            JsonPath f = t.get(PATH, "month", "2026-11");
            assertThat(f.getString("figures.forecasts.historicalCurve")).isNull();
            assertThat(f.getString("figures.forecasts.historyNote"))
                    .isEqualTo("history too short: 0 earlier month(s) with sales, 3 needed");
            assertThat(f.getString("figures.plan")).isNull();
            assertThat(f.getString("figures.chanceToMeetPlan")).isNull();
            assertThat(f.getDouble("figures.forecasts.runRate")).isEqualTo(0.0);
            t.getAs(t.headToken(), PATH, "from", "2026-11-02", "to", "2026-11-30")
                    .then()
                    .statusCode(400)
                    .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("month"));
            t.getAs(t.headToken(), PATH, "month", "2026-11", "figure", "everything")
                    .then()
                    .statusCode(400)
                    .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("figure"));
        } finally {
            clock.reset();
        }
    }

    @Test
    void anArchivedDealLeavesTheWeightedPipelineUntilRestoredAndTheSalesStay() {
        DealEvents t = new DealEvents(kafka);
        clock.set(Instant.parse("2026-11-16T09:00:00Z"));
        try {
            // sold 1000 on 10 Nov; one open deal of 500 expected on 25 Nov in a stage of 100 %
            UUID open = UUID.randomUUID();
            won(t, "2026-11-10", "1000");
            t.publish(t.opened(
                    open, UUID.randomUUID(), ANNA, "500", "RUB", "2026-11-25", 100, "2026-11-03T07:00:00Z", List.of()));
            // pipeline: 1000 + 500 x 100 % = 1500
            t.await(PATH, a -> a.getDouble("figures.forecasts.weightedPipeline") == 1500.0, "month", "2026-11");

            // archived: 1000 + nothing open = 1000, and the drill-down has no deal; the sale stays
            t.publish(t.of(
                    "2026-11-13T07:00:00Z",
                    DealEvents.archived(open, ANNA, DealEvents.STAGE_NEW, "budget frozen", "2026-11-13T07:00:00Z")));
            JsonPath archived =
                    t.await(PATH, a -> a.getDouble("figures.forecasts.weightedPipeline") == 1000.0, "month", "2026-11");
            assertThat(archived.getDouble("figures.soldToDate")).isEqualTo(1000.0);
            assertThat(t.get(PATH, "month", "2026-11", "figure", "weightedPipeline")
                            .getList("drillDown.items.cardId"))
                    .isEmpty();

            // restored: back to 1500, the deal in the drill-down again
            t.publish(t.of(
                    "2026-11-16T07:00:00Z",
                    DealEvents.restored(
                            open,
                            ANNA,
                            DealEvents.STAGE_NEW,
                            "budget is back",
                            "2026-11-13T07:00:00Z",
                            "2026-11-16T07:00:00Z")));
            t.await(PATH, a -> a.getDouble("figures.forecasts.weightedPipeline") == 1500.0, "month", "2026-11");
            assertThat(t.get(PATH, "month", "2026-11", "figure", "weightedPipeline")
                            .getList("drillDown.items.cardId"))
                    .containsExactly(open.toString());
        } finally {
            clock.reset();
        }
    }

    private static void won(DealEvents t, String day, String amount) {
        // 07:00 UTC = 10:00 Moscow, the same local day
        t.publish(t.won(
                UUID.randomUUID(), UUID.randomUUID(), ANNA, amount, day + "T07:00:00Z", day + "T07:00:00Z", List.of()));
    }
}
