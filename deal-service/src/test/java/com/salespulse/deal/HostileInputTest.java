package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.LeadEvents.convertLead;
import static com.salespulse.testsupport.hostile.HostileInput.json;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import com.salespulse.testsupport.hostile.HostileInput;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every write endpoint of deal-service against the generated hostile input of test-support's kit: each fixture is a
 * valid request with its optional fields filled in, made anew (a fresh deal, task, product or pipeline) for every
 * case.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class HostileInputTest {

    private static final String TENANT = "hostile-deal";
    private static final String DUE = "2026-12-20T10:00:00Z";
    private static final java.util.Random RANDOM = new java.util.Random();

    @InjectKafka
    KafkaCompanion kafka;

    private String head;
    private UUID manager;
    private UUID colleague;
    private UUID team;
    private UUID client;
    private UUID referrer;
    private String pipeline;
    private String firstStage;
    private String secondStage;
    private String lostStage;
    private String product;
    /** The pipeline the last {@code PUT /pipelines/{id}} case created, for its body. */
    private JsonPath changedPipeline;

    @TestFactory
    Stream<DynamicNode> everyWriteEndpointRefusesHostileInputAndWritesNothing() {
        head = TestTokens.head(TENANT);
        manager = RosterEvents.hire(kafka, TENANT);
        colleague = RosterEvents.hire(kafka, TENANT);
        team = RosterEvents.createTeam(kafka, TENANT);
        client = UUID.randomUUID();
        referrer = UUID.randomUUID();
        convertLead(kafka, TENANT, client, manager);
        convertLead(kafka, TENANT, referrer, manager);
        asHead(TENANT)
                .body(Map.of("currency", "RUB"))
                .put("/api/v1/currency/base")
                .then()
                .statusCode(200);
        JsonPath defaultPipeline = asHead(TENANT)
                .get("/api/v1/pipelines")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        pipeline = defaultPipeline.getString("items.find { it.defaultPipeline }.id");
        firstStage = defaultPipeline.getString("items.find { it.defaultPipeline }.stages[0].id");
        secondStage = defaultPipeline.getString("items.find { it.defaultPipeline }.stages[1].id");
        lostStage = defaultPipeline.getString("items.find { it.defaultPipeline }.stages.find { it.kind == 'LOST' }.id");
        product = newProduct();
        newPipeline(); // the body's shape is read once before the cases run

        return HostileInput.ofThisService()
                .operation(
                        "POST /api/v1/ops/dead-letters/replay",
                        // selects an event id nothing parked carries: the valid request replays nothing
                        op -> op.token(TestTokens.ops()).body(() -> "{\"eventIds\":[\"" + UUID.randomUUID() + "\"]}"))
                .operation("POST /api/v1/deals", op -> op.token(head).body(this::newDealBody))
                .operation(
                        "PUT /api/v1/deals/by-ref/{externalSystem}/{externalId}",
                        op -> op.token(head)
                                .pathParam("externalSystem", () -> "amocrm")
                                .pathParam("externalId", HostileInputTest::fresh)
                                .body(this::dealStateBody))
                .operation(
                        "PATCH /api/v1/deals/{id}",
                        op -> op.token(head)
                                .pathParam("id", this::newDeal)
                                .body(() -> json(
                                        "version",
                                        0,
                                        "amount",
                                        24000,
                                        "currency",
                                        "RUB",
                                        "lines",
                                        List.of(Map.of(
                                                "productId",
                                                product,
                                                "quantity",
                                                2,
                                                "unitPrice",
                                                12000,
                                                "discountPercent",
                                                0)),
                                        "expectedCloseDate",
                                        "2026-12-15",
                                        "reason",
                                        "client wants two",
                                        "occurredAt",
                                        now())))
                .operation(
                        "POST /api/v1/deals/{id}/stage",
                        op -> op.token(head)
                                .pathParam("id", this::newDeal)
                                .body(() -> json("stageId", secondStage, "reason", "qualified", "occurredAt", now())))
                .operation(
                        "POST /api/v1/deals/{id}/win",
                        op -> op.token(head)
                                .pathParam("id", this::newDeal)
                                .body(() -> json("finalAmount", 9000, "occurredAt", now())))
                .operation(
                        "POST /api/v1/deals/{id}/lose",
                        op -> op.token(head)
                                .pathParam("id", this::newDeal)
                                .body(() ->
                                        json("reasonCode", "PRICE", "comment", "too expensive", "occurredAt", now())))
                .operation(
                        "POST /api/v1/deals/{id}/reopen",
                        op -> op.token(head)
                                .pathParam("id", this::wonDeal)
                                .body(() ->
                                        json("stageId", firstStage, "reason", "client came back", "occurredAt", now())))
                .operation(
                        "POST /api/v1/deals/{id}/reassign",
                        op -> op.token(head)
                                .pathParam("id", this::newDeal)
                                .body(() -> json(
                                        "managerId", colleague.toString(), "reason", "holiday", "occurredAt", now())))
                .operation(
                        "POST /api/v1/loss-reasons",
                        op -> op.token(head)
                                .body(() -> json(
                                        "code",
                                        "R"
                                                + UUID.randomUUID()
                                                        .toString()
                                                        .replace("-", "")
                                                        .toUpperCase(),
                                        "label",
                                        "Bad timing",
                                        "labels",
                                        Map.of("ru", "Не вовремя", "en", "Bad timing"),
                                        "kind",
                                        "OTHER")))
                // issue 20: a loss reason renamed or deactivated
                .operation(
                        "PATCH /api/v1/loss-reasons/{code}",
                        op -> op.token(head)
                                .pathParam("code", () -> "OTHER")
                                .body(json("labels", Map.of("ru", "Другое", "en", "Other"), "active", true)))
                .operation(
                        "POST /api/v1/pipelines",
                        op -> op.token(head)
                                .body(() -> json(
                                        "name",
                                        "Partners",
                                        "version",
                                        0,
                                        "externalSystem",
                                        "amocrm",
                                        "externalId",
                                        fresh(),
                                        "occurredAt",
                                        now(),
                                        "stages",
                                        List.of(
                                                Map.of("name", "Intro", "probability", 20, "kind", "OPEN"),
                                                Map.of("name", "Signed", "probability", 100, "kind", "WON"),
                                                Map.of(
                                                        "name",
                                                        "Dropped",
                                                        "probability",
                                                        0,
                                                        "kind",
                                                        "LOST",
                                                        "externalSystem",
                                                        "amocrm",
                                                        "externalId",
                                                        fresh())))))
                .operation(
                        "PUT /api/v1/pipelines/{id}",
                        op -> op.token(head).pathParam("id", this::newPipeline).body(this::changedPipelineBody))
                .operation(
                        "PUT /api/v1/pipelines/by-ref/{externalSystem}/{externalId}",
                        op -> op.token(head)
                                .pathParam("externalSystem", () -> "amocrm")
                                .pathParam("externalId", HostileInputTest::fresh)
                                .body(() -> json(
                                        "name",
                                        "Partners",
                                        "occurredAt",
                                        now(),
                                        "stages",
                                        List.of(
                                                Map.of("name", "Intro", "probability", 20, "kind", "OPEN"),
                                                Map.of("name", "Signed", "probability", 100, "kind", "WON"),
                                                Map.of(
                                                        "name",
                                                        "Dropped",
                                                        "probability",
                                                        0,
                                                        "kind",
                                                        "LOST",
                                                        "externalSystem",
                                                        "amocrm",
                                                        "externalId",
                                                        fresh())))))
                .operation(
                        "PUT /api/v1/plans/{month}/managers/{managerId}",
                        op -> op.token(head)
                                .pathParam("month", () -> "2026-12")
                                .pathParam("managerId", () -> manager.toString())
                                .body(() -> json(
                                        "amount",
                                        1000000 + RANDOM.nextInt(1000),
                                        "dealCount",
                                        12,
                                        "reason",
                                        "new product line",
                                        "occurredAt",
                                        now())))
                .operation(
                        "PUT /api/v1/plans/{month}/teams/{teamId}",
                        op -> op.token(head)
                                .pathParam("month", () -> "2026-12")
                                .pathParam("teamId", () -> team.toString())
                                .body(() -> json(
                                        "amount",
                                        5000000 + RANDOM.nextInt(1000),
                                        "dealCount",
                                        40,
                                        "reason",
                                        "new product line",
                                        "occurredAt",
                                        now())))
                .operation(
                        "PUT /api/v1/plans/by-ref/{externalSystem}/{externalId}",
                        op -> op.token(head)
                                .pathParam("externalSystem", () -> "amocrm")
                                .pathParam("externalId", HostileInputTest::fresh)
                                .body(() -> json(
                                        "month",
                                        nextPlanMonth(),
                                        "managerId",
                                        manager.toString(),
                                        "amount",
                                        1000000 + RANDOM.nextInt(1000),
                                        "dealCount",
                                        12,
                                        "reason",
                                        "new product line",
                                        "occurredAt",
                                        now())))
                .operation("POST /api/v1/products", op -> op.token(head).body(HostileInputTest::productBody))
                .operation(
                        "PUT /api/v1/products/{id}",
                        op -> op.token(head)
                                .pathParam("id", this::newProduct)
                                .body(() -> json(
                                        "name",
                                        "CRM licence, two years",
                                        "category",
                                        "Licences",
                                        "unit",
                                        "licence",
                                        "listPrice",
                                        22000,
                                        "currency",
                                        "RUB",
                                        "version",
                                        0,
                                        "externalSystem",
                                        "1c",
                                        "externalId",
                                        fresh(),
                                        "occurredAt",
                                        now())))
                .operation(
                        "PUT /api/v1/products/by-ref/{externalSystem}/{externalId}",
                        op -> op.token(head)
                                .pathParam("externalSystem", () -> "1c")
                                .pathParam("externalId", HostileInputTest::fresh)
                                .body(() -> json(
                                        "name",
                                        "CRM licence, annual",
                                        "category",
                                        "Licences",
                                        "unit",
                                        "licence",
                                        "listPrice",
                                        12000,
                                        "currency",
                                        "RUB",
                                        "version",
                                        0,
                                        "occurredAt",
                                        now())))
                .operation(
                        "POST /api/v1/products/{id}/deactivate",
                        op -> op.token(head).pathParam("id", this::newProduct).body(json("reason", "discontinued")))
                .operation("PUT /api/v1/currency/base", op -> op.token(head).body(json("currency", "RUB")))
                .operation(
                        "PUT /api/v1/currency/rates/{currency}/{date}",
                        op -> op.token(head)
                                .pathParam("currency", () -> "USD")
                                .pathParam("date", () -> "2026-11-01")
                                .body(() -> json(
                                        "rateToBase", java.math.BigDecimal.valueOf(9_000 + RANDOM.nextInt(1000), 2))))
                .operation("POST /api/v1/tasks", op -> op.token(head).body(() -> taskBody(newDeal(), true)))
                .operation(
                        "PUT /api/v1/tasks/by-ref/{externalSystem}/{externalId}",
                        op -> op.token(head)
                                .pathParam("externalSystem", () -> "amocrm")
                                .pathParam("externalId", HostileInputTest::fresh)
                                .body(() -> json(
                                        "cardType",
                                        "DEAL",
                                        "cardId",
                                        newDeal(),
                                        "type",
                                        "CALL",
                                        "title",
                                        "Call about the offer",
                                        "assigneeId",
                                        manager.toString(),
                                        "dueAt",
                                        DUE,
                                        "status",
                                        "DONE",
                                        "outcome",
                                        "agreed to sign",
                                        "reason",
                                        "done on the call",
                                        "occurredAt",
                                        now())))
                .operation(
                        "POST /api/v1/tasks/{id}/reschedule",
                        op -> op.token(head)
                                .pathParam("id", this::newTask)
                                .body(() -> json(
                                        "dueAt",
                                        "2026-12-21T10:00:00Z",
                                        "reason",
                                        "client travelling",
                                        "occurredAt",
                                        now())))
                .operation(
                        "POST /api/v1/tasks/{id}/complete",
                        op -> op.token(head)
                                .pathParam("id", this::newTask)
                                .body(() -> json("outcome", "agreed to sign", "occurredAt", now())))
                .operation(
                        "POST /api/v1/tasks/{id}/cancel",
                        op -> op.token(head)
                                .pathParam("id", this::newTask)
                                .body(() -> json("reason", "lead went cold", "occurredAt", now())))
                .operation("POST /api/v1/activities", op -> op.token(head).body(() -> touchBody(true)))
                .operation(
                        "PUT /api/v1/activities/by-ref/{externalSystem}/{externalId}",
                        op -> op.token(head)
                                .pathParam("externalSystem", () -> "amocrm")
                                .pathParam("externalId", HostileInputTest::fresh)
                                .body(() -> touchBody(false)))
                // ---- f20-stale: archiving deals and snoozing cards (issue 20) ----
                .operation(
                        "POST /api/v1/deals/{id}/archive",
                        op -> op.token(head)
                                .pathParam("id", this::newDeal)
                                .body(() -> json("reason", "client froze the budget", "occurredAt", now())))
                .operation(
                        "POST /api/v1/deals/{id}/restore",
                        op -> op.token(head)
                                .pathParam("id", this::archivedDeal)
                                .body(() -> json("reason", "budget is back", "occurredAt", now())))
                .operation(
                        "POST /api/v1/snoozes",
                        op -> op.token(head)
                                .body(() -> json(
                                        "cardType",
                                        "DEAL",
                                        "cardId",
                                        newDeal(),
                                        "until",
                                        java.time.Instant.now()
                                                .plus(java.time.Duration.ofDays(7))
                                                .toString(),
                                        "reason",
                                        "client on holiday")))
                // ---- end of f20-stale ----
                .tests();
    }

    /** An open deal archived a moment ago (f20-stale). */
    private String archivedDeal() {
        String deal = newDeal();
        asHead(TENANT)
                .body(Map.of("reason", "client froze the budget"))
                .post("/api/v1/deals/" + deal + "/archive")
                .then()
                .statusCode(200);
        return deal;
    }

    private String newDealBody() {
        return json(
                "clientId",
                client.toString(),
                "clientName",
                "Anna Petrova",
                "managerId",
                manager.toString(),
                "pipelineId",
                pipeline,
                "stageId",
                firstStage,
                "amount",
                36000,
                "currency",
                "RUB",
                "lines",
                List.of(Map.of("productId", product, "quantity", 3, "unitPrice", 12000, "discountPercent", 0)),
                "expectedCloseDate",
                "2026-12-15",
                "source",
                "repeat",
                "referredByClientId",
                referrer.toString(),
                "externalRef",
                "CRM-1",
                "externalSystem",
                "amocrm",
                "externalId",
                fresh(),
                "occurredAt",
                now());
    }

    /** A deal's state sent by reference, lost (so the loss reason is sent too). */
    private String dealStateBody() {
        return json(
                "clientId",
                client.toString(),
                "clientName",
                "Anna Petrova",
                "managerId",
                manager.toString(),
                "pipelineId",
                pipeline,
                "stageId",
                lostStage,
                "amount",
                36000,
                "currency",
                "RUB",
                "lines",
                List.of(Map.of("productId", product, "quantity", 3, "unitPrice", 12000, "discountPercent", 0)),
                "expectedCloseDate",
                "2026-12-15",
                "source",
                "repeat",
                "referredByClientId",
                referrer.toString(),
                "externalRef",
                "CRM-1",
                "lossReason",
                "PRICE",
                "lossComment",
                "too expensive",
                "occurredAt",
                now());
    }

    /** Each plan by reference for a month of its own: a month's plan of one manager has one reference. */
    private static String nextPlanMonth() {
        return java.time.YearMonth.of(1990, 1)
                .plusMonths(PLAN_MONTHS.getAndIncrement())
                .toString();
    }

    private static final java.util.concurrent.atomic.AtomicInteger PLAN_MONTHS =
            new java.util.concurrent.atomic.AtomicInteger();

    private static String fresh() {
        return UUID.randomUUID().toString();
    }

    private static String now() {
        return java.time.Instant.now().toString();
    }

    private String newDeal() {
        return asHead(TENANT)
                .body(json(
                        "clientId",
                        client.toString(),
                        "managerId",
                        manager.toString(),
                        "amount",
                        10000,
                        "currency",
                        "RUB",
                        "source",
                        "repeat"))
                .post("/api/v1/deals")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String wonDeal() {
        String deal = newDeal();
        asHead(TENANT)
                .body(Map.of())
                .post("/api/v1/deals/" + deal + "/win")
                .then()
                .statusCode(200);
        return deal;
    }

    private String newProduct() {
        return asHead(TENANT)
                .body(productBody())
                .post("/api/v1/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String productBody() {
        return json(
                "name",
                "CRM licence, annual",
                "category",
                "Licences",
                "unit",
                "licence",
                "listPrice",
                12000,
                "currency",
                "RUB",
                "version",
                0,
                "externalSystem",
                "1c",
                "externalId",
                fresh(),
                "occurredAt",
                now());
    }

    private String newPipeline() {
        changedPipeline = asHead(TENANT)
                .body(json(
                        "name",
                        "Enterprise",
                        "stages",
                        List.of(
                                Map.of("name", "Intro", "probability", 20, "kind", "OPEN"),
                                Map.of("name", "Signed", "probability", 100, "kind", "WON"),
                                Map.of("name", "Dropped", "probability", 0, "kind", "LOST"))))
                .post("/api/v1/pipelines")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return changedPipeline.getString("id");
    }

    private String changedPipelineBody() {
        List<String> stages = changedPipeline.getList("stages.id", String.class);
        return json(
                "name",
                "Enterprise",
                "version",
                changedPipeline.getLong("version"),
                "externalSystem",
                "amocrm",
                "externalId",
                fresh(),
                "occurredAt",
                now(),
                "stages",
                List.of(
                        Map.of(
                                "id",
                                stages.get(0),
                                "name",
                                "Intro",
                                "probability",
                                30,
                                "kind",
                                "OPEN",
                                "externalSystem",
                                "amocrm",
                                "externalId",
                                fresh()),
                        Map.of("id", stages.get(1), "name", "Signed", "probability", 100, "kind", "WON"),
                        Map.of("id", stages.get(2), "name", "Dropped", "probability", 0, "kind", "LOST")));
    }

    private String taskBody(String deal, boolean withRef) {
        if (!withRef) {
            return json(
                    "cardType",
                    "DEAL",
                    "cardId",
                    deal,
                    "type",
                    "CALL",
                    "title",
                    "Call about the offer",
                    "assigneeId",
                    manager.toString(),
                    "dueAt",
                    DUE);
        }
        return json(
                "cardType",
                "DEAL",
                "cardId",
                deal,
                "type",
                "CALL",
                "title",
                "Call about the offer",
                "assigneeId",
                manager.toString(),
                "dueAt",
                DUE,
                "externalSystem",
                "amocrm",
                "externalId",
                fresh(),
                "occurredAt",
                now());
    }

    private String newTask() {
        return asHead(TENANT)
                .body(taskBody(newDeal(), false))
                .post("/api/v1/tasks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A touch on a new deal; with its own reference in the body, or without (the path gives it). */
    private String touchBody(boolean withRef) {
        String deal = newDeal();
        if (!withRef) {
            return json(
                    "cardType",
                    "DEAL",
                    "cardId",
                    deal,
                    "clientId",
                    client.toString(),
                    "managerId",
                    manager.toString(),
                    "type",
                    "CALL",
                    "direction",
                    "OUTBOUND",
                    "outcome",
                    "agreed to sign",
                    "durationSeconds",
                    420,
                    "discountOfferedPercent",
                    10,
                    "doNotContact",
                    false,
                    "occurredAt",
                    now());
        }
        return json(
                "cardType",
                "DEAL",
                "cardId",
                deal,
                "clientId",
                client.toString(),
                "managerId",
                manager.toString(),
                "type",
                "CALL",
                "direction",
                "OUTBOUND",
                "outcome",
                "agreed to sign",
                "durationSeconds",
                420,
                "discountOfferedPercent",
                10,
                "doNotContact",
                false,
                "occurredAt",
                now(),
                "externalSystem",
                "amocrm",
                "externalId",
                fresh());
    }
}
