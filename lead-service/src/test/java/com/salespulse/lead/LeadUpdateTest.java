package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LeadUpdateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEAD = TestTokens.head("demo");

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void changedDetailsAreStoredAndEmittedOnceWithBeforeAndAfter() throws Exception {
        String id = create();

        given().auth()
                .oauth2(HEAD)
                .contentType(ContentType.JSON)
                .body("{\"version\":0,\"comment\":\"call after 18:00\"}")
                .when()
                .patch("/api/v1/leads/" + id)
                .then()
                .statusCode(200)
                .body("comment", equalTo("call after 18:00"))
                .body("version", equalTo(1))
                .body("phone", equalTo("+7 912 345-67-89"));

        List<ConsumerRecord<String, String>> events = LeadEvents.awaitRecordsWithKey(kafka, id, 2);
        assertThat(events).hasSize(2);
        JsonNode updated = JSON.readTree(events.get(1).value());
        assertThat(updated.get("type").asText()).isEqualTo("salespulse.lead.updated");
        assertThat(updated.get("actor").asText()).isEqualTo("user:head-of-sales");
        assertThat(updated.get("data").get("before").get("comment").isNull()).isTrue();
        assertThat(updated.get("data").get("after").get("comment").asText()).isEqualTo("call after 18:00");
        assertThat(updated.get("data").get("after").get("phone").asText()).isEqualTo("+7 912 345-67-89");
        assertThat(updated.get("data").get("version").asLong()).isEqualTo(1);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        String id = create();
        given().auth()
                .oauth2(HEAD)
                .contentType(ContentType.JSON)
                .body("{\"version\":0,\"clientName\":\"First\"}")
                .when()
                .patch("/api/v1/leads/" + id)
                .then()
                .statusCode(200);

        given().auth()
                .oauth2(HEAD)
                .contentType(ContentType.JSON)
                .body("{\"version\":0,\"clientName\":\"Second\"}")
                .when()
                .patch("/api/v1/leads/" + id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:conflict"));

        given().auth()
                .oauth2(HEAD)
                .when()
                .get("/api/v1/leads/" + id)
                .then()
                .statusCode(200)
                .body("clientName", equalTo("First"))
                .body("version", equalTo(1));
    }

    @Test
    void sameValuesChangeNothingAndEmitNothing() {
        String id = create();

        given().auth()
                .oauth2(HEAD)
                .contentType(ContentType.JSON)
                .body("{\"version\":0,\"phone\":\"+7 912 345-67-89\"}")
                .when()
                .patch("/api/v1/leads/" + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(0));

        assertThat(LeadEvents.awaitRecordsWithKey(kafka, id, 1)).hasSize(1);
    }

    @Test
    void aManagerCannotChangeAnotherManagersLead() {
        String id = create();

        given().auth()
                .oauth2(TestTokens.manager("demo", UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body("{\"version\":0,\"comment\":\"mine now\"}")
                .when()
                .patch("/api/v1/leads/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private static String create() {
        return given().auth()
                .oauth2(HEAD)
                .contentType(ContentType.JSON)
                .body("{\"source\":\"website\",\"phone\":\"+7 912 345-67-89\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
