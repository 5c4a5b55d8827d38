package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What importing a CRM's history needs of lead-service, as an integrator sends it: a card's later states by
 * reference without repeating its contacts, contact attempts in time order around the lead's close, and a dismissal
 * in the past whose card transfer happens at the dismissal's business time.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LeadHistoryImportTest {

    private static final String LEAD = "/api/v1/leads/by-ref/amocrm/";

    @Test
    void aLaterStateThatLeavesOutPhoneAndEmailKeepsTheLeadsContactsAndAppliesTheRest() {
        Roster roster = Roster.newTenant();
        as(roster)
                .body("{\"source\":\"website\",\"clientName\":\"Anna\",\"phone\":\"+7 912 820-00-01\","
                        + "\"email\":\"anna@example.com\",\"comment\":\"from the form\","
                        + "\"occurredAt\":\"2025-01-10T10:00:00Z\"}")
                .when()
                .put(LEAD + "k1")
                .then()
                .statusCode(201);
        String later = "{\"source\":\"website\",\"status\":\"IN_WORK\",\"occurredAt\":\"2025-01-11T10:00:00Z\"}";

        as(roster)
                .body(later)
                .when()
                .put(LEAD + "k1")
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_WORK"))
                .body("clientName", equalTo("Anna"))
                .body("phone", equalTo("+7 912 820-00-01"))
                .body("email", equalTo("anna@example.com"))
                .body("comment", equalTo("from the form"));
        Map<String, Long> afterIt = Tables.of(roster.tenant);
        as(roster).body(later).when().put(LEAD + "k1").then().statusCode(200);

        assertThat(Tables.of(roster.tenant)).isEqualTo(afterIt);
        assertThat(OutboxRows.types(roster.tenant))
                .containsExactly(
                        "salespulse.lead.client-created", "salespulse.lead.created", "salespulse.lead.status-changed");
    }

    @Test
    void aLaterStateWithAnEmptyEmailRemovesItWhileThePhoneStays() {
        Roster roster = Roster.newTenant();
        as(roster)
                .body("{\"source\":\"website\",\"phone\":\"+7 912 820-00-02\",\"email\":\"boris@example.com\","
                        + "\"occurredAt\":\"2025-01-10T10:00:00Z\"}")
                .when()
                .put(LEAD + "k2")
                .then()
                .statusCode(201);

        as(roster)
                .body("{\"source\":\"website\",\"email\":\"\",\"occurredAt\":\"2025-01-11T10:00:00Z\"}")
                .when()
                .put(LEAD + "k2")
                .then()
                .statusCode(200)
                .body("phone", equalTo("+7 912 820-00-02"))
                .body("email", equalTo(null));
        JsonNode updated =
                OutboxRows.last(roster.tenant, "salespulse.lead.updated").get("data");
        assertThat(updated.get("before").get("email").asText()).isEqualTo("boris@example.com");
        assertThat(updated.get("after").get("email").isNull()).isTrue();
    }

    @Test
    void aNewLeadStateWithoutPhoneOrEmailIsRefusedNamingContactAndWritesNothing() {
        Roster roster = Roster.newTenant();

        refused(
                roster,
                400,
                () -> as(roster)
                        .body("{\"source\":\"website\",\"clientName\":\"Vera\","
                                + "\"occurredAt\":\"2025-01-10T10:00:00Z\"}")
                        .when()
                        .put(LEAD + "k3")
                        .then(),
                "contact");
        as(roster).when().get(LEAD + "k3").then().statusCode(404);
    }

    @Test
    void anAttemptDatedBeforeTheLeadsRejectionIsAStaleChangeAndOneAfterItIsRefusedForAClosedLead() {
        Roster roster = Roster.newTenant();
        as(roster)
                .body("{\"source\":\"website\",\"phone\":\"+7 912 820-00-04\","
                        + "\"occurredAt\":\"2025-01-10T10:00:00Z\"}")
                .when()
                .put(LEAD + "k4")
                .then()
                .statusCode(201);
        String attempt = "{\"leadRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"k4\"},\"outcome\":\"NO_ANSWER\","
                + "\"occurredAt\":\"%s\"}";
        // in time order: an attempt, then the rejection
        as(roster)
                .body(attempt.formatted("2025-01-11T10:00:00Z"))
                .when()
                .put("/api/v1/contact-attempts/by-ref/amocrm/call-1")
                .then()
                .statusCode(201);
        as(roster)
                .body("{\"source\":\"website\",\"status\":\"REJECTED\",\"rejectionReason\":\"no_budget\","
                        + "\"occurredAt\":\"2025-01-13T10:00:00Z\"}")
                .when()
                .put(LEAD + "k4")
                .then()
                .statusCode(200);

        refused(
                roster,
                409,
                () -> as(roster)
                        .body(attempt.formatted("2025-01-12T10:00:00Z"))
                        .when()
                        .put("/api/v1/contact-attempts/by-ref/amocrm/call-2")
                        .then()
                        .body("type", equalTo("urn:salespulse:problem:stale-change"))
                        .body(
                                "detail",
                                allOf(containsString("2025-01-12T10:00:00Z"), containsString("2025-01-13T10:00:00Z"))),
                "occurredAt");
        Map<String, Long> before = Tables.of(roster.tenant);
        as(roster)
                .body(attempt.formatted("2025-01-14T10:00:00Z"))
                .when()
                .put("/api/v1/contact-attempts/by-ref/amocrm/call-3")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:salespulse:problem:conflict"))
                .body("detail", containsString("contact attempts are for open leads"));
        assertThat(Tables.of(roster.tenant)).isEqualTo(before);
        // the attempt sent again in time order's place is still answered as recorded
        as(roster)
                .body(attempt.formatted("2025-01-11T10:00:00Z"))
                .when()
                .put("/api/v1/contact-attempts/by-ref/amocrm/call-1")
                .then()
                .statusCode(200);
    }

    @Test
    void aDismissalInThePastStartsItsCardTransferAtTheDismissalsBusinessTime() {
        PastDismissal past = PastDismissal.of();

        JsonNode started = OutboxRows.last(past.roster.tenant, "salespulse.roster.card-transfer-started");
        assertThat(started.get("data").get("startedAt").asText()).isEqualTo("2024-06-01T09:00:00Z");
        past.roster
                .asHead()
                .when()
                .get("/api/v1/transfers/" + past.transferId)
                .then()
                .statusCode(200)
                .body("startedAt", equalTo("2024-06-01T09:00:00Z"))
                .body("items.toManagerId", equalTo(List.of(past.taker, past.taker)));
    }

    @Test
    void aLeadUnchangedSinceThePastDismissalIsHandedOverAtTheDismissalsTime() {
        PastDismissal past = PastDismissal.of();

        assertThat(assignedAt(past.roster, past.quiet)).isEqualTo("2024-06-01T09:00:00Z");
        past.roster
                .asHead()
                .when()
                .get("/api/v1/leads/" + past.quiet)
                .then()
                .body("managerId", equalTo(past.taker))
                .body("assignedAt", equalTo("2024-06-01T09:00:00Z"));
    }

    @Test
    void aLeadChangedAfterThePastDismissalMovesAtItsOwnLastChangeNeverBackInTime() {
        PastDismissal past = PastDismissal.of();

        assertThat(assignedAt(past.roster, past.busy)).isEqualTo("2024-07-01T10:00:00Z");
        assertThat(OutboxRows.last(past.roster.tenant, "salespulse.roster.lead-cards-transferred")
                        .get("data")
                        .get("completedAt")
                        .asText())
                .isEqualTo("2024-07-01T10:00:00Z");
    }

    @Test
    void aTransferredLeadsHistoryContinuesAfterThePastDismissalInTimeOrder() {
        PastDismissal past = PastDismissal.of();

        as(past.roster)
                .body("{\"source\":\"website\",\"status\":\"IN_WORK\",\"occurredAt\":\"2024-06-02T09:00:00Z\"}")
                .when()
                .put(LEAD + "k5")
                .then()
                .statusCode(200);
    }

    /**
     * Two managers hired in 2024 by reference; two leads of the leaving one, the busy one changed again after the
     * dismissal; the leaving manager dismissed on 2024-06-01 09:00 with the cards to the taker.
     */
    private record PastDismissal(Roster roster, String taker, String quiet, String busy, String transferId) {

        static PastDismissal of() {
            Roster roster = Roster.newTenant();
            String manager = "{\"name\":\"%s\",\"capacity\":10,\"shifts\":[],\"occurredAt\":\"2024-01-01T08:00:00Z\"}";
            String leaving = as(roster)
                    .body(manager.formatted("Leaving Lena"))
                    .when()
                    .put("/api/v1/managers/by-ref/amocrm/u-leaving")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            String taker = as(roster)
                    .body(manager.formatted("Taking Tanya"))
                    .when()
                    .put("/api/v1/managers/by-ref/amocrm/u-taker")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            String lead =
                    "{\"source\":\"website\",\"phone\":\"%s\",\"status\":\"%s\",\"managerRef\":{\"externalSystem\":"
                            + "\"amocrm\",\"externalId\":\"u-leaving\"},\"occurredAt\":\"%s\"}";
            String quiet = as(roster)
                    .body(lead.formatted("+7 912 820-00-05", "NEW", "2024-02-01T10:00:00Z"))
                    .when()
                    .put(LEAD + "k5")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            String busy = as(roster)
                    .body(lead.formatted("+7 912 820-00-06", "NEW", "2024-02-01T10:00:00Z"))
                    .when()
                    .put(LEAD + "k6")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            // this one's history goes on past the dismissal: it moves at its own last change, never back in time
            as(roster)
                    .body(lead.formatted("+7 912 820-00-06", "IN_WORK", "2024-07-01T10:00:00Z"))
                    .when()
                    .put(LEAD + "k6")
                    .then()
                    .statusCode(200);
            String transferId = roster.asHead()
                    .body("{\"cards\":\"TRANSFER_TO_NAMED\",\"toManagerIds\":[\"" + taker
                            + "\"],\"occurredAt\":\"2024-06-01T09:00:00Z\"}")
                    .when()
                    .post("/api/v1/managers/" + leaving + "/dismissal")
                    .then()
                    .statusCode(200)
                    .body("manager.dismissedAt", equalTo("2024-06-01T09:00:00Z"))
                    .extract()
                    .path("transferId");
            return new PastDismissal(roster, taker, quiet, busy, transferId);
        }
    }

    private static String assignedAt(Roster roster, String leadId) {
        return OutboxRows.of(roster.tenant).stream()
                .filter(e -> e.get("type").asText().equals("salespulse.lead.assigned"))
                .map(e -> e.get("data"))
                .filter(d -> d.get("leadId").asText().equals(leadId)
                        && !d.get("transferId").isNull())
                .findFirst()
                .orElseThrow()
                .get("assignedAt")
                .asText();
    }

    private static RequestSpecification as(Roster roster) {
        return given().auth().oauth2(TestTokens.integrator(roster.tenant)).contentType(ContentType.JSON);
    }

    /** A problem with this status naming {@code field}, and every table of the tenant as it was. */
    private static void refused(Roster roster, int status, Supplier<ValidatableResponse> request, String field) {
        Map<String, Long> before = Tables.of(roster.tenant);
        request.get()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem(field));
        assertThat(Tables.of(roster.tenant)).isEqualTo(before);
    }
}
