package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.contract.deal.DealLost;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a dashboard shows beside ids and codes: the manager's name, the stage's name, the status and reason labels in
 * the tenant's language (ru by default, en when the tenant says so), and one drill-down selector, {@code figure}.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabelsTest {

    @Inject
    TestClock clock;

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID PIPELINE = UUID.randomUUID(),
            QUALIFICATION = UUID.randomUUID(),
            PROPOSAL = UUID.randomUUID(),
            WON = UUID.randomUUID(),
            LOST = UUID.randomUUID();

    @InjectKafka
    KafkaCompanion kafka;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static final UUID REJECTED = UUID.randomUUID();
    private static final UUID OPEN = UUID.randomUUID();
    private static final UUID PUSHED = UUID.randomUUID();
    private static final UUID PRESSED = UUID.randomUUID();

    /** The scenario, built once for the class by the first rule that runs (its own tenant); the rules only read it. */
    private static String tenant;

    @BeforeEach
    void labelScenario() {
        clock.set(NOW);
        if (tenant == null) {
            tenant = publishLabelScenario();
        }
    }

    private String publishLabelScenario() {
        String tenant = TestTenants.fresh();
        EventPublisher events = new EventPublisher(kafka, tenant);
        events.publish(
                RosterEvents.hired(ANNA, "Anna Petrova", null, 10, "2026-01-10T09:00:00Z"),
                DealEvents.pipeline(PIPELINE, QUALIFICATION, PROPOSAL, WON, LOST),
                // one loss reason with labels by language (deal-service fills them from now on), one from before, with
                // its one label
                DealEvents.lossReasonAdded(
                        UUID.randomUUID(),
                        "ASKED_NOT_TO_CONTACT",
                        "Asked not to be contacted",
                        "PRESSURE",
                        Map.of("ru", "Просил не беспокоить", "en", "Asked not to be contacted"),
                        Instant.parse("2026-01-01T00:00:00Z")),
                DealEvents.lossReasonAdded(
                        UUID.randomUUID(),
                        "PUSHED_TOO_HARD",
                        "Pushed too hard",
                        "PRESSURE",
                        null,
                        Instant.parse("2026-01-01T00:00:00Z")),
                LeadEvents.lead(REJECTED, "website", ANNA, "Rejected Ltd", "2026-11-02T09:00:00Z"),
                LeadEvents.rejected(REJECTED, "NEW", "no_budget", ANNA, "website", "2026-11-03T09:00:00Z"),
                DealEvents.deal(OPEN, ANNA, PIPELINE, QUALIFICATION, "Open Ltd", "2026-11-05T09:00:00Z"),
                DealEvents.deal(PUSHED, ANNA, PIPELINE, QUALIFICATION, "Pushed Ltd", "2026-11-04T09:00:00Z"),
                lost(PUSHED, "ASKED_NOT_TO_CONTACT", "2026-11-10T09:00:00Z"),
                DealEvents.deal(PRESSED, ANNA, PIPELINE, QUALIFICATION, "Pressed Ltd", "2026-11-04T09:00:00Z"),
                lost(PRESSED, "PUSHED_TOO_HARD", "2026-11-11T09:00:00Z"));
        // drained: the lost deals' reasons and the rejection are in
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> get(tenant, "/api/v1/metrics/base-burnout", "figure", "pressureLossShare"),
                        a -> a.getList("drillDown.items.reasonLabel")
                                .containsAll(List.of("Просил не беспокоить", "Pushed too hard")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(tenant, "/api/v1/metrics/rejected-leads"), a -> a.getLong("figures.rejected") == 1);

        return tenant;
    }

    @Test
    void aLostDealsReasonStatusStageAndManagerAreNamedInTheTenantsLanguage() {
        // metric 10's drill-down: the lost deals' reasons by label, in Russian by default; the one without labels by
        // its one label
        JsonPath burnout = get(tenant, "/api/v1/metrics/base-burnout", "figure", "pressureLossShare");
        assertThat(burnout.getList("drillDown.items.reasonLabel"))
                .containsAll(List.of("Просил не беспокоить", "Pushed too hard"));
        Map<String, Object> item = item(burnout, PUSHED);
        assertThat(item.get("reason")).isEqualTo("ASKED_NOT_TO_CONTACT");
        assertThat(item.get("status")).isEqualTo("LOST");
        assertThat(item.get("statusLabel")).isEqualTo("Проиграна");
        assertThat(item.get("stage")).isEqualTo(LOST.toString());
        assertThat(item.get("stageName")).isEqualTo("Lost");
        assertThat(item.get("managerId")).isEqualTo(ANNA.toString());
        assertThat(item.get("managerName")).isEqualTo("Anna Petrova");
        assertThat(burnout.getString("figures.managers[0].managerName")).isEqualTo("Anna Petrova");
    }

    @Test
    void aRejectedLeadsReasonIsNamedInTheFiguresAndItsStatusIsItsStage() {
        // metric 2: the rejection reason's label in the figures and the item, the lead's status as its stage
        JsonPath rejectedLeads = get(tenant, "/api/v1/metrics/rejected-leads");
        assertThat(rejectedLeads.getLong("figures.rejected")).isEqualTo(1);
        assertThat(rejectedLeads.getString("figures.byReason[0].reason")).isEqualTo("no_budget");
        assertThat(rejectedLeads.getString("figures.byReason[0].reasonLabel")).isEqualTo("Нет бюджета");
        assertThat(rejectedLeads.getString("figures.byManager[0].managerName")).isEqualTo("Anna Petrova");
        Map<String, Object> item = item(rejectedLeads, REJECTED);
        assertThat(item.get("title")).isEqualTo("Rejected Ltd");
        assertThat(item.get("stage")).isEqualTo("LEAD:REJECTED");
        assertThat(item.get("stageName")).isEqualTo("Отклонён");
        assertThat(item.get("status")).isEqualTo("REJECTED");
        assertThat(item.get("statusLabel")).isEqualTo("Отклонён");
        assertThat(item.get("reasonLabel")).isEqualTo("Нет бюджета");
        assertThat(item.get("managerName")).isEqualTo("Anna Petrova");
    }

    @Test
    void anOpenDealIsShownByItsStageNameInItsPipeline() {
        // metric 11: the manager named in the figures too
        JsonPath forgotten = get(tenant, "/api/v1/metrics/forgotten-cards", "figure", "forgottenCards");
        assertThat(forgotten.getList("drillDown.items.cardId")).containsExactly(OPEN.toString());
        assertThat(forgotten.getString("drillDown.items[0].stage")).isEqualTo(QUALIFICATION.toString());
        assertThat(forgotten.getString("drillDown.items[0].stageName")).isEqualTo("Qualification");
        assertThat(forgotten.getString("drillDown.items[0].status")).isEqualTo("OPEN");
        assertThat(forgotten.getString("drillDown.items[0].statusLabel")).isEqualTo("Открыта");
        assertThat(forgotten.getString("figures.byManager[0].managerName")).isEqualTo("Anna Petrova");
    }

    @Test
    void aLanguageSetOnAnalyticsIsRefusedNamingTheFieldAndLeadService() {
        // the language is lead-service's setting: analytics' PUT may only send back the one in force
        putSettings(tenant, "[\"SATURDAY\",\"SUNDAY\"]", "en")
                .statusCode(409)
                .body("invalidFields[0].field", equalTo("language"))
                .body("detail", org.hamcrest.Matchers.containsString("lead-service"));
        putSettings(tenant, "[\"SATURDAY\",\"SUNDAY\"]", "ru").statusCode(200).body("language", equalTo("ru"));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aTenantReadingEnglishGetsTheSameCodesWithEnglishLabels() {
        // runs last: it switches the tenant's language, which the other rules read as Russian
        new LeadSettings(kafka, tenant).language("en").publish();
        Map<String, Object> item = item(get(tenant, "/api/v1/metrics/rejected-leads"), REJECTED);
        assertThat(item.get("reasonLabel")).isEqualTo("No budget");
        assertThat(item.get("statusLabel")).isEqualTo("Rejected");
        assertThat(get(tenant, "/api/v1/metrics/rejected-leads").getString("figures.byReason[0].reasonLabel"))
                .isEqualTo("No budget");
        item = item(get(tenant, "/api/v1/metrics/base-burnout", "figure", "pressureLossShare"), PUSHED);
        assertThat(item.get("reasonLabel")).isEqualTo("Asked not to be contacted");
        assertThat(item.get("statusLabel")).isEqualTo("Lost");
    }

    @Test
    void theDrillDownIsChosenByFigureOnEveryMetricThatHasMoreThanOne() {
        String tenant = TestTenants.fresh();
        assertThat(get(tenant, "/api/v1/metrics/forgotten-cards", "figure", "overdueTasks")
                        .getString("drillDown.figure"))
                .isEqualTo("overdueTasks");
        assertThat(get(tenant, "/api/v1/metrics/dismissed-base", "figure", "baseline")
                        .getString("drillDown.figure"))
                .isEqualTo("baseline:cards");
        assertThat(get(tenant, "/api/v1/metrics/repeat-sales", "figure", "referredDeals")
                        .getString("drillDown.figure"))
                .isEqualTo("referredDeals");
        for (String path : List.of(
                "/api/v1/metrics/forgotten-cards",
                "/api/v1/metrics/dismissed-base",
                "/api/v1/metrics/repeat-sales",
                "/api/v1/metrics/plan-forecast",
                "/api/v1/metrics/base-burnout")) {
            given().auth()
                    .oauth2(TestTokens.head(tenant))
                    .queryParam("month", "2026-11")
                    .queryParam("figure", "nothing")
                    .when()
                    .get(path)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("invalidFields[0].field", equalTo("figure"));
        }
    }

    private static DealLost lost(UUID deal, String reasonCode, String at) {
        return DealEvents.dealLost(
                deal,
                UUID.randomUUID(),
                ANNA,
                PIPELINE,
                QUALIFICATION,
                LOST,
                reasonCode,
                "PRESSURE",
                new BigDecimal("1000"),
                Instant.parse(at));
    }

    /** PUTs the tenant's settings (Moscow time, RUB) with these weekend days and language. */
    private static ValidatableResponse putSettings(String tenant, String weekendDays, String language) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body("{\"timeZone\":\"Europe/Moscow\",\"baseCurrency\":\"RUB\",\"weekendDays\":" + weekendDays
                        + ",\"language\":\"" + language + "\"}")
                .when()
                .put("/api/v1/settings")
                .then();
    }

    private static JsonPath get(String tenant, String path, String... params) {
        io.restassured.specification.RequestSpecification request =
                given().auth().oauth2(TestTokens.head(tenant)).queryParam("month", "2026-11");
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.when().get(path).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> item(JsonPath answer, UUID card) {
        return answer.getMap("drillDown.items.find { it.cardId == '" + card + "' }");
    }
}
