package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.products.PopularProductsQuery;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.ReadModelTables;
import com.salespulse.analytics.readmodel.SqlFilter;
import com.salespulse.analytics.settings.WorkCalendar;
import com.salespulse.contract.deal.DealLine;
import com.salespulse.contract.deal.DealTerms;
import com.salespulse.contract.deal.DealUpdated;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, the kept table {@code open_line} (migration V2026_12_23_30; the deal's owner, pipeline, source and opening
 * on each row since V2026_12_24_10): whatever happens to a deal (opened with or without lines, its lines changed, won,
 * lost, reopened after either and changed again, its lines changed before its opening was applied, its final lines
 * changed after the win, an opening delivered twice, reassigned while open or while closed, moved to another owner or
 * into another pipeline by a stage move), the kept rows are the lines of the tenant's open deals with their deal's
 * owner, pipeline, source and opening as the facts give them, and popular-products' offered figures, read from them
 * alone, equal the facts' with and without the owner, team, source and pipeline filters. A tenant's rebuild makes the
 * same rows; clearing a generation takes its rows. And the statement the metric sends reads the kept open lines only,
 * neither deal_line_fact (every line of every deal: the hash that cost 1 682 ms a call at scale 0.1) nor deal_fact
 * (the big tenant's open deals found there: 1 610 ms a call after stop 42).
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class OpenLineTest {

    private static final List<UUID> MANAGERS = List.of(
            UUID.fromString("00000000-0000-0000-0000-00000000a042"),
            UUID.fromString("00000000-0000-0000-0000-00000000b042"),
            UUID.fromString("00000000-0000-0000-0000-00000000c042"));

    /** The first manager's team, and the other two managers'. */
    private static final UUID TEAM_A = UUID.fromString("00000000-0000-0000-0000-0000000a7e42");

    private static final UUID TEAM_B = UUID.fromString("00000000-0000-0000-0000-0000000b7e42");

    /** The pipeline a stage move or an opening lands some deals in, beside {@link DealEvents#PIPELINE}. */
    private static final UUID OTHER_PIPELINE = UUID.fromString("00000000-0000-0000-0000-0000000000e2");

    /** The kept rows of the tenant's live generation. */
    private static final String KEPT = """
            select deal_id || ' ' || line_no, product_id || '|' || product_name || '|' || category || '|' || quantity
                || '|' || manager_id || '|' || pipeline_id || '|' || coalesce(source, '-') || '|' || opened_at
            from open_line where gen = (select live_gen from read_model_generation) and tenant_id = ?""";

    /** The same from the facts: the lines of the deals whose status is OPEN, with the deal's columns. */
    private static final String FACTS = """
            select l.deal_id || ' ' || l.line_no,
                l.product_id || '|' || l.product_name || '|' || l.category || '|' || l.quantity
                || '|' || d.manager_id || '|' || d.pipeline_id || '|' || coalesce(d.source, '-') || '|' || d.opened_at
            from deal_fact d join deal_line_fact l on l.gen = d.gen and l.tenant_id = d.tenant_id
                and l.deal_id = d.deal_id
            where d.gen = (select live_gen from read_model_generation) and d.tenant_id = ? and d.status = 'OPEN'""";

    /**
     * Offered units and open deals per product from the facts, as popular-products computed them before, with one
     * more condition on the open deal {@code d} (formatted; "true" for none) and its text parameter.
     */
    private static final String OFFERED = """
            select l.product_id::text, sum(l.quantity) || '|' || count(distinct l.deal_id)
            from deal_fact d join deal_line_fact l on l.gen = d.gen and l.tenant_id = d.tenant_id
                and l.deal_id = d.deal_id
            where d.gen = (select live_gen from read_model_generation) and d.tenant_id = ? and d.status = 'OPEN'
              and %s
            group by 1""";

    /**
     * Offered open deals per category from the facts, with one more condition on the open deal {@code d} (formatted)
     * and its text parameter.
     */
    private static final String OFFERED_CATEGORIES = """
            select l.category, count(distinct l.deal_id)::text
            from deal_fact d join deal_line_fact l on l.gen = d.gen and l.tenant_id = d.tenant_id
                and l.deal_id = d.deal_id
            where d.gen = (select live_gen from read_model_generation) and d.tenant_id = ? and d.status = 'OPEN'
              and %s
            group by 1""";

    /**
     * The kept sums of the open lines (open_line_tally, migration V2026_12_26_10) of the tenant's live generation, a
     * row per owner, pipeline, source, product and category: units and the newest line (name, deal, line, opening).
     */
    private static final String TALLY = """
            select manager_id || ' ' || pipeline_id || ' ' || source || ' ' || product_id || ' ' || category,
                quantity || '|' || newest_name || '|' || newest_deal_id || '|' || newest_line_no || '|'
                || newest_opened_at
            from open_line_tally where gen = (select live_gen from read_model_generation) and tenant_id = ?""";

    /** The same from the kept open lines, grouped and sorted here. */
    private static final String TALLY_OF_LINES = """
            select manager_id || ' ' || pipeline_id || ' ' || coalesce(source, '') || ' ' || product_id || ' '
                || category,
                sum(quantity) || '|'
                || (array_agg(product_name || '|' || deal_id || '|' || line_no || '|' || opened_at
                              order by opened_at desc, deal_id, line_no))[1]
            from open_line where gen = (select live_gen from read_model_generation) and tenant_id = ?
            group by manager_id, pipeline_id, coalesce(source, ''), product_id, category""";

    /**
     * The kept deal counts summed over a group's rows ({@code %1$s}: the product or the category; {@code %2$s}: its
     * count column), against the distinct open deals of the group having it.
     */
    private static final String TALLY_DEALS = """
            select manager_id || ' ' || pipeline_id || ' ' || source || ' ' || %1$s, sum(%2$s)::text
            from open_line_tally where gen = (select live_gen from read_model_generation) and tenant_id = ?
            group by manager_id, pipeline_id, source, %1$s""";

    private static final String DEALS_OF_LINES = """
            select manager_id || ' ' || pipeline_id || ' ' || coalesce(source, '') || ' ' || %1$s,
                count(distinct deal_id)::text
            from open_line where gen = (select live_gen from read_model_generation) and tenant_id = ?
            group by manager_id, pipeline_id, coalesce(source, ''), %1$s""";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    @Inject
    ReadModelTables tables;

    @Inject
    EntityManager em;

    @Test
    void theKeptOpenLinesEqualTheOpenDealsLinesWhateverHappenedToTheDeals() throws Exception {
        DealEvents t = new DealEvents(kafka);
        SplittableRandom random = new SplittableRandom(42);
        List<byte[]> events = new ArrayList<>();
        int distinct = 0;
        int cases = 14;
        for (int i = 0; i < 60; i++) {
            UUID deal = UUID.randomUUID();
            UUID client = UUID.randomUUID();
            UUID manager = MANAGERS.get(random.nextInt(MANAGERS.size()));
            UUID other = MANAGERS.get((MANAGERS.indexOf(manager) + 1) % MANAGERS.size());
            List<DealLine> lines = lines(random);
            String amount = DealEvents.total(lines).toPlainString();
            Instant opened = Instant.parse("2026-01-05T06:00:00Z")
                    .plus(random.nextInt(200), ChronoUnit.DAYS)
                    .plus(random.nextInt(600), ChronoUnit.MINUTES);
            Instant closed = opened.plus(1 + random.nextInt(20), ChronoUnit.DAYS);
            Instant later = closed.plus(1 + random.nextInt(10), ChronoUnit.DAYS);
            byte[] open = t.opened(deal, client, manager, amount, "RUB", null, 10, opened.toString(), lines);
            byte[] win = t.won(
                    deal, client, manager, amount, "RUB", false, null, opened.toString(), closed.toString(), lines);
            List<byte[]> sent = new ArrayList<>();
            int kind = i % cases;
            switch (kind) {
                case 0 -> sent.add(open); // stays open
                case 1 -> { // open, its lines changed twice
                    sent.add(open);
                    List<DealLine> changed = lines(random);
                    sent.add(update(t, deal, manager, lines, changed, closed));
                    sent.add(update(t, deal, manager, changed, lines(random), later));
                }
                case 2 -> {
                    sent.add(open);
                    sent.add(win);
                }
                case 3 -> {
                    sent.add(open);
                    sent.add(t.lost(deal, manager, amount, closed.toString()));
                }
                case 4 -> { // won, reopened: its won lines are offered again
                    sent.add(open);
                    sent.add(win);
                    sent.add(t.reopened(deal, manager, later.toString()));
                }
                case 5 -> { // lost, reopened, its lines changed
                    sent.add(open);
                    sent.add(t.lost(deal, manager, amount, closed.toString()));
                    sent.add(t.reopened(deal, manager, later.toString()));
                    sent.add(update(t, deal, manager, lines, lines(random), later.plus(1, ChronoUnit.HOURS)));
                }
                case 6 -> { // its lines changed before the opening was applied, then the opening
                    sent.add(update(t, deal, manager, lines, lines(random), opened.minus(1, ChronoUnit.MINUTES)));
                    sent.add(open);
                }
                case 7 -> { // won, then its final lines changed: a closed deal offers nothing
                    sent.add(open);
                    sent.add(win);
                    sent.add(update(t, deal, manager, lines, lines(random), later));
                }
                case 8 -> { // the opening delivered twice (the same event)
                    sent.add(open);
                    sent.add(open);
                }
                case 9 ->
                    sent.add(t.opened(deal, client, manager, "500", "RUB", null, 10, opened.toString(), List.of()));
                case 10 -> { // reassigned while open: its open lines go with it to the new owner
                    sent.add(open);
                    sent.add(t.reassigned(deal, manager, other, closed.toString()));
                }
                case 11 -> { // a stage move that names another owner and lands it in another pipeline
                    sent.add(open);
                    sent.add(t.movedInto(
                            OTHER_PIPELINE,
                            deal,
                            other,
                            DealEvents.STAGE_NEW,
                            DealEvents.STAGE_PROPOSAL,
                            40,
                            closed.toString()));
                }
                case 12 -> { // a move that changes neither, a reassignment, then new lines (written with the new owner)
                    sent.add(open);
                    sent.add(t.moved(
                            deal, manager, DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, 40, closed.toString()));
                    sent.add(t.reassigned(
                            deal,
                            manager,
                            other,
                            closed.plus(1, ChronoUnit.HOURS).toString()));
                    sent.add(update(t, deal, other, lines, lines(random), later));
                }
                case 13 -> { // opened from another source in another pipeline, lost, reassigned while lost, reopened
                    sent.add(t.of(
                            opened.toString(),
                            DealEvents.dealOpened(
                                    deal,
                                    client,
                                    "Client",
                                    manager,
                                    OTHER_PIPELINE,
                                    DealEvents.STAGE_NEW,
                                    10,
                                    new DealTerms(new BigDecimal(amount), "RUB", lines, null),
                                    "phone",
                                    null,
                                    null,
                                    opened)));
                    sent.add(t.lost(deal, manager, amount, closed.toString()));
                    sent.add(t.reassigned(
                            deal,
                            manager,
                            other,
                            closed.plus(1, ChronoUnit.HOURS).toString()));
                    sent.add(t.reopened(deal, other, later.toString()));
                }
                default -> throw new IllegalStateException();
            }
            distinct += kind == 8 ? sent.size() - 1 : sent.size();
            events.addAll(sent);
        }
        // the first manager in team A, the other two in team B
        new EventPublisher(kafka, t.tenant)
                .publish(
                        RosterEvents.hired(MANAGERS.get(0), "Anna", TEAM_A, 10, "2026-01-02T09:00:00Z"),
                        RosterEvents.hired(MANAGERS.get(1), "Boris", TEAM_B, 10, "2026-01-02T09:00:00Z"),
                        RosterEvents.hired(MANAGERS.get(2), "Vera", TEAM_B, 10, "2026-01-02T09:00:00Z"));
        t.publish(events.toArray(byte[][]::new));
        int applied = distinct + 3;
        ReadModelKit.awaitApplied(dataSource, t.tenant, applied);

        Map<String, String> facts = rows(FACTS, t.tenant);
        assertThat(facts).hasSizeGreaterThan(20);
        assertThat(rows(KEPT, t.tenant))
                .as("the kept open lines, against the facts")
                .isEqualTo(facts);
        assertTallied(t.tenant);

        // popular-products' offered figures, read from the kept lines alone, are the facts', with every filter
        assertOffered(t, "true", null);
        for (UUID manager : MANAGERS) {
            assertOffered(t, "d.manager_id = ?::uuid", "managerId", manager.toString());
        }
        for (UUID team : List.of(TEAM_A, TEAM_B)) {
            assertOffered(t, DealFacts.TEAM + " = ?::uuid", "teamId", team.toString());
        }
        for (UUID pipeline : List.of(DealEvents.PIPELINE, OTHER_PIPELINE)) {
            assertOffered(t, "d.pipeline_id = ?::uuid", "pipelineId", pipeline.toString());
        }
        for (String source : List.of("web", "phone")) {
            assertOffered(t, "d.source = ?", "source", source);
        }

        // the tenant's rebuild from its topics makes the same rows
        ReadModelKit.rebuildTenant(t.tenant);
        assertThat(rows(FACTS, t.tenant)).isEqualTo(facts);
        assertThat(rows(KEPT, t.tenant))
                .as("the kept open lines after the tenant's rebuild")
                .isEqualTo(facts);
        assertTallied(t.tenant);

        // a generation cleared takes its rows; the live one is untouched
        int spare = Integer.MIN_VALUE + 42;
        ReadModelKit.execute(dataSource, """
                insert into open_line
                select (jsonb_populate_record(null::open_line, to_jsonb(o) || jsonb_build_object('gen', ?::int))).*
                from open_line o where o.gen = (select live_gen from read_model_generation) and o.tenant_id = ?""", spare, t.tenant);
        assertThat(ReadModelKit.single(dataSource, "select count(*) from open_line_tally where gen = ?", spare))
                .as("lines copied into a spare generation are summed there at the commit")
                .isEqualTo(ReadModelKit.single(dataSource, """
                        select count(*) from open_line_tally
                        where gen = (select live_gen from read_model_generation) and tenant_id = ?""", t.tenant));
        tables.clear(spare);
        assertThat(ReadModelKit.single(dataSource, "select count(*) from open_line where gen = ?", spare))
                .isZero();
        assertThat(ReadModelKit.single(dataSource, "select count(*) from open_line_tally where gen = ?", spare))
                .isZero();
        assertThat(rows(KEPT, t.tenant)).isEqualTo(facts);
        assertTallied(t.tenant);
    }

    /**
     * The statement popular-products sends for a big tenant's open lines, planned for its values, without a filter and
     * with each: the kept sums from open_line_tally alone, nothing read of open_line (every open line: 500 ms at rest at
     * scale 0.1), of deal_line_fact nor of deal_fact (a tenant of 60 000 deals, 1 000 open, three lines each, written
     * into temporary copies of the tables that shadow them in this transaction, summed by the migration's own
     * open_line_tally_from_lines and analysed; the owner's filter by a range of open_line_tally's key).
     */
    @Test
    void aBigTenantsOpenLinesAreReadFromTheKeptTableAloneNotFromTheDealsNorEveryLine() {
        Map<String, String> plans = QuarkusTransaction.requiringNew().call(() -> {
            for (String table : List.of("deal_fact", "deal_line_fact", "open_line", "open_line_tally")) {
                em.createNativeQuery("create temporary table %1$s (like public.%1$s including all) on commit drop"
                                .formatted(table))
                        .executeUpdate();
            }
            em.createNativeQuery("""
                            insert into deal_fact (gen, tenant_id, deal_id, client_id, manager_id, pipeline_id, stage_id,
                                stage_probability, status, amount, currency, repeat_sale, opened_at, closed_at,
                                owner_since, stage_entered_at, last_touched_at)
                            select 1, 'big', md5('d' || i)::uuid, md5('c' || i % 500)::uuid, md5('m' || i % 20)::uuid,
                                md5('p')::uuid, md5('s' || i % 6)::uuid, 50,
                                case when i <= 1000 then 'OPEN' when i % 3 = 0 then 'WON' else 'LOST' end,
                                1000, case when i % 7 = 0 then 'EUR' else 'USD' end, false,
                                timestamptz '2026-01-01' + i * interval '10 minutes',
                                case when i > 1000 then timestamptz '2026-01-20' + i * interval '10 minutes' end,
                                timestamptz '2026-01-01', timestamptz '2026-01-01', timestamptz '2026-01-01'
                            from generate_series(1, 60000) i""").executeUpdate();
            em.createNativeQuery("""
                            insert into deal_line_fact (gen, tenant_id, deal_id, line_no, product_id, product_name,
                                category, quantity, unit_price, discount_percent, amount)
                            select d.gen, d.tenant_id, d.deal_id, n,
                                md5('prod' || (hashtext(d.deal_id::text) + n) % 50)::uuid, 'Product', 'Category', n,
                                100, 0, n * 100
                            from deal_fact d cross join generate_series(1, 3) n""").executeUpdate();
            em.createNativeQuery("""
                            insert into open_line (gen, tenant_id, deal_id, line_no, product_id, product_name, category,
                                quantity, manager_id, pipeline_id, source, opened_at, product_first, category_first)
                            select l.gen, l.tenant_id, l.deal_id, l.line_no, l.product_id, l.product_name, l.category,
                                l.quantity, d.manager_id, d.pipeline_id, d.source, d.opened_at,
                                row_number() over (partition by l.deal_id, l.product_id order by l.category, l.line_no) = 1,
                                row_number() over (partition by l.deal_id, l.category order by l.product_id, l.line_no) = 1
                            from deal_line_fact l join deal_fact d using (gen, tenant_id, deal_id)
                            where d.status = 'OPEN'""").executeUpdate();
            em.createNativeQuery("""
                            insert into open_line_tally
                            select r.* from (select array_agg(gen) g, array_agg(tenant_id) t, array_agg(manager_id) m,
                                    array_agg(pipeline_id) p, array_agg(product_id) q
                                from (select distinct gen, tenant_id, manager_id, pipeline_id, product_id
                                    from open_line) k) a
                            cross join lateral open_line_tally_from_lines(a.g, a.t, a.m, a.p, a.q) r""").executeUpdate();
            em.createNativeQuery("analyze deal_fact, deal_line_fact, open_line, open_line_tally")
                    .executeUpdate();
            LocalDate today = LocalDate.of(2026, 12, 5);
            MetricRequest request = MetricRequest.inside(
                    "big",
                    1,
                    new WorkCalendar(ZoneOffset.UTC, "USD", Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Map.of()),
                    today.withDayOfMonth(1),
                    today,
                    Instant.parse("2026-12-05T12:00:00Z"));
            Map<String, String> found = new TreeMap<>();
            found.put("no filter", plan(PopularProductsQuery.openLines(request)));
            found.put(
                    "owner",
                    plan(PopularProductsQuery.openLines(request.withFilters(new MetricAnswer.Filters(
                            Columns.uuid(em.createNativeQuery("select cast(md5('m3') as uuid)")
                                    .getSingleResult()),
                            null,
                            null,
                            null)))));
            return found;
        });
        plans.forEach((filter, plan) -> assertThat(plan)
                .as(filter + ":\n" + plan)
                .contains("on open_line_tally")
                .doesNotContainPattern("on open_line(?!_tally)")
                .doesNotContain("deal_line_fact")
                .doesNotContain("deal_fact"));
        assertThat(plans.get("owner"))
                .as("the owner's sums by a range of the key")
                .containsPattern("Index.* on open_line_tally");
    }

    /** The plan of popular-products' open-lines statement with this filter (one text column: a row per line). */
    private String plan(SqlFilter filter) {
        List<?> lines = filter.rows(em, "explain " + PopularProductsQuery.OPEN_LINES.formatted(filter.where()));
        return String.join("\n", lines.stream().map(String::valueOf).toList());
    }

    private static byte[] update(
            DealEvents t, UUID deal, UUID manager, List<DealLine> before, List<DealLine> after, Instant at) {
        return t.of(
                at.toString(),
                new DealUpdated(
                        deal,
                        manager,
                        new DealTerms(DealEvents.total(before), "RUB", before, null),
                        new DealTerms(DealEvents.total(after), "RUB", after, null),
                        null,
                        at));
    }

    /** 1–3 lines of products A, B, C (A sometimes under two categories, sometimes twice in a deal). */
    private static List<DealLine> lines(SplittableRandom random) {
        String[][] catalogue = {{"A", "X"}, {"B", "X"}, {"C", "Y"}, {"A", "B"}};
        List<DealLine> lines = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String[] product = catalogue[random.nextInt(catalogue.length)];
            lines.add(DealEvents.line(
                    product[0], product[1], String.valueOf(1 + random.nextInt(4)), String.valueOf(100 + i), "0"));
        }
        return lines;
    }

    /**
     * The kept sums equal the kept open lines grouped: units and the newest line per row, and the deals counted once per
     * product and once per category of each (owner, pipeline, source) group.
     */
    private void assertTallied(String tenant) throws Exception {
        Map<String, String> lines = rows(TALLY_OF_LINES, tenant);
        assertThat(lines).hasSizeGreaterThan(10);
        assertThat(rows(TALLY, tenant))
                .as("open_line_tally's rows, against the open lines")
                .isEqualTo(lines);
        for (String[] count : new String[][] {{"product_id", "product_deals"}, {"category", "category_deals"}}) {
            assertThat(rows(TALLY_DEALS.formatted(count[0], count[1]), tenant))
                    .as("open deals per " + count[0] + " and group, summed from " + count[1])
                    .isEqualTo(rows(DEALS_OF_LINES.formatted(count[0]), tenant));
        }
    }

    /**
     * popular-products' offered units and open deals per product, asked with the filter {@code param} = {@code value}
     * (none when {@code param} is null), equal the facts' with {@code condition} on the open deal.
     */
    private void assertOffered(DealEvents t, String condition, String param, String... value) throws Exception {
        Map<String, String> offered = rows(OFFERED.formatted(condition), t.tenant, value);
        List<String> query = new ArrayList<>(List.of("from", "2026-01-01", "to", "2026-12-31"));
        if (param != null) {
            query.add(param);
            query.add(value[0]);
        }
        JsonPath answer = t.get("/api/v1/metrics/popular-products", query.toArray(String[]::new));
        Map<String, String> answered = new TreeMap<>();
        for (Map<String, Object> product : answer.<Map<String, Object>>getList("figures.products")) {
            if (!"0".equals(product.get("openDeals").toString())) {
                answered.put(
                        product.get("productId").toString(),
                        new BigDecimal(product.get("offeredQuantity").toString())
                                        .stripTrailingZeros()
                                        .toPlainString() + "|"
                                + product.get("openDeals"));
            }
        }
        assertThat(answered)
                .as("offered units and open deals per product, "
                        + (param == null ? "no filter" : param + " " + value[0]))
                .isEqualTo(normalized(offered));
        Map<String, String> categories = new TreeMap<>();
        for (Map<String, Object> category : answer.<Map<String, Object>>getList("figures.categories")) {
            if (!"0".equals(category.get("openDeals").toString())) {
                categories.put(
                        category.get("category").toString(),
                        category.get("openDeals").toString());
            }
        }
        assertThat(categories)
                .as("open deals per category, " + (param == null ? "no filter" : param + " " + value[0]))
                .isEqualTo(rows(OFFERED_CATEGORIES.formatted(condition), t.tenant, value));
        if (param != null) {
            assertThat(offered)
                    .as("the filter " + param + " " + value[0] + " keeps some open deals")
                    .isNotEmpty();
        }
    }

    /** Offered units without trailing zeros, as the answer shows them. */
    private static Map<String, String> normalized(Map<String, String> offered) {
        Map<String, String> normalized = new TreeMap<>();
        offered.forEach((product, figures) -> {
            String[] parts = figures.split("\\|");
            normalized.put(
                    product, new BigDecimal(parts[0]).stripTrailingZeros().toPlainString() + "|" + parts[1]);
        });
        return normalized;
    }

    private Map<String, String> rows(String sql, String tenant, String... more) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            for (int i = 0; i < more.length; i++) {
                query.setString(i + 2, more[i]);
            }
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getString(2));
                }
            }
        }
        return rows;
    }
}
