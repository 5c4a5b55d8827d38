package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.messaging.outbox.OutboxEventRepository;
import com.salespulse.messaging.outbox.OutboxRelay;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.RelayLease;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's crash window: the broker has the events but the outbox rows are not marked published (the process
 * died, the database refused the update). Nothing may be lost; the re-sent duplicate carries the same event id, so
 * consumers can drop it. The crash is the database's: a trigger refuses the first mark of this test's tenant, as a
 * real failure would, while the relay runs as in production (a Mockito spy stubbed while the relay thread called it
 * raced with that thread).
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class OutboxRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    OutboxEventRepository outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void eventSentButNotMarkedIsSentAgainWithTheSameIdAndThenMarked() throws Exception {
        String tenant = TestTenants.fresh();
        failTheFirstMarkOf(tenant);

        String leadId = given().auth()
                .oauth2(TestTokens.integrator(tenant))
                .contentType(ContentType.JSON)
                .body("""
                        {"source":"call","phone":"+7 495 000-11-22"}""")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        List<ConsumerRecord<String, String>> records = LeadEvents.awaitRecordsWithKey(kafka, leadId, 2);

        assertThat(records).hasSize(2);
        String firstId = JSON.readTree(records.get(0).value()).get("id").asText();
        String secondId = JSON.readTree(records.get(1).value()).get("id").asText();
        assertThat(secondId).isEqualTo(firstId);
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(5))
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> outbox.findById(UUID.fromString(firstId)).publishedAt != null));
    }

    @Test
    void eventsOfManyLeadsAllArriveAndEachAggregateKeepsItsPartition() {
        List<String> ids = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> given().auth()
                        .oauth2(TestTokens.integrator("demo"))
                        .contentType(ContentType.JSON)
                        .body("{\"source\":\"batch\",\"phone\":\"+7 900 000-00-" + String.format("%02d", i) + "\"}")
                        .when()
                        .post("/api/v1/leads")
                        .then()
                        .statusCode(201)
                        .extract()
                        .<String>path("id"))
                .toList();

        for (String id : ids) {
            assertThat(LeadEvents.awaitRecordsWithKey(kafka, id, 1)).hasSize(1);
        }
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(5))
                .until(() -> QuarkusTransaction.requiringNew().call(outbox::countUnpublished) == 0);
    }

    @Test
    void aRelayLeaseHeldByAnotherLiveInstanceHoldsEventsBackButOneLeftByThisInstanceBeforeACrashDoesNot() {
        // another instance relays now (its lease runs for an hour): this one publishes nothing meanwhile
        RelayLease.holdBy(dataSource, "another-host:8080");
        String leadId = takeLead("+7 495 000-33-44");
        await().pollInSameThread()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> unpublished(leadId) == 1);

        // the lease was left by this instance's predecessor (same host and port) when it crashed: taken over at once
        RelayLease.holdBy(dataSource, relay.holder());
        await().pollInSameThread().atMost(Duration.ofSeconds(5)).until(() -> unpublished(leadId) == 0);
        assertThat(LeadEvents.awaitRecordsWithKey(kafka, leadId, 1)).hasSize(1);

        // idle again: the lease is given up, so another instance need not wait for it to expire
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(5))
                .until(() -> ((Number)
                                        query(
                                                "select count(*) from job_lease where name = 'outbox-relay' and expires_at > now()"))
                                .intValue()
                        == 0);
    }

    @AfterEach
    void dropTheTrigger() {
        sql("drop trigger if exists fail_first_mark on outbox_event");
        RelayLease.forget(dataSource);
    }

    private String takeLead(String phone) {
        return given().auth()
                .oauth2(TestTokens.integrator(TestTenants.fresh()))
                .contentType(ContentType.JSON)
                .body("{\"source\":\"call\",\"phone\":\"" + phone + "\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private long unpublished(String leadId) {
        return ((Number) query("select count(*) from outbox_event where aggregate_id = '" + leadId
                        + "' and published_at is null"))
                .longValue();
    }

    private Object query(String statement) {
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        outbox.getEntityManager().createNativeQuery(statement).getSingleResult());
    }

    /** The first mark of an event of the tenant fails; a sequence counts the calls, as it survives the rollback. */
    private void failTheFirstMarkOf(String tenant) {
        sql("drop sequence if exists fail_first_mark_calls");
        sql("create sequence fail_first_mark_calls");
        sql("""
                create or replace function fail_first_mark() returns trigger language plpgsql as $$
                begin
                    if new.tenant_id = '%s' and nextval('fail_first_mark_calls') = 1 then
                        raise exception 'simulated crash between send and mark';
                    end if;
                    return new;
                end $$""".formatted(tenant));
        sql("""
                create trigger fail_first_mark before update of published_at on outbox_event
                for each row when (new.published_at is not null) execute function fail_first_mark()""");
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew()
                .run(() ->
                        outbox.getEntityManager().createNativeQuery(statement).executeUpdate());
    }
}
