package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Integrators name managers, teams, clients and leads by their own references: PUT by reference creates or updates
 * (the same request twice makes one entity and one event), GET by reference reads, a body links by reference, and
 * another tenant's references name nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ExternalReferenceTest {

    private static final String LEAD_42 = "/api/v1/leads/by-ref/amocrm/42";

    @Test
    void theSameLeadPutTwiceMakesOneLeadAndOneEvent() {
        Roster roster = Roster.newTenant();
        String body = "{\"source\":\"website\",\"phone\":\"+7 912 800-00-01\",\"clientName\":\"Anna\"}";

        var created = as(roster)
                .body(body)
                .when()
                .put(LEAD_42)
                .then()
                .statusCode(201)
                .body("externalSystem", equalTo("amocrm"))
                .body("externalId", equalTo("42"))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/leads/" + id);
        Map<String, Long> afterFirst = Tables.of(roster.tenant);
        as(roster)
                .body(body)
                .when()
                .put(LEAD_42)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("version", equalTo(0));

        assertThat(Tables.of(roster.tenant)).isEqualTo(afterFirst);
        assertThat(afterFirst.get("lead")).isEqualTo(1);
        assertThat(OutboxRows.types(roster.tenant))
                .containsExactly("salespulse.lead.client-created", "salespulse.lead.created");
    }

    @Test
    void aPutThatChangesTheLeadEmitsExactlyTheChangedEventsAtItsBusinessTime() {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 10, Roster.everyDay("00:00", "23:59"));
        String boris = roster.hire("Boris", 10, Roster.everyDay("00:00", "23:59"));
        as(roster)
                .body(state("\"managerId\":\"" + anna + "\",\"occurredAt\":\"2025-03-01T09:00:00Z\""))
                .when()
                .put(LEAD_42)
                .then()
                .statusCode(201)
                .body("createdAt", equalTo("2025-03-01T09:00:00Z"));
        int before = OutboxRows.types(roster.tenant).size();

        as(roster)
                .body(state("\"managerId\":\"" + boris + "\",\"status\":\"QUALIFIED\",\"comment\":\"wants two\","
                        + "\"occurredAt\":\"2025-03-02T10:00:00Z\""))
                .when()
                .put(LEAD_42)
                .then()
                .statusCode(200)
                .body("managerId", equalTo(boris))
                .body("status", equalTo("QUALIFIED"))
                .body("comment", equalTo("wants two"))
                .body("lastChangedAt", equalTo("2025-03-02T10:00:00Z"));

        List<JsonNode> events = OutboxRows.of(roster.tenant)
                .subList(before, OutboxRows.of(roster.tenant).size());
        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly(
                        "salespulse.lead.updated",
                        "salespulse.lead.assigned",
                        "salespulse.lead.status-changed",
                        "salespulse.lead.status-changed");
        assertThat(events.get(0).get("data").get("updatedAt").asText()).isEqualTo("2025-03-02T10:00:00Z");
        assertThat(events.get(1).get("data").get("assignedAt").asText()).isEqualTo("2025-03-02T10:00:00Z");
        assertThat(events.get(3).get("data").get("statusAfter").asText()).isEqualTo("QUALIFIED");
        for (JsonNode event : events) {
            assertThat(event.get("data").get("externalSystem").asText()).isEqualTo("amocrm");
            assertThat(event.get("data").get("externalId").asText()).isEqualTo("42");
            // the CloudEvent time is when it was recorded, not the business time
            assertThat(event.get("time").asText()).doesNotStartWith("2025-03-02");
        }
    }

    @Test
    void aDryRunAnswersAsTheRealCallAndWritesNothing() {
        Roster roster = Roster.newTenant();
        Map<String, Long> before = Tables.of(roster.tenant);

        as(roster)
                .queryParam("dryRun", "true")
                .body(state("\"status\":\"REJECTED\",\"rejectionReason\":\"junk\""))
                .when()
                .put(LEAD_42)
                .then()
                .statusCode(201)
                .body("status", equalTo("REJECTED"));
        as(roster)
                .queryParam("dryRun", "true")
                .body("{\"name\":\"Inbound\"}")
                .when()
                .put("/api/v1/teams/by-ref/amocrm/t1")
                .then()
                .statusCode(201)
                .body("name", equalTo("Inbound"));
        as(roster)
                .queryParam("dryRun", "true")
                .body("{\"name\":\"Vera\",\"capacity\":5,\"shifts\":[]}")
                .when()
                .put("/api/v1/managers/by-ref/amocrm/u1")
                .then()
                .statusCode(201)
                .body("name", equalTo("Vera"));
        as(roster)
                .queryParam("dryRun", "true")
                .body("{\"kind\":\"PERSON\",\"name\":\"Ivan\"}")
                .when()
                .put("/api/v1/clients/by-ref/amocrm/c1")
                .then()
                .statusCode(201)
                .body("name", equalTo("Ivan"));
        as(roster)
                .queryParam("dryRun", "true")
                .body(state("\"status\":\"REJECTED\""))
                .when()
                .put(LEAD_42)
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("rejectionReason"));

        assertThat(Tables.of(roster.tenant)).isEqualTo(before);
        as(roster).when().get(LEAD_42).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void rosterAndClientsUpsertedTwiceByReferenceEmitOneEventPerRealChange() {
        UpsertedByRef upserted = UpsertedByRef.of();

        assertThat(OutboxRows.types(upserted.roster.tenant))
                .containsExactly(
                        "salespulse.roster.team-created",
                        "salespulse.roster.manager-hired",
                        "salespulse.roster.manager-updated",
                        "salespulse.lead.client-created");
    }

    @Test
    void aKnownClientPutByReferenceIsEditedOnceAndContactsLeftOutAreKept() {
        Roster roster = Roster.newTenant();
        String path = "/api/v1/clients/by-ref/amocrm/c9";
        String id = as(roster)
                .body("{\"kind\":\"PERSON\",\"name\":\"Anna Petrova\","
                        + "\"contacts\":[{\"kind\":\"PHONE\",\"value\":\"+7 912 345-67-89\"}]}")
                .when()
                .put(path)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // renamed and made a company, contacts left out: kept; the same state again: nothing new
        for (int status : new int[] {200, 200}) {
            as(roster)
                    .body("{\"kind\":\"COMPANY\",\"name\":\"Petrova & Partners\"}")
                    .when()
                    .put(path)
                    .then()
                    .statusCode(status)
                    .body("id", equalTo(id))
                    .body("name", equalTo("Petrova & Partners"))
                    .body("kind", equalTo("COMPANY"))
                    .body("contacts.value", equalTo(List.of("+79123456789")));
        }
        // contacts given replace the client's
        as(roster)
                .body("{\"kind\":\"COMPANY\",\"name\":\"Petrova & Partners\","
                        + "\"contacts\":[{\"kind\":\"EMAIL\",\"value\":\"Office@Petrova.example\"}]}")
                .when()
                .put(path)
                .then()
                .statusCode(200)
                .body("contacts.value", equalTo(List.of("office@petrova.example")));

        assertThat(OutboxRows.types(roster.tenant))
                .containsExactly(
                        "salespulse.lead.client-created",
                        "salespulse.lead.client-updated",
                        "salespulse.lead.client-updated");
    }

    @Test
    void aManagerHiredByReferenceCarriesItInTheEventAndIsUpdatedAtTheChangesBusinessTime() {
        UpsertedByRef upserted = UpsertedByRef.of();

        JsonNode hired = OutboxRows.last(upserted.roster.tenant, "salespulse.roster.manager-hired")
                .get("data");
        assertThat(hired.get("externalSystem").asText()).isEqualTo("amocrm");
        assertThat(hired.get("externalId").asText()).isEqualTo("u7");
        assertThat(OutboxRows.last(upserted.roster.tenant, "salespulse.roster.manager-updated")
                        .get("data")
                        .get("updatedAt")
                        .asText())
                .isEqualTo("2024-03-01T08:00:00Z");
    }

    @Test
    void managersTeamsAndClientsAreReadByReferenceAndAnUnknownOneIs404() {
        UpsertedByRef upserted = UpsertedByRef.of();
        Roster roster = upserted.roster;

        as(roster)
                .when()
                .get("/api/v1/managers/by-ref/amocrm/u7")
                .then()
                .statusCode(200)
                .body("id", equalTo(upserted.vera));
        as(roster)
                .when()
                .get("/api/v1/teams/by-ref/amocrm/t1")
                .then()
                .statusCode(200)
                .body("id", equalTo(upserted.team));
        as(roster)
                .when()
                .get("/api/v1/clients/by-ref/amocrm/c1")
                .then()
                .statusCode(200)
                .body("name", equalTo("Romashka"));
        as(roster).when().get("/api/v1/managers/by-ref/amocrm/nobody").then().statusCode(404);
    }

    /**
     * Team t1 created by reference at its business time; manager u7 hired into it by the team's reference, hired
     * again unchanged, then with a new capacity a month later; client c1 put twice.
     */
    private record UpsertedByRef(Roster roster, String team, String vera) {

        static UpsertedByRef of() {
            Roster roster = Roster.newTenant();
            String team = as(roster)
                    .body("{\"name\":\"Inbound\",\"occurredAt\":\"2024-01-10T08:00:00Z\"}")
                    .when()
                    .put("/api/v1/teams/by-ref/amocrm/t1")
                    .then()
                    .statusCode(201)
                    .body("createdAt", equalTo("2024-01-10T08:00:00Z"))
                    .extract()
                    .path("id");
            String hire = "{\"name\":\"Vera\",\"capacity\":5,\"shifts\":[],\"teamRef\":{\"externalSystem\":\"amocrm\","
                    + "\"externalId\":\"t1\"},\"occurredAt\":\"2024-02-01T08:00:00Z\"}";
            String vera = as(roster)
                    .body(hire)
                    .when()
                    .put("/api/v1/managers/by-ref/amocrm/u7")
                    .then()
                    .statusCode(201)
                    .body("teamId", equalTo(team))
                    .body("hiredAt", equalTo("2024-02-01T08:00:00Z"))
                    .extract()
                    .path("id");
            as(roster)
                    .body(hire)
                    .when()
                    .put("/api/v1/managers/by-ref/amocrm/u7")
                    .then()
                    .statusCode(200);
            as(roster)
                    .body(hire.replace("\"capacity\":5", "\"capacity\":9").replace("2024-02-01", "2024-03-01"))
                    .when()
                    .put("/api/v1/managers/by-ref/amocrm/u7")
                    .then()
                    .statusCode(200)
                    .body("capacity", equalTo(9));
            as(roster)
                    .body("{\"kind\":\"COMPANY\",\"name\":\"Romashka\"}")
                    .when()
                    .put("/api/v1/clients/by-ref/amocrm/c1")
                    .then()
                    .statusCode(201);
            as(roster)
                    .body("{\"kind\":\"COMPANY\",\"name\":\"Romashka\"}")
                    .when()
                    .put("/api/v1/clients/by-ref/amocrm/c1")
                    .then()
                    .statusCode(200);
            return new UpsertedByRef(roster, team, vera);
        }
    }

    @Test
    void aLeadIsLinkedToItsManagerAndClientByReference() {
        Roster roster = Roster.newTenant();
        String vera = as(roster)
                .body("{\"name\":\"Vera\",\"capacity\":5,\"shifts\":[]}")
                .when()
                .put("/api/v1/managers/by-ref/bitrix24/u1")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String client = as(roster)
                .body("{\"kind\":\"PERSON\",\"name\":\"Ivan\"}")
                .when()
                .put("/api/v1/clients/by-ref/bitrix24/c1")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        as(roster)
                .body("{\"source\":\"call\",\"phone\":\"+7 912 800-00-09\",\"managerRef\":{\"externalSystem\":"
                        + "\"bitrix24\",\"externalId\":\"u1\"},\"clientRef\":{\"externalSystem\":\"bitrix24\",\"externalId\":"
                        + "\"c1\"}}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("managerId", equalTo(vera))
                .body("clientId", equalTo(client));
    }

    @Test
    void aRefNamingNothingOrGivenBesideTheIdIsRefusedNamingTheRefAndWritesNothing() {
        Roster roster = Roster.newTenant();
        Roster other = Roster.newTenant();
        as(other)
                .body("{\"name\":\"Foreign\",\"capacity\":5,\"shifts\":[]}")
                .when()
                .put("/api/v1/managers/by-ref/amocrm/u1")
                .then()
                .statusCode(201);
        String anna = roster.hire("Anna", 10, Roster.everyDay("00:00", "23:59"));
        Map<String, Long> before = Tables.of(roster.tenant);

        // another tenant's reference names nothing here
        as(roster)
                .body(state("\"managerRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"u1\"}"))
                .when()
                .put(LEAD_42)
                .then()
                .statusCode(400)
                .body("invalidFields.field", equalTo(List.of("managerRef.externalId")));
        as(roster)
                .body(state("\"managerId\":\"" + anna + "\",\"managerRef\":{\"externalSystem\":\"amocrm\","
                        + "\"externalId\":\"u1\"}"))
                .when()
                .put(LEAD_42)
                .then()
                .statusCode(400)
                .body("invalidFields.field", equalTo(List.of("managerRef")));
        as(roster)
                .body(state("\"externalId\":\"43\""))
                .when()
                .put(LEAD_42)
                .then()
                .statusCode(400)
                .body("invalidFields.field", equalTo(List.of("externalId")));
        as(roster).when().get("/api/v1/managers/by-ref/amocrm/u1").then().statusCode(404);

        assertThat(Tables.of(roster.tenant)).isEqualTo(before);
    }

    @Test
    void aContactAttemptWithAKnownReferenceRecordsNothingNew() {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 10, Roster.everyDay("00:00", "23:59"));
        String lead = roster.leadFor(anna, "+7 912 800-00-11");
        String attempt = "{\"outcome\":\"NO_ANSWER\",\"externalSystem\":\"amocrm\",\"externalId\":\"call-1\"}";

        String id = as(roster)
                .body(attempt)
                .when()
                .post("/api/v1/leads/" + lead + "/contact-attempts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Long> afterFirst = Tables.of(roster.tenant);
        as(roster)
                .body(attempt)
                .when()
                .post("/api/v1/leads/" + lead + "/contact-attempts")
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("externalId", equalTo("call-1"));

        assertThat(Tables.of(roster.tenant)).isEqualTo(afterFirst);
    }

    @Test
    void aContactAttemptPutByItsReferenceTwiceIsRecordedOnce() {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 10, Roster.everyDay("00:00", "23:59"));
        as(roster)
                .body(state("\"managerId\":\"" + anna + "\",\"occurredAt\":\"2025-04-01T09:00:00Z\""))
                .when()
                .put(LEAD_42)
                .then()
                .statusCode(201);
        String attempt = "{\"leadRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"42\"},\"outcome\":\"BUSY\","
                + "\"occurredAt\":\"2025-04-01T10:00:00Z\"}";

        as(roster)
                .body(attempt)
                .when()
                .put("/api/v1/contact-attempts/by-ref/amocrm/call-5")
                .then()
                .statusCode(201)
                .body("attemptedAt", equalTo("2025-04-01T10:00:00Z"))
                .body("externalId", equalTo("call-5"));
        Map<String, Long> afterFirst = Tables.of(roster.tenant);
        as(roster)
                .body(attempt)
                .when()
                .put("/api/v1/contact-attempts/by-ref/amocrm/call-5")
                .then()
                .statusCode(200);

        assertThat(Tables.of(roster.tenant)).isEqualTo(afterFirst);
        assertThat(afterFirst.get("contact_attempt")).isEqualTo(1);
        JsonNode attempted = OutboxRows.last(roster.tenant, "salespulse.lead.contact-attempted")
                .get("data");
        assertThat(attempted.get("attemptExternalId").asText()).isEqualTo("call-5");
        assertThat(attempted.get("externalId").asText()).isEqualTo("42");
    }

    @Test
    void aDismissalNamesItsReceiversByReference() {
        Roster roster = Roster.newTenant();
        String leaving = roster.hire("Leaving", 10, Roster.everyDay("00:00", "23:59"));
        String lead = roster.leadFor(leaving, "+7 912 800-00-21");
        String kira = as(roster)
                .body("{\"name\":\"Kira\",\"capacity\":5,\"shifts\":[]}")
                .when()
                .put("/api/v1/managers/by-ref/amocrm/kira")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Long> before = Tables.of(roster.tenant);

        roster.asHead()
                .body("{\"cards\":\"TRANSFER_TO_NAMED\",\"toManagerRefs\":[{\"externalSystem\":\"amocrm\","
                        + "\"externalId\":\"nobody\"}]}")
                .when()
                .post("/api/v1/managers/" + leaving + "/dismissal")
                .then()
                .statusCode(400)
                .body("invalidFields.field", equalTo(List.of("toManagerRefs[0].externalId")));
        assertThat(Tables.of(roster.tenant)).isEqualTo(before);

        roster.asHead()
                .body("{\"cards\":\"TRANSFER_TO_NAMED\",\"toManagerRefs\":[{\"externalSystem\":\"amocrm\","
                        + "\"externalId\":\"kira\"}]}")
                .when()
                .post("/api/v1/managers/" + leaving + "/dismissal")
                .then()
                .statusCode(200);
        assertThat(roster.managerOf(lead)).isEqualTo(kira);
    }

    private static RequestSpecification as(Roster roster) {
        return given().auth().oauth2(TestTokens.integrator(roster.tenant)).contentType(ContentType.JSON);
    }

    private static String state(String more) {
        return "{\"source\":\"website\",\"phone\":\"+7 912 800-00-02\"," + more + "}";
    }
}
