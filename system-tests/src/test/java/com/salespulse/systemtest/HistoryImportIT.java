package com.salespulse.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.localstack.LocalStack;
import com.salespulse.localstack.PostgresServer;
import com.salespulse.localstack.demo.DemoHistory;
import com.salespulse.localstack.demo.DemoHistory.DealFact;
import com.salespulse.localstack.demo.DemoHistory.History;
import com.salespulse.localstack.demo.DemoImport;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generated two-year history of a sales department imported through integration-service into the real lead-,
 * deal- and analytics-service: the job survives a kill -9 of integration-service in the middle of the file and
 * applies every row once (monthly plans included), the head's figures equal the ones worked out here from the
 * generated facts, and the same file imported again changes nothing: no row fails, every card's earlier states are
 * counted as skipped (409 stale-change) and its last state is applied again, unchanged.
 */
class HistoryImportIT {

    private static final String TENANT = "e2e-history";
    private static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    /** The last day of the history: the end of last month, so whole months and years line up. */
    private static final LocalDate END = LocalDate.now(ZONE).withDayOfMonth(1).minusDays(1);
    /**
     * About 700 rows (130 of them the monthly plans): 60 to 90 leads, 20 deals, 15 wins over two years; imported
     * twice, so the row count is most of the test's time.
     */
    private static final double SCALE = 0.0015;

    private static LocalStack stack;
    private static History history;
    private static DemoImport importer;
    private static Path file;
    private static DemoImport.Job firstImport;

