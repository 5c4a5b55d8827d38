package com.salespulse.analytics;

import static com.salespulse.analytics.DealEvents.line;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Metric 4 from real deal events on the real deal topic. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AverageCheckTest {

    private static final String PATH = "/api/v1/metrics/average-check";
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-0000000000b1");

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aDealLandedInAnotherPipelineCountsUnderThePipelineItMovedInto() {
        DealEvents t = new DealEvents(kafka);
        UUID other = UUID.randomUUID(), otherFirst = UUID.randomUUID(), otherWon = UUID.randomUUID();
        UUID movedAndWon = UUID.randomUUID(), movedOpen = UUID.randomUUID(), stayed = UUID.randomUUID();
        // opened by a lead's conversion in the default pipeline, then put into their real pipeline by the integrator
        t.publish(
                t.opened(movedAndWon, UUID.randomUUID(), ANNA, "12000", "2026-09-01T09:00:00Z", List.of()),
                t.movedInto(other, movedAndWon, ANNA, DealEvents.STAGE_NEW, otherFirst, 30, "2026-09-02T09:00:00Z"),
                t.wonIn(other, otherWon, movedAndWon, ANNA, "12000", "2026-09-01T09:00:00Z", "2026-09-10T10:00:00Z"));
        t.publish(
                t.opened(movedOpen, UUID.randomUUID(), ANNA, "3000", "2026-09-01T09:00:00Z", List.of()),
                t.movedInto(other, movedOpen, ANNA, DealEvents.STAGE_NEW, otherFirst, 30, "2026-09-03T09:00:00Z"));
        t.publish(t.won(
                stayed, UUID.randomUUID(), BORIS, "5000", "2026-09-01T09:00:00Z", "2026-09-12T10:00:00Z", List.of()));

        JsonPath inOther = t.await(
                PATH,
                a -> a.getLong("figures.overall.wonDeals") == 1,
                "month",
                "2026-09",
                "pipelineId",
                other.toString());
        assertThat(inOther.getDouble("figures.overall.revenue")).isEqualTo(12000.0);
        assertThat(inOther.getList("drillDown.items.cardId")).containsExactly(movedAndWon.toString());
        // the stayed deal has its own key, so its partition may still be behind the moved deals' one
        JsonPath inDefault = t.await(
                PATH,
                a -> a.getList("drillDown.items.cardId").contains(stayed.toString()),
                "month",
                "2026-09",
                "pipelineId",
                DealEvents.PIPELINE.toString());
        assertThat(inDefault.getList("drillDown.items.cardId")).containsExactly(stayed.toString());
        JsonPath openInOther = t.await(
                "/api/v1/metrics/manager-load",
                a -> a.getLong("figures.openCards") == 1,
                "pipelineId",
                other.toString());
        assertThat(openInOther.getList("drillDown.items.cardId")).containsExactly(movedOpen.toString());
    }

    private static final UUID D1 = UUID.randomUUID();
    private static final UUID D2 = UUID.randomUUID();
    private static final UUID D3 = UUID.randomUUID();
    private static final UUID D4 = UUID.randomUUID();
    private static final UUID D5 = UUID.randomUUID();
    private static final UUID D6 = UUID.randomUUID();
    private static final UUID D7 = UUID.randomUUID();

    /** The scenario, built once for the class by the first rule that runs (its own tenant); the rules only read it. */
    private static DealEvents t;

    @BeforeEach
    void novemberWins() {
        if (t == null) {
            t = publishNovemberWins();
        }
    }

    private DealEvents publishNovemberWins() {
        DealEvents t = new DealEvents(kafka);
        var d1Lines = List.of(
                line("CRM licence", "software", "10", "1000", "0"), line("Setup", "services", "1", "5000", "0"));
        var d3Lines = List.of(line("CRM licence", "software", "2", "1000", "0"));
        t.publish(t.rate("USD", "2026-11-01", "90"), t.rate("USD", "2026-11-20", "100"));
        t.publish(
                t.opened(D1, UUID.randomUUID(), ANNA, "15000", "2026-10-20T09:00:00Z", d1Lines),
                t.won(D1, UUID.randomUUID(), ANNA, "15000", "2026-10-20T09:00:00Z", "2026-11-03T10:00:00Z", d1Lines));
        t.publish(
                t.won(D2, UUID.randomUUID(), ANNA, "5000", "2026-11-01T09:00:00Z", "2026-11-05T10:00:00Z", List.of()));
        t.publish(t.won(D3, UUID.randomUUID(), BORIS, "2000", "2026-11-02T09:00:00Z", "2026-11-06T10:00:00Z", d3Lines));
        // 100 USD won on 10 Nov: converted at the rate of 1 Nov (90), the latest on or before the closing day
        t.publish(t.won(
                D4,
                UUID.randomUUID(),
                BORIS,
                "100",
                "USD",
                false,
                null,
                "2026-11-02T09:00:00Z",
                "2026-11-10T10:00:00Z",
                List.of()));
        // EUR has no rate: left out of the figures, shown in the drill-down with the reason
        t.publish(t.won(
                D5,
                UUID.randomUUID(),
                BORIS,
                "100",
                "EUR",
                false,
                null,
                "2026-11-02T09:00:00Z",
                "2026-11-11T10:00:00Z",
                List.of()));
        // won, then reopened: open again, so not in the figures
        t.publish(
                t.won(D6, UUID.randomUUID(), ANNA, "99000", "2026-11-02T09:00:00Z", "2026-11-12T10:00:00Z", List.of()),
                t.reopened(D6, ANNA, "2026-11-13T10:00:00Z"));
        // won at 00:30 Moscow on 1 December: outside November in the tenant's zone
        t.publish(
                t.won(D7, UUID.randomUUID(), ANNA, "7000", "2026-11-02T09:00:00Z", "2026-11-30T21:30:00Z", List.of()));
        // Worked out by hand, November 2026 in RUB:
        //   d1 Anna 15000 (software 10000, services 5000), d2 Anna 5000, d3 Boris 2000 (software 2000), d4 Boris 9000
        //   overall: 4 deals, revenue 31000, mean 7750.00, median of 2000, 5000, 9000, 15000 = (5000+9000)/2 = 7000.00
        //   Anna: 2 deals, 20000, mean 10000.00, median 10000.00; Boris: 2 deals, 11000, mean 5500.00, median 5500.00
        //   software: d1 10000 and d3 2000 -> 2 deals, 12000, mean 6000.00; services: d1 5000 -> 1 deal, 5000
        //   withoutExchangeRate: d5 -> 1; drill-down: d1-d5, newest win first: d5, d4, d3, d2, d1
        t.await(
                PATH,
                a -> a.getLong("drillDown.totalItems") >= 5
                        && a.getLong("figures.overall.wonDeals") == 4
                        && a.getLong("figures.withoutExchangeRate") == 1,
                "month",
                "2026-11");
        return t;
    }

    @Test
    void theMeanAndMedianAreOverTheMonthsWinsInTheBaseCurrency() {
        JsonPath answer = t.get(PATH, "month", "2026-11");
        assertThat(answer.getString("metric")).isEqualTo("average-check");
        assertThat(answer.getInt("definitionVersion")).isEqualTo(1);
        assertThat(answer.getLong("figures.overall.wonDeals")).isEqualTo(4);
        assertThat(answer.getDouble("figures.overall.revenue")).isEqualTo(31000.0);
        assertThat(answer.getDouble("figures.overall.mean")).isEqualTo(7750.0);
        assertThat(answer.getDouble("figures.overall.median")).isEqualTo(7000.0);
        assertThat(answer.getString("figures.baseCurrency")).isEqualTo("RUB");
    }

    @Test
    void eachManagerHasTheMeanAndMedianOfTheirOwnWins() {
        JsonPath answer = t.get(PATH, "month", "2026-11");
        assertThat(answer.getList("figures.byManager.managerId")).containsExactly(ANNA.toString(), BORIS.toString());
        assertThat(answer.getList("figures.byManager.check.wonDeals", Integer.class))
                .containsExactly(2, 2);
        assertThat(answer.getList("figures.byManager.check.mean", Double.class)).containsExactly(10000.0, 5500.0);
        assertThat(answer.getList("figures.byManager.check.median", Double.class))
                .containsExactly(10000.0, 5500.0);
    }

    @Test
    void eachProductCategoryHasTheMeanOfItsLines() {
        JsonPath answer = t.get(PATH, "month", "2026-11");
        assertThat(answer.getList("figures.byCategory.category")).containsExactly("software", "services");
        assertThat(answer.getList("figures.byCategory.check.wonDeals", Integer.class))
                .containsExactly(2, 1);
        assertThat(answer.getList("figures.byCategory.check.mean", Double.class))
                .containsExactly(6000.0, 5000.0);
    }

    @Test
    void aWinWithoutAnExchangeRateIsLeftOutOfTheFiguresAndListedWithTheReason() {
        JsonPath answer = t.get(PATH, "month", "2026-11");
        assertThat(answer.getLong("figures.withoutExchangeRate")).isEqualTo(1);
        assertThat(answer.getString("drillDown.items[0].reason"))
                .isEqualTo("no exchange rate from EUR to the base currency");
        assertThat(answer.getString("drillDown.items[1].reason")).isNull();
    }

    @Test
    void theDrillDownListsTheMonthsWinsNewestFirstWithAmountAndClient() {
        JsonPath answer = t.get(PATH, "month", "2026-11");
        assertThat(answer.getLong("drillDown.totalItems")).isEqualTo(5);
        assertThat(answer.getList("drillDown.items.cardId"))
                .containsExactly(D5.toString(), D4.toString(), D3.toString(), D2.toString(), D1.toString());
        // each with its amount in the base currency (none without a rate: 100 USD at 90 = 9000) and client name
        assertThat(answer.getList("drillDown.items.amount", Double.class))
                .containsExactly(null, 9000.0, 2000.0, 5000.0, 15000.0);
        assertThat(answer.getString("drillDown.items[4].title")).startsWith("Client ");
    }

    @Test
    void theDrillDownIsSortedBeforePagingSoPageTwoContinuesTheOrder() {
        // November by amount, largest first, 2 a page: d1 15000, d4 9000 | d2 5000, d3 2000 | d5 (no rate) last
        JsonPath second = t.get(PATH, "month", "2026-11", "sort", "-amount", "size", "2", "page", "1");
        assertThat(second.getLong("drillDown.totalItems")).isEqualTo(5);
        assertThat(second.getList("drillDown.items.cardId")).containsExactly(D2.toString(), D3.toString());
        assertThat(second.getList("drillDown.items.amount", Double.class)).containsExactly(5000.0, 2000.0);
        assertThat(second.getString("drillDown.sort")).isEqualTo("-amount");
        assertThat(second.getList("drillDown.sortableBy"))
                .containsExactly("at", "amount", "ageDays", "title", "source");
        assertThat(t.get(PATH, "month", "2026-11", "sort", "-amount", "size", "2", "page", "2")
                        .getList("drillDown.items.cardId"))
                .containsExactly(D5.toString());
        // smallest first: d3 2000, d2 5000 | d4 9000, d1 15000; the deal without a rate still last
        assertThat(t.get(PATH, "month", "2026-11", "sort", "amount", "size", "2", "page", "1")
                        .getList("drillDown.items.cardId"))
                .containsExactly(D4.toString(), D1.toString());
        // the export is in the same order: d1, d4, d2, d3, d5
        String csv = given().auth()
                .oauth2(t.headToken())
                .accept("text/csv")
                .queryParam("month", "2026-11")
                .queryParam("table", "drillDown")
                .queryParam("sort", "-amount")
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(Stream.of(D1, D4, D2, D3, D5).map(d -> csv.indexOf(d.toString())))
                .doesNotContain(-1)
                .isSorted();
    }

    @Test
    void aSortByAFieldTheDrillDownDoesNotHaveIsA400NamingSort() {
        for (String sort : List.of("stage", "-", "amount,at", "")) {
            t.getAs(t.headToken(), PATH, "month", "2026-11", "sort", sort)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("sort"))
                    .body("invalidFields[0].message", org.hamcrest.Matchers.containsString("at, amount, ageDays"));
        }
    }

    @Test
    void aManagerSeesOnlyTheirOwnWinsAndMayNotAskForAnothers() {
        JsonPath boris = t.getAs(TestTokens.manager(t.tenant, BORIS), PATH, "month", "2026-11")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(boris.getLong("figures.overall.wonDeals")).isEqualTo(2);
        assertThat(boris.getDouble("figures.overall.revenue")).isEqualTo(11000.0);
        t.getAs(TestTokens.manager(t.tenant, BORIS), PATH, "month", "2026-11", "managerId", ANNA.toString())
                .then()
                .statusCode(403);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aReopenedDealCountsAgainInThePeriodOfItsNewWin() {
        // runs last: it adds a win to the scenario (December's, so November's figures stay as they were)
        t.publish(
                t.won(D6, UUID.randomUUID(), ANNA, "99000", "2026-11-02T09:00:00Z", "2026-12-02T10:00:00Z", List.of()));
        JsonPath december = t.await(PATH, a -> a.getLong("figures.overall.wonDeals") == 2, "month", "2026-12");
        assertThat(december.getDouble("figures.overall.revenue")).isEqualTo(106000.0);
        assertThat(t.get(PATH, "month", "2026-11").getLong("figures.overall.wonDeals"))
                .isEqualTo(4);
    }

    @Test
    void anEmptyPeriodHasNoDealsAndNoMeanAndABadPeriodIsRefused() {
        DealEvents t = new DealEvents(kafka);
        JsonPath empty = t.get(PATH, "from", "2026-02-01", "to", "2026-02-10");
        assertThat(empty.getLong("figures.overall.wonDeals")).isZero();
        assertThat(empty.getString("figures.overall.mean")).isNull();
        assertThat(empty.getString("figures.overall.median")).isNull();
        assertThat(empty.getList("figures.byManager")).isEmpty();
        assertThat(empty.getList("drillDown.items")).isEmpty();
        t.getAs(t.headToken(), PATH, "month", "2026-13")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("month"));
    }
}
