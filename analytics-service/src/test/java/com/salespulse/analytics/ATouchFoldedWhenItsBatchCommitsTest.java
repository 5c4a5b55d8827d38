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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What the touches' fold guarantees (migration V2026_12_23_10, {@code CardTouches.fold}): a touch writes no card row
 * while its batch applies, yet once the batch has committed every card it touched shows the touch — its last touch and
 * the dismissed base's first touch — and nothing is left queued; the batch hands its touches to the fold, it queues
 * none of its own. Applying the same events again changes nothing: no card row gets a new version.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ATouchFoldedWhenItsBatchCommitsTest {

    private static final Instant CREATED = Instant.parse("2026-11-10T08:00:00Z");
    private static final Instant CALLED = Instant.parse("2026-11-12T10:00:00Z");
    private static final Instant DONE = Instant.parse("2026-11-13T08:30:00Z");

    @Inject
    EventApplier applier;

    @Inject
    ReadModelGenerations generations;

    @Inject
    DataSource dataSource;

    @Test
    void aCardTouchedInABatchShowsItsTouchOnceTheBatchCommitsAndNothingStaysQueued() throws Exception {
        String tenant = TestTenants.fresh();
        UUID lead = UUID.randomUUID();
        UUID deal = UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        int gen = generations.live();
        apply(gen, batch(tenant, cards(lead, deal, anna)));
        assertThat(at("select last_touched_at from lead_fact where tenant_id = ? and lead_id = ?", tenant, lead))
                .as("a new card's last touch is its creation")
                .isEqualTo(CREATED);

        apply(gen, batch(tenant, touches(lead, deal, anna, task)));

        assertThat(at("select last_touched_at from lead_fact where tenant_id = ? and lead_id = ?", tenant, lead))
                .as("the lead's last touch: the later of its call and its task")
                .isEqualTo(DONE);
        assertThat(at("select last_touched_at from deal_fact where tenant_id = ? and deal_id = ?", tenant, deal))
                .isEqualTo(CALLED);
        assertThat(at(
                        "select first_touched_at from dismissed_baseline_card where tenant_id = ? and card_id = ?",
                        tenant,
                        lead))
                .as("the dismissed base's first touch: the earlier")
                .isEqualTo(CALLED);
        assertThat(at(
                        "select first_touched_at from dismissed_baseline_card where tenant_id = ? and card_id = ?",
                        tenant,
                        deal))
                .isEqualTo(CALLED);
        assertThat(count("select count(*) from card_touch_due where tenant_id = ?", tenant))
                .as("nothing queued")
                .isZero();
    }

    @Test
    void aRepeatedEventChangesNothing() throws Exception {
        String tenant = TestTenants.fresh();
        UUID lead = UUID.randomUUID();
        UUID deal = UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        int gen = generations.live();
        apply(gen, batch(tenant, cards(lead, deal, anna)));
        List<ReceivedEvent> touches = batch(tenant, touches(lead, deal, anna, task));
        apply(gen, touches);
        String before = versions(tenant, lead, deal);

        apply(gen, touches);
        // the same touches again under new event ids (another delivery path): no later than the cards' last touch
        apply(gen, batch(tenant, touches(lead, deal, anna, task)));

        assertThat(versions(tenant, lead, deal))
                .as("the cards' rows, their kept first touches and kept touches: not one new row version")
                .isEqualTo(before);
        assertThat(at("select last_touched_at from lead_fact where tenant_id = ? and lead_id = ?", tenant, lead))
                .isEqualTo(DONE);
        assertThat(count("select count(*) from card_touch where tenant_id = ?", tenant))
                .isEqualTo(3);
        assertThat(count("select count(*) from card_touch_due where tenant_id = ?", tenant))
                .isZero();
    }

    private static DomainEvent[] cards(UUID lead, UUID deal, UUID anna) {
        return new DomainEvent[] {
            LeadEvents.lead(lead, "web", anna, "A", CREATED.toString()),
            DealEvents.deal(deal, anna, DealEvents.PIPELINE, DealEvents.STAGE_NEW, "B", CREATED.toString())
        };
    }

    /** A call on the lead and one on the deal, and a task on the lead completed later: three touches, none own. */
    private static DomainEvent[] touches(UUID lead, UUID deal, UUID anna, UUID task) {
        return new DomainEvent[] {
            DealEvents.call("LEAD", lead, anna, CALLED.toString()),
            DealEvents.call("DEAL", deal, anna, CALLED.toString()),
            DealEvents.task(task, "LEAD", lead, anna, "Call back", DONE.toString(), CREATED.toString()),
            DealEvents.taskDone(task, "LEAD", lead, anna, DONE.toString(), DONE.toString())
        };
    }

    /** The row versions (xmin and place) of the cards' rows, their dismissed-base rows and their kept touches. */
    private String versions(String tenant, UUID lead, UUID deal) throws Exception {
        return text("""
                select string_agg(v, ' ' order by v) from (
                    select 'lead ' || xmin || ctid as v from lead_fact where tenant_id = ? and lead_id = ?
                    union all select 'deal ' || xmin || ctid from deal_fact where tenant_id = ? and deal_id = ?
                    union all select 'base ' || card_type || xmin || ctid from dismissed_baseline_card
                              where tenant_id = ?
                    union all select 'touch ' || xmin || ctid from card_touch where tenant_id = ?) r""", tenant, lead, tenant, deal, tenant, tenant);
    }

    /** Applies one batch in one transaction, as a topic's consumer does. */
    private void apply(int gen, List<ReceivedEvent> batch) {
        QuarkusTransaction.requiringNew().run(() -> applier.apply(gen, batch));
    }

    private static List<ReceivedEvent> batch(String tenant, DomainEvent... events) {
        return java.util.Arrays.stream(events)
                .map(data -> new ReceivedEvent(
                        new EventMetadata(UUID.randomUUID(), URI.create("/test"), Instant.now(), tenant, "user:test"),
                        EventType.of(data),
                        data))
                .toList();
    }

    private Instant at(String sql, Object... parameters) throws Exception {
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).as("a row for %s", sql).isTrue();
                var value = rows.getTimestamp(1);
                return value == null ? null : value.toInstant();
            }
        }
    }

    private long count(String sql, Object... parameters) throws Exception {
        return Long.parseLong(text(sql, parameters));
    }

    private String text(String sql, Object... parameters) throws Exception {
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