    @BeforeAll
    static void importTheHistoryKillingIntegrationServiceOnTheWay() throws Exception {
        stack = SuiteStack.get();
        history = aHistoryEveryFigureCounts();
        importer = new DemoImport(
                new DemoImport.Target(
                        url("lead-service"),
                        url("deal-service"),
                        url("integration-service"),
                        stack.tokens().head(TENANT)),
                System.out,
                Duration.ofMillis(500));
        List<Path> files =
                DemoImport.writeFiles(history.importRows(), Files.createTempDirectory("history-import"), "h");
        assertThat(files).hasSize(1);
        file = files.get(0);

        long started = System.nanoTime();
        String id = importer.upload(file, false);
        int total = history.importRows().size();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> importer.job(id).getInt("done") >= total / 3);
        stack.killAndRestart("integration-service", Map.of());
        System.out.printf(
                "[system-tests] integration-service killed at %d of %d rows, restarted%n",
                importer.job(id).getInt("done"), total);
        firstImport = importer.follow(id, file, started);
        System.out.printf("[system-tests] %d rows imported in %.1f s%n", total, firstImport.seconds());
    }

    @Test
    void aJobKilledMidFileResumesAndAppliesEveryRowOnceWithoutAFailure() {
        assertThat(firstImport.status()).isEqualTo("DONE");
        assertThat(firstImport.failed())
                .as("rows refused: see the job's /errors")
                .isZero();
        assertThat(firstImport.skipped())
                .as("rows skipped as stale: see the job's /skipped")
                .isZero();
        assertThat(firstImport.applied()).isEqualTo(history.importRows().size());

        // every card once: as many leads and deals as the file has references, however often each was sent
        assertThat(leadCount()).isEqualTo(distinctRefs("lead"));
        assertThat(dealCount(null)).isEqualTo(distinctRefs("deal"));
        assertThat(dealCount("WON"))
                .isEqualTo(history.deals().stream()
                        .filter(d -> d.outcome().equals("WON"))
                        .count());

        // the monthly plans came in the file too: the last month's are deal-service's plans of that month
        List<String> plans = history.importRows().stream()
                .filter(r -> r.recordType().equals("plan"))
                .map(r -> r.record().getString("externalId"))
                .toList();
        assertThat(plans).isNotEmpty();
        String month = history.importRows().stream()
                .filter(r -> r.recordType().equals("plan"))
                .map(r -> r.record().getString("month"))
                .max(String::compareTo)
                .orElseThrow();
        List<String> ofMonth = asHead(url("deal-service"))
                .get("/api/v1/plans/{month}", month)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("externalId");
        assertThat(ofMonth)
                .containsExactlyInAnyOrderElementsOf(plans.stream()
                        .filter(ref -> ref.startsWith("plan-" + month + "-"))
                        .toList());
    }

    @Test
    void theHeadsFiguresEqualTheOnesWorkedOutFromTheGeneratedHistory() {
        List<DealFact> wins = history.deals().stream()
                .filter(d -> d.outcome().equals("WON"))
                .sorted(Comparator.comparing(DealFact::closedAt))
                .toList();
        awaitAnalyticsHolds(wins.size());

        // seasonality's input: won deals and revenue by month of year over the two years
        JsonPath seasonality = metric("seasonality", Map.of("from", END.withDayOfMonth(1), "to", END, "years", 2));
        for (int month = 1; month <= 12; month++) {
            int m = month;
            List<DealFact> inMonth = wins.stream()
                    .filter(w -> localDay(w.closedAt()).getMonthValue() == m)
                    .toList();
            String bucket = "figures.byMonthOfYear.find { it.key == " + month + " }";
            assertThat(seasonality.getInt(bucket + ".wonDeals"))
                    .as("wins in month %d", month)
                    .isEqualTo(inMonth.size());
            assertThat(new BigDecimal(seasonality.getString(bucket + ".revenue")))
                    .as("revenue in month %d", month)
                    .isEqualByComparingTo(
                            inMonth.stream().map(DealFact::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        }

        // the last year: average deal cycle in calendar days, and the repeat share
        LocalDate from = END.minusDays(364);
        List<DealFact> lastYear = wins.stream()
                .filter(w -> !localDay(w.closedAt()).isBefore(from))
                .toList();
        assertThat(lastYear).isNotEmpty();
        JsonPath cycle = metric("deal-cycle", Map.of("from", from, "to", END));
        assertThat(cycle.getInt("figures.overall.wonDeals")).isEqualTo(lastYear.size());
        BigDecimal days = lastYear.stream()
                .map(w -> BigDecimal.valueOf(ChronoUnit.DAYS.between(localDay(w.openedAt()), localDay(w.closedAt()))))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(new BigDecimal(cycle.getString("figures.overall.meanCalendarDays")))
                .isEqualByComparingTo(days.divide(BigDecimal.valueOf(lastYear.size()), 2, RoundingMode.HALF_UP));

        JsonPath repeat = metric("repeat-sales", Map.of("from", from, "to", END));
        int repeats = repeatsInTheLastYear(wins);
        assertThat(repeats).as("repeat sales in the last year").isPositive();
        assertThat(repeat.getInt("figures.overall.repeatDeals")).isEqualTo(repeats);
        assertThat(new BigDecimal(repeat.getString("figures.overall.repeatShare")))
                .isEqualByComparingTo(BigDecimal.valueOf(repeats)
                        .divide(BigDecimal.valueOf(lastYear.size()), 4, RoundingMode.HALF_UP));
    }

    @Test
    void theSameFileImportedAgainChangesNothing() throws Exception {
        List<DealFact> wins =
                history.deals().stream().filter(d -> d.outcome().equals("WON")).toList();
        awaitAnalyticsHolds(wins.size());
        Map<String, String> figuresBefore = headsFigures();
        long leadsBefore = leadCount();
        long dealsBefore = dealCount(null);
        long leadEvents = outboxRows("lead");
        long dealEvents = outboxRows("deal");

        DemoImport.Job again = importer.importFile(file, false);

        // a card's earlier states are older than its last change: the owner answers 409 stale-change and writes
        // nothing; the job counts them as skipped, not failed. A card's last state is applied again, unchanged.
        System.out.printf(
                "[system-tests] the same file again: %d rows, %d applied, %d skipped, %d failed%n",
                again.total(), again.applied(), again.skipped(), again.failed());
        assertThat(again.status()).isEqualTo("DONE");
        assertThat(again.failed()).as("rows refused: see the job's /errors").isZero();
        assertThat(rowsOf(again.id(), "errors")).isEmpty();
        assertThat(again.applied() + again.skipped()).isEqualTo(again.total());
        List<Map<String, Object>> skipped = rowsOf(again.id(), "skipped");
        assertThat(skipped).hasSize(again.skipped());
        assertThat(skipped).allSatisfy(row -> {
            assertThat(row.get("status")).as("%s", row).isEqualTo(409);
            assertThat(row.get("type")).as("%s", row).isEqualTo("urn:salespulse:problem:stale-change");
        });
        assertThat(again.skipped()).as("the file's earlier states of a card").isEqualTo(earlierStates());
        assertThat(outboxRows("lead")).as("events lead-service emitted").isEqualTo(leadEvents);
        assertThat(outboxRows("deal")).as("events deal-service emitted").isEqualTo(dealEvents);
        assertThat(leadCount()).isEqualTo(leadsBefore);
        assertThat(dealCount(null)).isEqualTo(dealsBefore);
        assertThat(headsFigures()).isEqualTo(figuresBefore);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The first history, from the documented seed on, in which every figure below counts something whatever month
     * the test runs in: at this scale a year may pass without a repeat sale, so the seed moves on until the last year
     * has at least five wins and a repeat sale, and wins fall in at least eight months of the year. Generating one
     * takes milliseconds.
     */
    private static History aHistoryEveryFigureCounts() {
        long seed = DemoHistory.Options.full(END).seed();
        for (int next = 0; next < 100; next++) {
            History candidate = DemoHistory.generate(new DemoHistory.Options(seed + next, END, SCALE, ZONE));
            List<DealFact> wins = candidate.deals().stream()
                    .filter(d -> d.outcome().equals("WON"))
                    .sorted(Comparator.comparing(DealFact::closedAt))
                    .toList();
            long months = wins.stream()
                    .map(w -> localDay(w.closedAt()).getMonth())
                    .distinct()
                    .count();
            long lastYear = wins.stream()
                    .filter(w -> !localDay(w.closedAt()).isBefore(END.minusDays(364)))
                    .count();
            if (months >= 8 && lastYear >= 5 && repeatsInTheLastYear(wins) >= 1) {
                System.out.printf(
                        "[system-tests] history of seed %d: %d rows, %d wins in %d months, %d in the last year%n",
                        seed + next, candidate.importRows().size(), wins.size(), months, lastYear);
                return candidate;
            }
        }
        throw new IllegalStateException("no seed of a hundred gives a history that counts in every figure");
    }

    /** Wins, in time order, of a client who had won before, closed in the last year. */
    private static int repeatsInTheLastYear(List<DealFact> winsInTimeOrder) {
        LocalDate from = END.minusDays(364);
        Set<String> clientsWithAWin = new HashSet<>();
        int repeats = 0;
        for (DealFact win : winsInTimeOrder) {
            boolean again = !clientsWithAWin.add(win.clientRef());
            if (again && !localDay(win.closedAt()).isBefore(from)) {
                repeats++;
            }
        }
        return repeats;
    }

    private static void awaitAnalyticsHolds(int wins) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> metric("seasonality", Map.of("from", END.withDayOfMonth(1), "to", END, "years", 2))
                                .<Integer>getList("figures.byMonthOfYear.wonDeals")
                                .stream()
                                .mapToInt(Integer::intValue)
                                .sum()
                        == wins);
    }

    private static Map<String, String> headsFigures() {
        Map<String, String> figures = new TreeMap<>();
        LocalDate from = END.minusDays(364);
        for (String metric : List.of(
                "seasonality", "deal-cycle", "repeat-sales", "lead-inflow", "average-check", "rejected-leads")) {
            Map<String, Object> params = metric.equals("seasonality")
                    ? Map.of("from", END.withDayOfMonth(1), "to", END, "years", 2)
                    : Map.of("from", from, "to", END);
            figures.put(metric, metric(metric, params).getMap("figures").toString());
        }
        return figures;
    }

    private static JsonPath metric(String name, Map<String, ?> params) {
        RequestSpecification request = asHead(url("analytics-service"));
        params.forEach((key, value) -> request.queryParam(key, String.valueOf(value)));
        return JsonPath.from(request.get("/api/v1/metrics/" + name)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static long leadCount() {
        long total = 0;
        for (boolean archived : List.of(false, true)) {
            total += asHead(url("lead-service"))
                    .queryParam("externalSystem", DemoHistory.SYSTEM)
                    .queryParam("archived", archived)
                    .queryParam("size", 1)
                    .get("/api/v1/leads")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("total");
        }
        return total;
    }

    private static long dealCount(String status) {
        RequestSpecification request = asHead(url("deal-service")).queryParam("size", 1);
        if (status != null) {
            request.queryParam("status", status);
        }
        return request.get("/api/v1/deals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("total");
    }

    private static long distinctRefs(String recordType) {
        return history.importRows().stream()
                .filter(r -> r.recordType().equals(recordType))
                .map(r -> r.record().getString("externalId"))
                .distinct()
                .count();
    }

    /**
     * Rows of the file older than their card's last change: a later row of the same card follows (a lead's conversion
     * is a change of the lead), or the service itself changed the card after the file's last row of it (a dismissal's
     * card transfer hands the open cards over at the dismissal's time). Sent again, each is refused as stale.
     */
    private static long earlierStates() {
        Map<String, Instant> last = new HashMap<>(laterChangesByTheSystem());
        for (DemoHistory.Row row : history.importRows()) {
            last.merge(card(row), row.at(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return history.importRows().stream()
                .filter(row -> row.at().isBefore(last.get(card(row))))
                .count();
    }

    /**
     * The cards the system changed on its own, and when: every card the transfers of the file's dismissed managers
     * moved, read from lead-service (the transfer and its cards) and the cards' owners (their references).
     */
    private static Map<String, Instant> laterChangesByTheSystem() {
        Map<String, Instant> changed = new HashMap<>();
        List<String> dismissed = history.importRows().stream()
                .filter(r -> r.recordType().equals("manager-dismissal"))
                .map(r -> r.record().getString("externalId"))
                .toList();
        assertThat(dismissed).as("the history dismisses a manager").isNotEmpty();
        for (String ref : dismissed) {
            String managerId = asHead(url("lead-service"))
                    .get("/api/v1/managers/by-ref/{system}/{ref}", DemoHistory.SYSTEM, ref)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("id");
            // deal-service reports its part (deals, tasks) asynchronously: read the transfers once both parts are done
            List<Map<String, Object>> transfers = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> asHead(url("lead-service"))
                                    .queryParam("fromManagerId", managerId)
                                    .get("/api/v1/transfers")
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath()
                                    .<Map<String, Object>>getList("$"),
                            all -> !all.isEmpty() && all.stream().allMatch(t -> t.get("completedAt") != null));
            for (Map<String, Object> transfer : transfers) {
                Instant at = Instant.parse((String) transfer.get("startedAt"));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> items = (List<Map<String, Object>>) transfer.get("items");
                for (Map<String, Object> item : items) {
                    if (item.get("outcome").equals("MOVED")) {
                        changed.merge(
                                cardOf((String) item.get("cardType"), (String) item.get("cardId")),
                                at,
                                (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
            }
        }
        return changed;
    }

    /** A moved card's key as {@link #card} makes it, from its owner's answer: its type and reference. */
    private static String cardOf(String cardType, String cardId) {
        String path = switch (cardType) {
            case "LEAD" -> "/api/v1/leads/{id}";
            case "DEAL" -> "/api/v1/deals/{id}";
            case "TASK" -> "/api/v1/tasks/{id}";
            default -> throw new IllegalStateException("a transfer moved a " + cardType);
        };
        String service = cardType.equals("LEAD") ? "lead-service" : "deal-service";
        String ref = asHead(url(service))
                .get(path, cardId)
                .then()
                .statusCode(200)
                .extract()
                .path("externalId");
        return cardType.toLowerCase(java.util.Locale.ROOT) + ":" + ref;
    }

    private static String card(DemoHistory.Row row) {
        String type = row.recordType().equals("lead-conversion") ? "lead" : row.recordType();
        return type + ":" + row.record().getString("externalId");
    }

    /** Every row of a job's report: {@code errors} (refused) or {@code skipped} (stale). */
    private static List<Map<String, Object>> rowsOf(String jobId, String report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonPath answer = asHead(url("integration-service"))
                    .queryParam("page", page)
                    .queryParam("size", 100)
                    .get("/api/v1/imports/{id}/" + report, jobId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> items = answer.getList("items");
            rows.addAll(items);
            if (items.size() < 100) {
                return rows;
            }
        }
    }

    /** The tenant's rows in the service's outbox: one per event it emitted for the tenant (relayed rows are kept). */
    private static long outboxRows(String database) throws SQLException {
        PostgresServer postgres = stack.postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER, "");
                ResultSet count = connection
                        .createStatement()
                        .executeQuery("select count(*) from outbox_event where tenant_id = '" + TENANT + "'")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static LocalDate localDay(java.time.Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    private static RequestSpecification asHead(String baseUri) {
        return given().baseUri(baseUri).auth().oauth2(stack.tokens().head(TENANT));
    }

    private static String url(String service) {
        return stack.service(service).spec().url();
    }
}
