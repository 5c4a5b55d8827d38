package com.salespulse.analytics;

import static com.salespulse.analytics.DealEvents.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The team a deal counts for (the teamId filter of metrics 4, 5, 7, 8, 9 and 10), the amount and client name in the
 * deal drill-downs, and merged clients counted as one in repeat sales (metric 7).
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DealTeamsAndMergedClientsTest {

    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000010a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-0000000010b1");
    private static final UUID VERA = UUID.fromString("00000000-0000-0000-0000-0000000010c1");
    private static final UUID SALES_1 = UUID.fromString("00000000-0000-0000-0000-0000000010d1");
    private static final UUID SALES_2 = UUID.fromString("00000000-0000-0000-0000-0000000010d2");
    private static final String OPENED = "2026-11-02T07:00:00Z";
    private static final String CHECK = "/api/v1/metrics/average-check";

    @InjectKafka
    KafkaCompanion kafka;

    private static final UUID D1 = UUID.randomUUID();
    private static final UUID D2 = UUID.randomUUID();
    private static final UUID D3 = UUID.randomUUID();
    private static final UUID D4 = UUID.randomUUID();
    private static final UUID D5 = UUID.randomUUID();
    private static final UUID C1 = UUID.randomUUID();
    private static final UUID C2 = UUID.randomUUID();
    private static final UUID C3 = UUID.randomUUID();
    private static final UUID C4 = UUID.randomUUID();

    /** The scenario, built once for the class by the first rule that runs (its own tenant); the rules only read it. */
    private static DealEvents t;

    @BeforeEach
    void teamScenario() {
        if (t == null) {
            t = publishTeamScenario();
        }
    }

    private DealEvents publishTeamScenario() {
        DealEvents t = new DealEvents(kafka);
        EventPublisher roster = new EventPublisher(kafka, t.tenant);
        // Anna and Vera in team 1, Boris in team 2
        roster.publish(
                RosterEvents.hired(ANNA, "Anna", SALES_1, 10, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(VERA, "Vera", SALES_1, 10, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(BORIS, "Boris", SALES_2, 10, "2026-01-10T09:00:00Z"));
        // all opened Mon 2 Nov; won: d1 Anna 10 000 on 5 Nov, d2 Vera 20 000 on 10 Nov, d3 Vera 30 000 on 20 Nov,
        // d4 Boris 40 000 on 12 Nov; d5 Vera's, open, offers 5 CRM
        t.publish(
                t.opened(D1, C1, ANNA, "10000", OPENED, List.of()),
                t.won(D1, C1, ANNA, "10000", OPENED, "2026-11-05T07:00:00Z", List.of()),
                t.opened(D2, C2, VERA, "20000", OPENED, List.of()),
                t.won(D2, C2, VERA, "20000", OPENED, "2026-11-10T07:00:00Z", List.of()),
                t.opened(D3, C3, VERA, "30000", OPENED, List.of()),
                t.won(D3, C3, VERA, "30000", OPENED, "2026-11-20T07:00:00Z", List.of()),
                t.opened(D4, C4, BORIS, "40000", OPENED, List.of()),
                t.won(D4, C4, BORIS, "40000", OPENED, "2026-11-12T07:00:00Z", List.of()),
                t.opened(
                        D5,
                        UUID.randomUUID(),
                        VERA,
                        "5000",
                        "RUB",
                        null,
                        30,
                        OPENED,
                        List.of(line("CRM", "software", "5", "1000", "0"))),
                t.teamPlan("2026-11", SALES_1, "100000"),
                t.plan("2026-11", BORIS, "50000"),
                t.activity(D2, C2, VERA, null, false, "2026-11-10T08:00:00Z"),
                t.activity(D4, C4, BORIS, null, false, "2026-11-12T08:00:00Z"));

        // before the roster says Vera moved: team 1 has d1, d2, d3 (60 000), team 2 d4
        JsonPath before = t.await(
                CHECK,
                r -> r.getLong("figures.overall.wonDeals") == 3 && r.getDouble("figures.overall.revenue") == 60000.0,
                "month",
                "2026-11",
                "teamId",
                SALES_1.toString());
        assertThat(before.getList("drillDown.items.cardId"))
                .containsExactly(D3.toString(), D2.toString(), D1.toString());

        // Vera moves to team 2 on 15 Nov: her win of 20 Nov goes with her, her win of 10 Nov stays in team 1
        roster.publish(RosterEvents.teamChanged(VERA, "Vera", SALES_1, SALES_2, 10, "2026-11-15T09:00:00Z"));
        // drained: the move is in once team 1 is down to two wins
        t.await(
                CHECK,
                r -> r.getLong("figures.overall.wonDeals") == 2,
                "month",
                "2026-11",
                "teamId",
                SALES_1.toString());
        return t;
    }

    @Test
    void aWonDealCountsForTheTeamItsOwnerWasInWhenItClosed() {
        // team 1: d1 10 000 + d2 20 000 → 2 deals, revenue 30 000, mean = median = 15 000.00
        JsonPath team1 = t.get(CHECK, "month", "2026-11", "teamId", SALES_1.toString());
        assertThat(team1.getLong("figures.overall.wonDeals")).isEqualTo(2);
        assertThat(team1.getDouble("figures.overall.revenue")).isEqualTo(30000.0);
        assertThat(team1.getDouble("figures.overall.mean")).isEqualTo(15000.0);
        assertThat(team1.getDouble("figures.overall.median")).isEqualTo(15000.0);
        assertThat(team1.getString("filters.teamId")).isEqualTo(SALES_1.toString());
        // team 2: d3 30 000 + d4 40 000 → revenue 70 000, mean = median = 35 000.00
        JsonPath team2 = t.get(CHECK, "month", "2026-11", "teamId", SALES_2.toString());
        assertThat(team2.getLong("figures.overall.wonDeals")).isEqualTo(2);
        assertThat(team2.getDouble("figures.overall.mean")).isEqualTo(35000.0);
        assertThat(team2.getList("drillDown.items.cardId")).containsExactly(D3.toString(), D4.toString());
        // everyone: 4 deals, 100 000, mean 25 000.00
        assertThat(t.get(CHECK, "month", "2026-11").getDouble("figures.overall.mean"))
                .isEqualTo(25000.0);
    }

    @Test
    void theDealDrillDownCarriesEachDealsAmountAndClientName() {
        // amounts in the base currency
        JsonPath team1 = t.get(CHECK, "month", "2026-11", "teamId", SALES_1.toString());
        assertThat(team1.getList("drillDown.items.cardId")).containsExactly(D2.toString(), D1.toString());
        assertThat(team1.getList("drillDown.items.amount", Double.class)).containsExactly(20000.0, 10000.0);
        assertThat(team1.getList("drillDown.items.title")).containsExactly(clientName(C2), clientName(C1));
    }

    @Test
    void theDealCycleOfATeamCountsTheDealsItClosed() {
        // metric 5, team 2: d3 2→20 Nov = 18 days, d4 2→12 Nov = 10 days → mean 14.00; ageDays is the cycle
        JsonPath cycle = t.get("/api/v1/metrics/deal-cycle", "month", "2026-11", "teamId", SALES_2.toString());
        assertThat(cycle.getLong("figures.overall.wonDeals")).isEqualTo(2);
        assertThat(cycle.getDouble("figures.overall.meanCalendarDays")).isEqualTo(14.0);
        assertThat(cycle.getList("drillDown.items.amount", Double.class)).containsExactly(30000.0, 40000.0);
        assertThat(cycle.getList("drillDown.items.ageDays", Integer.class)).containsExactly(18, 10);
    }

    @Test
    void theRepeatSalesOfATeamCountItsWins() {
        // metric 7, team 1: 2 wins, 30 000
        JsonPath repeat = t.get("/api/v1/metrics/repeat-sales", "month", "2026-11", "teamId", SALES_1.toString());
        assertThat(repeat.getLong("figures.overall.wonDeals")).isEqualTo(2);
        assertThat(repeat.getDouble("figures.overall.revenue")).isEqualTo(30000.0);
    }

    @Test
    void anOpenDealOffersItsProductsForTheTeamItsOwnerIsInNow() {
        // metric 8: Vera's open deal counts for her team now (team 2); team 1 offers nothing
        String products = "/api/v1/metrics/popular-products";
        JsonPath offered2 = t.get(products, "month", "2026-11", "teamId", SALES_2.toString());
        assertThat(offered2.getList("figures.products.name")).containsExactly("CRM");
        assertThat(offered2.getList("figures.products.offeredQuantity", Double.class))
                .containsExactly(5.0);
        assertThat(t.get(products, "month", "2026-11", "teamId", SALES_1.toString())
                        .getList("figures.products"))
                .isEmpty();
    }

    @Test
    void aTeamIsMeasuredAgainstItsOwnPlanOrElseItsManagersPlans() {
        // metric 9: team 1 has its own plan (100 000) and sold 30 000; team 2 has none, so its managers' plans
        // (Boris 50 000) and sold 70 000
        String forecast = "/api/v1/metrics/plan-forecast";
        JsonPath plan1 =
                t.await(forecast, r -> r.get("figures.plan") != null, "month", "2026-11", "teamId", SALES_1.toString());
        assertThat(plan1.getDouble("figures.plan")).isEqualTo(100000.0);
        assertThat(plan1.getDouble("figures.soldToDate")).isEqualTo(30000.0);
        assertThat(plan1.getList("drillDown.items.amount", Double.class)).containsExactly(20000.0, 10000.0);
        JsonPath plan2 = t.get(forecast, "month", "2026-11", "teamId", SALES_2.toString());
        assertThat(plan2.getDouble("figures.plan")).isEqualTo(50000.0);
        assertThat(plan2.getDouble("figures.soldToDate")).isEqualTo(70000.0);
    }

    @Test
    void aTouchOrAClosingCountsForTheTeamTheManagerWasInThen() {
        // metric 10: team 1 sees Anna (d1) and Vera (d2, her touch of 10 Nov); team 2 sees Boris and Vera (d3)
        String burnout = "/api/v1/metrics/base-burnout";
        assertThat(t.get(burnout, "month", "2026-11", "teamId", SALES_1.toString())
                        .getList("figures.managers.managerId"))
                .containsExactlyInAnyOrder(ANNA.toString(), VERA.toString());
        assertThat(t.get(burnout, "month", "2026-11", "teamId", SALES_2.toString())
                        .getList("figures.managers.managerId"))
                .containsExactlyInAnyOrder(BORIS.toString(), VERA.toString());
    }

    @Test
    void aTeamNobodyIsInHasEmptyFiguresAndAMalformedTeamIdIsA400() {
        JsonPath nobody =
                t.get(CHECK, "month", "2026-11", "teamId", UUID.randomUUID().toString());
        assertThat(nobody.getLong("figures.overall.wonDeals")).isZero();
        assertThat(nobody.getString("figures.overall.mean")).isNull();
        assertThat(nobody.getList("drillDown.items")).isEmpty();
        for (String metric : List.of(
                "average-check", "deal-cycle", "repeat-sales", "popular-products", "plan-forecast", "base-burnout")) {
            t.getAs(t.headToken(), "/api/v1/metrics/" + metric, "month", "2026-11", "teamId", "team-one")
                    .then()
                    .statusCode(400)
                    .body("invalidFields[0].field", equalTo("teamId"));
        }
    }

    @Test
    void mergedClientsAreOneClientForRepeatSales() {
        DealEvents t = new DealEvents(kafka);
        UUID merged = UUID.randomUUID(), surviving = UUID.randomUUID(), other = UUID.randomUUID();
        UUID dMerged = UUID.randomUUID(), dSurviving = UUID.randomUUID(), dOther = UUID.randomUUID();
        UUID dLater = UUID.randomUUID();
        // the merged-away client won on 1 Oct (10 000); the surviving one on 11 Nov (30 000), not flagged as a repeat
        // by deal-service (they were two clients then); another client on 15 Nov (50 000)
        t.publish(
                t.opened(dMerged, merged, ANNA, "10000", "2026-09-20T07:00:00Z", List.of()),
                t.won(dMerged, merged, ANNA, "10000", "2026-09-20T07:00:00Z", "2026-10-01T07:00:00Z", List.of()),
                t.opened(dSurviving, surviving, ANNA, "30000", OPENED, List.of()),
                t.won(dSurviving, surviving, ANNA, "30000", OPENED, "2026-11-11T07:00:00Z", List.of()),
                t.opened(dOther, other, BORIS, "50000", OPENED, List.of()),
                t.won(dOther, other, BORIS, "50000", OPENED, "2026-11-15T07:00:00Z", List.of()));
        String path = "/api/v1/metrics/repeat-sales";
        JsonPath apart = t.await(path, r -> r.getLong("figures.overall.wonDeals") == 2, "month", "2026-11");
        assertThat(apart.getLong("figures.overall.repeatDeals")).isZero();

        // the clients are merged on 20 Nov: the deals already in the read model now share one client
        new EventPublisher(kafka, t.tenant)
                .publish(LeadEvents.clientsMerged(surviving, merged, "2026-11-20T07:00:00Z"));
        t.await(path, r -> r.getLong("figures.overall.repeatDeals") == 1, "month", "2026-11");

        // a deal opened for the merged client before the merge is won on 25 Nov (20 000): it arrives naming the merged
        // client and counts for the surviving one
        t.publish(
                t.opened(dLater, merged, ANNA, "20000", OPENED, List.of()),
                t.won(dLater, merged, ANNA, "20000", OPENED, "2026-11-25T07:00:00Z", List.of()));
        // November: 3 wins, 100 000; repeats: 11 Nov (previous win 1 Oct: 41 days) and 25 Nov (previous 11 Nov: 14
        // days) → 2 of 3 = 0.6667, repeat revenue 50 000 of 100 000 = 0.5; time to repeat (41 + 14) / 2 = 27.50
        JsonPath f = t.await(path, r -> r.getLong("figures.overall.wonDeals") == 3, "month", "2026-11");
        assertThat(f.getLong("figures.overall.repeatDeals")).isEqualTo(2);
        assertThat(f.getDouble("figures.overall.repeatShare")).isEqualTo(0.6667);
        assertThat(f.getDouble("figures.overall.repeatRevenue")).isEqualTo(50000.0);
        assertThat(f.getDouble("figures.overall.repeatRevenueShare")).isEqualTo(0.5);
        assertThat(f.getLong("figures.timeToRepeat.measured")).isEqualTo(2);
        assertThat(f.getDouble("figures.timeToRepeat.meanDays")).isEqualTo(27.5);
        assertThat(f.getDouble("figures.timeToRepeat.medianDays")).isEqualTo(27.5);
        // the repeat wins, newest first, with the days since the client's previous win and their amounts
        assertThat(f.getList("drillDown.items.cardId")).containsExactly(dLater.toString(), dSurviving.toString());
        assertThat(f.getList("drillDown.items.ageDays", Integer.class)).containsExactly(14, 41);
        assertThat(f.getList("drillDown.items.amount", Double.class)).containsExactly(20000.0, 30000.0);
        assertThat(f.getList("drillDown.items.title")).containsExactly(clientName(merged), clientName(surviving));
    }

    /** The client name DealEvents gives a deal's client. */
    private static String clientName(UUID client) {
        return "Client " + client.toString().substring(0, 4);
    }
}
