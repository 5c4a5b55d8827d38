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
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final int WON = 12;
    private static final int OPEN = 7;
    private static final int LEADS = 9;

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
     * their arrivals tied in threes.
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
        t.await(AVERAGE_CHECK, a -> a.getLong("drillDown.totalItems") == WON, "month", "2026-11");
        t.await(LOAD, a -> a.getLong("drillDown.totalItems") == OPEN);
        t.await(INFLOW, a -> a.getLong("figures.total") == LEADS, "month", "2026-11");
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

    /** The ids of every page, following nextCursor from the first page until there is none. */
    private static List<String> walk(String path, String sort, int size, String... params) {
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
