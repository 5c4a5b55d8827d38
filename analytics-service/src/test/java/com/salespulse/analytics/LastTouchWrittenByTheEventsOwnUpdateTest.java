package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.projection.EventApplier;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A lead's status change and contact attempt and a deal's stage move are touches: their own update of the card's row
 * moves its last touch (it is not updated a second time by the batch's touches), and the touch is kept for metric 12.
 * The last touch only grows, whichever touch of the card is applied first or in which batch.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LastTouchWrittenByTheEventsOwnUpdateTest {

    @Inject
    EventApplier applier;

    @Inject
    ReadModelGenerations generations;

    @Inject
    DataSource dataSource;

    @Test
    void aLeadsStatusChangeAndContactAttemptMoveItsLastTouchAndAreKept() throws Exception {
        String tenant = TestTenants.fresh();
        UUID lead = UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        int gen = generations.live();
        apply(
                gen,
                tenant,
                LeadEvents.lead(lead, "website", anna, "Acme", "2026-11-10T08:00:00Z"),
                LeadEvents.status(lead, "NEW", "IN_WORK", anna, "2026-11-10T10:00:00Z"),
                LeadEvents.unreached(lead, anna, "2026-11-10T11:00:00Z"));

        assertThat(lastTouch(tenant, "lead_fact", "lead_id", lead)).isEqualTo(Instant.parse("2026-11-10T11:00:00Z"));
        assertThat(kept(tenant, lead))
                .containsExactly(Instant.parse("2026-11-10T10:00:00Z"), Instant.parse("2026-11-10T11:00:00Z"));

        // a call made earlier, applied later (another key): kept, the last touch stays the later attempt
        apply(gen, tenant, DealEvents.call("LEAD", lead, anna, "2026-11-10T09:00:00Z"));
        assertThat(lastTouch(tenant, "lead_fact", "lead_id", lead)).isEqualTo(Instant.parse("2026-11-10T11:00:00Z"));
        assertThat(kept(tenant, lead)).hasSize(3);

        // a status change older than the last touch does not move it back
        apply(gen, tenant, LeadEvents.status(lead, "IN_WORK", "QUALIFIED", anna, "2026-11-10T10:30:00Z"));
        assertThat(lastTouch(tenant, "lead_fact", "lead_id", lead)).isEqualTo(Instant.parse("2026-11-10T11:00:00Z"));
    }

    @Test
    void aDealsStageMoveMovesItsLastTouchAndIsKeptWhicheverTouchIsAppliedFirst() throws Exception {
        String tenant = TestTenants.fresh();
        UUID deal = UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        int gen = generations.live();
        apply(
                gen,
                tenant,
                DealEvents.deal(deal, anna, DealEvents.PIPELINE, DealEvents.STAGE_NEW, "Acme", "2026-11-10T08:00:00Z"),
                DealEvents.call("DEAL", deal, anna, "2026-11-10T12:00:00Z"),
                DealEvents.moved(
                        deal,
                        anna,
                        DealEvents.PIPELINE,
                        DealEvents.STAGE_NEW,
                        DealEvents.STAGE_PROPOSAL,
                        "2026-11-10T10:00:00Z"));

        assertThat(lastTouch(tenant, "deal_fact", "deal_id", deal))
                .as("the later call wins over the move in the same batch")
                .isEqualTo(Instant.parse("2026-11-10T12:00:00Z"));
        assertThat(kept(tenant, deal))
                .containsExactly(Instant.parse("2026-11-10T10:00:00Z"), Instant.parse("2026-11-10T12:00:00Z"));

        apply(
                gen,
                tenant,
                DealEvents.moved(
                        deal,
                        anna,
                        DealEvents.PIPELINE,
                        DealEvents.STAGE_PROPOSAL,
                        DealEvents.STAGE_NEW,
                        "2026-11-10T13:00:00Z"));
        assertThat(lastTouch(tenant, "deal_fact", "deal_id", deal)).isEqualTo(Instant.parse("2026-11-10T13:00:00Z"));
        assertThat(kept(tenant, deal)).hasSize(3);
    }

    private Instant lastTouch(String tenant, String table, String key, UUID id) throws Exception {
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(
                        "select last_touched_at from " + table + " where tenant_id = ? and " + key + " = ?")) {
            query.setString(1, tenant);
            query.setObject(2, id);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).as("a row for %s", id).isTrue();
                return rows.getTimestamp(1).toInstant();
            }
        }
    }

    /** The card's kept touches, oldest first. */
    private List<Instant> kept(String tenant, UUID card) throws Exception {
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(
                        "select touched_at from card_touch where tenant_id = ? and card_id = ? order by touched_at")) {
            query.setString(1, tenant);
            query.setObject(2, card);
            List<Instant> out = new ArrayList<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    Timestamp at = rows.getTimestamp(1);
                    out.add(at.toInstant());
                }
            }
            return out;
        }
    }

    /** Applies the tenant's events in one batch and one transaction, as a topic's consumer does. */
    private void apply(int gen, String tenant, DomainEvent... events) {
        List<ReceivedEvent> batch = java.util.Arrays.stream(events)
                .map(data -> new ReceivedEvent(
                        new EventMetadata(UUID.randomUUID(), URI.create("/test"), Instant.now(), tenant, "user:test"),
                        EventType.of(data),
                        data))
                .toList();
        QuarkusTransaction.requiringNew().run(() -> applier.apply(gen, batch));
    }
}
