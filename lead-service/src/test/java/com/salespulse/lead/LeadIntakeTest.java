package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.messaging.outbox.OutboxEventRepository;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LeadIntakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    LeadRepository leads;

    @Inject
    OutboxEventRepository outbox;

    @Test
    void createdLeadIsStoredAndPublishedAsACloudEvent() throws Exception {
        String id = asIntegrator()
                .contentType(ContentType.JSON)
                .body("""
                        {"source":"website","clientName":"Anna Petrova","phone":"+7 912 345-67-89"}""")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .header("Location", notNullValue())
                .body("source", equalTo("website"))
                .body("status", equalTo("NEW"))
                .extract()
                .path("id");

        asIntegrator()
                .when()
                .get("/api/v1/leads/" + id)
                .then()
                .statusCode(200)
                .body("clientName", equalTo("Anna Petrova"));

        ConsumerRecord<String, String> record = awaitEventFor(id, 1).get(0);
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("salespulse.lead.created");
        assertThat(event.get("subject").asText()).isEqualTo(id);
        assertThat(event.get("source").asText()).isEqualTo("/salespulse/lead-service");
        assertThat(event.get("tenant").asText()).isEqualTo("demo");
        assertThat(event.get("actor").asText()).isEqualTo("user:crm-integration");
        assertThat(UUID.fromString(event.get("id").asText())).isNotNull();
        assertThat(event.get("data").get("phone").asText()).isEqualTo("+7 912 345-67-89");
        assertThat(new String(record.headers().lastHeader("content-type").value()))
                .isEqualTo("application/cloudevents+json");
    }

    @Test
    void rejectsLeadWithoutSourceAndWritesNothing() {
        long leadsBefore = count();
        long eventsBefore = outboxCount();

        asIntegrator()
                .contentType(ContentType.JSON)
                .body("""
                        {"clientName":"No Source","phone":"+7 912 000-00-00"}""")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:invalid-request"))
                .body("status", equalTo(400))
                .body("invalidFields.field", hasItem("source"));

        assertThat(count()).isEqualTo(leadsBefore);
        assertThat(outboxCount()).isEqualTo(eventsBefore);
    }

    @Test
    void rejectsLeadWithNeitherPhoneNorEmail() {
        asIntegrator()
                .contentType(ContentType.JSON)
                .body("""
                        {"source":"website","clientName":"Ghost"}""")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("contact"))
                .body("invalidFields.message", hasItem("a phone or an e-mail is required"));
    }

    @Test
    void rejectsUnknownFieldsWrongTypesAndBrokenJson() {
        asIntegrator()
                .contentType(ContentType.JSON)
                .body("""
                        {"source":"website","phone":"+79120000000","tenant":"someone-else"}""")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("tenant"))
                .body("invalidFields[0].message", equalTo("is not a known field"));

        asIntegrator()
                .contentType(ContentType.JSON)
                .body("""
                        {"source":"website","phone":"+79120000000","managerId":42}""")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("managerId"));

        asIntegrator()
                .contentType(ContentType.JSON)
                .body("{\"source\":")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("The body is not well-formed JSON"));
    }

    @Test
    void unknownLeadIsAProblem404() {
        asIntegrator()
                .when()
                .get("/api/v1/leads/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:not-found"));
    }

    private static io.restassured.specification.RequestSpecification asIntegrator() {
        return given().auth().oauth2(TestTokens.integrator("demo"));
    }

    private List<ConsumerRecord<String, String>> awaitEventFor(String leadId, int expected) {
        return LeadEvents.awaitRecordsWithKey(kafka, leadId, expected);
    }

    private long count() {
        return QuarkusTransaction.requiringNew().call(leads::count);
    }

    private long outboxCount() {
        return QuarkusTransaction.requiringNew().call(outbox::count);
    }
}
