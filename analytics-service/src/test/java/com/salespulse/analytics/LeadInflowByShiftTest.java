package com.salespulse.analytics;

import static com.salespulse.analytics.RosterEvents.MONDAY_TO_FRIDAY;
import static com.salespulse.analytics.RosterEvents.shifts;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Metric 1 split by the shift a lead arrived in, from real roster and lead events on a real broker, answered over
 * HTTP. Moscow time is UTC+3 all year, so 10:00 MSK is 07:00Z.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LeadInflowByShiftTest {

    private static final String PERIOD_FROM = "2026-11-14"; // Saturday
    private static final String PERIOD_TO = "2026-11-22"; // Sunday

    @InjectKafka
    KafkaCompanion kafka;

    private static final UUID ANNA = UUID.randomUUID(), BORIS = UUID.randomUUID();
    private static final UUID CLARA = UUID.randomUUID(), DINA = UUID.randomUUID();
    private static final UUID SALES = UUID.randomUUID(), SUPPORT = UUID.randomUUID();
    private static final UUID L1 = UUID.randomUUID(), L2 = UUID.randomUUID(), L3 = UUID.randomUUID();
    private static final UUID L4 = UUID.randomUUID(), L5 = UUID.randomUUID(), L6 = UUID.randomUUID();
    private static final UUID L7 = UUID.randomUUID(), L8 = UUID.randomUUID(), L9 = UUID.randomUUID();

    /** The shifts of the scenario's leads, chronologically, outside last, and how many leads came in each. */
    private static final List<String> SHIFTS =
            List.of("09:00–12:00", "09:00–15:00", "10:00–16:00", "12:00–18:00", "14:00–20:00", "outside");

    private static final List<Integer> COUNTS = List.of(1, 2, 1, 1, 1, 3);

    /** The tenant of the shift scenario, built once for the class by the first rule that runs. */
    private static String tenant;

    @BeforeEach
    void shiftScenario() {
        if (tenant == null) {
            tenant = publishShiftScenario();
        }
    }

    private String publishShiftScenario() {
        String tenant = TestTenants.fresh();
        EventPublisher events = new EventPublisher(kafka, tenant);
        // The roster, all hired on 1 Nov, schedules in Moscow time:
        //   Anna  (sales)   Mon-Fri 09:00-15:00
        //   Boris (support) Mon-Fri 14:00-20:00, from Wed 18 Nov 12:00 MSK on Mon-Fri 12:00-18:00
        //   Clara (support) Sat 10:00-16:00, dismissed Fri 20 Nov 18:00 MSK
        //   Dina  (sales)   Fri 09:00-12:00
        events.publish(
                RosterEvents.hired(
                        ANNA, "Anna", SALES, "2026-11-01T06:00:00Z", shifts("09:00", "15:00", MONDAY_TO_FRIDAY)),
                RosterEvents.hired(
                        BORIS, "Boris", SUPPORT, "2026-11-01T06:00:00Z", shifts("14:00", "20:00", MONDAY_TO_FRIDAY)),
                RosterEvents.hired(
                        CLARA, "Clara", SUPPORT, "2026-11-01T06:00:00Z", shifts("10:00", "16:00", DayOfWeek.SATURDAY)),
                RosterEvents.hired(
                        DINA, "Dina", SALES, "2026-11-01T06:00:00Z", shifts("09:00", "12:00", DayOfWeek.FRIDAY)));
        // The leads, and the shift each arrived in:
        //   L1 Sat 14 Nov 11:00 Anna  -> 10:00-16:00 (Clara's Saturday window; Clara still employed)
        //   L2 Mon 16 Nov 10:00 Anna  -> 09:00-15:00
        //   L3 Mon 16 Nov 14:30 Boris -> 14:00-20:00 (in Anna's 09-15 too; Boris's window started later), rejected
        //   L4 Mon 16 Nov 21:00 Boris -> outside (after every window), unreached
        //   L5 Tue 17 Nov 13:00 Anna  -> 09:00-15:00 (Boris starts at 14:00 that day)
        //   L6 Thu 19 Nov 13:00 Boris -> 12:00-18:00 (Boris's new window started after Anna's)
        //   L7 Thu 19 Nov 19:00 Boris -> outside (Boris now ends at 18:00; under his old schedule it was 14:00-20:00)
        //   L8 Fri 20 Nov 10:00 Anna  -> 09:00-12:00 (Anna's and Dina's both started at 09:00: the shorter wins)
        //   L9 Sat 21 Nov 11:00 none  -> outside (Clara, the only Saturday window, was dismissed on Friday)
        events.publish(
                LeadEvents.lead(L1, "website", ANNA, "L1", "2026-11-14T08:00:00Z"),
                LeadEvents.lead(L2, "website", ANNA, "L2", "2026-11-16T07:00:00Z"),
                LeadEvents.lead(L3, "call", BORIS, "L3", "2026-11-16T11:30:00Z"),
                LeadEvents.lead(L4, "call", BORIS, "L4", "2026-11-16T18:00:00Z"),
                LeadEvents.lead(L5, "website", ANNA, "L5", "2026-11-17T10:00:00Z"),
                LeadEvents.lead(L6, "call", BORIS, "L6", "2026-11-19T10:00:00Z"),
                LeadEvents.lead(L7, "call", BORIS, "L7", "2026-11-19T16:00:00Z"),
                LeadEvents.lead(L8, "website", ANNA, "L8", "2026-11-20T07:00:00Z"),
                LeadEvents.lead(L9, "website", null, "L9", "2026-11-21T08:00:00Z"),
                LeadEvents.rejected(L3, "NEW", "no_need", BORIS, "call", "2026-11-16T12:00:00Z"),
                LeadEvents.unreached(L4, BORIS, "2026-11-17T08:00:00Z"));
        // The schedule change and the dismissal arrive after the leads they concern: the leads that came after each
        // change are worked out again, those before keep their shift (L3 stays 14:00-20:00, L1 stays 10:00-16:00).
        events.publish(
                RosterEvents.shiftsChanged(
                        BORIS,
                        "Boris",
                        SUPPORT,
                        shifts("14:00", "20:00", MONDAY_TO_FRIDAY),
                        shifts("12:00", "18:00", MONDAY_TO_FRIDAY),
                        "2026-11-18T09:00:00Z"),
                RosterEvents.dismissed(CLARA, null, List.of(), "2026-11-20T15:00:00Z"),
                // a change to a dismissed manager's schedule does not bring her windows back
                RosterEvents.shiftsChanged(
                        CLARA,
                        "Clara",
                        SUPPORT,
                        shifts("10:00", "16:00", DayOfWeek.SATURDAY),
                        shifts("10:00", "17:00", DayOfWeek.SATURDAY),
                        "2026-11-21T06:00:00Z"));

        // 9 leads. By shift, chronologically, outside last; share = count / 9, rejected and unreached of the shift:
        //   09:00-12:00  1 (L8)          0.1111
        //   09:00-15:00  2 (L2, L5)      0.2222
        //   10:00-16:00  1 (L1)          0.1111
        //   12:00-18:00  1 (L6)          0.1111
        //   14:00-20:00  1 (L3)          0.1111  rejected 1 -> 1.0000
        //   outside      3 (L4, L7, L9)  0.3333  unreached 1 -> 0.3333
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    JsonPath now = inflow(head(tenant), null);
                    return now.getList("figures.byShift.shift").equals(SHIFTS)
                            && now.getList("figures.byShift.count", Integer.class)
                                    .equals(COUNTS)
                            && now.getInt("figures.byShift[4].rejected") == 1
                            && now.getInt("figures.byShift[5].unreached") == 1;
                });
        return tenant;
    }

    @Test
    void eachLeadCountsInTheShiftItArrivedInAsTheSchedulesWereThen() {
        JsonPath report = inflow(head(tenant), null);
        assertThat(report.getList("figures.byShift.shift")).isEqualTo(SHIFTS);
        assertThat(report.getList("figures.byShift.count", Integer.class)).isEqualTo(COUNTS);
        assertThat(report.getLong("figures.total")).isEqualTo(9);
        assertThat(report.getInt("definitionVersion")).isEqualTo(3);
        assertThat(report.getList("figures.byShift.share", Float.class))
                .containsExactly(0.1111f, 0.2222f, 0.1111f, 0.1111f, 0.1111f, 0.3333f);
        assertThat(report.getList("figures.byShift.rejected", Integer.class)).containsExactly(0, 0, 0, 0, 1, 0);
        assertThat(report.getList("figures.byShift.rejectedShare", Float.class))
                .containsExactly(0f, 0f, 0f, 0f, 1f, 0f);
        assertThat(report.getList("figures.byShift.unreached", Integer.class)).containsExactly(0, 0, 0, 0, 0, 1);
        assertThat(report.getList("figures.byShift.unreachedShare", Float.class))
                .containsExactly(0f, 0f, 0f, 0f, 0f, 0.3333f);
        // unfiltered, the drill-down is still the leads behind the total
        assertThat(report.getString("drillDown.figure")).isEqualTo("total");
        assertThat(report.getLong("drillDown.totalItems")).isEqualTo(9);
    }

    @Test
    void aShiftDrillsDownToItsLeadsNewestFirst() {
        // a plain hyphen names the same shift
        JsonPath outside = inflow(head(tenant), "outside");
        assertThat(outside.getString("drillDown.figure")).isEqualTo("byShift:outside");
        assertThat(outside.getLong("drillDown.totalItems")).isEqualTo(3);
        assertThat(outside.getList("drillDown.items.cardId"))
                .containsExactly(L9.toString(), L7.toString(), L4.toString());
        assertThat(outside.getLong("figures.total"))
                .as("the figures stay over every lead")
                .isEqualTo(9);
        JsonPath morning = inflow(head(tenant), "09:00-15:00");
        assertThat(morning.getString("drillDown.figure")).isEqualTo("byShift:09:00–15:00");
        assertThat(morning.getList("drillDown.items.cardId")).containsExactly(L5.toString(), L2.toString());
        assertThat(inflow(head(tenant), "14:00–20:00").getList("drillDown.items.cardId"))
                .containsExactly(L3.toString());
        // a well-formed shift nobody works lists nothing
        assertThat(inflow(head(tenant), "06:00–07:00").getLong("drillDown.totalItems"))
                .isZero();
    }

    @Test
    void aManagerTeamOrSourceFilterNarrowsTheSplit() {
        // Boris's leads (also his team, support: Clara got none)
        // 12:00-18:00 1 (L6), 14:00-20:00 1 (L3), outside 2 (L4, L7); shares of 4
        JsonPath borisOnly = inflow(head(tenant).queryParam("managerId", BORIS.toString()), null);
        assertThat(borisOnly.getList("figures.byShift.shift")).containsExactly("12:00–18:00", "14:00–20:00", "outside");
        assertThat(borisOnly.getList("figures.byShift.count", Integer.class)).containsExactly(1, 1, 2);
        assertThat(borisOnly.getList("figures.byShift.share", Float.class)).containsExactly(0.25f, 0.25f, 0.5f);
        assertThat(borisOnly.getList("figures.byShift.unreachedShare", Float.class))
                .containsExactly(0f, 0f, 0.5f);
        JsonPath supportTeam = inflow(head(tenant).queryParam("teamId", SUPPORT.toString()), null);
        assertThat(supportTeam.getLong("figures.total")).isEqualTo(4);
        assertThat(supportTeam.getList("figures.byShift.count", Integer.class)).containsExactly(1, 1, 2);
        // a source: the call leads are Boris's
        assertThat(inflow(head(tenant).queryParam("source", "call"), null)
                        .getList("figures.byShift.count", Integer.class))
                .containsExactly(1, 1, 2);
    }

    @Test
    void aManagerSeesTheSplitOfTheirOwnLeadsOnly() {
        // Anna's own token: 09:00-12:00 1 (L8), 09:00-15:00 2 (L2, L5), 10:00-16:00 1 (L1)
        JsonPath annaOwn = inflow(given().auth().oauth2(TestTokens.manager(tenant, ANNA)), "outside");
        assertThat(annaOwn.getList("figures.byShift.shift"))
                .containsExactly("09:00–12:00", "09:00–15:00", "10:00–16:00");
        assertThat(annaOwn.getList("figures.byShift.count", Integer.class)).containsExactly(1, 2, 1);
        assertThat(annaOwn.getLong("drillDown.totalItems")).isZero();
    }

    @Test
    void aNightShiftAcrossMidnightCountsItsEveningAndItsSmallHoursAsOneShift() {
        String night = TestTenants.fresh();
        UUID nadia = UUID.randomUUID(), egor = UUID.randomUUID();
        UUID n1 = UUID.randomUUID(), n2 = UUID.randomUUID(), n3 = UUID.randomUUID();
        UUID n4 = UUID.randomUUID(), n5 = UUID.randomUUID(), n6 = UUID.randomUUID();
        EventPublisher events = new EventPublisher(kafka, night);
        // Nadia works the nights that start on Sunday and on Monday, 22:00-06:00 Moscow time; Egor Mon-Fri 18:00-23:00
        events.publish(
                RosterEvents.hired(
                        nadia,
                        "Nadia",
                        SALES,
                        "2026-11-01T06:00:00Z",
                        shifts("22:00", "06:00", DayOfWeek.SUNDAY, DayOfWeek.MONDAY)),
                RosterEvents.hired(
                        egor, "Egor", SALES, "2026-11-01T06:00:00Z", shifts("18:00", "23:00", MONDAY_TO_FRIDAY)));
        // N5 Mon 23 Nov 01:00 MSK -> 22:00-06:00 (Sunday's night runs into Monday)
        // N6 Mon 23 Nov 20:00 MSK -> 18:00-23:00
        // N3 Mon 23 Nov 22:30 MSK -> 22:00-06:00 (in Egor's 18-23 too; Monday's night started later)
        // N1 Mon 23 Nov 23:30 MSK -> 22:00-06:00
        // N2 Tue 24 Nov 02:00 MSK -> 22:00-06:00 (Monday's night, although the weekday changed)
        // N4 Tue 24 Nov 06:00 MSK -> outside (the end is exclusive; no Tuesday night starts before 22:00)
        events.publish(
                LeadEvents.lead(n5, "website", nadia, "N5", "2026-11-22T22:00:00Z"),
                LeadEvents.lead(n6, "website", egor, "N6", "2026-11-23T17:00:00Z"),
                LeadEvents.lead(n3, "website", nadia, "N3", "2026-11-23T19:30:00Z"),
                LeadEvents.lead(n1, "website", nadia, "N1", "2026-11-23T20:30:00Z"),
                LeadEvents.lead(n2, "website", nadia, "N2", "2026-11-23T23:00:00Z"),
                LeadEvents.lead(n4, "website", null, "N4", "2026-11-24T03:00:00Z"));

        // 6 leads in the week of 23-29 Nov: 18:00-23:00 1 (N6), 22:00-06:00 4, outside 1 (N4)
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() ->
                        inflow(head(night), "2026-11-23", "2026-11-29", null).getLong("figures.total") == 6);
        JsonPath report = inflow(head(night), "2026-11-23", "2026-11-29", "22:00-06:00");
        assertThat(report.getList("figures.byShift.shift")).containsExactly("18:00–23:00", "22:00–06:00", "outside");
        assertThat(report.getList("figures.byShift.count", Integer.class)).containsExactly(1, 4, 1);
        assertThat(report.getString("drillDown.figure")).isEqualTo("byShift:22:00–06:00");
        // newest first: the small hours of Tuesday belong to Monday's night, 01:00 on Monday to Sunday's
        assertThat(report.getList("drillDown.items.cardId"))
                .containsExactly(n2.toString(), n1.toString(), n3.toString(), n5.toString());
    }

    @Test
    void refusesAShiftThatIsNotLocalHoursOrOutside() {
        for (String bad :
                List.of("night", "9-15", "09:00", "25:00–26:00", "09:00–09:00", "22:00–22:00", "09:00–15:00x")) {
            head("demo")
                    .queryParam("month", "2026-11")
                    .queryParam("shift", bad)
                    .when()
                    .get("/api/v1/metrics/lead-inflow")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("invalidFields[0].field", equalTo("shift"));
        }
    }

    private static RequestSpecification head(String tenant) {
        return given().auth().oauth2(TestTokens.head(tenant));
    }

    private static JsonPath inflow(RequestSpecification caller, String shift) {
        return inflow(caller, PERIOD_FROM, PERIOD_TO, shift);
    }

    private static JsonPath inflow(RequestSpecification caller, String from, String to, String shift) {
        RequestSpecification request = caller.queryParam("from", from).queryParam("to", to);
        if (shift != null) {
            request = request.queryParam("shift", shift);
        }
        return request.when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
