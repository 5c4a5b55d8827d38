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
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a dashboard shows beside ids and codes: the manager's name, the stage's name, the status and reason labels in
 * the tenant's language (ru by default, en when the tenant says so), and one drill-down selector, {@code figure}.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
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

    @Test
    void figuresAndDrillDownItemsNameTheManagerTheStageAndTheReasonInTheTenantsLanguage() {
        clock.set(NOW);
        String tenant = TestTenants.fresh();
        EventPublisher events = new EventPublisher(kafka, tenant);
        UUID rejected = UUID.randomUUID(),
                open = UUID.randomUUID(),
                pushed = UUID.randomUUID(),
                pressed = UUID.randomUUID();
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
                LeadEvents.lead(rejected, "website", ANNA, "Rejected Ltd", "2026-11-02T09:00:00Z"),
                LeadEvents.rejected(rejected, "NEW", "no_budget", ANNA, "website", "2026-11-03T09:00:00Z"),
                DealEvents.deal(open, ANNA, PIPELINE, QUALIFICATION, "Open Ltd", "2026-11-05T09:00:00Z"),
                DealEvents.deal(pushed, ANNA, PIPELINE, QUALIFICATION, "Pushed Ltd", "2026-11-04T09:00:00Z"),
                lost(pushed, "ASKED_NOT_TO_CONTACT", "2026-11-10T09:00:00Z"),
                DealEvents.deal(pressed, ANNA, PIPELINE, QUALIFICATION, "Pressed Ltd", "2026-11-04T09:00:00Z"),
                lost(pressed, "PUSHED_TOO_HARD", "2026-11-11T09:00:00Z"));

        // metric 10's drill-down: the lost deals' reasons by label, in Russian by default; the one without labels by
        // its one label
        JsonPath burnout = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> get(tenant, "/api/v1/metrics/base-burnout", "figure", "pressureLossShare"),
                        a -> a.getList("drillDown.items.reasonLabel")
                                .containsAll(List.of("Просил не беспокоить", "Pushed too hard")));
        Map<String, Object> item = item(burnout, pushed);
        assertThat(item.get("reason")).isEqualTo("ASKED_NOT_TO_CONTACT");
        assertThat(item.get("status")).isEqualTo("LOST");
        assertThat(item.get("statusLabel")).isEqualTo("Проиграна");
        assertThat(item.get("stage")).isEqualTo(LOST.toString());
        assertThat(item.get("stageName")).isEqualTo("Lost");
        assertThat(item.get("managerId")).isEqualTo(ANNA.toString());
        assertThat(item.get("managerName")).isEqualTo("Anna Petrova");
        assertThat(burnout.getString("figures.managers[0].managerName")).isEqualTo("Anna Petrova");

        // metric 2: the rejection reason's label in the figures and the item, the lead's status as its stage
        JsonPath rejectedLeads = await().atMost(Duration.ofSeconds(30))
                .until(() -> get(tenant, "/api/v1/metrics/rejected-leads"), a -> a.getLong("figures.rejected") == 1);
        assertThat(rejectedLeads.getString("figures.byReason[0].reason")).isEqualTo("no_budget");
        assertThat(rejectedLeads.getString("figures.byReason[0].reasonLabel")).isEqualTo("Нет бюджета");
        assertThat(rejectedLeads.getString("figures.byManager[0].managerName")).isEqualTo("Anna Petrova");
        item = item(rejectedLeads, rejected);
        assertThat(item.get("title")).isEqualTo("Rejected Ltd");
        assertThat(item.get("stage")).isEqualTo("LEAD:REJECTED");
        assertThat(item.get("stageName")).isEqualTo("Отклонён");
        assertThat(item.get("status")).isEqualTo("REJECTED");
        assertThat(item.get("statusLabel")).isEqualTo("Отклонён");
        assertThat(item.get("reasonLabel")).isEqualTo("Нет бюджета");
        assertThat(item.get("managerName")).isEqualTo("Anna Petrova");

        // metric 11: an open deal by its stage's name in its pipeline; the manager named in the figures too
        JsonPath forgotten = get(tenant, "/api/v1/metrics/forgotten-cards", "figure", "forgottenCards");
        assertThat(forgotten.getList("drillDown.items.cardId")).containsExactly(open.toString());
        assertThat(forgotten.getString("drillDown.items[0].stage")).isEqualTo(QUALIFICATION.toString());
        assertThat(forgotten.getString("drillDown.items[0].stageName")).isEqualTo("Qualification");
        assertThat(forgotten.getString("drillDown.items[0].status")).isEqualTo("OPEN");
        assertThat(forgotten.getString("drillDown.items[0].statusLabel")).isEqualTo("Открыта");
        assertThat(forgotten.getString("figures.byManager[0].managerName")).isEqualTo("Anna Petrova");

        // the tenant reads English: the same codes, English labels
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(
                        "{\"timeZone\":\"Europe/Moscow\",\"baseCurrency\":\"RUB\",\"weekendDays\":[\"SATURDAY\",\"SUNDAY\"],"
                                + "\"language\":\"en\"}")
                .when()
                .put("/api/v1/settings")
                .then()
                .statusCode(200)
                .body("language", equalTo("en"));
        item = item(get(tenant, "/api/v1/metrics/rejected-leads"), rejected);
        assertThat(item.get("reasonLabel")).isEqualTo("No budget");
        assertThat(item.get("statusLabel")).isEqualTo("Rejected");
        assertThat(get(tenant, "/api/v1/metrics/rejected-leads").getString("figures.byReason[0].reasonLabel"))
                .isEqualTo("No budget");
        item = item(get(tenant, "/api/v1/metrics/base-burnout", "figure", "pressureLossShare"), pushed);
        assertThat(item.get("reasonLabel")).isEqualTo("Asked not to be contacted");
        assertThat(item.get("statusLabel")).isEqualTo("Lost");
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(
                        "{\"timeZone\":\"Europe/Moscow\",\"baseCurrency\":\"RUB\",\"weekendDays\":[],\"language\":\"de\"}")
                .when()
                .put("/api/v1/settings")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("language"));
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
