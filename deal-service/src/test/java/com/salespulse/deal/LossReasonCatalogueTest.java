package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.awaitDealEvents;
import static com.salespulse.deal.LeadEvents.convertLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The tenant's loss reasons renamed and deactivated by the head of sales, never deleted. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LossReasonCatalogueTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aRenamedReasonShowsItsNewLabelsAndADeactivatedOneRefusesNewLossesButKeepsItsDeals() {
        String tenant = TestTenants.fresh();
        String lostBefore = convertLead(kafka, tenant, UUID.randomUUID(), UUID.randomUUID());
        asHead(tenant)
                .body(Map.of("reasonCode", "PRICE"))
                .post("/api/v1/deals/" + lostBefore + "/lose")
                .then()
                .statusCode(200);

        asHead(tenant)
                .body(Map.of("labels", Map.of("ru", "Дорого для клиента"), "active", false))
                .patch("/api/v1/loss-reasons/PRICE")
                .then()
                .statusCode(200)
                .body("labels.ru", equalTo("Дорого для клиента"))
                .body("labels.en", equalTo("Too expensive"))
                .body("active", equalTo(false));

        String lostAfter = convertLead(kafka, tenant, UUID.randomUUID(), UUID.randomUUID());
        asHead(tenant)
                .body(Map.of("reasonCode", "PRICE"))
                .post("/api/v1/deals/" + lostAfter + "/lose")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("reasonCode"));
        asHead(tenant).get("/api/v1/deals/" + lostAfter).then().body("status", equalTo("OPEN"));
        asHead(tenant).get("/api/v1/deals/" + lostBefore).then().body("status", equalTo("LOST"));
        asHead(tenant).get("/api/v1/loss-reasons").then().statusCode(200).body("code", not(hasItem("PRICE")));
        asHead(tenant)
                .queryParam("includeInactive", true)
                .get("/api/v1/loss-reasons")
                .then()
                .body("find { it.code == 'PRICE' }.active", equalTo(false))
                .body("size()", equalTo(8));

        List<JsonNode> changed = DealTestKit.awaitEventsOfType(kafka, "salespulse.deal.loss-reason-changed", tenant, 1);
        assertThat(changed).hasSize(1);
        JsonNode data = changed.get(0).get("data");
        assertThat(data.get("code").asText()).isEqualTo("PRICE");
        assertThat(data.get("labels").get("ru").asText()).isEqualTo("Дорого для клиента");
        assertThat(data.get("labels").get("en").asText()).isEqualTo("Too expensive");
        assertThat(data.get("active").asBoolean()).isFalse();
        assertThat(awaitDealEvents(kafka, lostAfter, "salespulse.deal.lost", 0)).isEmpty();
    }

    @Test
    void refusesABlankLabelAndAnUnknownReason() {
        String tenant = TestTenants.fresh();
        asHead(tenant)
                .body(Map.of("labels", Map.of("en", " ")))
                .patch("/api/v1/loss-reasons/PRICE")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("labels.en"));
        asHead(tenant)
                .body(Map.of("active", false))
                .patch("/api/v1/loss-reasons/NO_SUCH_REASON")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        asHead(tenant)
                .get("/api/v1/loss-reasons")
                .then()
                .body("find { it.code == 'PRICE' }.labels.en", equalTo("Too expensive"))
                .body("size()", equalTo(8));
    }
}
