package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asIntegrator;
import static com.salespulse.deal.DealTestKit.asManager;
import static com.salespulse.deal.LeadEvents.convertLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Deal owners, task assignees, reassignment targets, plan owners and the manager of a touch are managers of the
 * caller's tenant, as deal-service's roster replica knows them; teams likewise. Anything else is a 400 naming the
 * field, and nothing is written.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RosterReferencesTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void refusesDealForAManagerNotOnTheRosterAndWritesNothing() {
        String tenant = TestTenants.fresh();
        UUID client = UUID.randomUUID();
        convertLead(kafka, tenant, client, RosterEvents.hire(kafka, tenant));

        assertRefusedAndNothingWritten(
                tenant,
                "managerId",
                "names no manager of this tenant",
                () -> asIntegrator(tenant)
                        .body(repeatSale(client, UUID.randomUUID()))
                        .post("/api/v1/deals"));
    }

    @Test
    void refusesDealForAManagerOfAnotherTenantAndWritesNothing() {
        String tenant = TestTenants.fresh();
        UUID client = UUID.randomUUID();
        convertLead(kafka, tenant, client, RosterEvents.hire(kafka, tenant));
        UUID elsewhere = RosterEvents.hire(kafka, TestTenants.fresh());

        assertRefusedAndNothingWritten(
                tenant,
                "managerId",
                "names no manager of this tenant",
                () -> asIntegrator(tenant).body(repeatSale(client, elsewhere)).post("/api/v1/deals"));
    }

    @Test
    void refusesAnythingNewForADismissedManagerAndWritesNothing() {
        String tenant = TestTenants.fresh();
        UUID client = UUID.randomUUID();
        UUID leaving = RosterEvents.hire(kafka, tenant);
        String deal = convertLead(kafka, tenant, client, leaving);
        asHead(tenant)
                .body(Map.of("currency", "RUB"))
                .put("/api/v1/currency/base")
                .then()
                .statusCode(200);
        RosterEvents.dismiss(kafka, tenant, leaving);

        assertRefusedAndNothingWritten(
                tenant,
                "managerId",
                "dismissed",
                () -> asIntegrator(tenant).body(repeatSale(client, leaving)).post("/api/v1/deals"));
        assertRefusedAndNothingWritten(
                tenant,
                "assigneeId",
                "dismissed",
                () -> asHead(tenant).body(task(deal, leaving)).post("/api/v1/tasks"));
        assertRefusedAndNothingWritten(
                tenant,
                "managerId",
                "dismissed",
                () -> asManager(tenant, leaving).body(repeatSale(client, null)).post("/api/v1/deals"));
        assertRefusedAndNothingWritten(
                tenant,
                "managerId",
                "dismissed",
                () -> asHead(tenant)
                        .body(Map.of("amount", 1000, "dealCount", 1))
                        .put("/api/v1/plans/2026-12/managers/" + leaving));
    }

    @Test
    void refusesTaskForAnAssigneeNotOnTheRosterAndWritesNothing() {
        String tenant = TestTenants.fresh();
        String deal = convertLead(kafka, tenant, UUID.randomUUID(), RosterEvents.hire(kafka, tenant));

        assertRefusedAndNothingWritten(
                tenant,
                "assigneeId",
                "names no manager of this tenant",
                () -> asHead(tenant).body(task(deal, UUID.randomUUID())).post("/api/v1/tasks"));
        assertRefusedAndNothingWritten(
                tenant,
                "assigneeId",
                "names no manager of this tenant",
                () -> asHead(tenant).body(task(deal, new UUID(0, 0))).post("/api/v1/tasks"));
    }

    @Test
    void refusesReassigningADealToAManagerNotOnTheRosterAndWritesNothing() {
        String tenant = TestTenants.fresh();
        UUID owner = RosterEvents.hire(kafka, tenant);
        String deal = convertLead(kafka, tenant, UUID.randomUUID(), owner);

        assertRefusedAndNothingWritten(
                tenant,
                "managerId",
                "names no manager of this tenant",
                () -> asHead(tenant)
                        .body(Map.of("managerId", UUID.randomUUID().toString()))
                        .post("/api/v1/deals/" + deal + "/reassign"));
        UUID colleague = RosterEvents.hire(kafka, tenant);
        asHead(tenant)
                .body(Map.of("managerId", colleague.toString()))
                .post("/api/v1/deals/" + deal + "/reassign")
                .then()
                .statusCode(200)
                .body("managerId", equalTo(colleague.toString()));
    }

    @Test
    void refusesPlansForAManagerOrTeamNotOnTheRosterAndWritesNothing() {
        String tenant = TestTenants.fresh();
        asHead(tenant)
                .body(Map.of("currency", "RUB"))
                .put("/api/v1/currency/base")
                .then()
                .statusCode(200);
        UUID foreignTeam = RosterEvents.createTeam(kafka, TestTenants.fresh());
        Map<String, Object> target = Map.of("amount", 1000, "dealCount", 1);

        assertRefusedAndNothingWritten(
                tenant,
                "managerId",
                "names no manager of this tenant",
                () -> asHead(tenant).body(target).put("/api/v1/plans/2026-12/managers/" + UUID.randomUUID()));
        assertRefusedAndNothingWritten(
                tenant,
                "teamId",
                "names no team of this tenant",
                () -> asHead(tenant).body(target).put("/api/v1/plans/2026-12/teams/" + foreignTeam));
        UUID team = RosterEvents.createTeam(kafka, tenant);
        asHead(tenant)
                .body(target)
                .put("/api/v1/plans/2026-12/teams/" + team)
                .then()
                .statusCode(200);
    }

    @Test
    void refusesATouchByAManagerNotOnTheRosterButKeepsOneMadeBeforeTheManagerLeft() {
        String tenant = TestTenants.fresh();
        UUID owner = RosterEvents.hire(kafka, tenant);
        String deal = convertLead(kafka, tenant, UUID.randomUUID(), owner);

        assertRefusedAndNothingWritten(
                tenant,
                "managerId",
                "names no manager of this tenant",
                () -> asHead(tenant).body(touch(deal, UUID.randomUUID(), null)).post("/api/v1/activities"));
        // after the deal opened (a touch is not before its card began), before the manager left
        Instant before = Instant.now();
        RosterEvents.dismiss(kafka, tenant, owner);
        assertRefusedAndNothingWritten(
                tenant,
                "managerId",
                "dismissed before the touch",
                () -> asHead(tenant).body(touch(deal, owner, null)).post("/api/v1/activities"));
        asHead(tenant)
                .body(touch(deal, owner, before))
                .post("/api/v1/activities")
                .then()
                .statusCode(201);
    }

    @Test
    void refusesADealForAClientOfAnotherTenantOrAnUnknownReferrerAndWritesNothing() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID ownClient = UUID.randomUUID();
        convertLead(kafka, tenant, ownClient, manager);
        String other = TestTenants.fresh();
        UUID foreignClient = UUID.randomUUID();
        convertLead(kafka, other, foreignClient, RosterEvents.hire(kafka, other));

        assertRefusedAndNothingWritten(
                tenant,
                "clientId",
                "names no client of this tenant",
                () -> asIntegrator(tenant)
                        .body(repeatSale(foreignClient, manager))
                        .post("/api/v1/deals"));
        Map<String, Object> referred = new HashMap<>(repeatSale(ownClient, manager));
        referred.put("referredByClientId", foreignClient.toString());
        assertRefusedAndNothingWritten(
                tenant,
                "referredByClientId",
                "names no client of this tenant",
                () -> asIntegrator(tenant).body(referred).post("/api/v1/deals"));
    }

    @Test
    void refusesATaskOrTouchOnALeadThisTenantDoesNotHaveAndWritesNothing() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID foreignLead = LeadEvents.leadTakenIn(kafka, TestTenants.fresh());
        Map<String, Object> touch = new HashMap<>(Map.of(
                "cardType",
                "LEAD",
                "cardId",
                foreignLead.toString(),
                "type",
                "CALL",
                "direction",
                "OUTBOUND",
                "outcome",
                "reached",
                "managerId",
                manager.toString()));
        Map<String, Object> task = new HashMap<>(task(UUID.randomUUID().toString(), manager));
        task.put("cardType", "LEAD");

        assertRefusedAndNothingWritten(
                tenant,
                "cardId",
                "names no lead of this tenant",
                () -> asHead(tenant).body(task).post("/api/v1/tasks"));
        task.put("cardId", foreignLead.toString());
        assertRefusedAndNothingWritten(
                tenant,
                "cardId",
                "names no lead of this tenant",
                () -> asHead(tenant).body(task).post("/api/v1/tasks"));
        assertRefusedAndNothingWritten(
                tenant,
                "cardId",
                "names no lead of this tenant",
                () -> asHead(tenant).body(touch).post("/api/v1/activities"));
        task.put("cardId", LeadEvents.leadTakenIn(kafka, tenant).toString());
        asHead(tenant).body(task).post("/api/v1/tasks").then().statusCode(201);
    }

    @Test
    void aManagerHiredAgainUnderANewEventIdIsStillOneManagerOnTheRoster() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        RosterEvents.hire(kafka, tenant, manager);

        assertThat(TenantRows.of(tenant).get("roster_manager")).isEqualTo(1);
    }

    static void assertRefusedAndNothingWritten(
            String tenant, String field, String message, Supplier<Response> request) {
        Map<String, Integer> before = TenantRows.of(tenant);
        request.get()
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem(field))
                .body("invalidFields.find { it.field == '" + field + "' }.message", containsString(message));
        assertThat(TenantRows.of(tenant)).isEqualTo(before);
    }

    private static Map<String, Object> repeatSale(UUID client, UUID manager) {
        Map<String, Object> body = new HashMap<>(
                Map.of("clientId", client.toString(), "amount", 10000, "currency", "RUB", "source", "repeat"));
        if (manager != null) {
            body.put("managerId", manager.toString());
        }
        return body;
    }

    private static Map<String, Object> task(String deal, UUID assignee) {
        return Map.of(
                "cardType",
                "DEAL",
                "cardId",
                deal,
                "type",
                "CALL",
                "title",
                "call back",
                "assigneeId",
                assignee.toString(),
                "dueAt",
                Instant.now().plus(1, ChronoUnit.DAYS).toString());
    }

    private static Map<String, Object> touch(String deal, UUID manager, Instant occurredAt) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "cardType",
                "DEAL",
                "cardId",
                deal,
                "type",
                "CALL",
                "direction",
                "OUTBOUND",
                "outcome",
                "reached",
                "managerId",
                manager.toString()));
        if (occurredAt != null) {
            body.put("occurredAt", occurredAt.toString());
        }
        return body;
    }
}
