package com.salespulse.integration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job engine against owners that answer over real HTTP ({@link OwnerStub}): rows applied in file order as the
 * owners' PUT by reference, refused rows reported by row and field while the job goes on, dry runs, retries of
 * transient trouble and of references the owner does not know yet, cancel, and a token the owners refuse.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@WithTestResource(OwnerStubs.class)
class ImportJobTest {

    private static final String TENANT = "import-engine";

    @BeforeEach
    void ownersAnswerLikeOwners() {
        OwnerStub.LEAD.reset();
        OwnerStub.DEAL.reset();
    }

    @Test
    void appliesEveryRowInFileOrderAsItsOwnersPutByReference() {
        String head = TestTokens.head(TENANT);
        String id = Imports.upload(
                head,
                Imports.file(
                        "{\"recordType\":\"manager\",\"externalSystem\":\"amocrm\",\"externalId\":\"7\",\"name\":\"Olga\","
                                + "\"occurredAt\":\"2025-01-09T09:00:00+03:00\"}",
                        "",
                        "{\"recordType\":\"product\",\"externalSystem\":\"amocrm\",\"externalId\":\"p1\",\"name\":\"Licence\"}",
                        "{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"100\",\"source\":\"website\","
                                + "\"managerRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"7\"},"
                                + "\"occurredAt\":\"2025-01-10T10:00:00+03:00\"}",
                        "{\"recordType\":\"lead-conversion\",\"externalSystem\":\"amocrm\",\"externalId\":\"100\","
                                + "\"occurredAt\":\"2025-01-12T10:00:00+03:00\"}"),
                false);

        JsonPath job = Imports.awaitEnd(head, id);

        assertThat(job.getString("status")).isEqualTo("DONE");
        assertThat(job.getInt("total")).isEqualTo(4);
        assertThat(job.getInt("done")).isEqualTo(4);
        assertThat(job.getInt("applied")).isEqualTo(4);
        assertThat(job.getInt("failed")).isZero();
        assertThat(job.getDouble("percent")).isEqualTo(100.0);
        assertThat(job.getString("startedAt")).isNotNull();
        assertThat(job.getString("finishedAt")).isNotNull();

        List<OwnerStub.Call> lead = OwnerStub.LEAD.calls();
        assertThat(lead)
                .extracting(OwnerStub.Call::method, OwnerStub.Call::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PUT", "/api/v1/managers/by-ref/amocrm/7"),
                        org.assertj.core.groups.Tuple.tuple("PUT", "/api/v1/leads/by-ref/amocrm/100"),
                        org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/leads/by-ref/amocrm/100/convert"));
        assertThat(OwnerStub.DEAL.calls())
                .extracting(OwnerStub.Call::path)
                .containsExactly("/api/v1/products/by-ref/amocrm/p1");
        // the body is the owner's body: the row without what the path carries, its business time kept
        assertThat(lead.get(0).body().toString())
                .isEqualTo("{\"name\":\"Olga\",\"occurredAt\":\"2025-01-09T09:00:00+03:00\"}");
        assertThat(lead.get(1).body().path("managerRef").path("externalId").asText())
                .isEqualTo("7");
        assertThat(lead).noneMatch(OwnerStub.Call::dryRun);
        // the calls carry an integrator token for the job's tenant, acting as the uploader
        assertThat(lead.get(0).token().path("tenant").asText()).isEqualTo(TENANT);
        assertThat(lead.get(0).token().path("groups").toString()).isEqualTo("[\"integrator\"]");
        assertThat(lead.get(0).token().path("sub").asText()).isEqualTo("head-of-sales");
        assertThat(lead.get(0).token().path("import_job").asText()).isEqualTo(id);
        // the audience the owners verify (mp.jwt.verify.audiences), else they refuse every row with 401
        assertThat(lead.get(0).token().path("aud").asText()).isEqualTo("salespulse");
        assertThat(lead.get(0).token().path("exp").asLong()
                        - lead.get(0).token().path("iat").asLong())
                .isLessThanOrEqualTo(300);
    }

    @Test
    void aDismissalRowIsTheManagersDismissalByReferenceAndCountsAsAppliedWhenImportedAgain() {
        String integrator = TestTokens.integrator(TENANT);
        String file = Imports.file(
                "{\"recordType\":\"manager\",\"externalSystem\":\"amocrm\",\"externalId\":\"8\",\"name\":\"Ivan\","
                        + "\"occurredAt\":\"2025-01-09T09:00:00+03:00\"}",
                "{\"recordType\":\"manager-dismissal\",\"externalSystem\":\"amocrm\",\"externalId\":\"8\","
                        + "\"cards\":\"TRANSFER_TO_NAMED\",\"toManagerRefs\":[{\"externalSystem\":\"amocrm\","
                        + "\"externalId\":\"7\"}],\"occurredAt\":\"2025-06-01T18:00:00+03:00\"}");

        JsonPath first = Imports.awaitEnd(integrator, Imports.upload(integrator, file, false));
        JsonPath again = Imports.awaitEnd(integrator, Imports.upload(integrator, file, false));

        assertThat(first.getInt("applied")).isEqualTo(2);
        assertThat(again.getInt("applied")).isEqualTo(2);
        assertThat(again.getInt("failed")).isZero();
        List<OwnerStub.Call> calls = OwnerStub.LEAD.calls();
        assertThat(calls)
                .extracting(OwnerStub.Call::method, OwnerStub.Call::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PUT", "/api/v1/managers/by-ref/amocrm/8"),
                        org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/managers/by-ref/amocrm/8/dismissal"),
                        org.assertj.core.groups.Tuple.tuple("PUT", "/api/v1/managers/by-ref/amocrm/8"),
                        org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/managers/by-ref/amocrm/8/dismissal"));
        // the body is the dismissal body: the row without what the path carries
        assertThat(calls.get(1).body().toString())
                .isEqualTo("{\"cards\":\"TRANSFER_TO_NAMED\",\"toManagerRefs\":"
                        + "[{\"externalSystem\":\"amocrm\",\"externalId\":\"7\"}],"
                        + "\"occurredAt\":\"2025-06-01T18:00:00+03:00\"}");
        assertThat(calls.get(1).externalId()).isEqualTo("8");
    }

    @Test
    void anExternalIdReachesItsOwnerAsOnePathSegmentWhateverItsCharacters() {
        String head = TestTokens.head(TENANT);
        String id = Imports.upload(
                head,
                Imports.file(
                        "{\"recordType\":\"client\",\"externalSystem\":\"1c\",\"externalId\":\"ООО Ромашка 42%?#;x\","
                                + "\"name\":\"Romashka\"}"),
                false);

        assertThat(Imports.awaitEnd(head, id).getInt("applied")).isEqualTo(1);
        OwnerStub.Call call = OwnerStub.LEAD.calls().get(0);
        assertThat(call.path()).startsWith("/api/v1/clients/by-ref/1c/").doesNotContain(" ", "?", "#");
        assertThat(call.externalId()).isEqualTo("ООО Ромашка 42%?#;x");
    }

    @Test
    void aRowItsOwnerRefusesIsReportedByRowAndFieldAndTheJobGoesOn() {
        OwnerStub.LEAD.answer(call -> call.externalId().equals("bad")
                ? OwnerStub.Answer.problem(400, "occurredAt", "is before the lead came in")
                : null);
        String integrator = TestTokens.integrator(TENANT);
        String id = Imports.upload(
                integrator,
                Imports.file(
                        "{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"1\",\"source\":\"website\"}",
                        "{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"bad\",\"source\":\"website\"}",
                        "{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"3\",\"source\":\"website\"}"),
                false);

        JsonPath job = Imports.awaitEnd(integrator, id);

        assertThat(job.getString("status")).isEqualTo("DONE");
        assertThat(job.getInt("applied")).isEqualTo(2);
        assertThat(job.getInt("failed")).isEqualTo(1);
        JsonPath errors = Imports.errors(integrator, id).jsonPath();
        assertThat(errors.getInt("total")).isEqualTo(1);
        assertThat(errors.getInt("items[0].row")).isEqualTo(2);
        assertThat(errors.getString("items[0].recordType")).isEqualTo("lead");
        assertThat(errors.getString("items[0].externalId")).isEqualTo("bad");
        assertThat(errors.getInt("items[0].status")).isEqualTo(400);
        assertThat(errors.getString("items[0].field")).isEqualTo("occurredAt");
        assertThat(errors.getString("items[0].detail")).contains("before the lead came in");
        assertThat(errors.getString("items[0].invalidFields[0].field")).isEqualTo("occurredAt");
        assertThat(OwnerStub.LEAD.calls())
                .extracting(OwnerStub.Call::externalId)
                .containsExactly("1", "bad", "3");
    }

    @Test
    void aDryRunSendsOnlyDryRunCallsAndTrustsReferencesAnEarlierRowDefines() {
        // nothing is written in a dry run, so the owner does not know the manager of row 1 when row 2 names it
        OwnerStub.LEAD.answer(call -> call.path().contains("/leads/")
                ? OwnerStub.Answer.problem(400, "managerRef.externalId", "names no manager of this tenant")
                : null);
        String head = TestTokens.head(TENANT);
        String id = Imports.upload(
                head,
                Imports.file(
                        "{\"recordType\":\"manager\",\"externalSystem\":\"amocrm\",\"externalId\":\"8\",\"name\":\"Ivan\"}",
                        "{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"200\",\"source\":\"website\","
                                + "\"managerRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"8\"}}",
                        "{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"201\",\"source\":\"website\","
                                + "\"managerRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"99\"}}"),
                true);

        JsonPath job = Imports.awaitEnd(head, id);

        assertThat(job.getBoolean("dryRun")).isTrue();
        assertThat(job.getInt("applied")).isEqualTo(2);
        assertThat(job.getInt("failed")).isEqualTo(1);
        assertThat(Imports.errors(head, id).jsonPath().getString("items[0].field"))
                .isEqualTo("managerRef.externalId");
        assertThat(OwnerStub.LEAD.calls()).hasSize(3).allMatch(OwnerStub.Call::dryRun);
    }

    @Test
    void aRowWhoseCardAlreadyHoldsALaterStateIsSkippedNotFailedAndListedWithItsReason() {
        // the owner holds deal d1 at a later state than row 1; row 3 reuses a reference with other content
        OwnerStub.DEAL.answer(call -> switch (call.externalId()) {
            case "d1" ->
                call.body().path("occurredAt").asText().startsWith("2025-01-10")
                        ? OwnerStub.Answer.staleChange("deal demo/d1", "2025-01-10T07:00:00Z", "2025-02-03T09:00:00Z")
                        : null;
            case "p9" -> OwnerStub.Answer.conflict("The reference demo/p9 is another plan's (2025-02, manager 7)");
            default -> null;
        });
        String integrator = TestTokens.integrator(TENANT);
        String id = Imports.upload(
                integrator,
                Imports.file(
                        "{\"recordType\":\"deal\",\"externalSystem\":\"demo\",\"externalId\":\"d1\",\"amount\":1,"
                                + "\"occurredAt\":\"2025-01-10T10:00:00+03:00\"}",
                        "{\"recordType\":\"deal\",\"externalSystem\":\"demo\",\"externalId\":\"d1\",\"amount\":2,"
                                + "\"occurredAt\":\"2025-02-03T12:00:00+03:00\"}",
                        "{\"recordType\":\"plan\",\"externalSystem\":\"demo\",\"externalId\":\"p9\",\"month\":\"2025-03\"}"),
                false);

        JsonPath job = Imports.awaitEnd(integrator, id);

        assertThat(job.getString("status")).isEqualTo("DONE");
        assertThat(job.getInt("total")).isEqualTo(3);
        assertThat(job.getInt("applied")).isEqualTo(1);
        assertThat(job.getInt("skipped")).isEqualTo(1);
        assertThat(job.getInt("failed"))
                .as("another kind of 409 stays a failure")
                .isEqualTo(1);
        assertThat(job.getInt("done")).isEqualTo(3);
        assertThat(job.getDouble("percent")).isEqualTo(100.0);
        // the error report keeps only the real failure
        JsonPath errors = Imports.errors(integrator, id).jsonPath();
        assertThat(errors.getInt("total")).isEqualTo(1);
        assertThat(errors.getInt("items[0].row")).isEqualTo(3);
        assertThat(errors.getInt("items[0].status")).isEqualTo(409);
        // the skipped rows are listed apart, with the owner's reason
        JsonPath skipped = Imports.skipped(integrator, id).jsonPath();
        assertThat(skipped.getInt("total")).isEqualTo(1);
        assertThat(skipped.getInt("items[0].row")).isEqualTo(1);
        assertThat(skipped.getString("items[0].recordType")).isEqualTo("deal");
        assertThat(skipped.getString("items[0].externalId")).isEqualTo("d1");
        assertThat(skipped.getInt("items[0].status")).isEqualTo(409);
        assertThat(skipped.getString("items[0].type")).isEqualTo("urn:salespulse:problem:stale-change");
        assertThat(skipped.getString("items[0].reason")).contains("2025-01-10T07:00:00Z", "2025-02-03T09:00:00Z");
    }

    @Test
    void aStaleRowIsSkippedInADryRunToo() {
        OwnerStub.LEAD.answer(
                call -> OwnerStub.Answer.staleChange("lead demo/l1", "2025-01-10T07:00:00Z", "2025-02-03T09:00:00Z"));
        String head = TestTokens.head(TENANT);
        String id = Imports.upload(
                head,
                Imports.file(
                        "{\"recordType\":\"lead\",\"externalSystem\":\"demo\",\"externalId\":\"l1\",\"source\":\"web\","
                                + "\"occurredAt\":\"2025-01-10T10:00:00+03:00\"}"),
                true);

        JsonPath job = Imports.awaitEnd(head, id);

        assertThat(job.getInt("skipped")).isEqualTo(1);
        assertThat(job.getInt("failed")).isZero();
        assertThat(Imports.errors(head, id).jsonPath().getInt("total")).isZero();
        assertThat(OwnerStub.LEAD.calls()).hasSize(1).allMatch(OwnerStub.Call::dryRun);
    }

    @Test
    void transientTroubleIsRetriedUntilTheOwnerAnswersAndNeverReportedAsARowFailure() {
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        OwnerStub.DEAL.answer(call -> switch (answered.incrementAndGet()) {
            case 1 -> new OwnerStub.Answer(503, "{\"status\":503}");
            case 2 -> new OwnerStub.Answer(500, "");
            case 3 -> new OwnerStub.Answer(429, "");
            default -> null;
        });
        String head = TestTokens.head(TENANT);
        String id = Imports.upload(
                head,
                Imports.file(
                        "{\"recordType\":\"deal\",\"externalSystem\":\"amocrm\",\"externalId\":\"d1\",\"amount\":1000}",
                        "{\"recordType\":\"task\",\"externalSystem\":\"amocrm\",\"externalId\":\"t1\",\"title\":\"Call\"}"),
                false);

        JsonPath job = Imports.awaitEnd(head, id);

        assertThat(job.getString("status")).isEqualTo("DONE");
        assertThat(job.getInt("applied")).isEqualTo(2);
        assertThat(job.getInt("failed")).isZero();
        assertThat(job.getString("waitingReason")).isNull();
        assertThat(OwnerStub.DEAL.calls())
                .extracting(OwnerStub.Call::externalId)
                .containsExactly("d1", "d1", "d1", "d1", "t1");
    }

    @Test
    void aReferenceTheOwnerDoesNotKnowYetIsTriedAgainBeforeTheRowCountsAsFailed() {
        java.util.concurrent.atomic.AtomicInteger late = new java.util.concurrent.atomic.AtomicInteger();
        OwnerStub.DEAL.answer(call -> {
            if (call.externalId().equals("late") && late.incrementAndGet() <= 2) {
                return OwnerStub.Answer.problem(400, "clientRef.externalId", "names no client of this tenant");
            }
            if (call.externalId().equals("never")) {
                return OwnerStub.Answer.problem(400, "clientRef.externalId", "names no client of this tenant");
            }
            return null;
        });
        String head = TestTokens.head(TENANT);
        String id = Imports.upload(
                head,
                Imports.file(
                        "{\"recordType\":\"deal\",\"externalSystem\":\"amocrm\",\"externalId\":\"late\","
                                + "\"clientRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"c1\"}}",
                        "{\"recordType\":\"deal\",\"externalSystem\":\"amocrm\",\"externalId\":\"never\","
                                + "\"clientRef\":{\"externalSystem\":\"amocrm\",\"externalId\":\"c2\"}}"),
                false);

        JsonPath job = Imports.awaitEnd(head, id);

        assertThat(job.getInt("applied")).isEqualTo(1);
        assertThat(job.getInt("failed")).isEqualTo(1);
        JsonPath errors = Imports.errors(head, id).jsonPath();
        assertThat(errors.getInt("items[0].row")).isEqualTo(2);
        assertThat(errors.getString("items[0].field")).isEqualTo("clientRef.externalId");
        // 3 calls for the late one (2 refused, then stored), 5 for the one that never resolves (test config)
        assertThat(OwnerStub.DEAL.calls())
                .extracting(OwnerStub.Call::externalId)
                .containsExactly("late", "late", "late", "never", "never", "never", "never", "never");
    }

    @Test
    void aCancelledJobStopsAfterTheRowInFlightAndKeepsWhatWasApplied() {
        OwnerStub.LEAD.slowDown(150);
        String head = TestTokens.head(TENANT);
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            file.append("{\"recordType\":\"client\",\"externalSystem\":\"bitrix24\",\"externalId\":\"c")
                    .append(i)
                    .append("\",\"name\":\"Client ")
                    .append(i)
                    .append("\"}\n");
        }
        String id = Imports.upload(head, file.toString(), false);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> OwnerStub.LEAD.calls().size() >= 3);

        given().auth()
                .oauth2(head)
                .when()
                .post("/api/v1/imports/" + id + "/cancel")
                .then()
                .statusCode(200);
        JsonPath job = Imports.awaitEnd(head, id);

        assertThat(job.getString("status")).isEqualTo("CANCELLED");
        int sent = OwnerStub.LEAD.calls().size();
        assertThat(sent).isLessThan(40);
        assertThat(job.getInt("applied")).isEqualTo(sent);
        assertThat(job.getInt("total")).isEqualTo(40);
        given().auth()
                .oauth2(head)
                .when()
                .post("/api/v1/imports/" + id + "/cancel")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void aTokenTheOwnersRefuseFailsTheJobInsteadOfEveryRow() {
        OwnerStub.LEAD.answer(call -> new OwnerStub.Answer(401, "{\"status\":401}"));
        String head = TestTokens.head(TENANT);
        String id = Imports.upload(
                head,
                Imports.file(
                        "{\"recordType\":\"team\",\"externalSystem\":\"amocrm\",\"externalId\":\"t1\",\"name\":\"North\"}",
                        "{\"recordType\":\"team\",\"externalSystem\":\"amocrm\",\"externalId\":\"t2\",\"name\":\"South\"}"),
                false);

        JsonPath job = Imports.awaitEnd(head, id);

        assertThat(job.getString("status")).isEqualTo("FAILED");
        assertThat(job.getString("failureReason")).contains("refused this service's token");
        assertThat(job.getInt("failed")).isZero();
        assertThat(OwnerStub.LEAD.calls()).hasSize(1);
    }
}
