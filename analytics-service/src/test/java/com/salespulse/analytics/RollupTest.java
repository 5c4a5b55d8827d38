package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.readmodel.ReadModelTables;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, the rollup {@code won_deal_hour} (migration V2026_12_13_30): whatever happens to a won deal after its win
 * (reopened and lost, reopened and won again by another manager in another currency, reassigned, its amount corrected,
 * its win delivered twice, a win seen without its opening), the rollup holds exactly the won deals of the facts per
 * closing hour, owner, pipeline, source and currency: the same rows as the test works out from the events it sent,
 * and as a GROUP BY over deal_fact; converted per day at the corrected rate, the same sums as the deals one by one.
 * A tenant's rebuild from its topics moves the rollup with the facts and gives the same rows again.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RollupTest {

    private static final List<UUID> MANAGERS = List.of(
            UUID.fromString("00000000-0000-0000-0000-00000000a016"),
            UUID.fromString("00000000-0000-0000-0000-00000000b016"),
            UUID.fromString("00000000-0000-0000-0000-00000000c016"));
    private static final List<String> CURRENCIES = List.of("RUB", "RUB", "USD", "EUR");

    /** Per (closing hour, owner, currency): won deals and their amount (DealEvents' deals share one pipeline). */
    private static final String ROLLUP = """
            select closed_hour, manager_id, currency, sum(deals), sum(amount) from won_deal_hour
            where gen = (select live_gen from read_model_generation) and tenant_id = ? group by 1, 2, 3""";

    private static final String FACTS = """
            select date_trunc('hour', closed_at at time zone 'UTC') at time zone 'UTC', manager_id, currency, count(*),
                sum(amount)
            from deal_fact where gen = (select live_gen from read_model_generation) and tenant_id = ?
              and status = 'WON' group by 1, 2, 3""";

    /** won_tenant_hour (migration V2026_12_26_20), keyed as {@link #ROLLUP} with every owner as one (the nil UUID). */
    private static final String TENANT_ROLLUP = """
            select closed_hour, cast('00000000-0000-0000-0000-000000000000' as uuid), currency, deals, amount
            from won_tenant_hour where gen = (select live_gen from read_model_generation) and tenant_id = ?""";

    /** won_deal_hour summed over its owners, pipelines and sources: what won_tenant_hour must hold. */
    private static final String ROLLUP_OVER_OWNERS = """
            select closed_hour, cast('00000000-0000-0000-0000-000000000000' as uuid), currency, sum(deals), sum(amount)
            from won_deal_hour where gen = (select live_gen from read_model_generation) and tenant_id = ?
            group by 1, 3""";

    /** won_owner_month (migration V2026_12_27_10), keyed as {@link #ROLLUP} with the UTC month for the hour, no currency. */
    private static final String OWNER_MONTH = """
            select month, manager_id, '-', deals, 0 from won_owner_month
            where gen = (select live_gen from read_model_generation) and tenant_id = ?""";

    /** won_deal_hour summed per UTC month and owner: what won_owner_month must hold. */
    private static final String ROLLUP_PER_MONTH = """
            select utc_month(closed_hour), manager_id, '-', sum(deals), 0 from won_deal_hour
            where gen = (select live_gen from read_model_generation) and tenant_id = ? group by 1, 2""";

    private static final String BURNOUT = "/api/v1/metrics/base-burnout";

    /** The sales per closing day in UTC converted to RUB: from the rollup's rows, and deal by deal from the facts. */
    private static final String CONVERTED = """
            select cast(%1$s at time zone 'UTC' as date), sum(%2$s * x.rate_to_base)
            from %4$s cross join lateral rate_of_day(%3$s.gen, %3$s.tenant_id, %3$s.currency, 'RUB',
                cast(%1$s at time zone 'UTC' as date)) x
            where %3$s.gen = (select live_gen from read_model_generation) and %3$s.tenant_id = ? %5$s group by 1""";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    @Inject
    ReadModelTables tables;

    /** A deal's last won state as the events sent say; null while it is not won. */
    private record Won(Instant closedAt, UUID manager, String currency, BigDecimal amount) {}

    @Test
    void theRollupHoldsExactlyTheWonDealsOfTheFactsWhateverHappenedAfterTheWin() throws Exception {
        DealEvents t = new DealEvents(kafka);
        SplittableRandom random = new SplittableRandom(16);
        List<byte[]> events = new ArrayList<>();
        // a rate, then its correction for the same date: conversion reads the corrected one
        events.add(t.rate("USD", "2026-01-01", "80"));
        events.add(t.rate("EUR", "2026-01-01", "95"));
        events.add(t.rate("USD", "2026-01-01", "91.5"));
        events.add(t.rate("USD", "2026-06-01", "88"));
        int distinct = events.size();
        Map<UUID, Won> won = new java.util.LinkedHashMap<>();
        int[] cases = new int[8];
        for (int i = 0; i < 80; i++) {
            UUID deal = UUID.randomUUID();
            UUID client = UUID.randomUUID();
            UUID manager = MANAGERS.get(random.nextInt(MANAGERS.size()));
            String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
            String amount = String.valueOf(1000 + random.nextInt(90_000)) + "." + random.nextInt(100);
            Instant opened = Instant.parse("2026-01-05T06:00:00Z")
                    .plus(random.nextInt(270), ChronoUnit.DAYS)
                    .plus(random.nextInt(600), ChronoUnit.MINUTES);
            Instant closed =
                    opened.plus(1 + random.nextInt(20), ChronoUnit.DAYS).plus(random.nextInt(600), ChronoUnit.MINUTES);
            Instant later =
                    closed.plus(1 + random.nextInt(10), ChronoUnit.DAYS).plus(random.nextInt(600), ChronoUnit.MINUTES);
            int kind = random.nextInt(cases.length);
            cases[kind]++;
            List<byte[]> sent = new ArrayList<>();
            if (kind != 7) {
                sent.add(t.opened(deal, client, manager, amount, currency, null, 10, opened.toString(), List.of()));
            }
            byte[] win = t.won(
                    deal,
                    client,
                    manager,
                    amount,
                    currency,
                    false,
                    null,
                    opened.toString(),
                    closed.toString(),
                    List.of());
            UUID other = MANAGERS.get((MANAGERS.indexOf(manager) + 1) % MANAGERS.size());
            switch (kind) {
                case 0 -> {} // stays open
                case 1, 7 -> { // won (7: the opening never seen)
                    sent.add(win);
                    won.put(deal, new Won(closed, manager, currency, new BigDecimal(amount)));
                }
                case 2 -> { // the win delivered twice (same event id), then a touch behind it on the same key
                    sent.add(win);
                    sent.add(win);
                    sent.add(t.reassigned(deal, manager, manager, later.toString()));
                    won.put(deal, new Won(closed, manager, currency, new BigDecimal(amount)));
                }
                case 3 -> { // won, reopened, lost
                    sent.add(win);
                    sent.add(t.reopened(deal, manager, later.toString()));
                    sent.add(t.lost(
                            deal,
                            manager,
                            amount,
                            later.plus(2, ChronoUnit.HOURS).toString()));
                }
                case 4 -> { // won, reopened, won again by another manager, for another amount in USD
                    sent.add(win);
                    sent.add(t.reopened(deal, manager, later.toString()));
                    Instant again = later.plus(3, ChronoUnit.DAYS);
                    sent.add(t.won(
                            deal,
                            client,
                            other,
                            "777.77",
                            "USD",
                            false,
                            null,
                            opened.toString(),
                            again.toString(),
                            List.of()));
                    won.put(deal, new Won(again, other, "USD", new BigDecimal("777.77")));
                }
                case 5 -> { // won, then reassigned: the sale moves to the new owner
                    sent.add(win);
                    sent.add(t.reassigned(deal, manager, other, later.toString()));
                    won.put(deal, new Won(closed, other, currency, new BigDecimal(amount)));
                }
                case 6 -> { // won, then its amount corrected (in RUB)
                    sent.add(win);
                    sent.add(t.updated(deal, manager, amount, null, "4321.5", null, later.toString()));
                    won.put(deal, new Won(closed, manager, "RUB", new BigDecimal("4321.5")));
                }
                default -> throw new IllegalStateException();
            }
            distinct += kind == 2 ? sent.size() - 1 : sent.size();
            events.addAll(sent);
        }
        assertThat(java.util.Arrays.stream(cases).allMatch(n -> n > 0))
                .as("every case generated")
                .isTrue();
        // wins for base-burnout's windows below: on one of the last 3 working days of a baseline period inside a
        // whole month (14 Apr), of the period at its partial last month (14 Oct), and on ordinary days of whole months
        for (String closed : List.of(
                "2026-04-14T09:00:00Z", "2026-04-20T09:00:00Z", "2026-08-14T09:00:00Z", "2026-10-14T09:00:00Z")) {
            UUID deal = UUID.randomUUID();
            events.add(t.won(
                    deal,
                    UUID.randomUUID(),
                    MANAGERS.get(0),
                    "1000",
                    "RUB",
                    false,
                    null,
                    "2026-04-01T09:00:00Z",
                    closed,
                    List.of()));
            won.put(deal, new Won(Instant.parse(closed), MANAGERS.get(0), "RUB", new BigDecimal("1000")));
            distinct++;
        }
        t.publish(events.toArray(byte[][]::new));
        int sent = distinct;
        ReadModelKit.awaitApplied(dataSource, t.tenant, sent);

        Map<String, String> expected = new TreeMap<>();
        won.values()
                .forEach(w -> expected.merge(
                        key(w.closedAt().truncatedTo(ChronoUnit.HOURS), w.manager(), w.currency()),
                        "1 " + w.amount().toPlainString(),
                        (a, b) -> add(a, b)));
        expected.replaceAll((k, v) -> add(v, "0 0"));
        Map<String, String> rollup = rows(ROLLUP, t.tenant);
        assertThat(rollup).as("the rollup, against the won deals the test sent").isEqualTo(expected);
        assertThat(rollup).as("the rollup, against a GROUP BY over deal_fact").isEqualTo(rows(FACTS, t.tenant));
        assertThat(rollup.values().stream()
                        .mapToLong(v -> Long.parseLong(v.split(" ")[0]))
                        .sum())
                .isEqualTo(won.size());
        assertThat(converted(t.tenant)).isEqualTo(convertedFromFacts(t.tenant)).isNotEmpty();
        Map<String, String> expectedForTenant = overOwners(expected);
        assertThat(rows(TENANT_ROLLUP, t.tenant))
                .as("won_tenant_hour, against the won deals the test sent, summed over their owners")
                .isEqualTo(expectedForTenant)
                .isEqualTo(rows(ROLLUP_OVER_OWNERS, t.tenant));
        Map<String, String> expectedPerMonth = perMonth(expected);
        assertThat(rows(OWNER_MONTH, t.tenant))
                .as("won_owner_month, against the won deals the test sent, per UTC month and owner")
                .isEqualTo(expectedPerMonth)
                .isEqualTo(rows(ROLLUP_PER_MONTH, t.tenant));

        // base-burnout reads the whole UTC months of its windows from the monthly rollups when no source or pipeline
        // is asked, and the hourly rows with one: the same figures either way (DealEvents' deals share one pipeline).
        // 16 Jul - 15 Oct 2026: the baseline's whole months are Nov 2025 - Jun 2026, the period's Aug and Sep. The win
        // on 14 Apr, one of the last 3 working days of a baseline period, counts as won from April's month row and as
        // won late from won_deal_hour's late days
        JsonPath monthly = burnout(t);
        JsonPath hourly = burnout(t, "pipelineId", DealEvents.PIPELINE.toString());
        assertThat(monthly.getList("figures.managers"))
                .hasSize(MANAGERS.size())
                .isEqualTo(hourly.getList("figures.managers"));
        String first = "figures.managers.find { it.managerId == '" + MANAGERS.get(0) + "' }";
        assertThat(monthly.getDouble(first + ".parts.find { it.name == 'endCrowding' }.baseline"))
                .as("the late win in a whole month of the baseline counts")
                .isPositive();
        assertThat(monthly.getDouble(first + ".parts.find { it.name == 'endCrowding' }.current"))
                .isPositive();
        String owner = MANAGERS.get(0).toString();
        assertThat(burnout(t, "managerId", owner).getList("figures.managers"))
                .hasSize(1)
                .isEqualTo(burnout(t, "managerId", owner, "pipelineId", DealEvents.PIPELINE.toString())
                        .getList("figures.managers"));

        // the tenant's rebuild from its topics: the facts and the rollup move to the live generation together
        ReadModelKit.rebuildTenant(t.tenant);
        assertThat(rows(ROLLUP, t.tenant))
                .as("the rollup after the tenant's rebuild")
                .isEqualTo(expected);
        assertThat(rows(FACTS, t.tenant)).isEqualTo(expected);
        assertThat(rows(TENANT_ROLLUP, t.tenant))
                .as("won_tenant_hour after the tenant's rebuild")
                .isEqualTo(expectedForTenant);
        assertThat(rows(OWNER_MONTH, t.tenant))
                .as("won_owner_month after the tenant's rebuild")
                .isEqualTo(expectedPerMonth);

        // clearing a whole generation (a rebuild's old one after the swap) skips the rollup's subtraction and takes its
        // rows with the deals; an ordinary delete still subtracts. The tenant's deals copied to a spare generation:
        int spare = Integer.MIN_VALUE + 16;
        long copied = ReadModelKit.execute(dataSource, """
                insert into deal_fact
                select (jsonb_populate_record(null::deal_fact, to_jsonb(d) || jsonb_build_object('gen', ?::int))).*
                from deal_fact d where d.gen = (select live_gen from read_model_generation) and d.tenant_id = ?""", spare, t.tenant);
        assertThat(copied).isGreaterThanOrEqualTo(won.size());
        String spareDeals = "select coalesce(sum(deals), 0) from won_deal_hour where gen = ? and tenant_id = ?";
        assertThat(ReadModelKit.single(dataSource, spareDeals, spare, t.tenant)).isEqualTo(won.size());
        String spareTenantDeals = "select coalesce(sum(deals), 0) from won_tenant_hour where gen = ? and tenant_id = ?";
        assertThat(ReadModelKit.single(dataSource, spareTenantDeals, spare, t.tenant))
                .isEqualTo(won.size());
        String spareOwnerDeals = "select coalesce(sum(deals), 0) from won_owner_month where gen = ? and tenant_id = ?";
        assertThat(ReadModelKit.single(dataSource, spareOwnerDeals, spare, t.tenant))
                .isEqualTo(won.size());
        UUID oneWon = won.keySet().iterator().next();
        assertThat(ReadModelKit.execute(
                        dataSource,
                        "delete from deal_fact where gen = ? and tenant_id = ? and deal_id = ?",
                        spare,
                        t.tenant,
                        oneWon))
                .isEqualTo(1);
        assertThat(ReadModelKit.single(dataSource, spareDeals, spare, t.tenant))
                .as("an ordinary delete subtracts the deal from the rollup")
                .isEqualTo(won.size() - 1);
        assertThat(ReadModelKit.single(dataSource, spareTenantDeals, spare, t.tenant))
                .as("and from won_tenant_hour")
                .isEqualTo(won.size() - 1);
        assertThat(ReadModelKit.single(dataSource, spareOwnerDeals, spare, t.tenant))
                .as("and from won_owner_month")
                .isEqualTo(won.size() - 1);
        tables.clear(spare);
        assertThat(ReadModelKit.single(dataSource, "select count(*) from deal_fact where gen = ?", spare))
                .isZero();
        assertThat(ReadModelKit.single(dataSource, "select count(*) from won_deal_hour where gen = ?", spare))
                .as("the cleared generation's rollup rows")
                .isZero();
        assertThat(ReadModelKit.single(dataSource, "select count(*) from won_tenant_hour where gen = ?", spare))
                .isZero();
        assertThat(ReadModelKit.single(dataSource, "select count(*) from won_owner_month where gen = ?", spare))
                .isZero();
        assertThat(rows(ROLLUP, t.tenant))
                .as("the live rollup after clearing another generation")
                .isEqualTo(expected);
        assertThat(rows(TENANT_ROLLUP, t.tenant)).isEqualTo(expectedForTenant);
        assertThat(rows(OWNER_MONTH, t.tenant)).isEqualTo(expectedPerMonth);
    }

    /** Base-burnout for 16 Jul - 15 Oct 2026 with these filters (name, value, ...). */
    private static JsonPath burnout(DealEvents t, String... filters) {
        List<String> params = new ArrayList<>(List.of("from", "2026-07-16", "to", "2026-10-15"));
        params.addAll(List.of(filters));
        return t.get(BURNOUT, params.toArray(String[]::new));
    }

    /** The expected rows summed per (UTC month, owner), the currency as '-' and no amount. */
    private static Map<String, String> perMonth(Map<String, String> perHour) {
        Map<String, String> rows = new TreeMap<>();
        perHour.forEach((key, value) -> {
            String[] k = key.split(" ");
            java.time.ZonedDateTime hour = Instant.parse(k[0]).atZone(java.time.ZoneOffset.UTC);
            Instant month = hour.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
            rows.merge(key(month, UUID.fromString(k[1]), "-"), value.split(" ")[0] + " 0", RollupTest::add);
        });
        return rows;
    }

    /** The expected rows summed per (hour, currency), every owner as the nil UUID. */
    private static Map<String, String> overOwners(Map<String, String> perOwner) {
        Map<String, String> rows = new TreeMap<>();
        perOwner.forEach((key, value) -> {
            String[] k = key.split(" ");
            rows.merge(key(Instant.parse(k[0]), new UUID(0, 0), k[2]), value, RollupTest::add);
        });
        return rows;
    }

    private static String key(Instant hour, UUID manager, String currency) {
        return hour + " " + manager + " " + currency;
    }

    private static String add(String a, String b) {
        String[] x = a.split(" ");
        String[] y = b.split(" ");
        return (Long.parseLong(x[0]) + Long.parseLong(y[0])) + " "
                + new BigDecimal(x[1])
                        .add(new BigDecimal(y[1]))
                        .stripTrailingZeros()
                        .toPlainString();
    }

    private Map<String, String> rows(String sql, String tenant) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(
                            key(
                                    result.getTimestamp(1).toInstant(),
                                    result.getObject(2, UUID.class),
                                    result.getString(3).trim()),
                            result.getLong(4) + " "
                                    + result.getBigDecimal(5)
                                            .stripTrailingZeros()
                                            .toPlainString());
                }
            }
        }
        rows.replaceAll((k, v) -> add(v, "0 0"));
        return rows;
    }

    private Map<String, BigDecimal> converted(String tenant) throws Exception {
        return sums(CONVERTED.formatted("r.closed_hour", "r.amount", "r", "won_deal_hour r", ""), tenant);
    }

    private Map<String, BigDecimal> convertedFromFacts(String tenant) throws Exception {
        return sums(CONVERTED.formatted("d.closed_at", "d.amount", "d", "deal_fact d", "and d.status = 'WON'"), tenant);
    }

    private Map<String, BigDecimal> sums(String sql, String tenant) throws Exception {
        Map<String, BigDecimal> rows = new TreeMap<>();
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getBigDecimal(2).stripTrailingZeros());
                }
            }
        }
        return rows;
    }
}
