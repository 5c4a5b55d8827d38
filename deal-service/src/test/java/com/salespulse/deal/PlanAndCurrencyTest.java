package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asIntegrator;
import static com.salespulse.deal.DealTestKit.asManager;
import static com.salespulse.deal.DealTestKit.awaitDealEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Monthly plans in the base currency, and dated exchange rates to it. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class PlanAndCurrencyTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aPlanNeedsTheBaseCurrencyThenIsSetChangedAndRead() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID team = RosterEvents.createTeam(kafka, tenant);
        Map<String, Object> target = Map.of("amount", 1500000, "dealCount", 12);

        asHead(tenant)
                .body(target)
                .put("/api/v1/plans/2026-12/managers/" + manager)
                .then()
                .statusCode(409);
        asHead(tenant)
                .body(Map.of("currency", "RUB"))
                .put("/api/v1/currency/base")
                .then()
                .statusCode(200)
                .body("baseCurrency", equalTo("RUB"));

        String planId = asHead(tenant)
                .body(target)
                .put("/api/v1/plans/2026-12/managers/" + manager)
                .then()
                .statusCode(200)
                .body("amount", equalTo(1500000))
                .extract()
                .path("id");
        asHead(tenant)
                .body(Map.of("amount", 1800000, "dealCount", 14, "reason", "new product line"))
                .put("/api/v1/plans/2026-12/managers/" + manager)
                .then()
                .statusCode(200)
                .body("id", equalTo(planId))
                .body("dealCount", equalTo(14));
        asHead(tenant)
                .body(Map.of("amount", 5000000, "dealCount", 40))
                .put("/api/v1/plans/2026-12/teams/" + team)
                .then()
                .statusCode(200);
        asHead(tenant)
                .body(target)
                .put("/api/v1/plans/december/teams/" + team)
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("month"));

        asHead(tenant).get("/api/v1/plans/2026-12").then().statusCode(200).body("size()", equalTo(2));
        asManager(tenant, manager)
                .get("/api/v1/plans/2026-12")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].amount", equalTo(1800000));
        asManager(tenant, manager)
                .body(target)
                .put("/api/v1/plans/2026-12/managers/" + manager)
                .then()
                .statusCode(403);

        assertThat(awaitDealEvents(kafka, planId, "salespulse.plan.set", 1)).hasSize(1);
        List<JsonNode> changed = awaitDealEvents(kafka, planId, "salespulse.plan.changed", 1);
        assertThat(changed).hasSize(1);
        JsonNode data = changed.get(0).get("data");
        assertThat(data.get("before").get("amount").decimalValue()).isEqualByComparingTo("1500000");
        assertThat(data.get("after").get("dealCount").asInt()).isEqualTo(14);
        assertThat(data.get("baseCurrency").asText()).isEqualTo("RUB");
        assertThat(data.get("reason").asText()).isEqualTo("new product line");
    }

    @Test
    void aPlanSentTwiceByReferenceIsOnePlanAndOneEventAndNamesItsOwnersByReference() {
        String tenant = TestTenants.fresh();
        UUID manager = UUID.randomUUID();
        RosterEvents.hireWithRef(kafka, tenant, manager, "7");
        asHead(tenant)
                .body(Map.of("currency", "RUB"))
                .put("/api/v1/currency/base")
                .then()
                .statusCode(200);
        Map<String, Object> plan = new HashMap<>(Map.of(
                "month",
                "2025-03",
                "managerRef",
                Map.of("externalSystem", "amocrm", "externalId", "7"),
                "amount",
                900000,
                "dealCount",
                9,
                "occurredAt",
                "2025-03-01T09:00:00+03:00"));

        String id = asIntegrator(tenant)
                .body(plan)
                .put("/api/v1/plans/by-ref/amocrm/plan-2025-03-7")
                .then()
                .statusCode(201)
                .body("ownerId", equalTo(manager.toString()))
                .body("externalId", equalTo("plan-2025-03-7"))
                .extract()
                .path("id");
        asIntegrator(tenant)
                .body(plan)
                .put("/api/v1/plans/by-ref/amocrm/plan-2025-03-7")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        plan.put("amount", 950000);
        plan.put("occurredAt", "2025-03-10T09:00:00+03:00");
        asIntegrator(tenant)
                .body(plan)
                .put("/api/v1/plans/by-ref/amocrm/plan-2025-03-7")
                .then()
                .statusCode(200)
                .body("amount", equalTo(950000))
                .body("updatedAt", equalTo("2025-03-10T06:00:00Z"));

        assertThat(awaitDealEvents(kafka, id, "salespulse.plan.set", 1))
                .hasSize(1)
                .allSatisfy(e -> {
                    assertThat(e.get("data").get("setAt").asText()).isEqualTo("2025-03-01T06:00:00Z");
                    assertThat(e.get("data").get("externalSystem").asText()).isEqualTo("amocrm");
                    assertThat(e.get("data").get("externalId").asText()).isEqualTo("plan-2025-03-7");
                });
        assertThat(awaitDealEvents(kafka, id, "salespulse.plan.changed", 1))
                .hasSize(1)
                .allSatisfy(e ->
                        assertThat(e.get("data").get("externalId").asText()).isEqualTo("plan-2025-03-7"));
        asHead(tenant)
                .get("/api/v1/plans/by-ref/amocrm/plan-2025-03-7")
                .then()
                .statusCode(200)
                .body("month", equalTo("2025-03"));
        asHead(tenant).get("/api/v1/plans/2025-03").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void aPlanByReferenceKeepsItsMonthAndOwnerAndNamesWhatIsWrong() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID team = RosterEvents.createTeam(kafka, tenant);
        asHead(tenant)
                .body(Map.of("currency", "RUB"))
                .put("/api/v1/currency/base")
                .then()
                .statusCode(200);
        Map<String, Object> plan = new HashMap<>(
                Map.of("month", "2025-04", "managerId", manager.toString(), "amount", 100, "dealCount", 1));
        asIntegrator(tenant)
                .body(plan)
                .put("/api/v1/plans/by-ref/amocrm/p-1")
                .then()
                .statusCode(201);

        plan.put("month", "2025-05");
        asIntegrator(tenant)
                .body(plan)
                .put("/api/v1/plans/by-ref/amocrm/p-1")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("month"));
        plan.put("month", "2025-04");
        plan.put("teamId", team.toString());
        asIntegrator(tenant)
                .body(plan)
                .put("/api/v1/plans/by-ref/amocrm/p-2")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("teamId"));
        plan.remove("teamId");
        plan.put("managerRef", Map.of("externalSystem", "amocrm", "externalId", "nobody"));
        plan.remove("managerId");
        asIntegrator(tenant)
                .body(plan)
                .put("/api/v1/plans/by-ref/amocrm/p-2")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("managerRef.externalId"));
        plan.remove("managerRef");
        plan.put("managerId", manager.toString());
        asIntegrator(tenant)
                .body(plan)
                .put("/api/v1/plans/by-ref/amocrm/p-2")
                .then()
                .statusCode(409);
        asManager(tenant, manager)
                .body(plan)
                .put("/api/v1/plans/by-ref/amocrm/p-1")
                .then()
                .statusCode(403);
        asHead(tenant).get("/api/v1/plans/by-ref/amocrm/p-2").then().statusCode(404);
        asHead(tenant).get("/api/v1/plans/2025-04").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void exchangeRatesAreDatedAndACorrectionCarriesTheRateBefore() {
        String tenant = TestTenants.fresh();
        asHead(tenant)
                .body(Map.of("currency", "RUB"))
                .put("/api/v1/currency/base")
                .then()
                .statusCode(200);

        asHead(tenant)
                .body(Map.of("rateToBase", 98.5))
                .put("/api/v1/currency/rates/USD/2026-11-01")
                .then()
                .statusCode(200);
        asHead(tenant)
                .body(Map.of("rateToBase", 99.1))
                .put("/api/v1/currency/rates/USD/2026-11-01")
                .then()
                .statusCode(200)
                .body("rateToBase", equalTo(99.1f));
        asHead(tenant)
                .body(Map.of("rateToBase", 1))
                .put("/api/v1/currency/rates/RUB/2026-11-01")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("currency"));
        asHead(tenant)
                .body(Map.of("rateToBase", 1))
                .put("/api/v1/currency/rates/USD/yesterday")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("date"));

        asHead(tenant).get("/api/v1/currency").then().statusCode(200).body("rates.size()", equalTo(1));
        // the tenant is new, so every rate event of the tenant is one of these two
        List<JsonNode> rates = DealTestKit.awaitEventsOfType(kafka, "salespulse.currency.exchange-rate-set", tenant, 2);
        assertThat(rates).hasSize(2);
        assertThat(rates.get(1).get("data").get("before").decimalValue()).isEqualByComparingTo("98.5");
        assertThat(rates.get(1).get("data").get("rateToBase").decimalValue()).isEqualByComparingTo("99.1");
    }
}
