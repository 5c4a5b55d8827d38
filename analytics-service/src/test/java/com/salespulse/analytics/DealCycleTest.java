package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Metric 5 from real deal events, with 4 November a holiday. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DealCycleTest {

    private static final String PATH = "/api/v1/metrics/deal-cycle";
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000005a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-0000000005b1");

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void calendarAndWorkingDaysAndTimePerStage() {
        DealEvents t = new DealEvents(kafka);
        t.holiday("2026-11-04");
        UUID d1 = UUID.randomUUID(), d2 = UUID.randomUUID(), d3 = UUID.randomUUID(), c = UUID.randomUUID();
        // d1 Anna: opened Mon 2 Nov, to proposal Thu 5 Nov (3 days in NEW), won Tue 10 Nov (5 days in PROPOSAL)
        //   calendar 8; working days after 2 Nov to 10 Nov: 3, 5, 6, 9, 10 (4 Nov a holiday) -> 5
        t.publish(
                t.opened(d1, c, ANNA, "1000", "2026-11-02T07:00:00Z", List.of()),
                t.moved(d1, ANNA, DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, 40, "2026-11-05T07:00:00Z"),
                t.won(d1, c, ANNA, "1000", "2026-11-02T07:00:00Z", "2026-11-10T07:00:00Z", List.of()));
        // d2 Anna: opened and won on Fri 6 Nov, 5 hours in NEW -> calendar 0, working 0
        t.publish(
                t.opened(d2, c, ANNA, "1000", "2026-11-06T07:00:00Z", List.of()),
                t.won(d2, c, ANNA, "1000", "2026-11-06T07:00:00Z", "2026-11-06T12:00:00Z", List.of()));
        // d3 Boris: opened Tue 20 Oct, won Tue 3 Nov, 14 days in NEW
        //   calendar 14; working: 21-23 Oct (3), 26-30 Oct (5), 2-3 Nov (2) -> 10
        t.publish(
                t.opened(d3, c, BORIS, "1000", "2026-10-20T07:00:00Z", List.of()),
                t.won(d3, c, BORIS, "1000", "2026-10-20T07:00:00Z", "2026-11-03T07:00:00Z", List.of()));
        // overall: calendar 8, 0, 14 -> mean 7.33, median 8; working 5, 0, 10 -> mean 5.00, median 5
        // Anna: calendar 4.00 / 4.00, working 2.50 / 2.50; Boris: 14 / 10
        // NEW: stays 14, 3 and 5/24 = 0.208333 days -> mean 17.208333 / 3 = 5.74, median 3.00; PROPOSAL: 5 -> 5.00

        JsonPath f = t.await(
                PATH,
                a -> a.getLong("figures.overall.wonDeals") == 3
                        && a.getList("figures.byStage").size() == 2,
                "month",
                "2026-11");
        assertThat(f.getDouble("figures.overall.meanCalendarDays")).isEqualTo(7.33);
        assertThat(f.getDouble("figures.overall.medianCalendarDays")).isEqualTo(8.0);
        assertThat(f.getDouble("figures.overall.meanWorkingDays")).isEqualTo(5.0);
        assertThat(f.getDouble("figures.overall.medianWorkingDays")).isEqualTo(5.0);
        assertThat(f.getList("figures.byManager.managerId")).containsExactly(ANNA.toString(), BORIS.toString());
        assertThat(f.getList("figures.byManager.cycle.meanCalendarDays", Double.class))
                .containsExactly(4.0, 14.0);
        assertThat(f.getList("figures.byManager.cycle.meanWorkingDays", Double.class))
                .containsExactly(2.5, 10.0);
        assertThat(f.getList("figures.byStage.stageId"))
                .containsExactly(DealEvents.STAGE_NEW.toString(), DealEvents.STAGE_PROPOSAL.toString());
        assertThat(f.getList("figures.byStage.stays", Integer.class)).containsExactly(3, 1);
        assertThat(f.getList("figures.byStage.meanDays", Double.class)).containsExactly(5.74, 5.0);
        assertThat(f.getList("figures.byStage.medianDays", Double.class)).containsExactly(3.0, 5.0);
        // drill-down: newest win first, ageDays = the deal's cycle in calendar days
        assertThat(f.getList("drillDown.items.cardId")).containsExactly(d1.toString(), d2.toString(), d3.toString());
        assertThat(f.getLong("drillDown.totalItems")).isEqualTo(3);
        assertThat(f.getList("drillDown.items.ageDays", Integer.class)).containsExactly(8, 0, 14);
        assertThat(f.getList("drillDown.items.amount", Double.class)).containsExactly(1000.0, 1000.0, 1000.0);
        assertThat(f.getList("drillDown.items.title"))
                .containsOnly("Client " + c.toString().substring(0, 4));

        // October holds no win of these deals: an empty period
        JsonPath october = t.get(PATH, "month", "2026-10");
        assertThat(october.getLong("figures.overall.wonDeals")).isZero();
        assertThat(october.getString("figures.overall.meanCalendarDays")).isNull();
        assertThat(october.getList("figures.byStage")).isEmpty();
    }

    @Test
    void aDealOpenedMoreThanAYearBeforeItsWinCountsEveryNonWorkingDayOfItsCycle() {
        DealEvents t = new DealEvents(kafka);
        t.holiday("2025-10-06");
        UUID d = UUID.randomUUID(), c = UUID.randomUUID();
        // opened Mon 1 Sep 2025, won Tue 10 Nov 2026: 435 calendar days; working days after the opening day up to
        // the win: the weekdays, less the holiday of Mon 6 Oct 2025 (more than a year before November 2026) -> 310
        t.publish(
                t.opened(d, c, ANNA, "1000", "2025-09-01T07:00:00Z", List.of()),
                t.won(d, c, ANNA, "1000", "2025-09-01T07:00:00Z", "2026-11-10T07:00:00Z", List.of()));

        JsonPath f = t.await(PATH, a -> a.getLong("figures.overall.wonDeals") == 1, "month", "2026-11");
        assertThat(f.getDouble("figures.overall.meanCalendarDays")).isEqualTo(435.0);
        assertThat(f.getDouble("figures.overall.meanWorkingDays")).isEqualTo(310.0);
        assertThat(f.getDouble("figures.overall.medianWorkingDays")).isEqualTo(310.0);
    }

    @Test
    void timePerStageCountsWholeMinutesOfEachStayAndTheMiddleOfAnEvenCountPerManager() {
        DealEvents t = new DealEvents(kafka);
        UUID d1 = UUID.randomUUID(), d2 = UUID.randomUUID(), d3 = UUID.randomUUID(), c = UUID.randomUUID();
        // d1 Anna: NEW 1 day 7 min 59 s -> 1 447 whole minutes = 1.004861 days; PROPOSAL 2 days 1 min -> 2.000694
        t.publish(
                t.opened(d1, c, ANNA, "1000", "2026-11-02T07:00:00Z", List.of()),
                t.moved(d1, ANNA, DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, 40, "2026-11-03T07:07:59Z"),
                t.won(d1, c, ANNA, "1000", "2026-11-02T07:00:00Z", "2026-11-05T07:08:59Z", List.of()));
        // d2 Anna: NEW 2 days 1 min 30 s -> 2.000694; PROPOSAL 3 days 12 h 59 min 59 s -> 5 099 minutes = 3.540972
        t.publish(
                t.opened(d2, c, ANNA, "1000", "2026-11-09T07:00:00Z", List.of()),
                t.moved(d2, ANNA, DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, 40, "2026-11-11T07:01:30Z"),
                t.won(d2, c, ANNA, "1000", "2026-11-09T07:00:00Z", "2026-11-14T20:01:29Z", List.of()));
        // d3 Boris: NEW 10 days
        t.publish(
                t.opened(d3, c, BORIS, "1000", "2026-11-16T07:00:00Z", List.of()),
                t.won(d3, c, BORIS, "1000", "2026-11-16T07:00:00Z", "2026-11-26T07:00:00Z", List.of()));

        // the tenant: NEW 1.004861, 2.000694, 10 -> mean 13.005555 / 3 = 4.34, median 2.00; PROPOSAL 2.000694 and
        // 3.540972 -> mean and median 2.770833 -> 2.77
        JsonPath all = t.await(
                PATH,
                a -> a.getLong("figures.overall.wonDeals") == 3
                        && a.getList("figures.byStage").size() == 2,
                "month",
                "2026-11");
        assertThat(all.getList("figures.byStage.stageId"))
                .containsExactly(DealEvents.STAGE_NEW.toString(), DealEvents.STAGE_PROPOSAL.toString());
        assertThat(all.getList("figures.byStage.stays", Integer.class)).containsExactly(3, 2);
        assertThat(all.getList("figures.byStage.meanDays", Double.class)).containsExactly(4.34, 2.77);
        assertThat(all.getList("figures.byStage.medianDays", Double.class)).containsExactly(2.0, 2.77);

        // Anna's deals only: NEW 1.004861 and 2.000694 -> the middle of two, 1.5027775 -> 1.50
        JsonPath anna = t.get(PATH, "month", "2026-11", "managerId", ANNA.toString());
        assertThat(anna.getList("figures.byStage.stays", Integer.class)).containsExactly(2, 2);
        assertThat(anna.getList("figures.byStage.meanDays", Double.class)).containsExactly(1.5, 2.77);
        assertThat(anna.getList("figures.byStage.medianDays", Double.class)).containsExactly(1.5, 2.77);
    }
}
