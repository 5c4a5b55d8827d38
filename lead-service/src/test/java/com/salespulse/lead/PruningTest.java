package com.salespulse.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.messaging.inbox.ConsumedEventPruning;
import com.salespulse.messaging.lease.Leases;
import com.salespulse.messaging.outbox.OutboxEventRepository;
import com.salespulse.messaging.outbox.OutboxRelay;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The consumed-event log and the outbox do not grow for ever: rows older than their retention are deleted in
 * batches (the test profile deletes 5 per batch), newer ones stay, and only one instance prunes at a time.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class PruningTest {

    @Inject
    ConsumedEventPruning consumedEvents;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxEventRepository outbox;

    @Inject
    Leases leases;

    @Inject
    DataSource dataSource;

    @Test
    void consumedEventIdsOlderThanTheRetentionAreDeletedInBatchesAndNewerOnesKept() {
        String tenant = TestTenants.fresh();
        Instant now = Instant.now();
        for (int i = 0; i < 12; i++) {
            consumed(tenant, now.minus(Duration.ofDays(31)));
        }
        consumed(tenant, now.minus(Duration.ofDays(29)));

        OptionalLong deleted = consumedEvents.pruneOld();

        assertThat(deleted).isPresent();
        assertThat(deleted.getAsLong()).isGreaterThanOrEqualTo(12); // 3 batches of at most 5
        assertThat(count("consumed_event", tenant)).isEqualTo(1);
    }

    @Test
    void aSecondPruningWhileOneRunsSkips() throws Exception {
        String tenant = TestTenants.fresh();
        UUID blocked = null;
        for (int i = 0; i < 8; i++) {
            blocked = consumed(tenant, Instant.now().minus(Duration.ofDays(40)));
        }
        CompletableFuture<OptionalLong> first;
        // another transaction holds a row the first pruning must delete: that pruning stays in its batch
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock =
                    holder.prepareStatement("select 1 from consumed_event where event_id = ? for update")) {
                lock.setObject(1, blocked);
                lock.executeQuery().close();
            }
            first = CompletableFuture.supplyAsync(consumedEvents::pruneOld);
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(this::pruneLeaseHeld);

            OptionalLong second = consumedEvents.pruneOld();

            assertThat(second).isEmpty();
            assertThat(first).isNotDone();
            holder.rollback();
        }
        assertThat(first.get(10, TimeUnit.SECONDS).orElse(-1)).isGreaterThanOrEqualTo(8);
        assertThat(count("consumed_event", tenant)).isZero();
    }

    @Test
    void aPruningSkipsWhileAnotherInstanceHoldsTheLease() {
        String tenant = TestTenants.fresh();
        consumed(tenant, Instant.now().minus(Duration.ofDays(40)));
        QuarkusTransaction.requiringNew()
                .run(() -> leases.tryAcquire("consumed-event-prune", "another-instance", Duration.ofMinutes(1)));
        try {
            assertThat(consumedEvents.pruneOld()).isEmpty();
            assertThat(count("consumed_event", tenant)).isEqualTo(1);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> leases.release("consumed-event-prune", "another-instance"));
        }
        assertThat(consumedEvents.pruneOld()).isPresent();
        assertThat(count("consumed_event", tenant)).isZero();
    }

    @Test
    void theOutboxPurgeDeletesOnlyRowsPublishedBeforeTheRetention() {
        String tenant = TestTenants.fresh();
        Instant now = Instant.now();
        for (int i = 0; i < 7; i++) {
            published(tenant, now.minus(Duration.ofDays(8)));
        }
        published(tenant, now.minus(Duration.ofDays(6)));

        OptionalLong deleted = relay.purgePublished();

        assertThat(deleted.orElse(-1)).isGreaterThanOrEqualTo(7);
        assertThat(count("outbox_event", tenant)).isEqualTo(1);
        QuarkusTransaction.requiringNew().run(() -> outbox.delete("tenantId", tenant));
    }

    private boolean pruneLeaseHeld() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) outbox.getEntityManager()
                                        .createNativeQuery("""
                                                select count(*) from job_lease
                                                where name = 'consumed-event-prune' and expires_at > now()""")
                                        .getSingleResult())
                                .longValue()
                        == 1);
    }

    private UUID consumed(String tenant, Instant at) {
        UUID id = UUID.randomUUID();
        sql(
                "insert into consumed_event (event_id, tenant_id, event_type, consumed_at) values (?1, ?2, 'test', ?3)",
                id,
                tenant,
                at);
        return id;
    }

    private void published(String tenant, Instant at) {
        sql("""
                insert into outbox_event
                    (id, tenant_id, aggregate_type, aggregate_id, event_type, topic, payload, created_at, published_at)
                values (?1, ?2, 'lead', ?1, 'test.event', 'salespulse.test.purge', ''::bytea, ?3, ?3)""", UUID.randomUUID(), tenant, at);
    }

    private long count(String table, String tenant) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) outbox.getEntityManager()
                                .createNativeQuery("select count(*) from " + table + " where tenant_id = ?1")
                                .setParameter(1, tenant)
                                .getSingleResult())
                        .longValue());
    }

    private void sql(String statement, Object... parameters) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = outbox.getEntityManager().createNativeQuery(statement);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            query.executeUpdate();
        });
    }
}
