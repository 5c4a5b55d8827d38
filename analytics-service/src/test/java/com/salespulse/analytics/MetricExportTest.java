package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics as CSV and XLSX (docs/export.md), over real HTTP from the real read model: every exported table read
 * back (CSV with Jackson's parser, XLSX with POI) equals the JSON answer of the same request.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class MetricExportTest {

    private static final String CSV = "text/csv";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-00000000e1a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-00000000e1b2");
    private static final String INFLOW = "/api/v1/metrics/lead-inflow";
    private static final String REJECTED = "/api/v1/metrics/rejected-leads";
    private static final String CHECK = "/api/v1/metrics/average-check";
    private static final String MONTH = "2026-10";

    @InjectKafka
    KafkaCompanion kafka;

    /** The scenario, published once for the class into its own tenant; the rules only read it. */
    private static DealEvents scenario;

    @BeforeEach
    void octoberOfTwoManagers() {
        if (scenario == null) {
            scenario = publishOctober();
        }
    }

    private DealEvents publishOctober() {
        DealEvents t = new DealEvents(kafka);
        EventPublisher events = new EventPublisher(kafka, t.tenant);
        UUID team = UUID.randomUUID();
        events.publish(
                RosterEvents.hired(ANNA, "Анна Петрова", team, 10, "2026-09-01T09:00:00Z"),
                RosterEvents.hired(BORIS, "Boris \"Bo\" Ivanov", team, 10, "2026-09-01T09:00:00Z"));
        UUID l1 = UUID.randomUUID(), l2 = UUID.randomUUID(), l3 = UUID.randomUUID(), l4 = UUID.randomUUID();
        events.publish(
                LeadEvents.lead(l1, "website", ANNA, "ООО «Ромашка», Москва", "2026-10-05T09:00:00Z"),
                LeadEvents.lead(l2, "website", ANNA, "=HYPERLINK(\"http://x\")", "2026-10-06T09:00:00Z"),
                LeadEvents.lead(l3, "call", BORIS, "Line\nbreak", "2026-10-07T09:00:00Z"),
                LeadEvents.lead(l4, "call", BORIS, "Four", "2026-10-08T21:30:00Z"),
                LeadEvents.rejected(l1, "NEW", "junk", ANNA, "website", "2026-10-10T09:00:00Z"),
                LeadEvents.rejected(l3, "NEW", "no_budget", BORIS, "call", "2026-10-11T09:00:00Z"));
        t.publish(t.won(
                UUID.randomUUID(),
                UUID.randomUUID(),
                ANNA,
                "15000.50",
                "2026-10-01T09:00:00Z",
                "2026-10-03T10:00:00Z",
                List.of(DealEvents.line("CRM licence", "software", "1", "15000.50", "0"))));
        t.publish(t.won(
                UUID.randomUUID(),
                UUID.randomUUID(),
                BORIS,
                "2000",
                "2026-10-02T09:00:00Z",
                "2026-10-06T10:00:00Z",
                List.of()));
        t.await(
                CHECK,
                a -> a.getLong("figures.overall.wonDeals") == 2 && a.getLong("drillDown.totalItems") == 2,
                "month",
                MONTH);
        t.await(REJECTED, a -> a.getLong("figures.rejected") == 2 && a.getLong("figures.inflow") == 4, "month", MONTH);
        t.await(
                INFLOW,
                a -> a.getLong("figures.total") == 4
                        && "Анна Петрова"
                                .equals(a.getString(
                                        "drillDown.items.find { it.managerId == '" + ANNA + "' }.managerName")),
                "month",
                MONTH);
        return t;
    }

    @Test
    void theCsvOfEachTableOfThreeMetricsHoldsTheJsonAnswersValues() throws IOException {
        for (String[] metric : new String[][] {
            {INFLOW, "lead-inflow", "buckets", "bySource", "byManager"},
            {REJECTED, "rejected-leads", "byReason", "bySource", "byManager"},
            {CHECK, "average-check", "byManager", "byCategory"}
        }) {
            JsonPath json = json(head(), metric[0]);
            List<List<String>> figures = csv(
                    head(), metric[0], null, "attachment; filename=\"" + metric[1] + "-2026-10-01-2026-10-31.csv\"");
            assertThat(figures.get(0)).containsExactly("figure", "value");
            assertThat(figures).hasSizeGreaterThan(2);
            for (List<String> row : figures.subList(1, figures.size())) {
                assertSame(metric[0] + " " + row.get(0), row.get(1), json.get("figures." + row.get(0)));
            }
            for (String table : Arrays.copyOfRange(metric, 2, metric.length)) {
                List<List<String>> rows = csv(
                        head(),
                        metric[0],
                        table,
                        "attachment; filename=\"" + metric[1] + "-" + table + "-2026-10-01-2026-10-31.csv\"");
                List<?> elements = json.getList("figures." + table);
                assertThat(rows).as(table).hasSize(elements.size() + 1);
                assertThat(elements).as(table).isNotEmpty();
                assertRowsEqual(metric[0] + " " + table, rows, json, "figures." + table);
            }
        }
        // numbers unformatted, names as they are: the won deal of 15000.50 and the Cyrillic manager
        List<List<String>> byManager = csv(head(), CHECK, "byManager", null);
        assertThat(byManager.get(0))
                .containsExactly(
                        "managerId", "managerName", "check.wonDeals", "check.revenue", "check.mean", "check.median");
        assertThat(byManager.stream().filter(row -> row.get(0).equals(ANNA.toString())))
                .containsExactly(List.of(ANNA.toString(), "Анна Петрова", "1", "15000.50", "15000.50", "15000.50"));
    }

    @Test
    void theDrillDownExportsTheCardsOfThePageAndUpToTenThousandOfThem() throws IOException {
        JsonPath json = json(head(), INFLOW);
        List<List<String>> cards = csv(head(), INFLOW, "drillDown", null);
        assertThat(cards.get(0))
                .startsWith("cardType", "cardId", "title", "source", "managerId", "managerName", "stage")
                .contains("at", "amount", "externalId");
        assertThat(cards).hasSize(5);
        assertRowsEqual("drill-down", cards, json, "drillDown.items");
        // a quoted comma, a quote, a line break and Cyrillic read back as sent; a formula stays text
        assertThat(column(cards, "title"))
                .containsExactlyInAnyOrder("ООО «Ромашка», Москва", "'=HYPERLINK(\"http://x\")", "Line\nbreak", "Four");

        // the current page by default; an export may ask for a page of up to 10 000 rows, JSON for 200
        List<List<String>> secondPage =
                csv(head().queryParam("size", "3").queryParam("page", "1"), INFLOW, "drillDown", null);
        assertThat(secondPage).hasSize(2);
        assertThat(secondPage.get(1)).isEqualTo(cards.get(4));
        List<List<String>> about = csv(head().queryParam("size", "10000"), INFLOW, "about", null);
        assertThat(about).contains(List.of("drillDown.size", "10000"), List.of("drillDown.totalItems", "4"));
        head().accept("application/json")
                .queryParam("month", MONTH)
                .queryParam("size", "201")
                .when()
                .get(INFLOW)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("size"));
        head().accept(CSV)
                .queryParam("month", MONTH)
                .queryParam("size", "10001")
                .when()
                .get(INFLOW)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("size"));
    }

    @Test
    void theXlsxHasASheetPerTableWithNumbersAndDatesAsTypedCells() throws IOException {
        JsonPath json = json(head(), CHECK);
        try (XSSFWorkbook workbook = xlsx(head(), CHECK, "average-check-2026-10-01-2026-10-31.xlsx")) {
            assertThat(sheetNames(workbook))
                    .containsExactly("figures", "byManager", "byCategory", "drillDown", "about");
            Sheet figures = workbook.getSheet("figures");
            for (Row row : figures) {
                if (row.getRowNum() > 0) {
                    String figure = row.getCell(0).getStringCellValue();
                    assertSame(figure, text(row.getCell(1)), json.get("figures." + figure));
                }
            }
            Cell revenue = find(figures, "overall.revenue").getCell(1);
            assertThat(revenue.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(revenue.getNumericCellValue()).isEqualTo(17000.5);
            assertSheetEquals(workbook.getSheet("byManager"), json, "figures.byManager");
            // the drill-down's moments are date-time cells in the period's zone (Moscow)
            Sheet cards = workbook.getSheet("drillDown");
            assertSheetEquals(cards, json, "drillDown.items");
            int at = header(cards).indexOf("at");
            Cell won = cards.getRow(1).getCell(at);
            assertThat(DateUtil.isCellDateFormatted(won)).isTrue();
            assertThat(won.getLocalDateTimeCellValue())
                    .isEqualTo(LocalDateTime.ofInstant(Instant.parse(json.getString("drillDown.items[0].at")), MOSCOW));
        }
        try (XSSFWorkbook workbook = xlsx(head(), INFLOW, "lead-inflow-2026-10-01-2026-10-31.xlsx")) {
            Sheet buckets = workbook.getSheet("buckets");
            Cell first = buckets.getRow(1).getCell(0);
            assertThat(DateUtil.isCellDateFormatted(first)).isTrue();
            assertThat(first.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 10, 1));
            assertThat(buckets.getLastRowNum()).isEqualTo(31);
            // a formula-looking title is a text cell as it was sent
            List<String> titles = new ArrayList<>();
            Sheet cards = workbook.getSheet("drillDown");
            int title = header(cards).indexOf("title");
            for (Row row : cards) {
                if (row.getRowNum() > 0) {
                    assertThat(row.getCell(title).getCellType()).isEqualTo(CellType.STRING);
                    titles.add(row.getCell(title).getStringCellValue());
                }
            }
            assertThat(titles).contains("=HYPERLINK(\"http://x\")");
        }
    }

    @Test
    void aManagersExportShowsOnlyTheirOwnCards() throws IOException {
        var anna = given().auth().oauth2(TestTokens.manager(scenario.tenant, ANNA));
        List<List<String>> cards = csv(anna, INFLOW, "drillDown", null);
        assertThat(cards).hasSize(3);
        assertThat(column(cards, "managerId")).containsOnly(ANNA.toString());
        List<List<String>> byManager =
                csv(given().auth().oauth2(TestTokens.manager(scenario.tenant, ANNA)), CHECK, "byManager", null);
        assertThat(column(byManager, "managerId")).containsExactly(ANNA.toString());
        try (XSSFWorkbook workbook = xlsx(
                given().auth().oauth2(TestTokens.manager(scenario.tenant, ANNA)),
                REJECTED,
                "rejected-leads-2026-10-01-2026-10-31.xlsx")) {
            Sheet rejected = workbook.getSheet("drillDown");
            int manager = header(rejected).indexOf("managerId");
            assertThat(rejected.getLastRowNum()).isEqualTo(1);
            assertThat(rejected.getRow(1).getCell(manager).getStringCellValue()).isEqualTo(ANNA.toString());
        }
        // asking for another manager's export is refused as the JSON is
        given().auth()
                .oauth2(TestTokens.manager(scenario.tenant, ANNA))
                .accept(CSV)
                .queryParam("month", MONTH)
                .queryParam("managerId", BORIS.toString())
                .when()
                .get(INFLOW)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anAcceptNoExportMatchesIs406AndAnUnknownTableIs400() {
        head().accept("application/pdf")
                .queryParam("month", MONTH)
                .when()
                .get(INFLOW)
                .then()
                .statusCode(406)
                .contentType("application/problem+json");
        head().accept(CSV)
                .queryParam("month", MONTH)
                .queryParam("table", "byWeather")
                .when()
                .get(INFLOW)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("table"));
        // JSON stays the answer of a client that states no preference
        head().queryParam("month", MONTH)
                .when()
                .get(INFLOW)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("figures.total", equalTo(4));
    }

    // ---------------------------------------------------------------- reading the answers back

    private static io.restassured.specification.RequestSpecification head() {
        return given().auth().oauth2(scenario.headToken());
    }

    private static JsonPath json(io.restassured.specification.RequestSpecification request, String path) {
        return request.accept("application/json")
                .queryParam("month", MONTH)
                .when()
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(
                        JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** A CSV export read back with Jackson's CSV parser, after checking the BOM, type and file name. */
    private static List<List<String>> csv(
            io.restassured.specification.RequestSpecification request, String path, String table, String disposition)
            throws IOException {
        if (table != null) {
            request = request.queryParam("table", table);
        }
        Response response =
                request.accept(CSV).queryParam("month", MONTH).when().get(path);
        response.then().statusCode(200).contentType("text/csv");
        assertThat(response.getContentType()).contains("charset=UTF-8");
        if (disposition != null) {
            assertThat(response.getHeader("Content-Disposition")).isEqualTo(disposition);
        }
        byte[] body = response.asByteArray();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        try (MappingIterator<List<String>> rows = new CsvMapper()
                .readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(text)) {
            return rows.readAll();
        }
    }

    private static XSSFWorkbook xlsx(
            io.restassured.specification.RequestSpecification request, String path, String file) throws IOException {
        Response response =
                request.accept(XLSX).queryParam("month", MONTH).when().get(path);
        response.then().statusCode(200).contentType(XLSX);
        assertThat(response.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"" + file + "\"");
        return new XSSFWorkbook(new ByteArrayInputStream(response.asByteArray()));
    }

    /** Each CSV row equals the JSON element at the same index, column by column (dotted columns are JSON paths). */
    private static void assertRowsEqual(String what, List<List<String>> rows, JsonPath json, String list) {
        List<String> header = rows.get(0);
        for (int r = 1; r < rows.size(); r++) {
            for (int c = 0; c < header.size(); c++) {
                Object expected = json.get(list + "[" + (r - 1) + "]." + header.get(c));
                String actual = rows.get(r).get(c);
                if (expected instanceof String s && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
                    expected = "'" + s;
                }
                assertSame(what + " row " + r + " " + header.get(c), actual, expected);
            }
        }
    }

    private static void assertSheetEquals(Sheet sheet, JsonPath json, String list) {
        List<String> header = header(sheet);
        assertThat(sheet.getLastRowNum())
                .as(sheet.getSheetName())
                .isEqualTo(json.getList(list).size());
        for (Row row : sheet) {
            if (row.getRowNum() == 0) {
                continue;
            }
            for (int c = 0; c < header.size(); c++) {
                Object expected = json.get(list + "[" + (row.getRowNum() - 1) + "]." + header.get(c));
                Cell cell = row.getCell(c);
                if (expected instanceof Number) {
                    assertThat(cell.getCellType()).as(header.get(c)).isEqualTo(CellType.NUMERIC);
                }
                if (cell != null && cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
                    continue; // compared on their own: a moment shown in the period's zone
                }
                assertSame(sheet.getSheetName() + " " + header.get(c), text(cell), expected);
            }
        }
    }

    /** A CSV field or a cell's text equals the JSON value: numerically for a number, absent as an empty field. */
    private static void assertSame(String what, String actual, Object expected) {
        if (expected == null) {
            assertThat(actual).as(what).isEmpty();
        } else if (expected instanceof Number number) {
            assertThat(new BigDecimal(actual)).as(what).isEqualByComparingTo(new BigDecimal(number.toString()));
        } else if (expected instanceof Map<?, ?> || expected instanceof List<?>) {
            throw new AssertionError(what + " is not a single value in the JSON answer");
        } else {
            assertThat(actual).as(what).isEqualTo(expected.toString());
        }
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getCellType()) {
            case NUMERIC -> BigDecimal.valueOf(cell.getNumericCellValue()).toPlainString();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            default -> cell.getStringCellValue();
        };
    }

    private static List<String> header(Sheet sheet) {
        List<String> names = new ArrayList<>();
        sheet.getRow(0).forEach(cell -> names.add(cell.getStringCellValue()));
        return names;
    }

    private static Row find(Sheet sheet, String figure) {
        for (Row row : sheet) {
            if (figure.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + figure);
    }

    private static List<String> sheetNames(XSSFWorkbook workbook) {
        List<String> names = new ArrayList<>();
        workbook.forEach(sheet -> names.add(sheet.getSheetName()));
        return names;
    }

    private static List<String> column(List<List<String>> rows, String name) {
        int index = rows.get(0).indexOf(name);
        return rows.subList(1, rows.size()).stream().map(row -> row.get(index)).toList();
    }
}
