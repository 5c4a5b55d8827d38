package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, the dismissed base's baseline kept per card ({@code dismissed_baseline_card}, migration V2026_12_17_20):
 * after leads and deals that come in, are worked, touched (a touch seen before its card too), rejected, converted,
 * won, lost, archived, reassigned and transferred, with events delivered twice, the table holds exactly the cards the
 * baseline's definition picks from the facts, each with its first touch after arrival; the metric's baseline figures
 * are the ones counted from the facts; and a tenant's rebuild from its topics gives the same rows again.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class BaselineCardTest {

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final UUID PIPELINE = UUID.randomUUID(), S1 = UUID.randomUUID(), S2 = UUID.randomUUID();
    private static final UUID WON = UUID.randomUUID(), LOST = UUID.randomUUID();
    private static final List<UUID> MANAGERS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    /** The baseline's cards as DismissedQuery read them from the facts before the table (its first touch inline). */
    private static final String FROM_FACTS = """
            select 'LEAD', l.lead_id, l.created_at, l.owner_id,
                   case when l.status = 'REJECTED' then 'LOST' when l.status in ('NEW', 'IN_WORK', 'QUALIFIED')
                        then 'OPEN' else l.status end,
                   (select min(k.touched_at) from card_touch k where k.gen = l.gen and k.tenant_id = l.tenant_id
                        and k.card_type = 'LEAD' and k.card_id = l.lead_id and k.touched_at >= l.created_at)
            from lead_fact l where l.gen = (select live_gen from read_model_generation) and l.tenant_id = ?
              and not l.archived
              and not exists (select 1 from transfer_card tc where tc.gen = l.gen and tc.tenant_id = l.tenant_id
                              and tc.card_id = l.lead_id)
            union all
            select 'DEAL', d.deal_id, d.opened_at, d.manager_id, d.status,
                   (select min(k.touched_at) from card_touch k where k.gen = d.gen and k.tenant_id = d.tenant_id
                        and k.card_type = 'DEAL' and k.card_id = d.deal_id and k.touched_at >= d.opened_at)
            from deal_fact d where d.gen = (select live_gen from read_model_generation) and d.tenant_id = ?
              and not exists (select 1 from transfer_card tc where tc.gen = d.gen and tc.tenant_id = d.tenant_id
                              and tc.card_id = d.deal_id)""";

    private static final String KEPT = """
            select card_type, card_id, arrived_at, manager_id, state, first_touched_at from dismissed_baseline_card
            where gen = (select live_gen from read_model_generation) and tenant_id = ?""";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    @Test
    void theBaselineCardsAreExactlyTheFactsBaselineAfterEveryKindOfChangeAndATenantRebuild() throws Exception {
        String tenant = TestTenants.fresh();
        SplittableRandom random = new SplittableRandom(12);
        List<byte[]> events = new ArrayList<>();
        events.add(event(tenant, "2026-01-01T00:00:00Z", DealEvents.pipeline(PIPELINE, S1, S2, WON, LOST)));
        int distinct = 1;
        int[] cases = new int[9];
        int transferred = 0, archived = 0;
        for (int i = 0; i < 60; i++) {
            UUID card = UUID.randomUUID();
            UUID manager = MANAGERS.get(random.nextInt(MANAGERS.size()));
            UUID other = MANAGERS.get((MANAGERS.indexOf(manager) + 1) % MANAGERS.size());
            Instant in = Instant.parse("2026-10-20T06:00:00Z")
                    .plus(random.nextInt(40), ChronoUnit.DAYS)
                    .plus(random.nextInt(600), ChronoUnit.MINUTES);
            String at = in.toString();
            String later = in.plus(1 + random.nextInt(5), ChronoUnit.DAYS).toString();
            String muchLater = in.plus(8, ChronoUnit.DAYS).toString();
            int kind = random.nextInt(cases.length);
            cases[kind]++;
            List<byte[]> sent = new ArrayList<>();
            boolean lead = kind < 5;
            byte[] arrival = lead
                    ? event(tenant, at, LeadEvents.lead(card, "web", manager, "L" + i, at))
                    : event(tenant, at, DealEvents.deal(card, manager, PIPELINE, S1, "D" + i, at));
            switch (kind) {
                case 0 -> { // a lead worked (still open: no change to the baseline), then touched
                    sent.add(arrival);
                    sent.add(event(tenant, later, LeadEvents.status(card, "NEW", "IN_WORK", manager, later)));
                    sent.add(event(tenant, muchLater, LeadEvents.unreached(card, manager, muchLater)));
                }
                case 1 -> { // a lead rejected, the rejection delivered twice (same event id)
                    byte[] rejected =
                            event(tenant, later, LeadEvents.rejected(card, "NEW", "no_need", manager, "web", later));
                    sent.add(arrival);
                    sent.add(rejected);
                    sent.add(rejected);
                }
                case 2 -> { // a touch seen before the lead it touches, then the lead
                    sent.add(event(tenant, later, LeadEvents.unreached(card, manager, later)));
                    sent.add(arrival);
                }
                case 3 -> { // a lead archived: out of the baseline
                    sent.add(arrival);
                    sent.add(event(
                            tenant,
                            later,
                            LeadEvents.archived(card, "MANUAL", "duplicate", "NEW", manager, at, later)));
                    archived++;
                }
                case 4 -> { // a lead transferred by a dismissal: out of the baseline
                    sent.add(arrival);
                    sent.add(event(
                            tenant, later, LeadEvents.leadTransferred(card, manager, other, UUID.randomUUID(), later)));
                    transferred++;
                }
                case 5 -> { // a deal called, then won; its opening delivered twice
                    sent.add(arrival);
                    sent.add(arrival);
                    sent.add(event(tenant, later, DealEvents.call("DEAL", card, manager, later)));
                    sent.add(event(tenant, muchLater, DealEvents.won(card, manager, PIPELINE, S1, WON, at, muchLater)));
                }
                case 6 -> { // a deal moved on (a touch), then reassigned by hand: the owner now counts
                    sent.add(arrival);
                    sent.add(event(tenant, later, DealEvents.moved(card, manager, PIPELINE, S1, S2, later)));
                    sent.add(event(
                            tenant,
                            muchLater,
                            new com.salespulse.contract.deal.DealReassigned(
                                    card, manager, other, "by hand", null, Instant.parse(muchLater))));
                }
                case 7 -> { // a deal transferred by a dismissal: out of the baseline
                    sent.add(arrival);
                    sent.add(event(
                            tenant, later, DealEvents.dealTransferred(card, manager, other, UUID.randomUUID(), later)));
                    transferred++;
                }
                case 8 -> sent.add(arrival); // a deal never touched
                default -> throw new IllegalStateException();
            }
            distinct += kind == 1 || kind == 5 ? sent.size() - 1 : sent.size();
            events.addAll(sent);
        }
        assertThat(java.util.Arrays.stream(cases).allMatch(n -> n > 0))
                .as("every case generated")
                .isTrue();
        publish(events);
        int sent = distinct;
        ReadModelKit.awaitApplied(dataSource, tenant, sent);

        TreeSet<String> facts = rows(FROM_FACTS, tenant, tenant);
        assertThat(facts).hasSize(60 - transferred - archived);
        assertThat(rows(KEPT, tenant))
                .as("the kept baseline cards, against the facts")
                .isEqualTo(facts);
        assertThat(facts.stream().filter(r -> !r.endsWith("null")).count())
                .as("some cards touched after they came in")
                .isPositive();

        // the metric's baseline over November, a 2-day touch window: the figures counted from the facts
        for (String touchDays : List.of("2", "5")) {
            JsonPath answer = given().auth()
                    .oauth2(TestTokens.head(tenant))
                    .queryParam("month", "2026-11")
                    .queryParam("touchDays", touchDays)
                    .when()
                    .get("/api/v1/metrics/dismissed-base")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            long[] expected = figures(tenant, Integer.parseInt(touchDays));
            assertThat(new long[] {
                        answer.getLong("figures.baseline.cards"),
                        answer.getLong("figures.baseline.touched"),
                        answer.getLong("figures.baseline.won"),
                        answer.getLong("figures.baseline.lost"),
                        answer.getLong("figures.baseline.stillIdle")
                    })
                    .as("the baseline's figures with touchDays=" + touchDays)
                    .isEqualTo(expected);
            assertThat(expected[0]).isPositive();
        }

        // the tenant's rebuild from its topics: the table moves to the live generation with the facts
        ReadModelKit.rebuildTenant(tenant);
        assertThat(rows(KEPT, tenant)).as("after the tenant's rebuild").isEqualTo(facts);
        assertThat(rows(FROM_FACTS, tenant, tenant)).isEqualTo(facts);
    }

    /** cards, touched within the window, won, lost, still idle: November's baseline, from the facts. */
    private long[] figures(String tenant, int touchDays) throws Exception {
        String sql = "select count(*), count(*) filter (where t is not null and t < a + make_interval(days => ?)), "
                + "count(*) filter (where s = 'WON'), count(*) filter (where s = 'LOST'), "
                + "count(*) filter (where s = 'OPEN' and t is null) "
                + "from (" + FROM_FACTS + ") c(ty, id, a, m, s, t) "
                + "where a >= '2026-11-01T00:00:00Z' and a < '2026-12-01T00:00:00Z'";
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(sql)) {
            query.setInt(1, touchDays);
            query.setString(2, tenant);
            query.setString(3, tenant);
            try (var result = query.executeQuery()) {
                result.next();
                return new long[] {
                    result.getLong(1), result.getLong(2), result.getLong(3), result.getLong(4), result.getLong(5)
                };
            }
        }
    }

    private TreeSet<String> rows(String sql, Object... parameters) throws Exception {
        TreeSet<String> rows = new TreeSet<>();
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    var touched = result.getTimestamp(6);
                    rows.add(result.getString(1) + " " + result.getObject(2) + " "
                            + result.getTimestamp(3).toInstant() + " " + result.getObject(4) + " "
                            + result.getString(5) + " " + (touched == null ? null : touched.toInstant()));
                }
            }
        }
        return rows;
    }

    /** A record of this tenant with its own event id: the same bytes published twice are one event delivered twice. */
    private static byte[] event(String tenant, String at, DomainEvent data) {
        return CODEC.encode(
                new EventMetadata(UUID.randomUUID(), URI.create("/test"), Instant.parse(at), tenant, "user:test"),
                data);
    }

    /** In order, each on its family's topic keyed by its aggregate, as the services' outboxes publish. */
    private void publish(List<byte[]> events) {
        List<ProducerRecord<String, byte[]>> records = events.stream()
                .map(value -> {
                    DomainEvent data = CODEC.decode(value).data();
                    return new ProducerRecord<>(
                            EventType.of(data).topic(),
                            null,
                            data.aggregateId().toString(),
                            value,
                            new RecordHeaders()
                                    .add(
                                            "content-type",
                                            CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
                })
                .toList();
        // a loaded machine takes longer than the companion's default 10 s for a few hundred records
        kafka.produce(String.class, byte[].class).fromRecords(records).awaitCompletion(Duration.ofSeconds(120));
    }
}
