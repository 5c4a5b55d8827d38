package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Metric 13, the pipeline waterfall, from real deal events on the real deal topic: November 2026 in Moscow time, with
 * every kind of change, the bars worked out by hand.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class PipelineChangeTest {

    private static final String PATH = "/api/v1/metrics/pipeline-change";
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final List<String> BARS = List.of(
            "openAtStart",
            "newDeals",
            "reopened",
            "won",
            "lost",
            "pushedOut",
            "pulledIn",
            "amountUp",
            "amountDown",
            "openAtEnd");

    private static final UUID D1 = UUID.randomUUID();
    private static final UUID D2 = UUID.randomUUID();
    private static final UUID D3 = UUID.randomUUID();
    private static final UUID D4 = UUID.randomUUID();
    private static final UUID D5 = UUID.randomUUID();
    private static final UUID D6 = UUID.randomUUID();
    private static final UUID D7 = UUID.randomUUID();
    private static final UUID D8 = UUID.randomUUID();
    private static final UUID D9 = UUID.randomUUID();
    private static final UUID D10 = UUID.randomUUID();

    /**
     * Worked out by hand, November 2026 (Moscow: from 31 Oct 21:00Z to 30 Nov 21:00Z), RUB:
     * <pre>
     * D1  Anna  open 1 Oct 10 000, close 20 Nov; 10 Nov amount 15 000; (3 Dec 50 000: after the period)
     *           start 10 000, amountUp +5 000, end 15 000  stage Qualification
     * D2  Anna  open 2 Oct 20 000, close 15 Nov; 12 Nov amount 18 000, close 20 Dec
     *           start 20 000, amountDown 2 000, pushedOut, end 18 000  stage Qualification
     * D3  Boris open 3 Oct 30 000, close 31 Dec; 5 Nov close 25 Nov; 6 Nov to Proposal; 20 Nov won 30 000
     *           start 30 000, pulledIn, won 30 000                                                   stage Proposal
     * D4  Boris open 4 Oct 5 000; 8 Nov lost at 5 000: start 5 000, lost 5 000                      stage Qualification
     * D5  Anna  won 20 Sep 7 000; 10 Nov reopened into Proposal: reopened 7 000, end 7 000           stage Proposal
     * D6  Anna  open 15 Nov 12 000, close 28 Nov: new 12 000, end 12 000                            stage Qualification
     * D7  Boris open 16 Nov 8 000; 25 Nov won at 9 000: new 8 000, amountUp +1 000, won 9 000        stage Proposal
     * D8  Anna  open 1 Oct, lost 20 Oct: closed before the period, in no bar
     * D9  Anna  open 30 Nov 21:30Z = 1 Dec 00:30 Moscow: after the period, in no bar
     * D10 Boris open 5 Oct 6 000; 18 Nov handed to Anna: start 6 000, end 6 000, counts for Anna   stage Qualification
     *
     * total: start 5 / 71 000 + new 2 / 20 000 + reopened 1 / 7 000 - won 2 / 39 000 - lost 1 / 5 000 = end 5;
     *        71 000 + 20 000 + 7 000 + up 6 000 (2 deals) - down 2 000 (1) - 39 000 - 5 000 = 58 000;
     *        pushedOut D2 18 000, pulledIn D3 30 000
     * Anna:  start 3 / 36 000, new 1 / 12 000, reopened 1 / 7 000, up 1 / 5 000, down 1 / 2 000, end 5 / 58 000
     * Boris: start 2 / 35 000, new 1 / 8 000, won 2 / 39 000, lost 1 / 5 000, up 1 / 1 000, pulledIn 1 / 30 000
     * Qualification: start 4 / 41 000, new 1 / 12 000, lost 1 / 5 000, up 1 / 5 000, down 1 / 2 000,
     *                pushedOut 1 / 18 000, end 4 / 51 000
     * Proposal: start 1 / 30 000, new 1 / 8 000, reopened 1 / 7 000, won 2 / 39 000, up 1 / 1 000,
     *           pulledIn 1 / 30 000, end 1 / 7 000
     * </pre>
     */
    private static final String TOTAL = "openAtStart 5 71000.0, newDeals 2 20000.0, reopened 1 7000.0, "
            + "won 2 39000.0, lost 1 5000.0, pushedOut 1 18000.0, pulledIn 1 30000.0, amountUp 2 6000.0, "
            + "amountDown 1 2000.0, openAtEnd 5 58000.0";

    private static final String ANNAS = "openAtStart 3 36000.0, newDeals 1 12000.0, reopened 1 7000.0, "
            + "won 0 0.0, lost 0 0.0, pushedOut 1 18000.0, pulledIn 0 0.0, amountUp 1 5000.0, "
            + "amountDown 1 2000.0, openAtEnd 5 58000.0";

    private static final String BORISES = "openAtStart 2 35000.0, newDeals 1 8000.0, reopened 0 0.0, "
            + "won 2 39000.0, lost 1 5000.0, pushedOut 0 0.0, pulledIn 1 30000.0, amountUp 1 1000.0, "
            + "amountDown 0 0.0, openAtEnd 0 0.0";

    @InjectKafka
    KafkaCompanion kafka;

    /** The scenario, built once for the class by the first rule that runs (its own tenant); the rules only read it. */
    private static DealEvents t;

    @BeforeEach
    void november() {
        if (t == null) {
            t = publishNovember();
        }
    }

    private DealEvents publishNovember() {
        DealEvents t = new DealEvents(kafka);
        t.publish(t.of(
                "2026-01-01T00:00:00Z",
                DealEvents.pipeline(
                        DealEvents.PIPELINE,
                        DealEvents.STAGE_NEW,
                        DealEvents.STAGE_PROPOSAL,
                        DealEvents.STAGE_WON,
                        DealEvents.STAGE_LOST)));
        t.publish(
                opened(t, D1, ANNA, "10000", "2026-11-20", "2026-10-01T09:00:00Z"),
                t.updated(D1, ANNA, "10000", "2026-11-20", "15000", "2026-11-20", "2026-11-10T09:00:00Z"),
                t.updated(D1, ANNA, "15000", "2026-11-20", "50000", "2026-11-20", "2026-12-03T09:00:00Z"));
        t.publish(
                opened(t, D2, ANNA, "20000", "2026-11-15", "2026-10-02T09:00:00Z"),
                t.updated(D2, ANNA, "20000", "2026-11-15", "18000", "2026-12-20", "2026-11-12T09:00:00Z"));
        t.publish(
                opened(t, D3, BORIS, "30000", "2026-12-31", "2026-10-03T09:00:00Z"),
                t.updated(D3, BORIS, "30000", "2026-12-31", "30000", "2026-11-25", "2026-11-05T09:00:00Z"),
                t.moved(D3, BORIS, DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, 50, "2026-11-06T09:00:00Z"),
                t.won(
                        D3,
                        UUID.randomUUID(),
                        BORIS,
                        "30000",
                        "2026-10-03T09:00:00Z",
                        "2026-11-20T10:00:00Z",
                        List.of()));
        t.publish(
                opened(t, D4, BORIS, "5000", null, "2026-10-04T09:00:00Z"),
                t.lost(D4, BORIS, "5000", "2026-11-08T09:00:00Z"));
        t.publish(
                t.won(D5, UUID.randomUUID(), ANNA, "7000", "2026-09-01T09:00:00Z", "2026-09-20T10:00:00Z", List.of()),
                t.reopened(D5, ANNA, "2026-11-10T10:00:00Z"));
        t.publish(opened(t, D6, ANNA, "12000", "2026-11-28", "2026-11-15T09:00:00Z"));
        t.publish(
                opened(t, D7, BORIS, "8000", null, "2026-11-16T09:00:00Z"),
                t.won(D7, UUID.randomUUID(), BORIS, "9000", "2026-11-16T09:00:00Z", "2026-11-25T10:00:00Z", List.of()));
        t.publish(
                opened(t, D8, ANNA, "4000", null, "2026-10-01T09:00:00Z"),
                t.lost(D8, ANNA, "4000", "2026-10-20T09:00:00Z"));
        t.publish(opened(t, D9, ANNA, "3000", null, "2026-11-30T21:30:00Z"));
        t.publish(
                opened(t, D10, BORIS, "6000", null, "2026-10-05T09:00:00Z"),
                t.reassigned(D10, BORIS, ANNA, "2026-11-18T09:00:00Z"));
        // every deal's last event applied: November's bars as worked out, D10 with Anna, D1's December raise seen
        t.await(
                PATH,
                a -> bars(a, "figures.total").equals(TOTAL)
                        && bars(a, group("managerId", ANNA)).equals(ANNAS)
                        && a.getDouble("figures.groups.find { it.managerId == '" + ANNA + "' }.bars.amountUp.amount")
                                == 5000.0,
                "month",
                "2026-11",
                "groupBy",
                "manager");
        t.await(PATH, a -> a.getLong("figures.total.amountUp.count") == 1, "month", "2026-12");
        return t;
    }

    private static byte[] opened(DealEvents t, UUID deal, UUID manager, String amount, String close, String at) {
        return t.opened(deal, UUID.randomUUID(), manager, amount, "RUB", close, 10, at, List.of());
    }

    @Test
    void theWaterfallOfNovemberHasEveryKindOfChangeAsWorkedOutByHand() {
        JsonPath answer = t.get(PATH, "month", "2026-11");
        assertThat(answer.getString("metric")).isEqualTo("pipeline-change");
        assertThat(answer.getInt("definitionVersion")).isEqualTo(1);
        assertThat(bars(answer, "figures.total")).isEqualTo(TOTAL);
        assertThat(answer.getString("figures.baseCurrency")).isEqualTo("RUB");
        assertThat(answer.getLong("figures.withoutExchangeRate")).isZero();
        assertThat(answer.getList("figures.groups")).isEmpty();
        // December sees D1's raise to 50 000 and D9 opened at 00:30 Moscow on 1 December
        JsonPath december = t.get(PATH, "month", "2026-12");
        assertThat(december.getLong("figures.total.newDeals.count")).isEqualTo(1);
        assertThat(december.getDouble("figures.total.amountUp.amount")).isEqualTo(35000.0);
    }

    @Test
    void theBarsAddUpInCountsAndAmountsForTheTotalAndEveryGroup() {
        for (String groupBy : List.of("manager", "stage")) {
            JsonPath answer = t.get(PATH, "month", "2026-11", "groupBy", groupBy);
            reconciles(answer, "figures.total");
            int groups = answer.getList("figures.groups").size();
            assertThat(groups).isEqualTo(2);
            for (int i = 0; i < groups; i++) {
                reconciles(answer, "figures.groups[" + i + "].bars");
            }
        }
    }

    @Test
    void perManagerEachDealCountsForTheManagerItEndsWith() {
        JsonPath answer = t.get(PATH, "month", "2026-11", "groupBy", "manager");
        assertThat(answer.getString("figures.groupBy")).isEqualTo("manager");
        // most deals open at the end first: Anna (5, with D10 handed over from Boris), Boris (0)
        assertThat(answer.getList("figures.groups.managerId")).containsExactly(ANNA.toString(), BORIS.toString());
        assertThat(bars(answer, group("managerId", ANNA))).isEqualTo(ANNAS);
        assertThat(bars(answer, group("managerId", BORIS))).isEqualTo(BORISES);
        // the managerId filter answers the manager's group as the total
        assertThat(bars(t.get(PATH, "month", "2026-11", "managerId", BORIS.toString()), "figures.total"))
                .isEqualTo(BORISES);
    }

    @Test
    void perStageEachDealCountsForTheStageItEndsInOrWasClosedFrom() {
        JsonPath answer = t.get(PATH, "month", "2026-11", "groupBy", "stage");
        assertThat(answer.getList("figures.groups.stage"))
                .containsExactly(DealEvents.STAGE_NEW.toString(), DealEvents.STAGE_PROPOSAL.toString());
        assertThat(answer.getList("figures.groups.stageName")).containsExactly("Qualification", "Proposal");
        assertThat(bars(answer, group("stage", DealEvents.STAGE_NEW)))
                .isEqualTo("openAtStart 4 41000.0, newDeals 1 12000.0, reopened 0 0.0, won 0 0.0, lost 1 5000.0, "
                        + "pushedOut 1 18000.0, pulledIn 0 0.0, amountUp 1 5000.0, amountDown 1 2000.0, "
                        + "openAtEnd 4 51000.0");
        assertThat(bars(answer, group("stage", DealEvents.STAGE_PROPOSAL)))
                .isEqualTo("openAtStart 1 30000.0, newDeals 1 8000.0, reopened 1 7000.0, won 2 39000.0, "
                        + "lost 0 0.0, pushedOut 0 0.0, pulledIn 1 30000.0, amountUp 1 1000.0, amountDown 0 0.0, "
                        + "openAtEnd 1 7000.0");
    }

    @Test
    void aTeamHasTheDealsItsManagersEndWith() {
        UUID team1 = UUID.randomUUID(), team2 = UUID.randomUUID();
        new EventPublisher(kafka, t.tenant)
                .publish(
                        RosterEvents.hired(ANNA, "Anna", team1, 10, "2026-01-10T09:00:00Z"),
                        RosterEvents.hired(BORIS, "Boris", team2, 10, "2026-01-10T09:00:00Z"));
        // Boris's team: his deals won or lost in it (D3, D7, D4); D10, handed to Anna, is team 1's
        t.await(PATH, a -> bars(a, "figures.total").equals(BORISES), "month", "2026-11", "teamId", team2.toString());
        JsonPath annas = t.await(
                PATH,
                a -> bars(a, "figures.total").equals(ANNAS),
                "month",
                "2026-11",
                "teamId",
                team1.toString(),
                "groupBy",
                "manager");
        assertThat(annas.getList("figures.groups.managerName")).containsExactly("Anna");
    }

    @Test
    void eachBarListsItsDealsLargestFirstPaged() {
        assertThat(cards("openAtEnd")).containsExactly(D2, D1, D6, D5, D10);
        assertThat(cards("openAtStart")).containsExactly(D3, D2, D1, D10, D4);
        assertThat(cards("newDeals")).containsExactly(D6, D7);
        assertThat(cards("reopened")).containsExactly(D5);
        assertThat(cards("won")).containsExactly(D3, D7);
        assertThat(cards("lost")).containsExactly(D4);
        assertThat(cards("pulledIn")).containsExactly(D3);
        assertThat(cards("amountUp")).containsExactly(D1, D7);
        assertThat(cards("amountDown")).containsExactly(D2);

        JsonPath pushed = t.get(PATH, "month", "2026-11", "figure", "pushedOut");
        assertThat(pushed.getString("drillDown.figure")).isEqualTo("pushedOut");
        assertThat(pushed.getList("drillDown.items.cardId")).containsExactly(D2.toString());
        assertThat(pushed.getString("drillDown.items[0].reason")).isEqualTo("expected close 2026-11-15 → 2026-12-20");
        assertThat(pushed.getDouble("drillDown.items[0].amount")).isEqualTo(18000.0);
        assertThat(pushed.getString("drillDown.items[0].stageName")).isEqualTo("Qualification");
        JsonPath up = t.get(PATH, "month", "2026-11", "figure", "amountUp");
        assertThat(up.getString("drillDown.items[0].reason")).isEqualTo("amount 10000.00 → 15000.00");

        // the second page of two: D1 and D10 of the five open at the start
        JsonPath page = t.get(PATH, "month", "2026-11", "figure", "openAtStart", "page", "1", "size", "2");
        assertThat(page.getLong("drillDown.totalItems")).isEqualTo(5);
        assertThat(page.getList("drillDown.items.cardId")).containsExactly(D1.toString(), D10.toString());
        assertThat(page.getString("drillDown.items[1].managerId")).isEqualTo(ANNA.toString());
    }

    @Test
    void theGroupsExportAsATableWithTheBarsAsColumns() {
        String csv = io.restassured.RestAssured.given()
                .auth()
                .oauth2(t.headToken())
                .accept("text/csv")
                .queryParam("month", "2026-11")
                .queryParam("groupBy", "manager")
                .queryParam("table", "groups")
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> lines = csv.lines().toList();
        // the file starts with a byte order mark, for spreadsheets (docs/export.md)
        List<String> header = List.of(lines.get(0).replace("\uFEFF", "").split(","));
        assertThat(header).contains("managerId", "bars.openAtStart.count", "bars.openAtEnd.amount");
        List<String> anna = lines.stream()
                .filter(line -> line.startsWith(ANNA.toString()))
                .map(line -> List.of(line.split(",", -1)))
                .findFirst()
                .orElseThrow();
        assertThat(new java.math.BigDecimal(anna.get(header.indexOf("bars.openAtEnd.amount"))))
                .isEqualByComparingTo("58000");
        assertThat(anna.get(header.indexOf("bars.openAtStart.count"))).isEqualTo("3");
    }

    @Test
    void aManagerSeesOnlyTheDealsThatEndWithThem() {
        JsonPath boris = t.getAs(TestTokens.manager(t.tenant, BORIS), PATH, "month", "2026-11", "figure", "won")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .using(new io.restassured.path.json.config.JsonPathConfig(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(bars(boris, "figures.total")).isEqualTo(BORISES);
        assertThat(boris.getList("drillDown.items.cardId")).containsExactly(D3.toString(), D7.toString());
        t.getAs(TestTokens.manager(t.tenant, BORIS), PATH, "month", "2026-11", "managerId", ANNA.toString())
                .then()
                .statusCode(403);
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        refused("groupBy", "team");
        refused("figure", "opened");
        refused("page", "-1");
        t.getAs(t.headToken(), PATH, "month", "2026-11", "from", "2026-11-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("month"));
    }

    @Test
    void aRepeatedEventChangesNothing() {
        DealEvents own = new DealEvents(kafka);
        UUID deal = UUID.randomUUID();
        byte[] raise = own.updated(deal, ANNA, "1000", null, "2000", null, "2026-11-10T09:00:00Z");
        byte[] cut = own.updated(deal, ANNA, "2000", null, "1500", null, "2026-11-12T09:00:00Z");
        // one deal, one key, one partition: the raise delivered again after the cut, then a stage move as the marker
        own.publish(
                opened(own, deal, ANNA, "1000", null, "2026-10-01T09:00:00Z"),
                raise,
                cut,
                raise,
                own.moved(deal, ANNA, DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, 50, "2026-11-14T09:00:00Z"));
        JsonPath answer = own.await(
                PATH,
                a -> a.getList("figures.groups.stage").contains(DealEvents.STAGE_PROPOSAL.toString()),
                "month",
                "2026-11",
                "groupBy",
                "stage");
        // applied once, the raise leaves the cut in force: 1 000 at the start, 1 500 at the end
        assertThat(bars(answer, "figures.total"))
                .isEqualTo("openAtStart 1 1000.0, newDeals 0 0.0, reopened 0 0.0, won 0 0.0, lost 0 0.0, "
                        + "pushedOut 0 0.0, pulledIn 0 0.0, amountUp 1 500.0, amountDown 0 0.0, openAtEnd 1 1500.0");
    }

    private static void refused(String parameter, String value) {
        t.getAs(t.headToken(), PATH, "month", "2026-11", parameter, value)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo(parameter));
    }

    private static List<UUID> cards(String figure) {
        return t
                .get(PATH, "month", "2026-11", "figure", figure)
                .getList("drillDown.items.cardId", String.class)
                .stream()
                .map(UUID::fromString)
                .toList();
    }

    private static String group(String key, UUID id) {
        return "figures.groups.find { it." + key + " == '" + id + "' }.bars";
    }

    /** The ten bars of a path as "name count amount, …". */
    private static String bars(JsonPath answer, String path) {
        return BARS.stream()
                .map(bar -> bar + " " + answer.getLong(path + "." + bar + ".count") + " "
                        + answer.getDouble(path + "." + bar + ".amount"))
                .collect(Collectors.joining(", "));
    }

    /** start + new + reopened - won - lost = end in counts; the same plus up, minus down, in amounts. */
    private static void reconciles(JsonPath answer, String path) {
        long count = answer.getLong(path + ".openAtStart.count")
                + answer.getLong(path + ".newDeals.count")
                + answer.getLong(path + ".reopened.count")
                - answer.getLong(path + ".won.count")
                - answer.getLong(path + ".lost.count");
        assertThat(count).as(path).isEqualTo(answer.getLong(path + ".openAtEnd.count"));
        double amount = answer.getDouble(path + ".openAtStart.amount")
                + answer.getDouble(path + ".newDeals.amount")
                + answer.getDouble(path + ".reopened.amount")
                + answer.getDouble(path + ".amountUp.amount")
                - answer.getDouble(path + ".amountDown.amount")
                - answer.getDouble(path + ".won.amount")
                - answer.getDouble(path + ".lost.amount");
        assertThat(amount).as(path).isEqualTo(answer.getDouble(path + ".openAtEnd.amount"));
    }
}
