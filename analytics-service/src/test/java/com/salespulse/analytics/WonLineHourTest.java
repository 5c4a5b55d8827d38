package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.analytics.readmodel.ReadModelTables;
import com.salespulse.contract.deal.DealLine;
import com.salespulse.contract.deal.DealTerms;
import com.salespulse.contract.deal.DealUpdated;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, the rollup {@code won_line_hour} (migration V2026_12_18_32): whatever happens to a won deal and its lines
 * (won, won twice, reopened and lost, reopened and won again by another manager in another currency with other
 * lines, reassigned, its lines changed after the win; the same product twice in a deal and under two categories),
 * popular-products' figures from the rollup equal those computed from the facts: per product and per category the
 * units, the amount, the won deals counted once, and the product's name and category as on the oldest win; and the
 * amount before discount (V2026_12_22_20), from which base-burnout's discount depth is read; and {@code
 * won_deal_category} (V2026_12_25_10, recomputed with the same hours), from which average-check's categories are read,
 * holds each won deal's lines summed per category as the facts give them; and {@code won_line_owner_month}
 * (V2026_12_27_10, written by the same recompute), from which base-burnout reads its windows' whole months, holds the
 * won lines' amounts summed per UTC month, owner and currency as the facts give them. A tenant's rebuild moves them
 * with the facts; clearing a generation takes their rows.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class WonLineHourTest {

    private static final List<UUID> MANAGERS = List.of(
            UUID.fromString("00000000-0000-0000-0000-00000000a032"),
            UUID.fromString("00000000-0000-0000-0000-00000000b032"));

    /** Per product and per category, from the rollup: units, amount in the deal's currency, deals, name, category. */
    private static final String ROLLUP = """
            select grouping(category), coalesce(product_id::text, category), sum(quantity), sum(amount),
                case when grouping(category) = 0 then sum(category_deals) else sum(product_deals) end,
                (array_agg(first_name order by first_closed_at, first_opened_at, first_deal_id desc,
                    first_line_no desc))[1],
                (array_agg(category order by first_closed_at, first_opened_at, first_deal_id desc,
                    first_line_no desc))[1],
                sum(before_discount)
            from won_line_hour where gen = (select live_gen from read_model_generation) and tenant_id = ?
            group by grouping sets ((product_id), (category))""";

    /** The same from the facts, as popular-products computed it before the rollup. */
    private static final String FACTS = """
            select grouping(category), coalesce(product_id::text, category), sum(quantity), sum(l.amount),
                count(distinct d.deal_id),
                (array_agg(product_name order by closed_at, opened_at, d.deal_id desc, line_no desc))[1],
                (array_agg(category order by closed_at, opened_at, d.deal_id desc, line_no desc))[1],
                sum(l.quantity * l.unit_price)
            from deal_fact d join deal_line_fact l on l.gen = d.gen and l.tenant_id = d.tenant_id
                and l.deal_id = d.deal_id
            where d.gen = (select live_gen from read_model_generation) and d.tenant_id = ? and d.status = 'WON'
            group by grouping sets ((product_id), (category))""";

    /** Each won deal's lines per category with the deal's closing, owner, pipeline, source, currency (V2026_12_25_10). */
    private static final String CATEGORIES = """
            select concat_ws('|', deal_id, category, closed_at, manager_id, pipeline_id, source, currency, amount)
            from won_deal_category where gen = (select live_gen from read_model_generation) and tenant_id = ?
            order by 1""";

    /** The same from the facts, as average-check summed them before the table. */
    private static final String CATEGORIES_FROM_FACTS = """
            select concat_ws('|', d.deal_id, l.category, d.closed_at, d.manager_id, d.pipeline_id, d.source,
                d.currency, sum(l.amount))
            from deal_fact d join deal_line_fact l on l.gen = d.gen and l.tenant_id = d.tenant_id
                and l.deal_id = d.deal_id
            where d.gen = (select live_gen from read_model_generation) and d.tenant_id = ? and d.status = 'WON'
            group by d.deal_id, l.category, d.closed_at, d.manager_id, d.pipeline_id, d.source, d.currency
            order by 1""";

    /** won_line_owner_month's rows: UTC month, owner, currency, amount, amount before discount. */
    private static final String LINE_MONTHS = """
            select concat_ws('|', month, manager_id, currency, trim_scale(amount), trim_scale(before_discount))
            from won_line_owner_month where gen = (select live_gen from read_model_generation) and tenant_id = ?
            order by 1""";

    /** The same from the facts: the won deals' lines summed per UTC month of the closing, owner and currency. */
    private static final String LINE_MONTHS_FROM_FACTS = """
            select concat_ws('|', utc_month(d.closed_at), d.manager_id, d.currency, trim_scale(sum(l.amount)),
                trim_scale(sum(l.quantity * l.unit_price)))
            from deal_fact d join deal_line_fact l on l.gen = d.gen and l.tenant_id = d.tenant_id
                and l.deal_id = d.deal_id
            where d.gen = (select live_gen from read_model_generation) and d.tenant_id = ? and d.status = 'WON'
            group by utc_month(d.closed_at), d.manager_id, d.currency
            order by 1""";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    @Inject
    ReadModelTables tables;

    @Test
    void popularProductsFromTheRollupEqualTheFactsWhateverHappenedToTheWonDeals() throws Exception {
        DealEvents t = new DealEvents(kafka);
        SplittableRandom random = new SplittableRandom(32);
        List<byte[]> events = new ArrayList<>();
        events.add(t.rate("USD", "2026-01-01", "90"));
        int distinct = events.size();
        int[] cases = new int[8];
        for (int i = 0; i < 64; i++) {
            UUID deal = UUID.randomUUID();
            UUID client = UUID.randomUUID();
            UUID manager = MANAGERS.get(random.nextInt(MANAGERS.size()));
            UUID other = MANAGERS.get((MANAGERS.indexOf(manager) + 1) % MANAGERS.size());
            List<DealLine> lines = lines(random);
            String amount = DealEvents.total(lines).toPlainString();
            Instant opened = Instant.parse("2026-01-05T06:00:00Z")
                    .plus(random.nextInt(200), ChronoUnit.DAYS)
                    .plus(random.nextInt(600), ChronoUnit.MINUTES);
            // a few deals closing in the same hour
            Instant closed = opened.plus(1 + random.nextInt(20), ChronoUnit.DAYS)
                    .truncatedTo(ChronoUnit.HOURS)
                    .plus(random.nextInt(3) * 15L, ChronoUnit.MINUTES);
            Instant later = closed.plus(1 + random.nextInt(10), ChronoUnit.DAYS);
            int kind = i % cases.length;
            cases[kind]++;
            List<byte[]> sent = new ArrayList<>();
            sent.add(t.opened(deal, client, manager, amount, "RUB", null, 10, opened.toString(), lines));
            byte[] win = t.won(
                    deal, client, manager, amount, "RUB", false, null, opened.toString(), closed.toString(), lines);
            switch (kind) {
                case 0 -> {} // stays open
                case 1 -> sent.add(win);
                case 2 -> { // the win delivered twice (the same event)
                    sent.add(win);
                    sent.add(win);
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
                case 4 -> { // won, reopened, won again by another manager in USD with other lines
                    sent.add(win);
                    sent.add(t.reopened(deal, manager, later.toString()));
                    List<DealLine> again = lines(random);
                    sent.add(t.won(
                            deal,
                            client,
                            other,
                            DealEvents.total(again).toPlainString(),
                            "USD",
                            false,
                            null,
                            opened.toString(),
                            later.plus(3, ChronoUnit.DAYS).toString(),
                            again));
                }
                case 5 -> { // won, then reassigned
                    sent.add(win);
                    sent.add(t.reassigned(deal, manager, other, later.toString()));
                }
                case 6 -> { // won, then its lines changed
                    sent.add(win);
                    List<DealLine> changed = lines(random);
                    sent.add(t.of(
                            later.toString(),
                            new DealUpdated(
                                    deal,
                                    manager,
                                    new DealTerms(new BigDecimal(amount), "RUB", lines, null),
                                    new DealTerms(DealEvents.total(changed), "RUB", changed, null),
                                    null,
                                    later)));
                }
                case 7 -> sent.add(t.lost(deal, manager, amount, closed.toString()));
                default -> throw new IllegalStateException();
            }
            distinct += kind == 2 ? sent.size() - 1 : sent.size();
            events.addAll(sent);
        }
        t.publish(events.toArray(byte[][]::new));
        int sent = distinct;
        ReadModelKit.awaitApplied(dataSource, t.tenant, sent);

        Map<String, String> facts = rows(FACTS, t.tenant);
        assertThat(facts).isNotEmpty();
        assertThat(rows(ROLLUP, t.tenant)).as("the rollup, against the facts").isEqualTo(facts);
        assertThat(facts)
                .as("a product sold under two categories, counted once a deal")
                .containsKey("0 B");
        List<String> categories = ReadModelKit.firstColumn(dataSource, CATEGORIES_FROM_FACTS, t.tenant);
        assertThat(categories)
                .as("won deals' lines per category, one line of them under two categories")
                .hasSizeGreaterThan(20)
                .anyMatch(row -> row.contains("|B|"));
        assertThat(ReadModelKit.firstColumn(dataSource, CATEGORIES, t.tenant))
                .as("won_deal_category, against the facts")
                .isEqualTo(categories);
        List<String> lineMonths = ReadModelKit.firstColumn(dataSource, LINE_MONTHS_FROM_FACTS, t.tenant);
        assertThat(ReadModelKit.firstColumn(dataSource, LINE_MONTHS, t.tenant))
                .as("won_line_owner_month, against the facts")
                .hasSizeGreaterThan(MANAGERS.size())
                .isEqualTo(lineMonths);

        // the endpoint (Moscow, whole hours: from the rollup) answers the facts' figures
        JsonPath answer = t.get("/api/v1/metrics/popular-products", "from", "2026-01-01", "to", "2026-12-31");
        assertThat(answer.getList("figures.products")).hasSize((int)
                facts.keySet().stream().filter(k -> k.startsWith("1 ")).count());
        for (Map<String, Object> product : answer.<Map<String, Object>>getList("figures.products")) {
            String[] fromFacts = facts.get("1 " + product.get("productId")).split("\\|");
            assertThat(product.get("wonDeals").toString()).isEqualTo(fromFacts[2]);
            assertThat(product.get("name")).isEqualTo(fromFacts[3]);
            assertThat(product.get("category")).isEqualTo(fromFacts[4]);
        }
        for (Map<String, Object> category : answer.<Map<String, Object>>getList("figures.categories")) {
            String[] fromFacts = facts.get("0 " + category.get("category")).split("\\|");
            assertThat(category.get("wonDeals").toString()).isEqualTo(fromFacts[2]);
        }

        // base-burnout (Moscow, whole hours: its won side from the rollups, the whole UTC months of 2026 from
        // won_line_owner_month in RUB and from won_line_hour in USD, the partial ones at the bounds from won_line_hour)
        // answers each manager's discount depth as the facts give it: 1 - the won lines' amount / their amount before
        // discount, converted at the closing day's rate (USD at 90; no baseline: the three periods before 2026 have no
        // deals)
        JsonPath burnout = t.get("/api/v1/metrics/base-burnout", "from", "2026-01-01", "to", "2026-12-31");
        Map<String, String> depths = depths(t.tenant);
        assertThat(depths).isNotEmpty();
        assertThat(burnout.getList("figures.managers.managerId")).containsExactlyInAnyOrderElementsOf(depths.keySet());
        for (String manager : depths.keySet()) {
            String depth = burnout.getString("figures.managers.find { it.managerId == '" + manager
                    + "' }.parts.find { it.name == 'discountDepth' }.current");
            assertThat(new BigDecimal(depth))
                    .as("discount depth of " + manager)
                    .isEqualByComparingTo(depths.get(manager));
        }

        // the tenant's rebuild from its topics: the facts and the rollup move to the live generation together
        ReadModelKit.rebuildTenant(t.tenant);
        assertThat(rows(ROLLUP, t.tenant))
                .as("the rollup after the tenant's rebuild")
                .isEqualTo(facts);
        assertThat(rows(FACTS, t.tenant)).isEqualTo(facts);
        assertThat(ReadModelKit.firstColumn(dataSource, CATEGORIES, t.tenant))
                .as("won_deal_category after the tenant's rebuild")
                .isEqualTo(categories);
        assertThat(ReadModelKit.firstColumn(dataSource, LINE_MONTHS, t.tenant))
                .as("won_line_owner_month after the tenant's rebuild")
                .isEqualTo(lineMonths);

        // a generation cleared takes its rows; the live one is untouched
        int spare = Integer.MIN_VALUE + 32;
        for (String table : List.of("deal_fact", "deal_line_fact")) {
            ReadModelKit.execute(dataSource, """
                    insert into %1$s
                    select (jsonb_populate_record(null::%1$s, to_jsonb(d) || jsonb_build_object('gen', ?::int))).*
                    from %1$s d where d.gen = (select live_gen from read_model_generation) and d.tenant_id = ?""".formatted(table), spare, t.tenant);
        }
        assertThat(ReadModelKit.single(dataSource, "select count(*) from won_line_hour where gen = ?", spare))
                .isPositive();
        assertThat(ReadModelKit.single(dataSource, "select count(*) from won_deal_category where gen = ?", spare))
                .isPositive();
        assertThat(ReadModelKit.single(dataSource, "select count(*) from won_line_owner_month where gen = ?", spare))
                .isPositive();
        tables.clear(spare);
        assertThat(ReadModelKit.single(dataSource, "select count(*) from won_line_hour where gen = ?", spare))
                .isZero();
        assertThat(ReadModelKit.single(dataSource, "select count(*) from won_deal_category where gen = ?", spare))
                .isZero();
        assertThat(ReadModelKit.single(dataSource, "select count(*) from won_line_owner_month where gen = ?", spare))
                .isZero();
        assertThat(rows(ROLLUP, t.tenant)).isEqualTo(facts);
        assertThat(ReadModelKit.firstColumn(dataSource, CATEGORIES, t.tenant)).isEqualTo(categories);
        assertThat(ReadModelKit.firstColumn(dataSource, LINE_MONTHS, t.tenant)).isEqualTo(lineMonths);
    }

    /** 1–3 lines: products A, B, C of category X, product A sometimes under category B, sometimes twice. */
    /**
     * The live apply runs batches of one tenant side by side (PartitionsSideBySideTest): two transactions winning two
     * deals of the same hour, the second while the first is uncommitted, must both count in the hour's rows — not fail
     * on the first's rows nor leave one out. The hour is recomputed when each commits, under the hour's lock
     * (migrations V2026_12_18_33, V2026_12_19_20), so the second wins and commits without waiting for the first, seen in
     * {@code pg_stat_activity}, and the first's recompute then sees both.
     */
    @Test
    void twoTransactionsWinningDealsOfOneHourSideBySideBothCount() throws Exception {
        DealEvents t = new DealEvents(kafka);
        UUID manager = MANAGERS.get(0);
        List<DealLine> lines = List.of(DealEvents.line("A", "X", "2", "300", "0"));
        String amount = DealEvents.total(lines).toPlainString();
        List<UUID> deals = List.of(UUID.randomUUID(), UUID.randomUUID());
        t.publish(deals.stream()
                .map(deal -> t.opened(
                        deal, UUID.randomUUID(), manager, amount, "RUB", null, 10, "2026-03-02T08:00:00Z", lines))
                .toArray(byte[][]::new));
        ReadModelKit.awaitApplied(dataSource, t.tenant, deals.size());

        // each win as the projection writes it, in its own transaction; the second starts before the first commits
        String win = """
                update deal_fact set status = 'WON', closed_at = cast(? as timestamptz)
                where gen = (select live_gen from read_model_generation) and tenant_id = ? and deal_id = ?""";
        try (Connection first = dataSource.getConnection();
                Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            assertThat(update(first, win, "2026-03-05T10:10:00Z", t.tenant, deals.get(0)))
                    .isOne();
            int secondPid = pid(second);
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> {
                try {
                    int changed = update(second, win, "2026-03-05T10:40:00Z", t.tenant, deals.get(1));
                    second.commit();
                    return changed;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            String secondWaits =
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and pid = " + secondPid;
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> other.isDone() || ReadModelKit.single(dataSource, secondWaits) > 0);
            assertThat(other)
                    .as("the second win committed while the first is uncommitted, waiting for no lock")
                    .isCompletedWithValue(1);
            first.commit();
        }

        Map<String, String> facts = rows(FACTS, t.tenant);
        assertThat(facts.get("1 " + lines.get(0).productId()))
                .as("units, amount, deals, name, category and amount before discount of the product from the facts")
                .isEqualTo("4|1200|2|A|X|1200");
        assertThat(rows(ROLLUP, t.tenant))
                .as("the rollup after two wins of one hour side by side")
                .isEqualTo(facts);
        assertThat(ReadModelKit.firstColumn(dataSource, CATEGORIES, t.tenant))
                .as("won_deal_category after two wins of one hour side by side")
                .hasSize(2)
                .isEqualTo(ReadModelKit.firstColumn(dataSource, CATEGORIES_FROM_FACTS, t.tenant));
        assertThat(ReadModelKit.firstColumn(dataSource, LINE_MONTHS, t.tenant))
                .as("won_line_owner_month after two wins of one hour side by side")
                .containsExactly(ReadModelKit.firstColumn(dataSource, LINE_MONTHS_FROM_FACTS, t.tenant)
                        .toArray(String[]::new))
                .hasSize(1);
    }

    private static List<DealLine> lines(SplittableRandom random) {
        String[][] catalogue = {{"A", "X"}, {"B", "X"}, {"C", "Y"}, {"A", "B"}};
        List<DealLine> lines = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String[] product = catalogue[random.nextInt(catalogue.length)];
            String quantity = String.valueOf(1 + random.nextInt(4));
            int price = 100 + random.nextInt(900);
            // a discount of 0, 5 or 10 % taken from the price, so the random draws (and the cases) stay as they were
            lines.add(DealEvents.line(
                    product[0], product[1], quantity, String.valueOf(price), String.valueOf(price % 3 * 5)));
        }
        return lines;
    }

    /** Per manager, the discount depth of the won deals from the facts, as base-burnout rounds it. */
    private Map<String, String> depths(String tenant) throws Exception {
        Map<String, String> depths = new TreeMap<>();
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement("""
                        select d.manager_id, 1 - round(sum(l.amount * x.rate) / sum(l.quantity * l.unit_price * x.rate), 4)
                        from deal_fact d join deal_line_fact l on l.gen = d.gen and l.tenant_id = d.tenant_id
                            and l.deal_id = d.deal_id
                        cross join lateral (select case when d.currency = 'USD' then 90 else 1 end as rate) x
                        where d.gen = (select live_gen from read_model_generation) and d.tenant_id = ?
                            and d.status = 'WON'
                        group by 1""")) {
            query.setString(1, tenant);
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    depths.put(result.getString(1), result.getBigDecimal(2).toPlainString());
                }
            }
        }
        return depths;
    }

    private Map<String, String> rows(String sql, String tenant) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(
                            result.getInt(1) + " " + result.getString(2),
                            result.getBigDecimal(3).stripTrailingZeros().toPlainString() + "|"
                                    + result.getBigDecimal(4)
                                            .stripTrailingZeros()
                                            .toPlainString() + "|"
                                    + result.getLong(5) + "|" + result.getString(6) + "|" + result.getString(7)
                                    + "|"
                                    + result.getBigDecimal(8)
                                            .stripTrailingZeros()
                                            .toPlainString());
                }
            }
        }
        return rows;
    }

    private static int pid(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
