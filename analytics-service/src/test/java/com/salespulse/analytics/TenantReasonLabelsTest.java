package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.deal.DealLost;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, point 6: the rejection and loss reasons a tenant added, renamed or deactivated are shown by the tenant's
 * labels, in the tenant's language, from the events of lead-service and deal-service.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TenantReasonLabelsTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void theRejectedMetricAndALostDealShowTheTenantsOwnLabelsInEitherLanguage() {
        String tenant = TestTenants.fresh();
        UUID anna = UUID.randomUUID(), pipeline = UUID.randomUUID(), first = UUID.randomUUID();
        UUID won = UUID.randomUUID(), lostStage = UUID.randomUUID(), proposal = UUID.randomUUID();
        UUID l1 = UUID.randomUUID(), l2 = UUID.randomUUID(), l3 = UUID.randomUUID(), l4 = UUID.randomUUID();
        UUID deal = UUID.randomUUID(), pushyId = UUID.randomUUID();
        EventPublisher events = new EventPublisher(kafka, tenant);
        events.publish(
                RosterEvents.hired(anna, "Anna Petrova", null, 10, "2026-01-10T09:00:00Z"),
                DealEvents.pipeline(pipeline, first, proposal, won, lostStage),
                // a reason of the tenant's own, a default renamed, and a default deactivated after its rejection
                LeadEvents.rejectionReason(
                        "wrong_region", "Не наш регион", "Outside our region", true, "2026-11-01T08:00:00Z"),
                LeadEvents.rejectionReason("no_budget", "Денег нет", "Out of money", true, "2026-11-01T08:00:00Z"),
                DealEvents.lossReasonAdded(
                        pushyId,
                        "TOO_PUSHY",
                        "Client complained about too many calls",
                        "PRESSURE",
                        Map.of(
                                "ru",
                                "Клиент жаловался на слишком частые звонки",
                                "en",
                                "Client complained about too many calls"),
                        Instant.parse("2026-01-01T00:00:00Z")),
                LeadEvents.lead(l1, "website", anna, "L1", "2026-11-02T09:00:00Z"),
                LeadEvents.lead(l2, "website", anna, "L2", "2026-11-02T10:00:00Z"),
                LeadEvents.lead(l3, "website", anna, "L3", "2026-11-02T11:00:00Z"),
                LeadEvents.lead(l4, "website", anna, "L4", "2026-11-02T12:00:00Z"),
                LeadEvents.rejected(l1, "NEW", "wrong_region", anna, "website", "2026-11-03T09:00:00Z"),
                LeadEvents.rejected(l2, "NEW", "wrong_region", anna, "website", "2026-11-03T10:00:00Z"),
                LeadEvents.rejected(l3, "NEW", "no_budget", anna, "website", "2026-11-03T11:00:00Z"),
                LeadEvents.rejected(l4, "NEW", "junk", anna, "website", "2026-11-03T12:00:00Z"),
                LeadEvents.rejectionReason("junk", "Мусор / спам", "Junk or spam", false, "2026-11-04T08:00:00Z"),
                DealEvents.deal(deal, anna, pipeline, first, "Pushed Ltd", "2026-11-04T09:00:00Z"),
                lost(deal, anna, pipeline, first, lostStage, "2026-11-10T09:00:00Z"),
                DealEvents.lossReasonChanged(
                        pushyId,
                        "TOO_PUSHY",
                        "Звонили слишком часто",
                        "Called too often",
                        false,
                        Instant.parse("2026-11-12T09:00:00Z")));

        // 4 rejected: wrong_region 2, junk 1, no_budget 1 (by count, then code)
        await().atMost(Duration.ofSeconds(30)).until(() -> rejected(tenant), a -> a.getLong("figures.rejected") == 4);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> lostDeal(tenant, deal), label -> "Звонили слишком часто".equals(label));
        JsonPath ru = rejected(tenant);
        assertThat(ru.getList("figures.byReason.reason")).containsExactly("wrong_region", "junk", "no_budget");
        assertThat(ru.getList("figures.byReason.count", Integer.class)).containsExactly(2, 1, 1);
        assertThat(ru.getList("figures.byReason.reasonLabel"))
                .containsExactly("Не наш регион", "Мусор / спам", "Денег нет");
        assertThat(item(ru, l3).get("reasonLabel")).isEqualTo("Денег нет");

        new LeadSettings(kafka, tenant).language("en").publish();
        JsonPath en = rejected(tenant);
        assertThat(en.getList("figures.byReason.reasonLabel"))
                .containsExactly("Outside our region", "Junk or spam", "Out of money");
        assertThat(item(en, l1).get("reasonLabel")).isEqualTo("Outside our region");
        assertThat(lostDeal(tenant, deal)).isEqualTo("Called too often");
    }

    private static DealLost lost(UUID deal, UUID manager, UUID pipeline, UUID from, UUID lost, String at) {
        return DealEvents.dealLost(
                deal,
                UUID.randomUUID(),
                manager,
                pipeline,
                from,
                lost,
                "TOO_PUSHY",
                "PRESSURE",
                new BigDecimal("1000"),
                Instant.parse(at));
    }

    private static JsonPath rejected(String tenant) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .queryParam("month", "2026-11")
                .when()
                .get("/api/v1/metrics/rejected-leads")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The reason label of the lost deal in metric 10's drill-down of deals lost to pressure. */
    private static String lostDeal(String tenant, UUID deal) {
        JsonPath answer = given().auth()
                .oauth2(TestTokens.head(tenant))
                .queryParam("month", "2026-11")
                .queryParam("figure", "pressureLossShare")
                .when()
                .get("/api/v1/metrics/base-burnout")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> item = item(answer, deal);
        return item == null ? null : (String) item.get("reasonLabel");
    }

    private static Map<String, Object> item(JsonPath answer, UUID card) {
        return answer.getMap("drillDown.items.find { it.cardId == '" + card + "' }");
    }
}
