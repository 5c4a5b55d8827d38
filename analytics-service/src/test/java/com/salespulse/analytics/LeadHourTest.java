package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.readmodel.ReadModelTables;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, the rollup {@code lead_hour} (migration V2026_12_18_30): whatever leads come in (with and without a
 * manager, a creation delivered twice, the same lead created again from another source later, leads moved to
 * another owner and through their statuses), the rollup holds exactly the leads of the facts per creation hour and
 * source, for every manager and for each one: the same rows as a GROUP BY over lead_fact and as the test works out
 * from what it sent. Seasonality's inflow read from it equals the leads sent, filtered by source and by manager. A
 * tenant's rebuild moves the rollup with the facts; clearing a generation takes its rows, an ordinary delete subtracts.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LeadHourTest {

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final UUID EVERY = new UUID(0, 0);
    private static final List<UUID> MANAGERS = List.of(
            UUID.fromString("00000000-0000-0000-0000-00000000a018"),
            UUID.fromString("00000000-0000-0000-0000-00000000b018"));
    private static final List<String> SOURCES = List.of("website", "call", "referral");

    /** Per (manager level, creation hour, source): leads; the nil UUID for every manager's. */
    private static final String ROLLUP = """
            select manager_id, created_hour, source, leads from lead_hour
            where gen = (select live_gen from read_model_generation) and tenant_id = ?""";

    private static final String FACTS = """
            select m.manager_id, date_trunc('hour', l.created_at at time zone 'UTC') at time zone 'UTC', l.source,
                count(*)
            from lead_fact l cross join lateral (values ('00000000-0000-0000-0000-000000000000'::uuid),
                (l.manager_id)) m(manager_id)
            where l.gen = (select live_gen from read_model_generation) and l.tenant_id = ? and m.manager_id is not null
            group by 1, 2, 3""";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    @Inject
    ReadModelTables tables;

    private final String tenant = com.salespulse.testsupport.TestTenants.fresh();

    /** The leads sent, each as its first creation made it. */
    private final List<Lead> leads = new ArrayList<>();

    /** A lead as the facts keep it: its first creation. */
    private record Lead(Instant createdAt, UUID manager, String source) {}

    @Test
    void theRollupHoldsExactlyTheLeadsOfTheFactsAndSeasonalityCountsThem() throws Exception {
        SplittableRandom random = new SplittableRandom(18);
        List<byte[]> events = new ArrayList<>();
        int distinct = 0;
        for (int i = 0; i < 90; i++) {
            UUID lead = UUID.randomUUID();
            int m = random.nextInt(MANAGERS.size() + 1);
            UUID manager = m == MANAGERS.size() ? null : MANAGERS.get(m);
            String source = SOURCES.get(random.nextInt(SOURCES.size()));
            // over two years, a few leads sharing an hour
            Instant created = Instant.parse("2025-01-06T05:00:00Z")
                    .plus(random.nextInt(600), ChronoUnit.DAYS)
                    .plus(random.nextInt(3) * 20L, ChronoUnit.MINUTES)
                    .plus(random.nextInt(12), ChronoUnit.HOURS);
            byte[] creation =
                    encode(created, LeadEvents.lead(lead, source, manager, "Client " + i, created.toString()));
            events.add(creation);
            distinct++;
            leads.add(new Lead(created, manager, source));
            switch (i % 5) {
                case 1 -> events.add(creation); // delivered twice: applied once
                case 2 -> { // created again later from another source: the first creation stays
                    Instant again = created.plus(5, ChronoUnit.HOURS);
                    events.add(
                            encode(again, LeadEvents.lead(lead, "call", MANAGERS.get(0), "Again", again.toString())));
                    distinct++;
                }
                case 3 -> { // worked on and given to another manager: the intake's manager counts
                    Instant later = created.plus(1, ChronoUnit.HOURS);
                    events.add(encode(later, LeadEvents.status(lead, "NEW", "IN_WORK", manager, later.toString())));
                    events.add(encode(
                            later.plusSeconds(60),
                            LeadEvents.leadTransferred(
                                    lead,
                                    manager,
                                    MANAGERS.get(1),
                                    UUID.randomUUID(),
                                    later.plusSeconds(60).toString())));
                    distinct += 2;
                }
                default -> {}
            }
        }
        publish(events);
        int sent = distinct;
        ReadModelKit.awaitApplied(dataSource, tenant, sent);

        Map<String, Long> expected = new TreeMap<>();
        for (Lead l : leads) {
            Instant hour = l.createdAt().truncatedTo(ChronoUnit.HOURS);
            expected.merge(EVERY + " " + hour + " " + l.source(), 1L, Long::sum);
            if (l.manager() != null) {
                expected.merge(l.manager() + " " + hour + " " + l.source(), 1L, Long::sum);
            }
        }
        Map<String, Long> rollup = rows(ROLLUP);
        assertThat(rollup).as("the rollup, against the leads the test sent").isEqualTo(expected);
        assertThat(rollup).as("the rollup, against a GROUP BY over lead_fact").isEqualTo(rows(FACTS));

        // seasonality over the three years up to Nov 2026 (Moscow, whole hours: read from the rollup)
        JsonPath all = seasonality(TestTokens.head(tenant));
        assertThat(inflow(all)).isEqualTo(leads.size());
        JsonPath website = seasonality(TestTokens.head(tenant), "source", "website");
        assertThat(inflow(website))
                .isEqualTo(count(l -> l.source().equals("website")))
                .isPositive();
        UUID anna = MANAGERS.get(0);
        JsonPath annas = seasonality(TestTokens.head(tenant), "managerId", anna.toString(), "source", "call");
        assertThat(inflow(annas))
                .isEqualTo(count(l -> anna.equals(l.manager()) && l.source().equals("call")))
                .isPositive();
        // per hour in Moscow (UTC+3): every lead under the hour of its creation
        long[] byHour = new long[24];
        leads.forEach(
                l -> byHour[(l.createdAt().atZone(java.time.ZoneOffset.UTC).getHour() + 3) % 24]++);
        for (int h = 0; h < 24; h++) {
            assertThat(all.getLong("figures.byHour[" + h + "].leads"))
                    .as("leads at %d:00", h)
                    .isEqualTo(byHour[h]);
        }

        // the tenant's rebuild from its topics: the facts and the rollup move to the live generation together
        ReadModelKit.rebuildTenant(tenant);
        assertThat(rows(ROLLUP)).as("the rollup after the tenant's rebuild").isEqualTo(expected);
        assertThat(rows(FACTS)).isEqualTo(expected);

        // an ordinary delete subtracts; clearing a whole generation takes its rows without subtracting
        int spare = Integer.MIN_VALUE + 18;
        ReadModelKit.execute(dataSource, """
                insert into lead_fact
                select (jsonb_populate_record(null::lead_fact, to_jsonb(l) || jsonb_build_object('gen', ?::int))).*
                from lead_fact l where l.gen = (select live_gen from read_model_generation) and l.tenant_id = ?""", spare, tenant);
        String spareLeads = "select coalesce(sum(leads), 0) from lead_hour where gen = ? and tenant_id = ? "
                + "and manager_id = '00000000-0000-0000-0000-000000000000'";
        assertThat(ReadModelKit.single(dataSource, spareLeads, spare, tenant)).isEqualTo(leads.size());
        assertThat(ReadModelKit.execute(
                        dataSource,
                        "delete from lead_fact where gen = ? and tenant_id = ? and lead_id in "
                                + "(select lead_id from lead_fact where gen = ? and tenant_id = ? limit 2)",
                        spare,
                        tenant,
                        spare,
                        tenant))
                .isEqualTo(2);
        assertThat(ReadModelKit.single(dataSource, spareLeads, spare, tenant)).isEqualTo(leads.size() - 2);
        tables.clear(spare);
        assertThat(ReadModelKit.single(dataSource, "select count(*) from lead_hour where gen = ?", spare))
                .isZero();
        assertThat(rows(ROLLUP))
                .as("the live rollup after clearing another generation")
                .isEqualTo(expected);
    }

    private long count(Predicate<Lead> which) {
        return leads.stream().filter(which).count();
    }

    private JsonPath seasonality(String token, String... params) {
        String[] all = new String[params.length + 2];
        all[0] = "month";
        all[1] = "2026-11";
        System.arraycopy(params, 0, all, 2, params.length);
        var request = io.restassured.RestAssured.given().auth().oauth2(token);
        for (int i = 0; i < all.length; i += 2) {
            request = request.queryParam(all[i], all[i + 1]);
        }
        return request.get("/api/v1/metrics/seasonality")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static long inflow(JsonPath answer) {
        return answer.getList("figures.byMonthOfYear.leads", Number.class).stream()
                .mapToLong(Number::longValue)
                .sum();
    }

    private byte[] encode(Instant at, DomainEvent data) {
        return CODEC.encode(new EventMetadata(UUID.randomUUID(), URI.create("/test"), at, tenant, "user:test"), data);
    }

    /** On the lead topic keyed by the lead, as lead-service's outbox does: one lead's events in order. */
    private void publish(List<byte[]> events) {
        List<ProducerRecord<String, byte[]>> records = events.stream()
                .map(value -> new ProducerRecord<>(
                        Topics.LEAD_EVENTS,
                        null,
                        CODEC.decode(value).data().aggregateId().toString(),
                        value,
                        new RecordHeaders()
                                .add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                .toList();
        kafka.produce(String.class, byte[].class).fromRecords(records).awaitCompletion();
    }

    private Map<String, Long> rows(String sql) throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(
                            result.getObject(1, UUID.class) + " "
                                    + result.getTimestamp(2).toInstant() + " " + result.getString(3),
                            result.getLong(4));
                }
            }
        }
        return rows;
    }
}
