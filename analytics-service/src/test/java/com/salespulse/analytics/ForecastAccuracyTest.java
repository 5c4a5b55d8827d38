package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.analytics.alert.AlertEngine;
import com.salespulse.analytics.metric.planforecast.ForecastSnapshots;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Forecast accuracy (metric 9's snapshots): the clock is driven day by day through September and October 2026 (22
 * working days each, no holiday) and the snapshot job is called after each working day, as its schedule would.
 *
 * <p>September: Anna wins 10 000 (one deal) every working day, so the run-rate forecast is exact every day, while the
 * weighted pipeline (no open deal) says only what is sold so far. October: nothing is won until the last working day,
 * when the one open deal (50 000 at 80 %, expected on 30 Oct) is won; the run-rate says 0 until then, the pipeline
 * 40 000.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ForecastAccuracyTest {

    private static final String ACCURACY = "/api/v1/metrics/plan-forecast/accuracy";
    private static final String FORECAST = "/api/v1/metrics/plan-forecast";
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-00000000f0a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-00000000f0b2");

    @Inject
    TestClock clock;

    @Inject
    ForecastSnapshots snapshots;

    @Inject
    AlertEngine alerts;

    @InjectKafka
    KafkaCompanion kafka;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void twoClosedMonthsRankTheMethodsAndTheBestBecomesMetricNinesDefault() {
        DealEvents t = new DealEvents(kafka);
        clock.set(at("2026-09-01", 10));
        t.publish(t.plan("2026-09", ANNA, "220000"), t.plan("2026-09", BORIS, "100000"));
        List<LocalDate> september = workingDays("2026-09");
        assertThat(september).hasSize(22);
        for (LocalDate day : september) {
            won(t, UUID.randomUUID(), day, "10000");
        }
        t.await(
                FORECAST,
                f -> f.getDouble("figures.soldToDate") == 220000.0 && f.getString("figures.plan") != null,
                "month",
                "2026-09",
                "managerId",
                ANNA.toString());
        t.await(FORECAST, f -> f.getString("figures.plan") != null, "month", "2026-09", "managerId", BORIS.toString());

        // each working day's close: 3 owners (the tenant, Anna, Boris) x 3 methods
        for (LocalDate day : september) {
            assertThat(snapshotAfter(t, day)).as("rows for %s", day).isEqualTo(9);
        }
        // the same run again writes nothing: every day is taken
        assertThat(snapshots.take(t.tenant)).isZero();

        // October: metric 9's default is still run-rate, the best over the closed months before it (only September)
        clock.set(at("2026-10-01", 10));
        UUID bigDeal = UUID.randomUUID();
        t.publish(t.plan("2026-10", ANNA, "50000"), t.plan("2026-10", BORIS, "100000"));
        t.publish(t.opened(
                bigDeal, UUID.randomUUID(), ANNA, "50000", "RUB", "2026-10-30", 80, "2026-10-01T07:00:00Z", List.of()));
        JsonPath october = t.await(
                FORECAST,
                f -> f.getString("figures.plan") != null
                        && f.getDouble("figures.forecasts.weightedPipeline") == 40000.0,
                "month",
                "2026-10",
                "managerId",
                ANNA.toString());
        assertThat(october.getString("figures.forecasts.defaultMethod")).isEqualTo("runRate");
        assertThat(october.getString("figures.forecasts.defaultMethodReason"))
                .isEqualTo("runRate had the lowest mean absolute percentage error of the sales forecast in "
                        + "2026-07..2026-09 (runRate 0.0000 over 22 day(s), weightedPipeline 0.4773 over 22 day(s), "
                        + "historicalCurve not measured).");
        // the deal count beside the amount: 1 open deal at 80 %, the plan's 10 deals
        assertThat(october.getDouble("figures.dealCount.weightedPipeline")).isEqualTo(0.8);
        assertThat(october.getInt("figures.dealCount.plan")).isEqualTo(10);

        List<LocalDate> oct = workingDays("2026-10");
        assertThat(oct).hasSize(22);
        for (LocalDate day : oct.subList(0, 21)) {
            assertThat(snapshotAfter(t, day)).isEqualTo(9);
        }
        LocalDate last = oct.get(21);
        t.publish(t.won(
                bigDeal, UUID.randomUUID(), ANNA, "50000", "2026-10-01T07:00:00Z", last + "T07:00:00Z", List.of()));
        clock.set(at(last.plusDays(1).toString(), 0));
        t.await(
                FORECAST,
                f -> f.getDouble("figures.soldToDate") == 50000.0
                        && f.getDouble("figures.forecasts.weightedPipeline") == 50000.0,
                "month",
                "2026-10",
                "managerId",
                ANNA.toString());
        assertThat(snapshotAfter(t, last)).isEqualTo(9);

        clock.set(at("2026-11-02", 12));
        JsonPath both = t.get(ACCURACY, "from", "2026-09", "to", "2026-10");
        assertThat(both.getList("figures.months.month")).containsExactly("2026-09", "2026-10");
        assertThat(both.getList("figures.months.actual", Double.class)).containsExactly(220000.0, 50000.0);
        assertThat(both.getList("figures.months.actualDealCount", Integer.class))
                .containsExactly(22, 1);
        assertThat(both.getList("figures.months.snapshotDays", Integer.class)).containsExactly(22, 22);
        assertThat(both.getList("figures.months.backfilledDays", Integer.class)).containsExactly(0, 0);
        // run-rate: September exact every day (error 0); October 0 for 21 days (error -1), exact on the last
        //   MAPE = 21 / 44 = 0.4773, bias -0.4773; the same for the deal count (22 deals; 1 deal)
        assertMethod(both, "runRate", 44, 0.4773, -0.4773);
        // pipeline: September sold so far, k x 10000 of 220000 on the k-th day: error (k - 22) / 22, sum of |.| =
        // 231/22
        //   = 10.5; October 40000 of 50000 for 21 days (error -0.2), exact on the last: sum 4.2
        //   MAPE = (10.5 + 4.2) / 44 = 0.3341
        assertMethod(both, "weightedPipeline", 44, 0.3341, -0.3341);
        // no curve without 3 earlier months with sales
        assertThat(method(both, "historicalCurve").getInt("days")).isZero();
        assertThat(method(both, "historicalCurve").getBoolean("ranked")).isFalse();
        assertThat(both.getString("figures.bestMethod")).isEqualTo("weightedPipeline");
        // by working day: the 1st: run-rate errors 0 and -1 -> MAPE 0.5; pipeline -21/22 and -0.2 -> 0.5773
        assertThat(dayOfMonth(both, 1, "runRate").getDouble("mape")).isEqualTo(0.5);
        assertThat(dayOfMonth(both, 1, "runRate").getDouble("bias")).isEqualTo(-0.5);
        assertThat(dayOfMonth(both, 1, "weightedPipeline").getDouble("mape")).isEqualTo(0.5773);
        assertThat(dayOfMonth(both, 1, "weightedPipeline").getInt("months")).isEqualTo(2);
        // the 22nd: everything won is known, both exact
        assertThat(dayOfMonth(both, 22, "runRate").getDouble("mape")).isEqualTo(0.0);
        assertThat(dayOfMonth(both, 22, "weightedPipeline").getDouble("mape")).isEqualTo(0.0);
        // drill-down to the days: 44 days x 3 methods
        assertThat(both.getList("figures.days")).hasSize(132);
        JsonPath firstOctober = day(both, "2026-10-01", "weightedPipeline");
        assertThat(firstOctober.getDouble("forecast")).isEqualTo(40000.0);
        assertThat(firstOctober.getDouble("actual")).isEqualTo(50000.0);
        assertThat(firstOctober.getDouble("error")).isEqualTo(-0.2);
        assertThat(firstOctober.getDouble("dealCountForecast")).isEqualTo(0.8);
        assertThat(firstOctober.getString("source")).isEqualTo("LIVE");
        assertThat(day(both, "2026-09-01", "runRate").getDouble("forecast")).isEqualTo(220000.0);
        assertThat(day(both, "2026-09-01", "weightedPipeline").getDouble("error"))
                .isEqualTo(-0.9545);
        assertThat(day(both, "2026-10-01", "runRate").getDouble("error")).isEqualTo(-1.0);

        // each month alone: September's best is run-rate (0 against 0.4773), October's the pipeline (0.1909 against
        // 0.9545)
        JsonPath sep = t.get(ACCURACY, "from", "2026-09", "to", "2026-09");
        assertThat(sep.getString("figures.bestMethod")).isEqualTo("runRate");
        assertMethod(sep, "weightedPipeline", 22, 0.4773, -0.4773);
        JsonPath octOnly = t.get(ACCURACY, "from", "2026-10", "to", "2026-10");
        assertThat(octOnly.getString("figures.bestMethod")).isEqualTo("weightedPipeline");
        assertMethod(octOnly, "runRate", 22, 0.9545, -0.9545);
        assertMethod(octOnly, "weightedPipeline", 22, 0.1909, -0.1909);

        // the same answer as CSV, one table of it: the methods
        String csv = io.restassured.RestAssured.given()
                .auth()
                .oauth2(t.headToken())
                .accept("text/csv")
                .queryParam("from", "2026-09")
                .queryParam("to", "2026-10")
                .queryParam("table", "methods")
                .when()
                .get(ACCURACY)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(csv)
                .contains("method,days,mape,bias,dealCountDays,dealCountMape,dealCountBias,ranked\r\n")
                .contains("weightedPipeline,44,0.3341,-0.3341,44,0.3341,-0.3341,true\r\n");

        // November: with October closed, metric 9's default switches to the weighted pipeline
        JsonPath november = t.get(FORECAST, "month", "2026-11");
        assertThat(november.getString("figures.forecasts.defaultMethod")).isEqualTo("weightedPipeline");
        assertThat(november.getString("figures.forecasts.defaultMethodReason"))
                .startsWith("weightedPipeline had the lowest mean absolute percentage error of the sales forecast in "
                        + "2026-08..2026-10 (runRate 0.4773 over 44 day(s), weightedPipeline 0.3341 over 44 day(s)");
        assertThat(november.getDouble("figures.forecasts.defaultForecast"))
                .isEqualTo(november.getDouble("figures.forecasts.weightedPipeline"));

        // PLAN_AT_RISK watches the tenant's best method too. Monday 16 Nov, the 11th of November's 21 working days:
        // Anna (plan 100 000) sold 10 000 and has 150 000 at 80 % due on the 27th; Boris (plan 100 000) nothing.
        //   Anna: run-rate 10 000 / 11 x 21 = 19 091 would raise; the pipeline 10 000 + 120 000 = 130 000 does not
        //   Boris: 0 by every method, raised; the tenant: plan 200 000, pipeline 130 000, raised
        clock.set(at("2026-11-16", 12));
        t.publish(t.plan("2026-11", ANNA, "100000"), t.plan("2026-11", BORIS, "100000"));
        won(t, UUID.randomUUID(), LocalDate.parse("2026-11-02"), "10000");
        t.publish(t.opened(
                UUID.randomUUID(),
                UUID.randomUUID(),
                ANNA,
                "150000",
                "RUB",
                "2026-11-27",
                80,
                "2026-11-03T07:00:00Z",
                List.of()));
        t.await(
                FORECAST,
                f -> f.getDouble("figures.forecasts.weightedPipeline") == 130000.0
                        && f.getDouble("figures.plan") == 200000.0,
                "month",
                "2026-11");
        alerts.evaluate(t.tenant);
        assertThat(t.get("/api/v1/alerts").getList("findAll { it.alertType == 'PLAN_AT_RISK' }.conditionKey"))
                .containsExactlyInAnyOrder("PLAN_AT_RISK:2026-11:manager:" + BORIS, "PLAN_AT_RISK:2026-11:tenant");

        // a manager sees only their own plan: Anna's token answers Anna's, Boris (no sales) has nothing measured
        JsonPath anna = ok(t.getAs(TestTokens.manager(t.tenant, ANNA), ACCURACY, "from", "2026-09", "to", "2026-10"));
        assertThat(anna.getString("filters.managerId")).isEqualTo(ANNA.toString());
        assertMethod(anna, "weightedPipeline", 44, 0.3341, -0.3341);
        JsonPath boris = ok(t.getAs(TestTokens.manager(t.tenant, BORIS), ACCURACY, "from", "2026-09", "to", "2026-10"));
        assertThat(boris.getString("filters.managerId")).isEqualTo(BORIS.toString());
        assertThat(boris.getList("figures.months.actual", Double.class)).containsExactly(0.0, 0.0);
        assertThat(method(boris, "runRate").getInt("days")).isZero();
        assertThat(boris.getString("figures.bestMethod")).isNull();
        String borisToken = TestTokens.manager(t.tenant, BORIS);
        t.getAs(borisToken, ACCURACY, "from", "2026-09", "to", "2026-10", "managerId", ANNA.toString())
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        t.getAs(
                        borisToken,
                        ACCURACY,
                        "from",
                        "2026-09",
                        "to",
                        "2026-10",
                        "teamId",
                        UUID.randomUUID().toString())
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void missedDaysAreBackfilledAsOfTheDayWithoutAPipelineAndNeverRewritten() {
        DealEvents t = new DealEvents(kafka);
        clock.set(at("2026-10-05", 12));
        t.publish(t.plan("2026-09", ANNA, "220000"));
        for (LocalDate day : workingDays("2026-09")) {
            won(t, UUID.randomUUID(), day, "10000");
        }
        t.await(
                FORECAST,
                f -> f.getDouble("figures.soldToDate") == 220000.0 && f.getString("figures.plan") != null,
                "month",
                "2026-09");

        // the service "was down" all September: the first run takes its 22 working days as of each day, for the
        // tenant and Anna, 3 methods each
        assertThat(snapshots.take(t.tenant)).isEqualTo(22 * 2 * 3);
        assertThat(snapshots.take(t.tenant)).isZero();
        JsonPath sep = t.get(ACCURACY, "from", "2026-09", "to", "2026-09");
        assertThat(sep.getInt("figures.months[0].backfilledDays")).isEqualTo(22);
        // as of each day the run-rate saw what was won up to it: exact every day, as it was live
        assertMethod(sep, "runRate", 22, 0.0, 0.0);
        assertThat(day(sep, "2026-09-10", "runRate").getDouble("forecast")).isEqualTo(220000.0);
        // the pipeline cannot be told as of a past day: not measured, so not ranked
        assertThat(method(sep, "weightedPipeline").getInt("days")).isZero();
        assertThat(day(sep, "2026-09-10", "weightedPipeline").getString("forecast"))
                .isNull();
        assertThat(day(sep, "2026-09-10", "weightedPipeline").getString("source"))
                .isEqualTo("BACKFILL");
        assertThat(sep.getString("figures.bestMethod")).isEqualTo("runRate");

        // a win of 22000 on 30 Sep imported late: the month's actual changes, the snapshots do not
        won(t, UUID.randomUUID(), LocalDate.parse("2026-09-30"), "22000");
        t.await(FORECAST, f -> f.getDouble("figures.soldToDate") == 242000.0, "month", "2026-09");
        assertThat(snapshots.take(t.tenant)).isZero();
        JsonPath after = t.get(ACCURACY, "from", "2026-09", "to", "2026-09");
        assertThat(day(after, "2026-09-30", "runRate").getDouble("forecast")).isEqualTo(220000.0);
        // every day 220000 against 242000: error -22000 / 242000 = -0.0909; deals 22 against 23: -0.0435
        JsonPath runRate = method(after, "runRate");
        assertThat(runRate.getDouble("mape")).isEqualTo(0.0909);
        assertThat(runRate.getDouble("bias")).isEqualTo(-0.0909);
        assertThat(runRate.getDouble("dealCountMape")).isEqualTo(0.0435);
        assertThat(runRate.getDouble("dealCountBias")).isEqualTo(-0.0435);
    }

    @Test
    void badMonthsAreRefusedNamingTheParameter() {
        DealEvents t = new DealEvents(kafka);
        clock.set(at("2026-11-02", 12));
        refused(t, "from", "to", "2026-10");
        refused(t, "from", "from", "2026-13", "to", "2026-10");
        refused(t, "to", "from", "2026-09");
        refused(t, "to", "from", "2026-10", "to", "2026-09");
        refused(t, "to", "from", "2025-10", "to", "2026-10");
        // the current month is not closed yet
        refused(t, "to", "from", "2026-10", "to", "2026-11");
        refused(
                t,
                "teamId",
                "from",
                "2026-10",
                "to",
                "2026-10",
                "managerId",
                ANNA.toString(),
                "teamId",
                UUID.randomUUID().toString());
        refused(t, "managerId", "from", "2026-10", "to", "2026-10", "managerId", "anna");
    }

    private void refused(DealEvents t, String field, String... params) {
        t.getAs(t.headToken(), ACCURACY, params)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo(field));
    }

    private int snapshotAfter(DealEvents t, LocalDate day) {
        clock.set(day.plusDays(1).atTime(0, 30).atZone(MOSCOW).toInstant());
        return snapshots.take(t.tenant);
    }

    private static void won(DealEvents t, UUID deal, LocalDate day, String amount) {
        // 07:00 UTC = 10:00 Moscow, the same day
        String at = day + "T07:00:00Z";
        t.publish(t.won(deal, UUID.randomUUID(), ANNA, amount, at, at, List.of()));
    }

    private static Instant at(String day, int hourInMoscow) {
        return LocalDate.parse(day).atTime(hourInMoscow, 0).atZone(MOSCOW).toInstant();
    }

    private static List<LocalDate> workingDays(String month) {
        List<LocalDate> days = new ArrayList<>();
        YearMonth m = YearMonth.parse(month);
        for (LocalDate d = m.atDay(1); !d.isAfter(m.atEndOfMonth()); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        return days;
    }

    private static void assertMethod(JsonPath answer, String name, int days, double mape, double bias) {
        JsonPath m = method(answer, name);
        assertThat(m.getInt("days")).as(name + " days").isEqualTo(days);
        assertThat(m.getDouble("mape")).as(name + " MAPE").isEqualTo(mape);
        assertThat(m.getDouble("bias")).as(name + " bias").isEqualTo(bias);
        assertThat(m.getDouble("dealCountMape")).as(name + " deal-count MAPE").isEqualTo(mape);
        assertThat(m.getDouble("dealCountBias")).as(name + " deal-count bias").isEqualTo(bias);
    }

    private static JsonPath method(JsonPath answer, String name) {
        return part(answer, "figures.methods.find { it.method == '" + name + "' }");
    }

    private static JsonPath dayOfMonth(JsonPath answer, int workingDay, String name) {
        return part(
                answer,
                "figures.byDayOfMonth.find { it.workingDay == " + workingDay + " && it.method == '" + name + "' }");
    }

    private static JsonPath day(JsonPath answer, String date, String name) {
        return part(answer, "figures.days.find { it.date == '" + date + "' && it.method == '" + name + "' }");
    }

    private static JsonPath part(JsonPath answer, String path) {
        Object found = answer.get(path);
        assertThat(found).as(path).isNotNull();
        return new JsonPath(toJson(found))
                .using(new io.restassured.path.json.config.JsonPathConfig(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath ok(io.restassured.response.Response response) {
        return response.then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .using(new io.restassured.path.json.config.JsonPathConfig(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }
}
