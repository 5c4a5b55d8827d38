package com.salespulse.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Duplicates are caught on the normalized phone or e-mail, whatever the notation, and linked or refused. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DuplicateDetectionTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aDifferentlyFormattedPhoneIsCaughtLinkedToTheSameClientAndFlagged() throws Exception {
        Roster roster = Roster.newTenant();
        String first = roster.asHead()
                .body("{\"source\":\"website\",\"clientName\":\"Anna\",\"phone\":\"+7 (912) 345-67-89\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("duplicate", equalTo(false))
                .body("phoneNormalized", equalTo("+79123456789"))
                .extract()
                .path("id");
        String client = roster.asHead()
                .when()
                .get("/api/v1/leads/" + first)
                .then()
                .extract()
                .path("clientId");

        String second = roster.asHead()
                .body("{\"source\":\"call\",\"phone\":\"89123456789\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("duplicate", equalTo(true))
                .body("duplicateOfLeadId", equalTo(first))
                .body("clientId", equalTo(client))
                .extract()
                .path("id");

        roster.asHead()
                .when()
                .get("/api/v1/clients/" + client)
                .then()
                .statusCode(200)
                .body("contacts.value", equalTo(List.of("+79123456789")));
        roster.asHead()
                .queryParam("duplicate", true)
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(second));

        JsonNode created =
                LeadEvents.events(kafka, Topics.LEAD_EVENTS, second, 1).get(0).get("data");
        assertThat(created.get("duplicate").asBoolean()).isTrue();
        assertThat(created.get("duplicateOfLeadId").asText()).isEqualTo(first);
        assertThat(created.get("clientId").asText()).isEqualTo(client);
        assertThat(created.get("phoneNormalized").asText()).isEqualTo("+79123456789");
        // one client-created, for the first lead only
        List<JsonNode> clientEvents = LeadEvents.events(kafka, Topics.LEAD_EVENTS, client, 1);
        assertThat(LeadEvents.types(clientEvents)).containsExactly("salespulse.lead.client-created");
    }

    @Test
    void theSameContactsInAnotherTenantAreNoDuplicate() {
        String lead = "{\"source\":\"website\",\"phone\":\"+7 900 121-00-01\",\"email\":\"boris@example.com\"}";
        Roster.newTenant()
                .asHead()
                .body(lead)
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("duplicate", equalTo(false));
        Roster other = Roster.newTenant();
        other.settings("{\"duplicatePolicy\":\"REFUSE\"}");

        other.asHead()
                .body(lead)
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("duplicate", equalTo(false))
                .body("duplicateOfLeadId", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void anEmailInAnotherCaseIsTheSameClient() {
        Roster roster = Roster.newTenant();
        roster.asHead()
                .body("{\"source\":\"website\",\"email\":\"Anna@Example.com\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("duplicate", equalTo(false));
        roster.asHead()
                .body("{\"source\":\"website\",\"email\":\"ANNA@example.COM\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("duplicate", equalTo(true));
    }

    @Test
    void underTheRefusePolicyADuplicateIs409WithALinkToTheExistingCardAndWritesNothing() {
        Roster roster = Roster.newTenant();
        roster.settings("{\"duplicatePolicy\":\"REFUSE\"}");
        String first = roster.lead("+7 (912) 345-67-89");

        roster.asHead()
                .body("{\"source\":\"call\",\"phone\":\"89123456789\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .header("Location", endsWith("/api/v1/leads/" + first))
                .body("type", equalTo("urn:salespulse:problem:duplicate"))
                .body("invalidFields[0].field", equalTo("existing"));

        roster.asHead().when().get("/api/v1/leads").then().body("total", equalTo(1));
    }

    @Test
    void aBatchAnswersEveryItemCreatedOrDuplicate() {
        Roster roster = Roster.newTenant();
        roster.asHead()
                .body("""
                {"items":[
                  {"source":"website","phone":"+7 912 000-11-22"},
                  {"source":"website","phone":"8 (912) 000 11 22"},
                  {"source":"expo","email":"new@example.com","utm":{"source":"google","campaign":"winter"}}
                ]}""")
                .when()
                .post("/api/v1/leads/batch")
                .then()
                .statusCode(200)
                .body("items.outcome", equalTo(List.of("CREATED", "DUPLICATE", "CREATED")))
                .body("created", equalTo(3))
                .body("duplicates", equalTo(1));

        roster.asHead().when().get("/api/v1/leads").then().body("total", equalTo(3));
        roster.asHead()
                .queryParam("source", "expo")
                .when()
                .get("/api/v1/leads")
                .then()
                .body("items[0].utm.campaign", equalTo("winter"));
    }

    @Test
    void mergingClientsMovesContactsAndLeadsAndKeepsTheMergedClientReadable() throws Exception {
        Roster roster = Roster.newTenant();
        String leadA = roster.lead("+7 912 100-00-01");
        String leadB = roster.asHead()
                .body("{\"source\":\"website\",\"email\":\"boss@romashka.ru\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String clientA = roster.asHead()
                .when()
                .get("/api/v1/leads/" + leadA)
                .then()
                .extract()
                .path("clientId");
        String clientB = roster.asHead()
                .when()
                .get("/api/v1/leads/" + leadB)
                .then()
                .extract()
                .path("clientId");

        roster.asHead()
                .body("{\"mergedClientId\":\"" + clientB + "\",\"reason\":\"same company\"}")
                .when()
                .post("/api/v1/clients/" + clientA + "/merge")
                .then()
                .statusCode(200)
                .body("contacts.value", containsInAnyOrder("+79121000001", "boss@romashka.ru"));

        roster.asHead()
                .when()
                .get("/api/v1/clients/" + clientB)
                .then()
                .statusCode(200)
                .body("mergedIntoId", equalTo(clientA));
        roster.asHead().when().get("/api/v1/leads/" + leadB).then().body("clientId", equalTo(clientA));
        // a new lead with the merged client's e-mail finds the survivor
        roster.asHead()
                .body("{\"source\":\"website\",\"email\":\"BOSS@romashka.ru\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("clientId", equalTo(clientA));

        List<JsonNode> events = LeadEvents.events(kafka, Topics.LEAD_EVENTS, clientA, 2);
        assertThat(LeadEvents.types(events))
                .containsExactly("salespulse.lead.client-created", "salespulse.lead.clients-merged");
        JsonNode merged = events.get(1).get("data");
        assertThat(merged.get("contactsBefore")).hasSize(1);
        assertThat(merged.get("contactsAfter")).hasSize(2);
        assertThat(merged.get("movedLeadIds").get(0).asText()).isEqualTo(leadB);
    }
}
