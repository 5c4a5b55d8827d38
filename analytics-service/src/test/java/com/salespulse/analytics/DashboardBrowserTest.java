package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver) against the real service on a real
 * PostgreSQL and Kafka, as a head of sales uses it: signs in with the link's token, reads the twelve cards, switches
 * language, filters by a manager, opens a metric's cards, exports them and reads the files back, sees a new lead
 * come in without a reload, with no error in the browser's console. Writes the screenshots of docs/images/.
 * Only under {@code -P browser} (docs/dashboard.md).
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@TestProfile(DashboardBrowserTest.WithIdentityProvider.class)
class DashboardBrowserTest {

    /** The dashboard signs in with {@link FakeIdentityProvider}, as a deployment names its tenant's provider. */
    public static class WithIdentityProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "salespulse.dashboard.oidc.issuer",
                    FakeIdentityProvider.get().issuer(),
                    "salespulse.dashboard.oidc.client-id",
                    FakeIdentityProvider.CLIENT_ID);
        }
    }

    private static final String MONTH = "2026-10";
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-00000000b1a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-00000000b1b2");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** How each card's headline is read from the metric's JSON answer (the rule of web/app/metrics.js). */
    private static final Map<String, Function<JsonPath, BigDecimal>> HEADLINES = new LinkedHashMap<>();

    static {
        HEADLINES.put("lead-inflow", a -> number(a.get("figures.total")));
        HEADLINES.put("rejected-leads", a -> number(a.get("figures.rejected")));
        HEADLINES.put("manager-load", a -> number(a.get("figures.openCards")));
        HEADLINES.put("average-check", a -> number(a.get("figures.overall.mean")));
        HEADLINES.put("deal-cycle", a -> number(a.get("figures.overall.meanCalendarDays")));
        HEADLINES.put("seasonality", a -> number(a.get("figures.historyMonths")));
        HEADLINES.put("repeat-sales", a -> number(a.get("figures.overall.repeatShare")));
        HEADLINES.put(
                "popular-products",
                a -> a.getList("figures.categories.revenue").stream()
                        .map(DashboardBrowserTest::number)
                        .reduce(BigDecimal.ZERO, BigDecimal::add));
        HEADLINES.put("plan-forecast", a -> number(a.get("figures.soldToDate")));
        HEADLINES.put(
                "base-burnout",
                a -> a.getList("figures.managers.index").stream()
                        .map(DashboardBrowserTest::number)
                        .max(Comparator.naturalOrder())
                        .orElse(null));
        HEADLINES.put("forgotten-cards", a -> number(a.get("figures.forgottenCards")));
        HEADLINES.put("dismissed-base", a -> number(a.get("figures.openCardsStillOwned")));
    }

    private static BigDecimal number(Object value) {
        return value == null ? null : new BigDecimal(String.valueOf(value));
    }

    @InjectKafka
    KafkaCompanion kafka;

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    private static DealEvents scenario;
    private static ChromeDriver browser;
    private static Path downloads;

    @BeforeAll
    static void startChromium() throws IOException {
        downloads = Files.createTempDirectory("dashboard-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        options.setExperimentalOption(
                "prefs",
                Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromium.driver", "/usr/bin/chromedriver")))
                .build();
        browser = new ChromeDriver(service, options);
        browser.executeCdpCommand(
                "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void octoberOfTwoManagers() {
        if (scenario == null) {
            scenario = publishOctober(new DealEvents(kafka));
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    /** No page may log an error (a failed request, an exception) to the console. */
    @AfterEach
    void noConsoleErrors() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    /**
     * Two managers of one team in October 2026: Anna takes two leads (one rejected as junk) and wins 15 000.50 of
     * software; Boris takes two (one rejected, no budget) and wins 2 000. So: 4 leads, 2 rejected, mean check
     * (15 000.50 + 2 000) / 2 = 8 500.25, sold 17 000.50.
     */
    private DealEvents publishOctober(DealEvents t) {
        EventPublisher events = new EventPublisher(kafka, t.tenant);
        UUID team = UUID.randomUUID();
        events.publish(
                RosterEvents.hired(ANNA, "Анна Петрова", team, 10, "2026-09-01T09:00:00Z"),
                RosterEvents.hired(BORIS, "Борис Иванов", team, 10, "2026-09-01T09:00:00Z"));
        UUID l1 = UUID.randomUUID(), l2 = UUID.randomUUID(), l3 = UUID.randomUUID(), l4 = UUID.randomUUID();
        events.publish(
                LeadEvents.lead(l1, "website", ANNA, "Ромашка", "2026-10-05T09:00:00Z"),
                LeadEvents.lead(l2, "website", ANNA, "Василёк", "2026-10-06T09:00:00Z"),
                LeadEvents.lead(l3, "call", BORIS, "Астра", "2026-10-07T09:00:00Z"),
                LeadEvents.lead(l4, "call", BORIS, "Лютик", "2026-10-08T11:30:00Z"),
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
        events.publish(
                DealEvents.planSet(UUID.randomUUID(), MONTH, ANNA, null, "20000", 2),
                DealEvents.planSet(UUID.randomUUID(), MONTH, BORIS, null, "10000", 1));
        t.await("/api/v1/metrics/average-check", a -> a.getLong("figures.overall.wonDeals") == 2, "month", MONTH);
        t.await("/api/v1/metrics/plan-forecast", a -> a.getDouble("figures.plan") > 0, "month", MONTH);
        t.await("/api/v1/metrics/rejected-leads", a -> a.getLong("figures.rejected") == 2, "month", MONTH);
        t.await("/api/v1/metrics/lead-inflow", a -> a.getLong("figures.total") == 4, "month", MONTH);
        return t;
    }

    @Test
    void theHeadSignsInAndSeesTheTwelveCardsWithTheApisFiguresInRussianThenEnglish() {
        signIn(scenario, "month=" + MONTH);
        assertThat(browser.getCurrentUrl())
                .as("the token leaves the address bar")
                .doesNotContain("token");
        List<WebElement> cards = cards();
        assertThat(cards).hasSize(12);
        for (WebElement card : cards) {
            String metric = card.getAttribute("data-metric");
            BigDecimal expected = HEADLINES.get(metric).apply(answer(scenario, metric, "month", MONTH));
            String shown = card.findElement(By.cssSelector(".headline")).getAttribute("data-value");
            if (expected == null) {
                assertThat(shown).as(metric).isEmpty();
            } else {
                assertThat(new BigDecimal(shown)).as(metric).isEqualByComparingTo(expected);
            }
        }
        // worked out by hand: 4 leads, 2 rejected, a mean check of 8 500.25 shown in roubles without kopecks
        assertThat(headline("lead-inflow")).isEqualTo("4");
        assertThat(headline("rejected-leads")).isEqualTo("2");
        assertThat(headline("average-check")).isEqualTo("8 500 ₽");
        assertThat(headline("plan-forecast")).isEqualTo("17 001 ₽");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ru");
        assertThat(cardTitle("lead-inflow")).isEqualTo("Входящий поток лидов");
        assertThat(text(By.id("asof"))).startsWith("Данные на ");
        assertThat(browser.findElements(By.id("lag")))
                .as("events a moment old: no lag warning")
                .isEmpty();

        browser.findElement(By.cssSelector("button[data-lang='en']")).click();
        waitFor(() -> "Lead inflow".equals(cardTitle("lead-inflow")));
        assertThat(browser.getCurrentUrl()).contains("lang=en");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(headline("average-check")).isEqualTo("RUB 8,500");
        assertThat(text(By.id("asof"))).startsWith("Data as of ");
    }

    @Test
    void withoutATokenTheHeadSignsInAtTheTenantsProviderByCodeWithPkce() {
        FakeIdentityProvider provider = FakeIdentityProvider.get();
        provider.signsInAs = scenario.headToken();
        int before = provider.tokensIssued;
        // signed in with a link's token, the head signs out: the page offers the company's provider
        signIn(scenario, "month=" + MONTH + "&lang=en");
        browser.findElement(By.id("sign-out")).click();
        waitFor(() -> !browser.findElements(By.id("signin-oidc")).isEmpty());
        assertThat(cards()).isEmpty();

        browser.findElement(By.id("signin-oidc")).click();
        waitFor(() -> cards().size() == 12);
        assertThat(provider.tokensIssued).isEqualTo(before + 1);
        assertThat(provider.lastAuthorization)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", FakeIdentityProvider.CLIENT_ID)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", dashboard.toString());
        // back where the head started, without the code and state in the address bar
        assertThat(browser.getCurrentUrl())
                .contains("month=" + MONTH)
                .doesNotContain("code=")
                .doesNotContain("state=");
        assertThat(headline("lead-inflow")).isEqualTo("4");
    }

    @Test
    void dataWhoseNewestEventIsOldIsShownWithAVisibleLagWarning() {
        DealEvents t = new DealEvents(kafka);
        // the tenant's newest event happened on 3 October at 10:00 UTC (13:00 in Moscow): a deal opened and won
        t.publish(t.won(
                UUID.randomUUID(),
                UUID.randomUUID(),
                ANNA,
                "1000",
                "2026-10-01T09:00:00Z",
                "2026-10-03T10:00:00Z",
                List.of()));
        t.await("/api/v1/metrics/average-check", a -> a.getLong("figures.overall.wonDeals") == 1, "month", MONTH);
        assertThat(answer(t, "average-check", "month", MONTH).getString("asOf")).isEqualTo("2026-10-03T10:00:00Z");
        signIn(t, "month=" + MONTH);
        assertThat(browser.findElement(By.id("asof-time")).getAttribute("datetime"))
                .isEqualTo("2026-10-03T10:00:00Z");
        assertThat(text(By.id("asof-time"))).isEqualTo("3 окт. 2026 г., 13:00");
        assertThat(text(By.id("lag"))).startsWith("⚠ Данные отстают: последнее событие получено");
    }

    @Test
    void filteringByAManagerShowsOnlyTheirFiguresAndKeepsTheFilterInTheUrl() {
        signIn(scenario, "month=" + MONTH + "&lang=en");
        waitFor(() ->
                new Select(browser.findElement(By.id("f-manager"))).getOptions().size() == 3);
        new Select(browser.findElement(By.id("f-manager"))).selectByVisibleText("Анна Петрова");
        browser.findElement(By.id("f-apply")).click();
        waitFor(() -> browser.getCurrentUrl().contains("managerId=" + ANNA) && "2".equals(headline("lead-inflow")));
        assertThat(headline("rejected-leads")).isEqualTo("1");
        assertThat(headline("average-check")).isEqualTo("RUB 15,001");
        // the address alone brings the same view back
        browser.navigate().refresh();
        waitFor(() -> cards().size() == 12 && "2".equals(headline("lead-inflow")));
    }

    @Test
    void aMetricPageListsTheCardsSortsThemAndExportsCsvAndXlsxThatReadBack() throws IOException {
        signIn(scenario, "month=" + MONTH + "&lang=en");
        browser.findElement(By.cssSelector("[data-metric='lead-inflow'] h2 a")).click();
        waitFor(() ->
                browser.findElements(By.cssSelector("#drill-table tbody tr")).size() == 4);
        assertThat(browser.getCurrentUrl()).contains("view=lead-inflow");
        assertThat(text(By.id("drill-h"))).isEqualTo("Cards (4)");
        assertThat(browser.findElements(By.cssSelector("figure.card table")))
                .as("every chart has its table")
                .hasSize(browser.findElements(By.cssSelector("figure.card [role=img]"))
                        .size())
                .hasSize(4);

        browser.findElement(By.cssSelector("button[data-sort='title']")).click();
        waitFor(() -> titles().equals(List.of("Астра", "Василёк", "Лютик", "Ромашка")));
        browser.findElement(By.cssSelector("button[data-sort='title']")).click();
        waitFor(() -> titles().equals(List.of("Ромашка", "Лютик", "Василёк", "Астра")));

        browser.findElement(By.id("export-csv")).click();
        Path csv = downloaded("lead-inflow-drillDown-2026-10-01-2026-10-31.csv");
        List<List<String>> rows = csv(csv);
        assertThat(rows).hasSize(5);
        int title = rows.get(0).indexOf("title");
        int manager = rows.get(0).indexOf("managerName");
        assertThat(rows.subList(1, 5).stream().map(row -> row.get(title) + " / " + row.get(manager)))
                .containsExactlyInAnyOrder(
                        "Ромашка / Анна Петрова",
                        "Василёк / Анна Петрова",
                        "Астра / Борис Иванов",
                        "Лютик / Борис Иванов");

        browser.findElement(By.id("export-xlsx")).click();
        Path xlsx = downloaded("lead-inflow-2026-10-01-2026-10-31.xlsx");
        try (InputStream in = Files.newInputStream(xlsx);
                XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet drill = workbook.getSheet("drillDown");
            assertThat(drill.getLastRowNum()).isEqualTo(4);
            List<String> titles = new ArrayList<>();
            int column = indexOf(drill.getRow(0), "title");
            for (int i = 1; i <= 4; i++) {
                titles.add(drill.getRow(i).getCell(column).getStringCellValue());
            }
            assertThat(titles).containsExactlyInAnyOrder("Ромашка", "Василёк", "Астра", "Лютик");
            Sheet figures = workbook.getSheet("figures");
            assertThat(figures.getRow(0).getCell(0).getStringCellValue()).isEqualTo("figure");
        }
    }

    @Test
    void aNewLeadAppearsOnTheOpenOverviewWithoutAReload() {
        DealEvents t = new DealEvents(kafka);
        EventPublisher events = new EventPublisher(kafka, t.tenant);
        events.publish(RosterEvents.hired(ANNA, "Анна Петрова", UUID.randomUUID(), 10, "2026-09-01T09:00:00Z"));
        events.publish(LeadEvents.lead(UUID.randomUUID(), "website", ANNA, "Первый", "2026-10-05T09:00:00Z"));
        t.await("/api/v1/metrics/lead-inflow", a -> a.getLong("figures.total") == 1, "month", MONTH);
        signIn(t, "month=" + MONTH + "&refresh=1");
        waitFor(() -> "1".equals(headline("lead-inflow")));
        Object page = ((JavascriptExecutor) browser).executeScript("return window.performance.timeOrigin;");

        events.publish(LeadEvents.lead(UUID.randomUUID(), "call", ANNA, "Второй", "2026-10-06T09:00:00Z"));
        waitFor(() -> "2".equals(headline("lead-inflow")));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.performance.timeOrigin;"))
                .as("the same page, not a reload")
                .isEqualTo(page);
    }

    @Test
    void theOverviewAndThreeMetricPagesFitDesktopAndPhoneWidthsAndArePhotographed() throws IOException {
        Path images = Path.of(System.getProperty("salespulse.docs-images", "target/docs-images"));
        Files.createDirectories(images);
        for (Object[] width : new Object[][] {{"desktop", 1280, 1500, false}, {"phone", 390, 1700, true}}) {
            browser.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of(
                            "width", width[1],
                            "height", width[2],
                            "deviceScaleFactor", 1,
                            "mobile", width[3]));
            for (String view : List.of("overview", "lead-inflow", "manager-load", "average-check")) {
                signIn(scenario, "month=" + MONTH + (view.equals("overview") ? "" : "&view=" + view));
                if (view.equals("overview")) {
                    waitFor(() -> cards().size() == 12);
                } else {
                    waitFor(() -> !browser.findElements(By.id("drill-table")).isEmpty());
                }
                waitFor(() -> !browser.findElements(By.cssSelector("div.chart svg, div.spark svg"))
                        .isEmpty());
                long overflow = (Long) ((JavascriptExecutor) browser)
                        .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
                assertThat(overflow)
                        .as(view + " at " + width[0] + " width scrolls sideways")
                        .isLessThanOrEqualTo(0);
                Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(shot, images.resolve(view + "-" + width[0] + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    // ---------------------------------------------------------------- the browser and the API

    /** Opens the link ./run-local.sh prints for this tenant's head of sales, with the page's own parameters. */
    private void signIn(DealEvents tenant, String query) {
        browser.get("about:blank");
        browser.get(dashboard + "?" + query + "#token=" + tenant.headToken());
        waitFor(() -> !browser.findElements(By.cssSelector("#content[aria-busy='false']"))
                .isEmpty());
    }

    private static JsonPath answer(DealEvents tenant, String metric, String... params) {
        var request = given().auth().oauth2(tenant.headToken()).accept("application/json");
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.when()
                .get("/api/v1/metrics/" + metric)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(
                        JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static List<WebElement> cards() {
        return browser.findElements(By.cssSelector("article[data-metric]"));
    }

    private static String headline(String metric) {
        return spaces(browser.findElement(By.cssSelector("[data-metric='" + metric + "'] .headline"))
                .getText());
    }

    private static String cardTitle(String metric) {
        return browser.findElement(By.cssSelector("[data-metric='" + metric + "'] h2"))
                .getText();
    }

    private static String text(By by) {
        return spaces(browser.findElement(by).getText());
    }

    /** Intl puts no-break and narrow no-break spaces between digit groups and before the currency. */
    private static String spaces(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    private static List<String> titles() {
        return browser.findElements(By.cssSelector("#drill-table tbody tr td:first-child")).stream()
                .map(WebElement::getText)
                .collect(Collectors.toList());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(driver -> condition.getAsBoolean());
    }

    /** Waits until the browser has finished writing the file (Chromium writes .crdownload first). */
    private static Path downloaded(String name) {
        Path file = downloads.resolve(name);
        waitFor(() -> Files.exists(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    private static List<List<String>> csv(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String body = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it =
                mapper.readerForListOf(String.class).readValues(body)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static int indexOf(Row header, String name) {
        for (int i = 0; i < header.getLastCellNum(); i++) {
            if (name.equals(header.getCell(i).getStringCellValue())) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }
}
