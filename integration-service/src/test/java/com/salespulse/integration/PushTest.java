package com.salespulse.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CloudEvents push ingress against owners that answer over real HTTP ({@link OwnerStub}) and the service's real
 * PostgreSQL: each mode of the HTTP binding becomes the right owner call, idempotent by (source, id), answered per
 * event in a batch.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@WithTestResource(OwnerStubs.class)
class PushTest {

    private static final String TENANT = "push-ingress";
    private static final String DEAL = "{\"externalSystem\":\"amocrm\",\"externalId\":\"%s\","
            + "\"clientRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"c-7\"},"
            + "\"stageRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"142\"},"
            + "\"amount\":36000,\"currency\":\"RUB\",\"source\":\"website\"}";

    private final String integrator = TestTokens.integrator(TENANT);

    @BeforeEach
    void ownersAnswerLikeOwners() {
        OwnerStub.LEAD.reset();
        OwnerStub.DEAL.reset();
    }

    @Test
    void aBinaryModeEventBecomesItsOwnersPutByReferenceWithTimeAsTheBusinessTime() {
        String id = Pushes.newId();
        Response response = Pushes.binary(
                integrator, id, "salespulse.deal.opened", "2025-03-01T10:00:00+03:00", DEAL.formatted("d-1"));

        response.then().statusCode(201);
        JsonPath answer = response.jsonPath();
        assertThat(answer.getString("id")).isEqualTo(id);
        assertThat(answer.getString("source")).isEqualTo(Pushes.SOURCE);
        assertThat(answer.getString("type")).isEqualTo("salespulse.deal.opened");
        assertThat(answer.getInt("status")).isEqualTo(201);
        assertThat(answer.getString("location")).startsWith("/api/v1/deals/");
        assertThat(answer.getString("entity.currency")).isEqualTo("RUB");
        assertThat(OwnerStub.LEAD.calls()).isEmpty();
        List<OwnerStub.Call> calls = OwnerStub.DEAL.calls();
        assertThat(calls)
                .extracting(OwnerStub.Call::method, OwnerStub.Call::path)
                .containsExactly(tuple("PUT", "/api/v1/deals/by-ref/amocrm/d-1"));
        OwnerStub.Call call = calls.get(0);
        assertThat(call.dryRun()).isFalse();
        // the body is the owner's: data without the reference the path carries, time as occurredAt
        assertThat(call.body().has("externalId")).isFalse();
        assertThat(call.body().path("occurredAt").asText()).isEqualTo("2025-03-01T10:00:00+03:00");
        assertThat(call.body().path("stageRef").path("externalId").asText()).isEqualTo("142");
        // an integrator token of the caller's tenant, acting as the caller
        assertThat(call.token().path("tenant").asText()).isEqualTo(TENANT);
        assertThat(call.token().path("groups").toString()).isEqualTo("[\"integrator\"]");
        assertThat(call.token().path("sub").asText()).isEqualTo("crm-integration");
        assertThat(call.token().path("aud").asText()).isEqualTo("salespulse");
    }

    @Test
    void aStructuredModeEventBecomesItsOwnersPutAndKeepsTheBusinessTimeDataGives() {
        Response response = Pushes.structured(
                integrator,
                Pushes.event(
                        Pushes.newId(),
                        "salespulse.lead.created",
                        "2025-03-02T12:00:00Z",
                        "{\"externalSystem\":\"amocrm\",\"externalId\":\"100\",\"source\":\"website\","
                                + "\"managerRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"7\"},"
                                + "\"occurredAt\":\"2025-03-01T09:00:00+03:00\"}"));

        response.then().statusCode(201).contentType("application/json");
        OwnerStub.Call call = OwnerStub.LEAD.calls().get(0);
        assertThat(call.path()).isEqualTo("/api/v1/leads/by-ref/amocrm/100");
        assertThat(call.body().path("occurredAt").asText()).isEqualTo("2025-03-01T09:00:00+03:00");
        assertThat(call.body().path("managerRef").path("externalId").asText()).isEqualTo("7");
    }

