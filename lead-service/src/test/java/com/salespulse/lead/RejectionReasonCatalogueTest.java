package com.salespulse.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tenant's rejection reasons: added, renamed and deactivated by the head of sales, never deleted. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RejectionReasonCatalogueTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aReasonTheHeadAddsIsOfferedAndTakesRejectionsWithItsTwoLabels() {
        Roster roster = Roster.newTenant();
        roster.asHead()
                .body("{\"code\":\"wrong_region\",\"labelRu\":\"Не наш регион\",\"labelEn\":\"Outside our region\"}")
                .when()
                .post("/api/v1/rejection-reasons")
                .then()
                .statusCode(201)
                .body("code", equalTo("wrong_region"))
                .body("active", equalTo(true));

        // the six defaults first, then the tenant's own
        List<String> codes = roster.asHead()
                .when()
                .get("/api/v1/rejection-reasons")
                .then()
                .statusCode(200)
                .body("find { it.code == 'wrong_region' }.labelRu", equalTo("Не наш регион"))
                .extract()
                .path("code");
        assertThat(codes)
                .containsExactly(
                        "junk", "duplicate", "not_target", "no_budget", "unreachable", "competitor", "wrong_region");
        String lead = roster.lead("+7 912 710-00-01");
        reject(roster, lead, "wrong_region").statusCode(200).body("rejectionReason", equalTo("wrong_region"));
        // another tenant does not have it
        Roster other = Roster.newTenant();
        String stranger = other.lead("+7 912 710-00-02");
        reject(other, stranger, "wrong_region").statusCode(400).body("invalidFields[0].field", equalTo("reasonCode"));
    }

    @Test
    void aDeactivatedReasonRefusesNewRejectionsAndKeepsItsLabelOnTheLeadsItHas() throws Exception {
        Roster roster = Roster.newTenant();
        String before = roster.lead("+7 912 711-00-01");
        reject(roster, before, "junk").statusCode(200);

        roster.asHead()
                .body("{\"active\":false,\"labelEn\":\"Spam\"}")
                .when()
                .patch("/api/v1/rejection-reasons/junk")
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("labelEn", equalTo("Spam"))
                .body("labelRu", equalTo("Мусор / спам"));

        String after = roster.lead("+7 912 711-00-02");
        reject(roster, after, "junk")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("reasonCode"));
        roster.asHead().when().get("/api/v1/leads/" + after).then().body("status", equalTo("NEW"));
        roster.asHead().when().get("/api/v1/leads/" + before).then().body("rejectionReason", equalTo("junk"));
        roster.asHead().when().get("/api/v1/rejection-reasons").then().body("code", not(hasItem("junk")));
        roster.asHead()
                .queryParam("includeInactive", true)
                .when()
                .get("/api/v1/rejection-reasons")
                .then()
                .body("find { it.code == 'junk' }.active", equalTo(false));

        // reactivated: it takes rejections again
        roster.asHead()
                .body("{\"active\":true}")
                .when()
                .patch("/api/v1/rejection-reasons/junk")
                .then()
                .statusCode(200);
        reject(roster, after, "junk").statusCode(200);

        // two changes, two events keyed by the reason's id, each with the reason as it is after it
        List<JsonNode> events = LeadEvents.eventsOfTenant(
                kafka, Topics.LEAD_EVENTS, roster.tenant, "salespulse.lead.rejection-reason-changed", 2);
        assertThat(events).hasSize(2);
        JsonNode deactivated = events.get(0).get("data");
        assertThat(deactivated.get("code").asText()).isEqualTo("junk");
        assertThat(deactivated.get("active").asBoolean()).isFalse();
        assertThat(deactivated.get("labels").get("en").asText()).isEqualTo("Spam");
        assertThat(deactivated.get("labels").get("ru").asText()).isEqualTo("Мусор / спам");
        assertThat(events.get(1).get("data").get("active").asBoolean()).isTrue();
        assertThat(events.get(1).get("data").get("reasonId").asText())
                .isEqualTo(deactivated.get("reasonId").asText());
    }

    @Test
    void refusesADuplicateCodeABlankLabelAndAnUnknownReasonNamingTheField() {
        Roster roster = Roster.newTenant();
        roster.asHead()
                .body("{\"code\":\"no_budget\",\"labelRu\":\"Нет денег\",\"labelEn\":\"No money\"}")
                .when()
                .post("/api/v1/rejection-reasons")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("code"));
        roster.asHead()
                .body("{\"code\":\"Bad Code\",\"labelRu\":\"x\",\"labelEn\":\"x\"}")
                .when()
                .post("/api/v1/rejection-reasons")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("code"));
        roster.asHead()
                .body("{\"code\":\"late\",\"labelRu\":\"  \",\"labelEn\":\"Late\"}")
                .when()
                .post("/api/v1/rejection-reasons")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("labelRu"));
        roster.asHead()
                .body("{\"active\":false}")
                .when()
                .patch("/api/v1/rejection-reasons/nothing_like_it")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        roster.asHead()
                .queryParam("includeInactive", true)
                .when()
                .get("/api/v1/rejection-reasons")
                .then()
                .body("size()", equalTo(6));
    }

    private static ValidatableResponse reject(Roster roster, String lead, String reason) {
        return roster.asHead()
                .body("{\"status\":\"REJECTED\",\"reasonCode\":\"" + reason + "\"}")
                .when()
                .post("/api/v1/leads/" + lead + "/status")
                .then();
    }
}
