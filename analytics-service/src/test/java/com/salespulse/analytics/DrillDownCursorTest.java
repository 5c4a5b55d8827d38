package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: drill-downs read page after page by cursor (keyset). Walking a list by {@code nextCursor} gives exactly the
 * list read in one page, in its order, whatever the sort (descending, a field with nulls, ties on the field), and a
 * card added before the cursor neither repeats nor skips a card, where paging by number does.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DrillDownCursorTest {

    private static final String AVERAGE_CHECK = "/api/v1/metrics/average-check";
    private static final String LOAD = "/api/v1/metrics/manager-load";
    private static final String INFLOW = "/api/v1/metrics/lead-inflow";
    private static final String FORGOTTEN = "/api/v1/metrics/forgotten-cards";
    private static final String REJECTED = "/api/v1/metrics/rejected-leads";
    private static final String PIPELINE_CHANGE = "/api/v1/metrics/pipeline-change";
    private static final String DISMISSED = "/api/v1/metrics/dismissed-base";
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final int WON = 12;
    private static final int OPEN = 7;
    private static final int LEADS = 9;
    private static final int REJECTED_LEADS = 7;

    @InjectKafka
    KafkaCompanion kafka;

    /** The scenario, built once for the class by the first rule that runs (its own tenant); the rules only read it. */
    private static DealEvents t;

    @BeforeEach
    void aMonthWithTiesAndDealsWithoutAnAmount() {
        if (t == null) {
            t = publishScenario();
        }
    }

    /**
     * November 2026: 12 wins, amounts tied in threes and three in EUR (no rate: a null amount), closings tied in
     * pairs, clients named alike in pairs (the title ties); 7 open deals entering their stage at tied moments; 9 leads,
     * their arrivals tied in threes; 7 more leads rejected, their rejections tied in threes, their clients in pairs.
     */
    private DealEvents publishScenario() {
        DealEvents t = new DealEvents(kafka);
        String[] amounts = {"5000", "5000", "5000", "2000", "2000", "100", "100", "100", "9000", "700", "700", "1"};
        String[] currencies = {"RUB", "RUB", "RUB", "RUB", "RUB", "EUR", "EUR", "EUR", "RUB", "RUB", "RUB", "RUB"};
        for (int i = 0; i < WON; i++) {
            UUID client = UUID.fromString("0000%04d-0000-0000-0000-%012d".formatted(i / 2, i));
            String closed = "2026-11-%02dT10:00:00Z".formatted(3 + i / 2);
            t.publish(t.won(
                    UUID.randomUUID(),
                    client,
                    i % 2 == 0 ? ANNA : BORIS,
                    amounts[i],
                    currencies[i],
                    false,
                    null,
                    "2026-10-%02dT09:00:00Z".formatted(1 + i % 3),
                    closed,
                    List.of()));
        }
        for (int i = 0; i < OPEN; i++) {
            UUID client = UUID.fromString("0001%04d-0000-0000-0000-%012d".formatted(i / 2, i));
            t.publish(t.opened(
                    UUID.randomUUID(), client, ANNA, "1000", "2026-11-%02dT09:00:00Z".formatted(1 + i / 3), List.of()));
        }
        for (int i = 0; i < LEADS; i++) {
            t.leadCreated("2026-11-%02dT09:00:00Z".formatted(1 + i / 3));
        }
        EventPublisher leads = new EventPublisher(kafka, t.tenant);
        for (int i = 0; i < REJECTED_LEADS; i++) {
            UUID lead = UUID.randomUUID();
            leads.publish(
                    LeadEvents.lead(lead, "web", null, "Rejected client " + i / 2, "2026-11-02T09:00:00Z"),
                    LeadEvents.rejected(
                            lead,
                            "NEW",
                            i % 2 == 0 ? "no_need" : "spam",
                            i % 2 == 0 ? ANNA : BORIS,
                            "web",
                            "2026-11-%02dT10:00:00Z".formatted(4 + i / 3)));
        }
        t.await(AVERAGE_CHECK, a -> a.getLong("drillDown.totalItems") == WON, "month", "2026-11");
        t.await(LOAD, a -> a.getLong("drillDown.totalItems") == OPEN);
        t.await(INFLOW, a -> a.getLong("figures.total") == LEADS + REJECTED_LEADS, "month", "2026-11");
        t.await(REJECTED, a -> a.getLong("figures.rejected") == REJECTED_LEADS, "month", "2026-11");
        return t;
    }

    @Test
    void walkingTheWinsByCursorListsExactlyTheOnePageListInEachOrder() {
        for (String sort : new String[] {null, "amount", "-amount", "at", "-at", "title", "-title", "ageDays"}) {
            List<String> whole = ids(t.get(AVERAGE_CHECK, with(sort, "month", "2026-11", "size", "200")));
            assertThat(whole).as("sort %s", sort).hasSize(WON);
            assertThat(walk(AVERAGE_CHECK, sort, 5, "month", "2026-11"))
                    .as("sort %s", sort)
                    .containsExactlyElementsOf(whole);
        }
    }

    @Test
    void aSortByAmountKeepsTheDealsWithoutARateLastAcrossPagesBothWays() {
        for (String sort : List.of("amount", "-amount")) {
            JsonPath whole = t.get(AVERAGE_CHECK, "month", "2026-11", "sort", sort, "size", "200");
            assertThat(whole.getList("drillDown.items.amount").subList(WON - 3, WON))
                    .containsOnlyNulls();
            // pages of 2 end inside the ties (5000 ×3) and inside the nulls (×3)
            assertThat(walk(AVERAGE_CHECK, sort, 2, "month", "2026-11")).containsExactlyElementsOf(ids(whole));
        }
    }

    @Test
    void walkingTheOpenAndForgottenCardsAndTheLeadsByCursorListsExactlyTheOnePageList() {
        for (String sort : new String[] {null, "title", "-at", "status"}) {
            assertThat(walk(LOAD, sort, 2)).as("sort %s", sort).containsExactlyElementsOf(ids(t.get(LOAD, with(sort))));
        }
        // the open deals, untouched since November, are forgotten cards too (key: card type, then id)
        List<String> forgotten = ids(t.get(FORGOTTEN, "size", "200"));
        assertThat(forgotten).hasSize(OPEN);
        for (String sort : new String[] {null, "-at", "title", "-status"}) {
            assertThat(walk(FORGOTTEN, sort, 3))
                    .as("sort %s", sort)
                    .containsExactlyElementsOf(ids(t.get(FORGOTTEN, with(sort, "size", "200"))));
        }
        for (String sort : new String[] {null, "at", "-title"}) {
            assertThat(walk(INFLOW, sort, 4, "month", "2026-11"))
                    .as("sort %s", sort)
                    .containsExactlyElementsOf(ids(t.get(INFLOW, with(sort, "month", "2026-11", "size", "200"))));
        }
    }

    @Test
    void walkingTheRejectedLeadsAndThePipelineChangesBarsByCursorListsExactlyTheOnePageList() {
        for (String sort : new String[] {null, "at", "-title", "reason"}) {
            List<String> whole = ids(t.get(REJECTED, with(sort, "month", "2026-11", "size", "200")));
            assertThat(whole).as("sort %s", sort).hasSize(REJECTED_LEADS);
            assertThat(walk(REJECTED, sort, 3, "month", "2026-11"))
                    .as("sort %s", sort)
                    .containsExactlyElementsOf(whole);
        }
        // the wins' amounts tie in threes and three have none (nulls last); the open deals' amounts all tie. A win
        // published alone (no opening before it) enters the history at its closing: a new deal of November too
        for (String[] bar : new String[][] {{"won", "" + WON}, {"newDeals", "" + (WON + OPEN)}}) {
            for (String sort : new String[] {null, "amount", "-at", "title"}) {
                List<String> whole =
                        ids(t.get(PIPELINE_CHANGE, with(sort, "month", "2026-11", "figure", bar[0], "size", "200")));
                assertThat(whole).as("%s, sort %s", bar[0], sort).hasSize(Integer.parseInt(bar[1]));
                assertThat(walk(PIPELINE_CHANGE, sort, 3, "month", "2026-11", "figure", bar[0]))
                        .as("%s, sort %s", bar[0], sort)
                        .containsExactlyElementsOf(whole);
            }
        }
    }

    /**
     * Dmitry, dismissed on 10 Nov, had 6 leads and 4 deals (arrivals and clients tied in pairs): 3 leads and 2 deals
     * went to Anna by one transfer (the cohort), the other 5 are still his. Its own tenant: the dismissal would change
     * the other rules' lists.
     */
    @Test
    void walkingTheDismissedBaseByCursorListsExactlyTheOnePageList() {
        DealEvents own = new DealEvents(kafka);
        UUID dmitry = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID transfer = UUID.randomUUID();
        UUID pipeline = UUID.randomUUID();
        UUID stage = UUID.randomUUID();
        List<com.salespulse.contract.DomainEvent> history = new ArrayList<>(List.of(
                DealEvents.pipeline(pipeline, stage, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()),
                RosterEvents.hired(dmitry, "Dmitry", team, 10, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(ANNA, "Anna", team, 10, "2026-01-10T09:00:00Z")));
        List<com.salespulse.contract.DomainEvent> moves = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID lead = UUID.randomUUID();
            history.add(LeadEvents.lead(
                    lead, "web", dmitry, "Client " + i / 2, "2026-11-%02dT12:00:00Z".formatted(1 + i / 2)));
            if (i < 3) {
                moves.add(LeadEvents.leadTransferred(lead, dmitry, ANNA, transfer, "2026-11-10T13:00:00Z"));
            }
        }
        for (int i = 0; i < 4; i++) {
            UUID deal = UUID.randomUUID();
            history.add(DealEvents.deal(
                    deal, dmitry, pipeline, stage, "Client " + i / 2, "2026-11-%02dT12:00:00Z".formatted(2 + i / 2)));
            if (i < 2) {
                moves.add(DealEvents.dealTransferred(deal, dmitry, ANNA, transfer, "2026-11-10T13:00:00Z"));
            }
        }
        history.add(RosterEvents.dismissed(dmitry, transfer, List.of(ANNA), "2026-11-10T12:00:00Z"));
        history.add(RosterEvents.transferStarted(transfer, dmitry, List.of(ANNA), "2026-11-10T12:00:00Z"));
        history.addAll(moves);
        new EventPublisher(kafka, own.tenant).publish(history.toArray(com.salespulse.contract.DomainEvent[]::new));
        own.await(
                DISMISSED,
                // the cohort is absent (null) until the transfer is applied
                a -> a.get("figures.transfers[0].cards") instanceof Number cards
                        && cards.longValue() == 5
                        && a.getLong("drillDown.totalItems") == 5,
                "month",
                "2026-11");

        for (String sort : new String[] {null, "title", "-at", "status"}) {
            List<String> whole = ids(own.get(DISMISSED, with(sort, "month", "2026-11", "size", "200")));
            assertThat(whole).as("still owned, sort %s", sort).hasSize(5);
            assertThat(walk(own, DISMISSED, sort, 2, "month", "2026-11"))
                    .as("still owned, sort %s", sort)
                    .containsExactlyElementsOf(whole);
        }
        String[] cohort = {"month", "2026-11", "figure", "transfer", "transferId", transfer.toString()};
        for (String sort : new String[] {null, "title", "-status"}) {
            List<String> whole = ids(own.get(DISMISSED, with(sort, concat(cohort, "size", "200"))));
            assertThat(whole).as("cohort, sort %s", sort).hasSize(5);
            assertThat(walk(own, DISMISSED, sort, 2, cohort))
                    .as("cohort, sort %s", sort)
                    .containsExactlyElementsOf(whole);
        }
    }

    /**
     * Counting a figure's cards reads them all, as the deepest page by number does: a page read by cursor leaves
     * {@code totalItems} out (its reader had it with the first page), a page asked without one still has it.
     */
    @Test
    void aPageByCursorLeavesTheCountOutWhereTheFirstPageAndAPageByNumberHaveIt() {
        List<String[]> lists = List.of(
                new String[] {AVERAGE_CHECK, "" + WON, "month", "2026-11"},
                new String[] {LOAD, "" + OPEN},
                new String[] {INFLOW, "" + (LEADS + REJECTED_LEADS), "month", "2026-11"},
                new String[] {REJECTED, "" + REJECTED_LEADS, "month", "2026-11"},
                new String[] {PIPELINE_CHANGE, "" + WON, "month", "2026-11", "figure", "won"});
        for (String[] list : lists) {
            String path = list[0];
            long total = Long.parseLong(list[1]);
            String[] params = Arrays.copyOfRange(list, 2, list.length);
            JsonPath first = t.get(path, concat(params, "size", "2"));
            assertThat(first.getLong("drillDown.totalItems")).as(path).isEqualTo(total);
            assertThat(t.get(path, concat(params, "size", "2", "page", "1")).getLong("drillDown.totalItems"))
                    .as(path)
                    .isEqualTo(total);
            JsonPath next = t.get(path, concat(params, "size", "2", "cursor", first.getString("drillDown.nextCursor")));
            assertThat(ids(next)).as(path).hasSize(2);
            assertThat(next.getMap("drillDown")).as(path).doesNotContainKey("totalItems");
            assertThat(next.getString("drillDown.nextCursor")).as(path).isNotNull();
        }
    }

    @Test
    void theLastPageHasNoCursorAndAPageByNumberStillWorks() {
        JsonPath last = t.get(AVERAGE_CHECK, "month", "2026-11", "size", "" + WON);
        assertThat(last.getString("drillDown.nextCursor")).isNull();
        JsonPath first = t.get(AVERAGE_CHECK, "month", "2026-11", "size", "5");
        JsonPath second = t.get(AVERAGE_CHECK, "month", "2026-11", "size", "5", "page", "1");
        JsonPath byCursor = t.get(
                AVERAGE_CHECK, "month", "2026-11", "size", "5", "cursor", first.getString("drillDown.nextCursor"));
        assertThat(ids(byCursor)).containsExactlyElementsOf(ids(second));
        // a page by number carries the cursor after it too, so a client can switch to the fast path
        assertThat(ids(t.get(
                        AVERAGE_CHECK,
                        "month",
                        "2026-11",
                        "size",
                        "5",
                        "cursor",
                        second.getString("drillDown.nextCursor"))))
                .containsExactlyElementsOf(ids(t.get(AVERAGE_CHECK, "month", "2026-11", "size", "5", "page", "2")));
    }

    @Test
    void anExportTellsTheNextCursorAndExportsThePageAfterOne() {
        String about = given().auth()
                .oauth2(t.headToken())
                .accept("text/csv")
                .queryParams("month", "2026-11", "size", "5", "table", "about")
                .get(AVERAGE_CHECK)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String cursor = about.lines()
                .filter(line -> line.startsWith("drillDown.nextCursor,"))
                .map(line -> line.substring("drillDown.nextCursor,".length()).trim())
                .findFirst()
                .orElseThrow();
        String rows = given().auth()
                .oauth2(t.headToken())
                .accept("text/csv")
                .queryParams("month", "2026-11", "size", "5", "table", "drillDown", "cursor", cursor)
                .get(AVERAGE_CHECK)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> second = ids(t.get(AVERAGE_CHECK, "month", "2026-11", "size", "5", "page", "1"));
        assertThat(second).hasSize(5).allSatisfy(id -> assertThat(rows).contains(id));
        assertThat(rows.lines().count()).isEqualTo(1 + 5);
    }

    @Test
    void aWinArrivingBeforeTheCursorNeitherRepeatsNorSkipsADealWhereAPageNumberRepeatsOne() {
        DealEvents own = new DealEvents(kafka);
        for (int i = 0; i < 6; i++) {
            own.publish(own.won(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    ANNA,
                    "1000",
                    "2026-10-01T09:00:00Z",
                    "2026-11-%02dT10:00:00Z".formatted(10 + i),
                    List.of()));
        }
        JsonPath before = own.await(AVERAGE_CHECK, a -> a.getLong("drillDown.totalItems") == 6, "month", "2026-11");
        List<String> list = ids(before);
        JsonPath first = own.get(AVERAGE_CHECK, "month", "2026-11", "size", "2");
        assertThat(ids(first)).containsExactlyElementsOf(list.subList(0, 2));

        // newest closing first: a win on 20 Nov goes before the page the reader has seen
        own.publish(own.won(
                UUID.randomUUID(),
                UUID.randomUUID(),
                BORIS,
                "1000",
                "2026-10-01T09:00:00Z",
                "2026-11-20T10:00:00Z",
                List.of()));
        own.await(AVERAGE_CHECK, a -> a.getLong("drillDown.totalItems") == 7, "month", "2026-11");

        JsonPath next = own.get(
                AVERAGE_CHECK, "month", "2026-11", "size", "2", "cursor", first.getString("drillDown.nextCursor"));
        assertThat(ids(next)).containsExactlyElementsOf(list.subList(2, 4));
        // by number, page 1 now starts one card earlier: the reader sees the last card of page 0 again
        assertThat(ids(own.get(AVERAGE_CHECK, "month", "2026-11", "size", "2", "page", "1")))
                .containsExactly(list.get(1), list.get(2));
    }

    @Test
    void aCursorThatIsNotThisQuerysIsA400NamingCursor() {
        String cursor = t.get(AVERAGE_CHECK, "month", "2026-11", "sort", "amount", "size", "2")
                .getString("drillDown.nextCursor");
        char flipped = cursor.charAt(cursor.length() / 2) == 'A' ? 'B' : 'A';
        String tampered =
                cursor.substring(0, cursor.length() / 2) + flipped + cursor.substring(cursor.length() / 2 + 1);
        List<String[]> refused = List.of(
                new String[] {AVERAGE_CHECK, "month", "2026-11", "sort", "amount", "cursor", "not a cursor!"},
                new String[] {AVERAGE_CHECK, "month", "2026-11", "sort", "amount", "cursor", "YWJj"},
                new String[] {AVERAGE_CHECK, "month", "2026-11", "sort", "amount", "cursor", tampered},
                // another order, another filter, another period, another metric
                new String[] {AVERAGE_CHECK, "month", "2026-11", "sort", "-amount", "cursor", cursor},
                new String[] {AVERAGE_CHECK, "month", "2026-11", "cursor", cursor},
                new String[] {
                    AVERAGE_CHECK, "month", "2026-11", "sort", "amount", "managerId", ANNA.toString(), "cursor", cursor
                },
                new String[] {AVERAGE_CHECK, "month", "2026-10", "sort", "amount", "cursor", cursor},
                new String[] {"/api/v1/metrics/deal-cycle", "month", "2026-11", "sort", "amount", "cursor", cursor},
                // a cursor with a page number
                new String[] {AVERAGE_CHECK, "month", "2026-11", "sort", "amount", "page", "1", "cursor", cursor});
        for (String[] request : refused) {
            t.getAs(TestTokens.head(t.tenant), request[0], Arrays.copyOfRange(request, 1, request.length))
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("invalidFields[0].field", equalTo("cursor"));
        }
        // the same query with another page size is the same list
        assertThat(t.getAs(
                                t.headToken(),
                                AVERAGE_CHECK,
                                "month",
                                "2026-11",
                                "sort",
                                "amount",
                                "size",
                                "3",
                                "cursor",
                                cursor)
                        .statusCode())
                .isEqualTo(200);
    }

    private static List<String> walk(String path, String sort, int size, String... params) {
        return walk(t, path, sort, size, params);
    }

    /** The ids of every page, following nextCursor from the first page until there is none. */
    private static List<String> walk(DealEvents t, String path, String sort, int size, String... params) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            String[] page = cursor == null
                    ? with(sort, concat(params, "size", "" + size))
                    : with(sort, concat(params, "size", "" + size, "cursor", cursor));
            JsonPath answer = t.get(path, page);
            List<String> ids = ids(answer);
            assertThat(ids.size()).isLessThanOrEqualTo(size);
            seen.addAll(ids);
            cursor = answer.getString("drillDown.nextCursor");
            if (cursor == null) {
                assertThat(seen).doesNotHaveDuplicates();
                return seen;
            }
            assertThat(ids).hasSize(size);
        }
        throw new AssertionError("more than 100 pages");
    }

    private static List<String> ids(JsonPath answer) {
        return answer.getList("drillDown.items.cardId", String.class);
    }

    private static String[] with(String sort, String... params) {
        return sort == null ? params : concat(params, "sort", sort);
    }

    private static String[] concat(String[] params, String... more) {
        return Stream.concat(Arrays.stream(params), Arrays.stream(more)).toArray(String[]::new);
    }
}