    @Test
    void aConversionBecomesTheOwnersConvertByTheLeadsReference() {
        Pushes.structured(
                        integrator,
                        Pushes.event(
                                Pushes.newId(),
                                "salespulse.lead.converted",
                                "2025-03-03T12:00:00Z",
                                "{\"externalSystem\":\"amocrm\",\"externalId\":\"100\","
                                        + "\"dealRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"d-100\"}}"))
                .then()
                .statusCode(201);

        assertThat(OwnerStub.LEAD.calls())
                .extracting(OwnerStub.Call::method, OwnerStub.Call::path)
                .containsExactly(tuple("POST", "/api/v1/leads/by-ref/amocrm/100/convert"));
    }

    @Test
    void aClientUpdateBecomesTheClientsPutByReferenceOnceAndOneChangingNothingNamedIsRefused() {
        String id = Pushes.newId();
        String data = "{\"externalSystem\":\"amocrm\",\"externalId\":\"c-7\",\"kind\":\"COMPANY\","
                + "\"name\":\"Petrova & Partners\"}";
        Pushes.structured(integrator, Pushes.event(id, "salespulse.lead.client-updated", "2025-03-06T10:00:00Z", data))
                .then()
                .statusCode(201);
        // the same push again: answered as before, no second owner call
        Pushes.structured(integrator, Pushes.event(id, "salespulse.lead.client-updated", "2025-03-06T10:00:00Z", data))
                .then()
                .statusCode(201)
                .body("repeated", org.hamcrest.Matchers.equalTo(true));
        // an update with neither name nor contacts: refused naming the field, no owner call
        Pushes.structured(
                        integrator,
                        Pushes.event(
                                Pushes.newId(),
                                "salespulse.lead.client-updated",
                                null,
                                "{\"externalSystem\":\"amocrm\",\"externalId\":\"c-7\",\"kind\":\"COMPANY\"}"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("data.name"));

        List<OwnerStub.Call> calls = OwnerStub.LEAD.calls();
        assertThat(calls)
                .extracting(OwnerStub.Call::method, OwnerStub.Call::path)
                .containsExactly(tuple("PUT", "/api/v1/clients/by-ref/amocrm/c-7"));
        assertThat(calls.get(0).body().path("name").asText()).isEqualTo("Petrova & Partners");
        assertThat(calls.get(0).body().path("kind").asText()).isEqualTo("COMPANY");
        assertThat(OwnerStub.DEAL.calls()).isEmpty();
    }

    @Test
    void aTypeThatImpliesAStatusSendsItAndRefusesAnother() {
        String task = "{\"externalSystem\":\"amocrm\",\"externalId\":\"t-1\",\"cardType\":\"DEAL\","
                + "\"cardRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"d-1\"},\"type\":\"CALL\","
                + "\"title\":\"Call back\",\"dueAt\":\"2025-03-05T10:00:00Z\",\"outcome\":\"Agreed\"%s}";
        Pushes.structured(
                        integrator, Pushes.event(Pushes.newId(), "salespulse.task.completed", null, task.formatted("")))
                .then()
                .statusCode(201);
        assertThat(OwnerStub.DEAL.calls().get(0).body().path("status").asText()).isEqualTo("DONE");

        Pushes.structured(
                        integrator,
                        Pushes.event(
                                Pushes.newId(),
                                "salespulse.task.completed",
                                null,
                                task.formatted(",\"status\":\"OPEN\"")))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("data.status"));
        Pushes.structured(
                        integrator,
                        Pushes.event(
                                Pushes.newId(),
                                "salespulse.deal.won",
                                null,
                                "{\"externalSystem\":\"amocrm\",\"externalId\":\"d-2\",\"currency\":\"RUB\",\"source\":\"web\"}"))
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("data.stageRef"));
        assertThat(OwnerStub.DEAL.calls()).hasSize(1);
    }

    @Test
    void theSameEventAgainMakesNoOwnerCallAndAnswersTheSameInAnyMode() {
        String id = Pushes.newId();
        String data = DEAL.formatted("d-3");
        JsonPath first = Pushes.structured(
                        integrator, Pushes.event(id, "salespulse.deal.won", "2025-03-04T10:00:00Z", data))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();

        JsonPath again = Pushes.structured(
                        integrator, Pushes.event(id, "salespulse.deal.won", "2025-03-04T10:00:00Z", data))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        // the same event in binary mode, its time written with another offset: the same content
        JsonPath binary = Pushes.binary(integrator, id, "salespulse.deal.won", "2025-03-04T13:00:00+03:00", data)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();

        assertThat(OwnerStub.DEAL.calls()).hasSize(1);
        for (JsonPath repeat : List.of(again, binary)) {
            assertThat(repeat.getBoolean("repeated")).isTrue();
            assertThat(repeat.getString("location")).isEqualTo(first.getString("location"));
            assertThat(repeat.getMap("entity")).isEqualTo(first.getMap("entity"));
        }
        assertThat(first.getString("repeated")).isNull();
    }

    @Test
    void aUsedIdWithOtherContentIsAConflictNamingTheIdAndCallsNoOwner() {
        String id = Pushes.newId();
        Pushes.structured(integrator, Pushes.event(id, "salespulse.deal.opened", null, DEAL.formatted("d-4")))
                .then()
                .statusCode(201);

        Pushes.structured(integrator, Pushes.event(id, "salespulse.deal.opened", null, DEAL.formatted("d-5")))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("id"))
                .body("requestId", org.hamcrest.Matchers.notNullValue());

        assertThat(OwnerStub.DEAL.calls()).hasSize(1);
    }

    @Test
    void theSameIdFromAnotherSourceOrTenantIsAnotherEvent() {
        String id = Pushes.newId();
        String event = Pushes.event(id, "salespulse.deal.opened", null, DEAL.formatted("d-6"));
        Pushes.structured(integrator, event).then().statusCode(201);
        Pushes.structured(integrator, event.replace(Pushes.SOURCE, "bitrix24"))
                .then()
                .statusCode(200);
        Pushes.structured(TestTokens.integrator("push-other-tenant"), event)
                .then()
                .statusCode(200);

        assertThat(OwnerStub.DEAL.calls()).hasSize(3);
    }

    @Test
    void twoConcurrentPostsOfOneEventMakeOneOwnerCall() throws Exception {
        OwnerStub.DEAL.slowDown(400);
        String event = Pushes.event(Pushes.newId(), "salespulse.deal.opened", null, DEAL.formatted("d-7"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Response> one =
                    CompletableFuture.supplyAsync(() -> Pushes.structured(integrator, event), pool);
            CompletableFuture<Response> two =
                    CompletableFuture.supplyAsync(() -> Pushes.structured(integrator, event), pool);

            List<Response> answers = List.of(one.get(), two.get());

            assertThat(OwnerStub.DEAL.calls()).hasSize(1);
            assertThat(answers).extracting(Response::statusCode).containsOnly(201);
            assertThat(answers)
                    .extracting(r -> r.jsonPath().getString("location"))
                    .doesNotContainNull()
                    .containsOnly(answers.get(0).jsonPath().getString("location"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEventItsOwnerRefusedIsAnsweredWithTheOwnersProblemNamedInTheEventAndMayComeAgain() {
        OwnerStub.LEAD.answer(call ->
                call.body().path("managerRef").path("externalId").asText().equals("404")
                        ? OwnerStub.Answer.problem(400, "managerRef.externalId", "names no manager of this tenant")
                        : null);
        String id = Pushes.newId();
        String data = "{\"externalSystem\":\"amocrm\",\"externalId\":\"101\",\"source\":\"website\","
                + "\"managerRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"%s\"}}";

        Pushes.structured(integrator, Pushes.event(id, "salespulse.lead.created", null, data.formatted("404")))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("data.managerRef.externalId"))
                .body("invalidFields[0].message", org.hamcrest.Matchers.equalTo("names no manager of this tenant"))
                .body("detail", org.hamcrest.Matchers.startsWith("data.managerRef.externalId: names no manager"));
        // nothing was applied, so nothing is remembered: corrected, the same id goes through
        Pushes.structured(integrator, Pushes.event(id, "salespulse.lead.created", null, data.formatted("7")))
                .then()
                .statusCode(201);

        assertThat(OwnerStub.LEAD.calls()).hasSize(2);
    }

    @Test
    void anOwnersRefusalOfTheBusinessTimeNamesTimeWhenItCameFromThere() {
        OwnerStub.DEAL.answer(call -> OwnerStub.Answer.problem(400, "occurredAt", "must not be in the future"));

        Pushes.binary(
                        integrator,
                        Pushes.newId(),
                        "salespulse.deal.opened",
                        "2099-01-01T00:00:00Z",
                        DEAL.formatted("d-8"))
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("time"));
    }

    @Test
    void anOwnerThatKeepsFailingIsA503AfterTwoRetriesAndTheEventIsNotRemembered() {
        OwnerStub.DEAL.answer(call -> new OwnerStub.Answer(503, "{\"status\":503}"));
        String event = Pushes.event(Pushes.newId(), "salespulse.deal.opened", null, DEAL.formatted("d-9"));

        Pushes.structured(integrator, event).then().statusCode(503).contentType("application/problem+json");
        assertThat(OwnerStub.DEAL.calls()).hasSize(3);
        OwnerStub.DEAL.answer(call -> null);
        Pushes.structured(integrator, event).then().statusCode(201);

        assertThat(OwnerStub.DEAL.calls()).hasSize(4);
    }

    @Test
    void anOwnersPassingFailureInABatchIsRetriedSoTheCardsLaterEventsDoNotOvertakeIt() {
        // deal-service answers 500 once, as when its consumer changed the same deal at that moment (found end to end)
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        OwnerStub.DEAL.answer(call -> calls.incrementAndGet() == 2
                ? new OwnerStub.Answer(
                        500,
                        "{\"type\":"
                                + "\"urn:salespulse:problem:internal\",\"status\":500,\"detail\":\"The request could not be "
                                + "completed; it has been logged.\"}")
                : null);

        JsonPath answers = Pushes.batch(
                        integrator,
                        Pushes.event(
                                Pushes.newId(),
                                "salespulse.deal.opened",
                                "2025-03-01T10:00:00Z",
                                DEAL.formatted("d-10")),
                        Pushes.event(
                                Pushes.newId(),
                                "salespulse.deal.stage-moved",
                                "2025-03-02T10:00:00Z",
                                DEAL.formatted("d-10")),
                        Pushes.event(
                                Pushes.newId(), "salespulse.deal.won", "2025-03-03T10:00:00Z", DEAL.formatted("d-10")))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(answers.getList("status", Integer.class)).containsExactly(201, 200, 200);
        assertThat(OwnerStub.DEAL.calls())
                .extracting(c -> c.body().path("occurredAt").asText())
                .containsExactly(
                        "2025-03-01T10:00:00Z", "2025-03-02T10:00:00Z", "2025-03-02T10:00:00Z", "2025-03-03T10:00:00Z");
    }

    @Test
    void aBatchIsAnsweredPerEventInInputOrderAndItsGoodEventsAreApplied() {
        OwnerStub.DEAL.answer(call -> call.externalId().equals("refused")
                ? OwnerStub.Answer.problem(400, "clientRef.externalId", "names no client of this tenant")
                : null);
        String good = Pushes.newId();
        String noSource = Pushes.newId();
        String unknownType = Pushes.newId();
        String refused = Pushes.newId();
        String last = Pushes.newId();

        JsonPath answer = Pushes.batch(
                        integrator,
                        Pushes.event(good, "salespulse.deal.opened", null, DEAL.formatted("b-1")),
                        Pushes.event(noSource, "salespulse.deal.opened", null, DEAL.formatted("b-2"))
                                .replace(",\"source\":\"" + Pushes.SOURCE + "\"", ""),
                        Pushes.event(unknownType, "salespulse.deal.exploded", null, DEAL.formatted("b-3")),
                        Pushes.event(refused, "salespulse.deal.opened", null, DEAL.formatted("refused")),
                        "42",
                        Pushes.event(last, "salespulse.deal.stage-moved", null, DEAL.formatted("b-1")))
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();

        assertThat(answer.getList("id")).containsExactly(good, noSource, unknownType, refused, null, last);
        assertThat(answer.getList("status", Integer.class)).containsExactly(201, 400, 400, 400, 400, 200);
        assertThat(answer.getString("[0].location")).startsWith("/api/v1/deals/");
        assertThat(answer.getString("[0].entity")).isNull();
        assertThat(answer.getString("[1].problem.invalidFields[0].field")).isEqualTo("source");
        assertThat(answer.getString("[2].problem.invalidFields[0].field")).isEqualTo("type");
        assertThat(answer.getString("[3].problem.invalidFields[0].field")).isEqualTo("data.clientRef.externalId");
        assertThat(answer.getString("[4].problem.detail")).contains("JSON object");
        assertThat(OwnerStub.DEAL.calls())
                .extracting(OwnerStub.Call::externalId)
                .containsExactly("b-1", "refused", "b-1");
    }

    @Test
    void aRepeatedBatchAnswersItsAppliedEventsAsBeforeWithoutCallingTheOwners() {
        String a = Pushes.event(
                Pushes.newId(),
                "salespulse.product.created",
                null,
                "{\"externalSystem\":\"amocrm\",\"externalId\":\"p-1\",\"name\":\"Licence\"}");
        String b = Pushes.event(
                Pushes.newId(),
                "salespulse.roster.manager-hired",
                null,
                "{\"externalSystem\":\"amocrm\",\"externalId\":\"m-1\",\"name\":\"Olga\"}");
        JsonPath first =
                Pushes.batch(integrator, a, b).then().statusCode(200).extract().jsonPath();

        JsonPath again =
                Pushes.batch(integrator, a, b).then().statusCode(200).extract().jsonPath();

        assertThat(again.getList("status")).isEqualTo(first.getList("status"));
        assertThat(again.getList("location")).isEqualTo(first.getList("location"));
        assertThat(again.getList("repeated")).containsExactly(true, true);
        assertThat(OwnerStub.DEAL.calls()).hasSize(1);
        assertThat(OwnerStub.LEAD.calls())
                .extracting(OwnerStub.Call::path)
                .containsExactly("/api/v1/managers/by-ref/amocrm/m-1");
    }

    @Test
    void aHeadMayPushAndAManagerOrOpsMayNot() {
        String event = Pushes.event(
                Pushes.newId(),
                "salespulse.roster.team-created",
                null,
                "{\"externalSystem\":\"amocrm\",\"externalId\":\"team-1\",\"name\":\"North\"}");

        Pushes.structured(TestTokens.manager(TENANT, UUID.randomUUID()), event)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        Pushes.structured(TestTokens.ops(), event).then().statusCode(403);
        Pushes.structured(TestTokens.withTenantClaim(null), event)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        assertThat(OwnerStub.LEAD.calls()).isEmpty();

        Pushes.structured(TestTokens.head(TENANT), event).then().statusCode(201);
        assertThat(OwnerStub.LEAD.calls().get(0).token().path("sub").asText()).isEqualTo("head-of-sales");
    }
}
