package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.analytics.projection.EventApplier;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The lead, roster and deal topics are applied by three consumers at once, each in its own order. These tests apply
 * events the way two consumers can: interleaved while one has not committed, and a topic ahead of another.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ConcurrentTopicsTest {

    @Inject
    EventApplier applier;

    @Inject
    ReadModelGenerations generations;

    @Inject
    DataSource dataSource;

    /**
     * A deal-topic batch has written a touch of a client and not yet committed when a lead-topic batch merges that
     * client away. A tenant's batches apply one at a time, so the merge waits for the touch and moves it.
     */
    @Test
    void aMergeAppliedWhileATouchOfTheMergedClientIsStillUncommittedMovesTheTouch() throws Exception {
        String tenant = TestTenants.fresh();
        UUID merged = UUID.randomUUID();
        UUID surviving = UUID.randomUUID();
        UUID activityId = UUID.randomUUID();
        ReceivedEvent touch = received(
                tenant,
                DealEvents.callLogged(
                        activityId,
                        "LEAD",
                        UUID.randomUUID(),
                        merged,
                        UUID.randomUUID(),
                        60,
                        null,
                        false,
                        Instant.parse("2026-11-20T08:00:00Z")));
        ReceivedEvent merge = received(tenant, LeadEvents.clientsMerged(surviving, merged, "2026-11-20T09:00:00Z"));
        int gen = generations.live();

        AtomicReference<CompletableFuture<Void>> mergeApplied = new AtomicReference<>();
        QuarkusTransaction.requiringNew().run(() -> {
            applier.apply(gen, List.of(touch));
            // the touch is written, not committed: the merge is applied from another thread meanwhile
            mergeApplied.set(CompletableFuture.runAsync(
                    () -> QuarkusTransaction.requiringNew().run(() -> applier.apply(gen, List.of(merge)))));
            // hold the touch uncommitted until the merge is waiting for the tenant's lock (or failed)
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> mergeApplied.get().isDone() || waitingForTheTenantLock());
        });
        mergeApplied.get().get(30, TimeUnit.SECONDS);

        assertThat(clientOf(activityId))
                .as("the touch counts for the surviving client")
                .isEqualTo(surviving);
    }

    /**
     * Anna's lead is moved to Boris by a transfer on 10 Nov (lead topic); Boris calls the client on 11 Nov (deal
     * topic). The deal topic is applied first: the call arrives before the move it follows, and still counts as the
     * cohort's touch within 3 days — as it does when the topics come in the other order.
     */
    @Test
    void aTouchAppliedBeforeTheMoveItFollowsCountsForTheTransferCohort() {
        String tenant = TestTenants.fresh();
        UUID anna = UUID.randomUUID();
        UUID boris = UUID.randomUUID();
        UUID lead = UUID.randomUUID();
        UUID transfer = UUID.randomUUID();
        int gen = generations.live();
        apply(
                gen,
                tenant,
                LeadEvents.lead(lead, "website", anna, "Acme", "2026-11-05T08:00:00Z"),
                RosterEvents.transferStarted(transfer, anna, List.of(boris), "2026-11-10T08:00:00Z"));
        // the deal topic is ahead: Boris's call on 11 Nov is applied before the lead topic's move of 10 Nov
        apply(gen, tenant, DealEvents.call("LEAD", lead, boris, "2026-11-11T10:00:00Z"));
        apply(gen, tenant, LeadEvents.leadTransferred(lead, anna, boris, transfer, "2026-11-10T09:00:00Z"));

        JsonPath answer = dismissedBase(tenant);
        assertThat(answer.getString("figures.transfers[0].transferId")).isEqualTo(transfer.toString());
        assertThat(answer.getLong("figures.transfers[0].cards")).isEqualTo(1);
        assertThat(answer.getLong("figures.transfers[0].touched"))
                .as("the call a day after the move")
                .isEqualTo(1);
        assertThat(answer.getLong("figures.transfers[0].stillIdle")).isZero();
        JsonPath touched =
                dismissedBase(tenant, "figure", "transfer", "transferId", transfer.toString(), "outcome", "touched");
        assertThat(touched.getList("drillDown.items.cardId")).containsExactly(lead.toString());
        assertThat(touched.getLong("drillDown.items[0].ageDays"))
                .as("whole days from the move to the call")
                .isEqualTo(1);
    }

    /**
     * Clients A into B on 1 July and B into C on 1 August: each merge has its survivor's key, so the August one can be
     * applied first. A deal of A won afterwards still counts for C, the client all three became.
     */
    @Test
    void aChainOfMergesAppliedLastFirstMakesOneClient() throws Exception {
        String tenant = TestTenants.fresh();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID deal = UUID.randomUUID();
        int gen = generations.live();
        apply(gen, tenant, LeadEvents.clientsMerged(c, b, "2026-08-01T09:00:00Z"));
        apply(gen, tenant, LeadEvents.clientsMerged(b, a, "2026-07-01T09:00:00Z"));
        apply(
                gen,
                tenant,
                DealEvents.dealWon(
                        deal,
                        a,
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        new BigDecimal("1000"),
                        "RUB",
                        List.of(),
                        false,
                        null,
                        Instant.parse("2026-06-01T09:00:00Z"),
                        Instant.parse("2026-09-01T09:00:00Z")));

        assertThat(uuid(tenant, "select client_id from deal_fact where tenant_id = ? and deal_id = ?", deal))
                .as("the deal of A counts for C")
                .isEqualTo(c);
    }

    /**
     * A call on a lead has the activity's key, so it can be applied before the lead's creation. The lead's last touch
     * is the call all the same: it is not forgotten since its creation in one order and touched in the other.
     */
    @Test
    void aCallAppliedBeforeItsLeadIsTheLeadsLastTouch() throws Exception {
        String tenant = TestTenants.fresh();
        UUID lead = UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        int gen = generations.live();
        apply(gen, tenant, DealEvents.call("LEAD", lead, anna, "2026-11-12T10:00:00Z"));
        apply(gen, tenant, LeadEvents.lead(lead, "website", anna, "Acme", "2026-11-10T08:00:00Z"));

        assertThat(instant(tenant, "select last_touched_at from lead_fact where tenant_id = ? and lead_id = ?", lead))
                .isEqualTo(Instant.parse("2026-11-12T10:00:00Z"));
    }

    /**
     * A transferred deal is reported by its own reassignment (at the move) and by the transfer's report (at its
     * completion, a minute later), under different keys. The report applied first does not make the move later.
     */
    @Test
    void aTransferredCardMovesAtItsOwnReassignmentWhicheverReportIsAppliedFirst() throws Exception {
        String tenant = TestTenants.fresh();
        UUID deal = UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        UUID boris = UUID.randomUUID();
        UUID transfer = UUID.randomUUID();
        int gen = generations.live();
        apply(
                gen,
                tenant,
                DealEvents.dealCardsTransferred(
                        transfer,
                        anna,
                        List.of(new DealCardsTransferred.MovedCard("DEAL", deal, boris)),
                        Instant.parse("2026-11-10T09:01:00Z")));
        apply(gen, tenant, DealEvents.dealTransferred(deal, anna, boris, transfer, "2026-11-10T09:00:00Z"));

        assertThat(instant(tenant, "select moved_at from transfer_card where tenant_id = ? and card_id = ?", deal))
                .isEqualTo(Instant.parse("2026-11-10T09:00:00Z"));
    }

    private UUID uuid(String tenant, String sql, UUID id) throws Exception {
        return (UUID) single(tenant, sql, id);
    }

    private Instant instant(String tenant, String sql, UUID id) throws Exception {
        return ((java.sql.Timestamp) single(tenant, sql, id)).toInstant();
    }

    private Object single(String tenant, String sql, UUID id) throws Exception {
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            query.setObject(2, id);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).as("a row for %s", id).isTrue();
                return rows.getObject(1);
            }
        }
    }

    /** Applies the tenant's events in one batch and one transaction, as a topic's consumer does. */
    private void apply(int gen, String tenant, DomainEvent... events) {
        List<ReceivedEvent> batch = java.util.Arrays.stream(events)
                .map(data -> received(tenant, data))
                .toList();
        QuarkusTransaction.requiringNew().run(() -> applier.apply(gen, batch));
    }

    /** The head's dismissed-base answer for November with these query parameters (name, value...). */
    private static JsonPath dismissedBase(String tenant, String... params) {
        var request = given().auth().oauth2(TestTokens.head(tenant)).queryParam("month", "2026-11");
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.when()
                .get("/api/v1/metrics/dismissed-base")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private UUID clientOf(UUID activityId) throws Exception {
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement("select client_id from activity_fact where activity_id = ?")) {
            query.setObject(1, activityId);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).as("the touch was applied").isTrue();
                return rows.getObject(1, UUID.class);
            }
        }
    }

    private static ReceivedEvent received(String tenant, DomainEvent data) {
        return new ReceivedEvent(
                new EventMetadata(UUID.randomUUID(), URI.create("/test"), Instant.now(), tenant, "user:test"),
                EventType.of(data),
                data);
    }

    /** Whether another transaction is blocked on a tenant's apply lock ({@code TenantLocks}). */
    private boolean waitingForTheTenantLock() throws Exception {
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement("""
                        select count(*) from pg_locks where locktype = 'advisory' and not granted""");
                var rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }
}
