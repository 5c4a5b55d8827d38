package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.salespulse.analytics.ingest.EventApplier;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.deal.ActivityLogged;
import com.salespulse.contract.lead.ClientsMerged;
import com.salespulse.testsupport.EmbeddedInfra;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The lead, roster and deal topics are applied by three consumers at once. This forces the interleaving that used to
 * lose a merge: a deal-topic batch has written a touch of a client and not yet committed when a lead-topic batch
 * merges that client away. A tenant's batches apply one at a time, so the merge waits for the touch and moves it.
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

    @Test
    void aMergeAppliedWhileATouchOfTheMergedClientIsStillUncommittedMovesTheTouch() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        UUID merged = UUID.randomUUID();
        UUID surviving = UUID.randomUUID();
        UUID activityId = UUID.randomUUID();
        ReceivedEvent touch = received(tenant, new ActivityLogged(activityId, "LEAD", UUID.randomUUID(), merged,
                UUID.randomUUID(), "CALL", "OUTBOUND", "reached", 60, null, false, Instant.parse("2026-11-20T08:00:00Z")));
        ReceivedEvent merge = received(tenant, new ClientsMerged(surviving, merged, List.of(), List.of(), List.of(),
                "same company", Instant.parse("2026-11-20T09:00:00Z")));
        int gen = generations.live();

        AtomicReference<CompletableFuture<Void>> mergeApplied = new AtomicReference<>();
        QuarkusTransaction.requiringNew().run(() -> {
            applier.apply(gen, List.of(touch));
            // the touch is written, not committed: the merge is applied from another thread meanwhile
            mergeApplied.set(CompletableFuture.runAsync(
                    () -> QuarkusTransaction.requiringNew().run(() -> applier.apply(gen, List.of(merge)))));
            pause(700);
        });
        mergeApplied.get().get(30, TimeUnit.SECONDS);

        assertThat(clientOf(activityId)).as("the touch counts for the surviving client").isEqualTo(surviving);
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
        return new ReceivedEvent(new EventMetadata(UUID.randomUUID(), URI.create("/test"), Instant.now(), tenant, "user:test"),
                EventType.of(data), data);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
