package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The client base can be listed, searched and edited: {@code GET /api/v1/clients?q=&sort=}, {@code PATCH
 * /api/v1/clients/{id}} with intake's validation and duplicate rules, and {@code client-updated} through the outbox.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ClientListTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void clientsAreFoundByNameOrContactInAnyCaseAndNotation() {
        Roster roster = Roster.newTenant();
        String anna = client(roster, "Anna Petrova", "+7 912 345-67-89", "Anna@Example.com");
        String boris = client(roster, "Boris Ivanov", "8 (915) 000-11-22", null);
        String romashka = client(roster, "ООО Ромашка", null, "office@romashka.ru");

        assertThat(ids(roster, "q=PETROV")).containsExactly(anna); // the name, any case
        assertThat(ids(roster, "q=912 345")).containsExactly(anna); // the phone's digits, any notation
        assertThat(ids(roster, "q=EXAMPLE.com")).containsExactly(anna); // the e-mail
        assertThat(ids(roster, "q=romashka")).containsExactly(romashka); // found by the e-mail only
        assertThat(ids(roster, "q=9150001122")).containsExactly(boris);
        assertThat(ids(roster, "q=nobody")).isEmpty();
    }

    @Test
    void clientsPageByNameOrAgeAndMergedOnesLeaveTheList() {
        Roster roster = Roster.newTenant();
        String vera = client(roster, "Vera", null, null);
        String anna = client(roster, "Anna", null, null);
        String boris = client(roster, "Boris", null, null);
        String borisAgain = client(roster, "Boris Ivanov", null, null);

        JsonPath byName = list(roster, "size=3");
        assertThat(byName.getList("items.id", String.class)).containsExactly(anna, boris, borisAgain);
        assertThat(byName.getInt("total")).isEqualTo(4);
        assertThat(list(roster, "size=3&page=1").getList("items.id", String.class))
                .containsExactly(vera);
        assertThat(ids(roster, "sort=-createdAt&size=2")).containsExactly(borisAgain, boris);

        roster.asHead()
                .body(Map.of("mergedClientId", borisAgain, "reason", "the same person"))
                .post("/api/v1/clients/" + boris + "/merge")
                .then()
                .statusCode(200);
        assertThat(ids(roster, "")).containsExactly(anna, boris, vera);
        assertThat(list(roster, "").getInt("total")).isEqualTo(3);
    }

    @Test
    void aManagerListsOnlyTheClientsTheyHoldALeadOf() {
        Roster roster = Roster.newTenant();
        UUID anna = UUID.randomUUID();
        roster.hire(anna, "Anna");
        client(roster, "Someone else's", null, null);
        String lead = roster.leadFor(anna.toString(), "+7 916 111-22-33");
        String annasClient = roster.asHead()
                .get("/api/v1/leads/" + lead)
                .then()
                .statusCode(200)
                .extract()
                .path("clientId");

        given().auth()
                .oauth2(TestTokens.manager(roster.tenant, anna))
                .get("/api/v1/clients")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(annasClient));
        assertThat(list(roster, "").getInt("total")).isEqualTo(2);
    }

    @Test
    void anEditChangesTheClientAndEmitsItsBeforeAndAfterOnce() {
        Roster roster = Roster.newTenant();
        String anna = client(roster, "Anna Petrova", "+7 912 345-67-89", null);

        roster.asHead()
                .body(Map.of(
                        "version",
                        0,
                        "kind",
                        "COMPANY",
                        "name",
                        "  Petrova & Partners ",
                        "contacts",
                        List.of(
                                Map.of("kind", "PHONE", "value", "8 912 345 67 89"),
                                Map.of("kind", "EMAIL", "value", "Office@Petrova.example"))))
                .patch("/api/v1/clients/" + anna)
                .then()
                .statusCode(200)
                .body("name", equalTo("Petrova & Partners"))
                .body("kind", equalTo("COMPANY"))
                .body("version", equalTo(1))
                // contacts by kind, then value: EMAIL before PHONE
                .body("contacts.value", equalTo(List.of("office@petrova.example", "+79123456789")));

        // the same state again changes nothing and emits nothing; an old version is refused
        roster.asHead()
                .body(Map.of("version", 1, "name", "Petrova & Partners", "kind", "COMPANY"))
                .patch("/api/v1/clients/" + anna)
                .then()
                .statusCode(200)
                .body("version", equalTo(1));
        roster.asHead()
                .body(Map.of("version", 0, "name", "Anything"))
                .patch("/api/v1/clients/" + anna)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        List<JsonNode> updated = LeadEvents.events(kafka, Topics.LEAD_EVENTS, anna, 2).stream()
                .filter(e -> e.get("type").asText().equals("salespulse.lead.client-updated"))
                .toList();
        assertThat(updated).hasSize(1);
        JsonNode data = updated.get(0).get("data");
        assertThat(data.get("nameBefore").asText()).isEqualTo("Anna Petrova");
        assertThat(data.get("nameAfter").asText()).isEqualTo("Petrova & Partners");
        assertThat(data.get("kindBefore").asText()).isEqualTo("PERSON");
        assertThat(data.get("kindAfter").asText()).isEqualTo("COMPANY");
        assertThat(data.get("contactsBefore")).hasSize(1);
        assertThat(data.get("contactsAfter")).hasSize(2);
    }

    @Test
    void aContactAnotherClientOwnsIsRefusedNamingItAndNothingChanges() {
        Roster roster = Roster.newTenant();
        String anna = client(roster, "Anna", "+7 912 345-67-89", null);
        client(roster, "Boris", "+7 915 000-11-22", null);

        roster.asHead()
                .body(Map.of(
                        "version",
                        0,
                        "name",
                        "Anna B.",
                        "contacts",
                        List.of(
                                Map.of("kind", "PHONE", "value", "+7 912 345-67-89"),
                                Map.of("kind", "PHONE", "value", "8 915 000 11 22"))))
                .patch("/api/v1/clients/" + anna)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("invalidFields", hasSize(1))
                .body("invalidFields[0].field", equalTo("contacts[1].value"));
        roster.asHead()
                .get("/api/v1/clients/" + anna)
                .then()
                .statusCode(200)
                .body("name", equalTo("Anna"))
                .body("version", equalTo(0))
                .body("contacts.value", equalTo(List.of("+79123456789")));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Roster roster = Roster.newTenant();
        String anna = client(roster, "Anna", null, null);
        Map<Map<String, Object>, String> refused = Map.of(
                Map.of("version", 0, "name", " "), "name",
                Map.of("name", "Anna B."), "version",
                Map.of("version", 0, "kind", "ROBOT"), "kind",
                Map.of("version", 0, "contacts", List.of(Map.of("kind", "PHONE", "value", "call me"))),
                        "contacts[0].value",
                Map.of("version", 0, "contacts", List.of(Map.of("kind", "EMAIL", "value", "anna at home"))),
                        "contacts[0].value");
        refused.forEach((body, field) -> roster.asHead()
                .body(body)
                .patch("/api/v1/clients/" + anna)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo(field)));
        for (Map.Entry<String, String> query : Map.of("q", " ", "sort", "phone").entrySet()) {
            roster.asHead()
                    .queryParam(query.getKey(), query.getValue())
                    .get("/api/v1/clients")
                    .then()
                    .statusCode(400)
                    .body("invalidFields[0].field", equalTo(query.getKey()));
        }
        roster.asHead()
                .body(Map.of("version", 0, "name", "Anyone"))
                .patch("/api/v1/clients/" + UUID.randomUUID())
                .then()
                .statusCode(404);
        roster.asHead()
                .get("/api/v1/clients/" + anna)
                .then()
                .body("name", equalTo("Anna"))
                .body("version", equalTo(0));
    }

    @Test
    void leadsSortByTheClientsNameEitherWay() {
        Roster roster = Roster.newTenant();
        String vera = lead(roster, "Vera", "+7 916 000-00-01");
        String anna = lead(roster, "Anna", "+7 916 000-00-02");
        String boris = lead(roster, "Boris", "+7 916 000-00-03");
        assertThat(leadIds(roster, "sort=clientName")).containsExactly(anna, boris, vera);
        assertThat(leadIds(roster, "sort=-clientName&size=2")).containsExactly(vera, boris);
        assertThat(leadIds(roster, "")).containsExactly(boris, anna, vera); // newest first
        roster.asHead()
                .queryParam("sort", "phone")
                .get("/api/v1/leads")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("sort"));
    }

    private static String lead(Roster roster, String name, String phone) {
        return roster.asHead()
                .body(Map.of("source", "website", "clientName", name, "phone", phone))
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static List<String> leadIds(Roster roster, String query) {
        return roster.asHead()
                .get("/api/v1/leads" + (query.isEmpty() ? "" : "?" + query))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class);
    }

    private static String client(Roster roster, String name, String phone, String email) {
        List<Map<String, String>> contacts = new java.util.ArrayList<>();
        if (phone != null) {
            contacts.add(Map.of("kind", "PHONE", "value", phone));
        }
        if (email != null) {
            contacts.add(Map.of("kind", "EMAIL", "value", email));
        }
        return roster.asHead()
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "PERSON", "name", name, "contacts", contacts))
                .post("/api/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static JsonPath list(Roster roster, String query) {
        return roster.asHead()
                .get("/api/v1/clients" + (query.isEmpty() ? "" : "?" + query))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<String> ids(Roster roster, String query) {
        return list(roster, query).getList("items.id", String.class);
    }
}
