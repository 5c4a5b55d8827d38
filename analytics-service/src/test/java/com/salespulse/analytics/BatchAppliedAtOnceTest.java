package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.projection.EventApplier;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.analytics.readmodel.ReadModelTables;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A polled batch is applied set-based (the busiest events' statements gathered and sent together, the rest as
 * barriers), yet it must leave the read model exactly as its events applied one at a time. One generated history
 * ({@link SalesHistory}, merges, a transfer, a dismissal and a team change included) goes to three tenants: one event
 * per batch, the whole history in time order in batches of 500, and the history shuffled across entities in batches
 * of 500. Every read-model table must then hold the same rows for the three, so every metric answers the same; and the
 * shuffled batches delivered a second time (the same event ids) must change nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class BatchAppliedAtOnceTest {

    @Inject
    EventApplier applier;

    @Inject
    ReadModelGenerations generations;

    @Inject
    DataSource dataSource;

    @Inject
    TestClock clock;

    @AfterEach
    void realClock() {
        clock.reset();
    }

    @Test
    void aHistoryAppliedInBatchesEqualsItAppliedOneEventAtATime() throws Exception {
        clock.set(SalesHistory.NOW);
        SalesHistory history = SalesHistory.generate(16);
        String run = UUID.randomUUID().toString().substring(0, 6);
        int gen = generations.live();

        String single = "single-" + run;
        for (SalesHistory.Event event : history.inTimeOrder()) {
            applier.apply(gen, List.of(received(single, event)));
        }
        String batched = "batched-" + run;
        applyInBatches(gen, batched, history.inTimeOrder());
        String shuffled = "shuffled-" + run;
        List<List<ReceivedEvent>> shuffledBatches = applyInBatches(gen, shuffled, history.shuffled(16));

        for (String table : ReadModelTables.FACT_TABLES) {
            List<String> expected = ReadModelKit.tableRows(dataSource, table, gen, single);
            assertThat(ReadModelKit.tableRows(dataSource, table, gen, batched))
                    .as(table + ", in batches")
                    .isEqualTo(expected);
            assertThat(ReadModelKit.tableRows(dataSource, table, gen, shuffled))
                    .as(table + ", shuffled, in batches")
                    .isEqualTo(expected);
        }
        assertThat(ReadModelKit.tableRows(dataSource, "deal_fact", gen, single)).hasSizeGreaterThan(50);
        assertThat(ReadModelKit.tableRows(dataSource, "card_stay", gen, single)).hasSizeGreaterThan(200);

        // delivered again, the same events change nothing
        for (List<ReceivedEvent> batch : shuffledBatches) {
            assertThat(applier.apply(gen, batch).applied()).isZero();
        }
        for (String table : ReadModelTables.FACT_TABLES) {
            assertThat(ReadModelKit.tableRows(dataSource, table, gen, shuffled))
                    .as(table + ", shuffled, delivered twice")
                    .isEqualTo(ReadModelKit.tableRows(dataSource, table, gen, single));
        }
    }

    /** Applies the events in batches of 500 and returns the batches. */
    private List<List<ReceivedEvent>> applyInBatches(int gen, String tenant, List<SalesHistory.Event> events) {
        List<List<ReceivedEvent>> batches = new ArrayList<>();
        List<ReceivedEvent> batch = new ArrayList<>();
        for (SalesHistory.Event event : events) {
            batch.add(received(tenant, event));
            if (batch.size() == 500) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        batches.add(batch);
        batches.forEach(b -> applier.apply(gen, b));
        return batches;
    }

    private static ReceivedEvent received(String tenant, SalesHistory.Event event) {
        return new ReceivedEvent(
                new EventMetadata(
                        UUID.randomUUID(), URI.create("/salespulse/test"), event.at(), tenant, "user:history"),
                EventType.of(event.data()),
                event.data());
    }
}
