package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asIntegrator;
import static com.salespulse.deal.DealTestKit.awaitAllDealEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Products, pipelines (with their stages) and plans sent by an integrator, by reference and with business time. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class CatalogueByRefTest {

    private static final Instant ADDED =
            Instant.now().minus(700, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aProductSentTwiceIsOneProductAndAChangedPriceOneChange() {
        String tenant = TestTenants.fresh();
        Map<String, Object> product = new HashMap<>(Map.of(
                "name",
                "Box",
                "category",
                "Hardware",
                "unit",
                "pcs",
                "listPrice",
                500,
                "currency",
                "RUB",
                "occurredAt",
                ADDED.toString()));

        String id = asIntegrator(tenant)
                .body(product)
                .put("/api/v1/products/by-ref/1c/P-1")
                .then()
                .statusCode(201)
                .body("createdAt", equalTo(ADDED.toString()))
                .body("externalId", equalTo("P-1"))
                .extract()
                .path("id");
        asIntegrator(tenant)
                .body(product)
                .put("/api/v1/products/by-ref/1c/P-1")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        product.put("listPrice", 550);
        product.put("occurredAt", ADDED.plus(30, ChronoUnit.DAYS).toString());
        asIntegrator(tenant)
                .body(product)
                .put("/api/v1/products/by-ref/1c/P-1")
                .then()
                .statusCode(200)
                .body("listPrice", equalTo(550));
        asHead(tenant)
                .get("/api/v1/products/by-ref/1c/P-1")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        asHead(tenant).get("/api/v1/products/by-ref/1c/P-2").then().statusCode(404);

        List<JsonNode> events = awaitAllDealEvents(kafka, id, 2);
        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly("salespulse.product.created", "salespulse.product.changed");
        assertThat(events.get(0).get("data").get("createdAt").asText()).isEqualTo(ADDED.toString());
        assertThat(events.get(0).get("data").get("externalId").asText()).isEqualTo("P-1");
    }

    @Test
    void aPipelineSentAgainKeepsTheStagesItNamesByReference() {
        String tenant = TestTenants.fresh();
        Map<String, Object> pipeline =
                new HashMap<>(Map.of("name", "Sales", "occurredAt", ADDED.toString(), "stages", stages(10)));

        JsonNode created = asIntegrator(tenant)
                .body(pipeline)
                .put("/api/v1/pipelines/by-ref/amocrm/PL-1")
                .then()
                .statusCode(201)
                .extract()
                .as(JsonNode.class);
        String id = created.get("id").asText();
        asIntegrator(tenant)
                .body(pipeline)
                .put("/api/v1/pipelines/by-ref/amocrm/PL-1")
                .then()
                .statusCode(200);
        pipeline.put("stages", stages(15));
        pipeline.put("occurredAt", ADDED.plus(1, ChronoUnit.DAYS).toString());
        asIntegrator(tenant)
                .body(pipeline)
                .put("/api/v1/pipelines/by-ref/amocrm/PL-1")
                .then()
                .statusCode(200)
                .body(
                        "stages[0].id",
                        equalTo(created.get("stages").get(0).get("id").asText()))
                .body("stages[0].probability", equalTo(15))
                .body("stages[0].externalId", equalTo("S-1"));

        List<JsonNode> events = awaitAllDealEvents(kafka, id, 2);
        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly("salespulse.pipeline.created", "salespulse.pipeline.changed");
        assertThat(events.get(1).get("data").get("changedAt").asText())
                .isEqualTo(ADDED.plus(1, ChronoUnit.DAYS).toString());
    }

    @Test
    void aPlanCarriesItsBusinessTimeAndAnOlderChangeIsStale() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        asHead(tenant)
                .body(Map.of("currency", "RUB"))
                .put("/api/v1/currency/base")
                .then()
                .statusCode(200);
        Instant set = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        String id = asIntegrator(tenant)
                .body(Map.of("amount", 1000, "dealCount", 2, "occurredAt", set.toString()))
                .put("/api/v1/plans/2026-12/managers/" + manager)
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        Map<String, Integer> rows = TenantRows.of(tenant);
        asIntegrator(tenant)
                .body(Map.of(
                        "amount",
                        2000,
                        "dealCount",
                        2,
                        "occurredAt",
                        set.minus(1, ChronoUnit.DAYS).toString()))
                .put("/api/v1/plans/2026-12/managers/" + manager)
                .then()
                .statusCode(409)
                .body("type", endsWith("stale-change"))
                .body("invalidFields.field", hasItem("occurredAt"));
        assertThat(TenantRows.of(tenant)).isEqualTo(rows);

        List<JsonNode> events = awaitAllDealEvents(kafka, id, 1);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("data").get("setAt").asText()).isEqualTo(set.toString());
    }

    private static List<Map<String, Object>> stages(int firstProbability) {
        return List.of(
                Map.of(
                        "name",
                        "First",
                        "probability",
                        firstProbability,
                        "kind",
                        "OPEN",
                        "externalSystem",
                        "amocrm",
                        "externalId",
                        "S-1"),
                Map.of(
                        "name",
                        "Won",
                        "probability",
                        100,
                        "kind",
                        "WON",
                        "externalSystem",
                        "amocrm",
                        "externalId",
                        "142"),
                Map.of(
                        "name",
                        "Lost",
                        "probability",
                        0,
                        "kind",
                        "LOST",
                        "externalSystem",
                        "amocrm",
                        "externalId",
                        "143"));
    }
}
