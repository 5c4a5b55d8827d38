package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asIntegrator;
import static com.salespulse.testsupport.hostile.HostileInput.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.contract.Topics;
import com.salespulse.contract.roster.CardTransferStarted;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.roles.RoleMatrix;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every documented operation refuses no token, an expired one, and each role it does not declare; and one with an id
 * in its path answers another tenant's tokens on this tenant's deal, task, touch, pipeline, product, plan or transfer
 * 404 (403 for a role it does not declare), changing nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RoleMatrixTest {

    private static final String UPSERT = "an upsert by reference: the reference is looked up in the caller's own "
            + "tenant, so tenant B's call writes B's own record and cannot reach A's "
            + "(aPutByAnotherTenantOnTheSameReferenceWritesItsOwnAndLeavesThisTenantsAlone)";

    @InjectKafka
    KafkaCompanion kafka;

    @TestFactory
    Stream<DynamicNode> everyOperationRefusesTheRolesItDoesNotDeclare() {
        return RoleMatrix.ofThisService()
                .otherTenantOn(fixtures())
                .otherTenantBody("PATCH /api/v1/deals/{id}", json("version", 0, "amount", 24000, "currency", "RUB"))
                .otherTenantBody(
                        "POST /api/v1/deals/{id}/stage",
                        json("stageId", UUID.randomUUID().toString()))
                .otherTenantBody("POST /api/v1/deals/{id}/lose", json("reasonCode", "PRICE"))
                .otherTenantBody("POST /api/v1/deals/{id}/archive", json("reason", "client froze the budget"))
                .otherTenantBody("POST /api/v1/deals/{id}/restore", json("reason", "budget is back"))
                .otherTenantBody(
                        "POST /api/v1/deals/{id}/reopen",
                        json("stageId", UUID.randomUUID().toString()))
                .otherTenantBody(
                        "POST /api/v1/deals/{id}/reassign",
                        json("managerId", UUID.randomUUID().toString()))
                .otherTenantBody(
                        "PUT /api/v1/pipelines/{id}",
                        json(
                                "name",
                                "Enterprise",
                                "version",
                                0,
                                "stages",
                                List.of(
                                        Map.of("name", "Intro", "probability", 20, "kind", "OPEN"),
                                        Map.of("name", "Signed", "probability", 100, "kind", "WON"),
                                        Map.of("name", "Dropped", "probability", 0, "kind", "LOST"))))
                .otherTenantBody("PUT /api/v1/products/{id}", productBody())
                .otherTenantBody("POST /api/v1/tasks/{id}/reschedule", json("dueAt", "2026-12-21T10:00:00Z"))
                .otherTenantBody("POST /api/v1/tasks/{id}/complete", json("outcome", "agreed to sign"))
                .otherTenantBody("POST /api/v1/tasks/{id}/cancel", json("reason", "lead went cold"))
                .withoutOtherTenantFixture("PUT /api/v1/deals/by-ref/{externalSystem}/{externalId}", UPSERT)
                .withoutOtherTenantFixture("PUT /api/v1/tasks/by-ref/{externalSystem}/{externalId}", UPSERT)
                .withoutOtherTenantFixture("PUT /api/v1/activities/by-ref/{externalSystem}/{externalId}", UPSERT)
                .withoutOtherTenantFixture("PUT /api/v1/pipelines/by-ref/{externalSystem}/{externalId}", UPSERT)
                .withoutOtherTenantFixture("PUT /api/v1/products/by-ref/{externalSystem}/{externalId}", UPSERT)
                .withoutOtherTenantFixture("PUT /api/v1/plans/by-ref/{externalSystem}/{externalId}", UPSERT)
                .withoutOtherTenantFixture(
                        "PUT /api/v1/plans/{month}/managers/{managerId}",
                        "the id names a manager of the roster (lead-service's), and the plan is the caller's "
                                + "own: a manager not in the caller's roster, another tenant's included, is 400 "
                                + "naming managerId, as documented")
                .withoutOtherTenantFixture(
                        "PUT /api/v1/plans/{month}/teams/{teamId}",
                        "the id names a team of the roster; as for a manager's plan, 400 naming teamId")
                .tests();
    }

    @Test
    void aPutByAnotherTenantOnTheSameReferenceWritesItsOwnAndLeavesThisTenantsAlone() {
        String tenantA = TestTenants.fresh();
        String tenantB = TestTenants.fresh();
        String ref = byRef(tenantA, "deals", dealState(tenantA));
        String before = asHead(tenantA)
                .get("/api/v1/deals/by-ref/amocrm/" + ref)
                .then()
                .statusCode(200)
                .extract()
                .asString();

        String ofB = asIntegrator(tenantB)
                .body(dealState(tenantB))
                .put("/api/v1/deals/by-ref/amocrm/" + ref)
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        assertThat(asHead(tenantA)
                        .get("/api/v1/deals/by-ref/amocrm/" + ref)
                        .then()
                        .extract()
                        .asString())
                .isEqualTo(before);
        assertThat(ofB).isNotEqualTo(JsonPath.from(before).getString("id"));
        asHead(tenantB).get("/api/v1/deals/" + ofB).then().statusCode(200);
        asHead(tenantB)
                .get("/api/v1/deals/" + JsonPath.from(before).getString("id"))
                .then()
                .statusCode(404);
    }

    /** Per path template, a creator of a real resource of the given tenant: the values of the template's ids. */
    private Map<String, Function<String, List<String>>> fixtures() {
        return Map.ofEntries(
                Map.entry("/api/v1/deals/{id}", tenant -> List.of(deal(tenant))),
                Map.entry(
                        "/api/v1/deals/by-ref/{externalSystem}/{externalId}",
                        tenant -> List.of("amocrm", byRef(tenant, "deals", dealState(tenant)))),
                Map.entry("/api/v1/tasks/{id}", tenant -> List.of(task(tenant))),
                Map.entry(
                        "/api/v1/tasks/by-ref/{externalSystem}/{externalId}",
                        tenant -> List.of("amocrm", byRef(tenant, "tasks", taskBody(tenant)))),
                Map.entry(
                        "/api/v1/activities/by-ref/{externalSystem}/{externalId}",
                        tenant -> List.of("amocrm", byRef(tenant, "activities", touchBody(tenant)))),
                Map.entry(
                        "/api/v1/pipelines/{id}", tenant -> List.of(post(tenant, "/api/v1/pipelines", pipelineBody()))),
                Map.entry(
                        "/api/v1/pipelines/by-ref/{externalSystem}/{externalId}",
                        tenant -> List.of("amocrm", byRef(tenant, "pipelines", pipelineBody()))),
                Map.entry("/api/v1/products/{id}", tenant -> List.of(post(tenant, "/api/v1/products", productBody()))),
                Map.entry(
                        "/api/v1/products/by-ref/{externalSystem}/{externalId}",
                        tenant -> List.of("amocrm", byRef(tenant, "products", productBody()))),
                Map.entry(
                        "/api/v1/plans/by-ref/{externalSystem}/{externalId}",
                        tenant -> List.of("amocrm", byRef(tenant, "plans", planBody(tenant)))),
                Map.entry("/api/v1/snoozes/{cardId}", tenant -> List.of(snoozedDeal(tenant))),
                Map.entry("/api/v1/transfers/{id}", tenant -> List.of(transfer(tenant))));
    }

    /** A deal opened by a lead's conversion in lead-service (an event): its id. */
    private String deal(String tenant) {
        return LeadEvents.convertLead(kafka, tenant, UUID.randomUUID(), RosterEvents.hire(kafka, tenant));
    }

    private String dealState(String tenant) {
        UUID manager = RosterEvents.hire(kafka, tenant);
        String deal = deal(tenant);
        String client =
                asHead(tenant).get("/api/v1/deals/" + deal).then().extract().path("clientId");
        return json(
                "clientId",
                client,
                "managerId",
                manager.toString(),
                "amount",
                10000,
                "currency",
                "RUB",
                "source",
                "amocrm",
                "occurredAt",
                Instant.now().minusSeconds(60).toString());
    }

    private String task(String tenant) {
        return post(tenant, "/api/v1/tasks", taskBody(tenant));
    }

    private String taskBody(String tenant) {
        String deal = deal(tenant);
        String manager =
                asHead(tenant).get("/api/v1/deals/" + deal).then().extract().path("managerId");
        return json(
                "cardType", "DEAL",
                "cardId", deal,
                "type", "CALL",
                "title", "Call about the offer",
                "assigneeId", manager,
                "dueAt", "2026-12-20T10:00:00Z");
    }

    private String touchBody(String tenant) {
        String deal = deal(tenant);
        Map<String, String> view =
                asHead(tenant).get("/api/v1/deals/" + deal).then().extract().path("$");
        return json(
                "cardType",
                "DEAL",
                "cardId",
                deal,
                "clientId",
                view.get("clientId"),
                "managerId",
                view.get("managerId"),
                "type",
                "CALL",
                "direction",
                "OUTBOUND",
                "outcome",
                "agreed to sign",
                "occurredAt",
                Instant.now().toString());
    }

    private static String pipelineBody() {
        return json(
                "name",
                "Enterprise",
                "stages",
                List.of(
                        Map.of("name", "Intro", "probability", 20, "kind", "OPEN"),
                        Map.of("name", "Signed", "probability", 100, "kind", "WON"),
                        Map.of("name", "Dropped", "probability", 0, "kind", "LOST")));
    }

    private static String productBody() {
        return json(
                "name", "CRM licence, annual",
                "category", "Licences",
                "unit", "licence",
                "listPrice", 12000,
                "currency", "RUB",
                "version", 0);
    }

    /** A manager's plan for March 2025, in the tenant's base currency. */
    private String planBody(String tenant) {
        UUID manager = RosterEvents.hire(kafka, tenant);
        asHead(tenant)
                .body(Map.of("currency", "RUB"))
                .put("/api/v1/currency/base")
                .then()
                .statusCode(200);
        return json("month", "2025-03", "managerId", manager.toString(), "amount", 900000, "dealCount", 9);
    }

    /** An open deal snoozed for three days: the deal's id (a snooze is read and woken by its card's id). */
    private String snoozedDeal(String tenant) {
        String deal = deal(tenant);
        asHead(tenant)
                .body(json(
                        "cardType",
                        "DEAL",
                        "cardId",
                        deal,
                        "until",
                        Instant.now().plus(Duration.ofDays(3)).toString(),
                        "reason",
                        "client on holiday"))
                .post("/api/v1/snoozes")
                .then()
                .statusCode(200);
        return deal;
    }

    /** lead-service's start of a card transfer (an event) for a manager with one open deal: the transfer's id. */
    private String transfer(String tenant) {
        UUID leaving = RosterEvents.hire(kafka, tenant);
        LeadEvents.convertLead(kafka, tenant, UUID.randomUUID(), leaving);
        UUID transferId = UUID.randomUUID();
        CardTransferStarted started = new CardTransferStarted(
                transferId, leaving, List.of(UUID.randomUUID()), "NAMED", "dismissal", Instant.now());
        DealTestKit.produce(kafka, Topics.ROSTER_EVENTS, transferId, DealTestKit.event(tenant, started));
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() ->
                        asHead(tenant).get("/api/v1/transfers/" + transferId).statusCode() == 200);
        return transferId.toString();
    }

    /** A record written by a fresh reference: the reference. */
    private static String byRef(String tenant, String collection, String json) {
        String ref = "r-" + UUID.randomUUID();
        asHead(tenant)
                .body(json)
                .put("/api/v1/" + collection + "/by-ref/amocrm/" + ref)
                .then()
                .statusCode(201);
        return ref;
    }

    private static String post(String tenant, String path, String json) {
        return asHead(tenant)
                .body(json)
                .post(path)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
