package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.testsupport.EmbeddedInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 16, migration V2026_12_18_10: a projection statement or a kept card's trigger finds a card's row by its key
 * through the primary key even in a table that was never analysed (a fresh database's first minute), not through
 * another index sharing the key's first columns, which would read the tenant's rows once per card. Each table is
 * copied with its indexes into a temporary table, which no analyze ever reaches, and the probe's plan is read.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ProbeByKeyWithoutStatisticsTest {

    private static final Pattern INDEX = Pattern.compile("Index (?:Only )?Scan (?:Backward )?(?:using|on) (\\w+)");

    @Inject
    DataSource dataSource;

    @ParameterizedTest
    @CsvSource(
            quoteCharacter = '"',
            value = {
                "lead_fact, status = 'IN_WORK', lead_id",
                "deal_fact, amount = 1, deal_id",
                "open_card, title = 'x', card_type = 'LEAD' and p.card_id",
                "dismissed_baseline_card, state = 'OPEN', card_type = 'LEAD' and p.card_id"
            })
    void aBatchUpdateByKeyOfANeverAnalysedTableProbesItsPrimaryKey(String table, String set, String key)
            throws Exception {
        List<String> indexes = plan(
                table,
                "update probed p set " + set + " from unnest(array[1], array['t'], "
                        + "array['00000000-0000-0000-0000-000000000016'::uuid]) v(gen, tenant_id, id) "
                        + "where p.gen = v.gen and p.tenant_id = v.tenant_id and p." + key + " = v.id");

        assertThat(indexes).isNotEmpty().allMatch(index -> index.equals("probed_pkey"), "the primary key");
    }

    @Test
    void theMetricsReadsStillReachTheIndexesMadePartial() throws Exception {
        assertThat(plan(
                        "lead_fact",
                        "select count(*) from probed where gen = 1 and tenant_id = 't' "
                                + "and created_at >= now() - interval '1 month' and created_at < now()"))
                .containsExactly("probed_gen_tenant_id_created_at_idx");
        assertThat(plan(
                        "open_card",
                        "select stage, count(*) from probed where gen = 1 and tenant_id = 't' "
                                + "and manager_id in ('00000000-0000-0000-0000-000000000016') group by stage"))
                .containsExactly("probed_gen_tenant_id_manager_id_stage_idx");
        assertThat(plan(
                        "dismissed_baseline_card",
                        "select count(*) from probed where gen = 1 and tenant_id = 't' "
                                + "and arrived_at >= now() - interval '1 month' and arrived_at < now()"))
                .containsExactly("probed_gen_tenant_id_arrived_at_idx");
        assertThat(plan(
                        "deal_fact",
                        "select deal_id from probed where gen = 1 and tenant_id = 't' and status = 'WON' "
                                + "order by closed_at desc, opened_at desc, deal_id limit 20"))
                // the copy's generated name: the key's columns, then the first included one (V2026_12_25_20), cut
                .containsExactly("probed_gen_tenant_id_status_closed_at_opened_at_deal_id_man_idx");
    }

    /**
     * V2026_12_23_30: a deal's replaced lines are open lines only if the deal is open, and its status is read by a
     * probe of deal_fact's key per line ({@code DealProjection.LINES_INSERTED}), the status tested outside the probe.
     * Written as a join on {@code status = 'OPEN'}, a never-analysed deal_fact was read through the partial index of
     * the open deals, the tenant's open deals for every line (the scale 0.01 benchmark: 1 381 buffers a call).
     */
    @Test
    void aDealsReplacedLinesReadTheDealsStatusThroughThePrimaryKey() throws Exception {
        List<String> indexes = plan(
                "deal_fact",
                "select v.deal_id from unnest(array[1], array['t'], "
                        + "array['00000000-0000-0000-0000-000000000016'::uuid]) v(gen, tenant_id, deal_id) "
                        + "cross join lateral (select d.status from probed d where d.gen = v.gen "
                        + "and d.tenant_id = v.tenant_id and d.deal_id = v.deal_id offset 0) d where d.status = 'OPEN'");

        assertThat(indexes).containsExactly("probed_pkey");
    }

    /**
     * V2026_12_22_40: a changed card's or task's open interval, its latest, is found by one backward probe of the
     * primary key even in a history of 40 000 never-analysed intervals, beside the readers' index on (gen, tenant_id,
     * valid_from). The first attempt wrote the probe as equalities ordered by valid_from; with that many rows and no
     * statistics the planner read it from the readers' index, i.e. filtered the tenant's whole history by card and
     * sorted it, per change. The row comparison ordered by every key column is a condition of the primary key only.
     */
    @ParameterizedTest
    @CsvSource(
            quoteCharacter = '"',
            value = {
                "card_state_span, \"card_type, card_id, is_open, created_at, status, archived\", "
                        + "\"'LEAD', md5((i % 4000)::text)::uuid, true, now(), 'NEW', false\", "
                        + "\"s.card_type, s.card_id\", \"'LEAD', x.id\"",
                "task_span, \"task_id, card_type, card_id, assignee_id, title, due_at, status\", "
                        + "\"md5((i % 4000)::text)::uuid, 'LEAD', md5(i::text)::uuid, md5(i::text)::uuid, 'call', "
                        + "now(), 'OPEN'\", "
                        + "s.task_id, x.id"
            })
    void theHistoryFindsAnOpenIntervalThroughThePrimaryKeyInALargeUnanalysedHistory(
            String table, String columns, String values, String key, String probe) throws Exception {
        List<String> indexes = plan(
                table,
                "insert into probed (gen, tenant_id, valid_from, " + columns + ") select 1, 't', "
                        + "timestamptz '2026-01-01' + i * interval '1 minute', " + values
                        + " from generate_series(1, 40000) i",
                "select o.row_id from unnest(array[1], array['t'], "
                        + "array['00000000-0000-0000-0000-000000000016'::uuid]) x(gen, tenant_id, id) "
                        + "left join lateral (select s.ctid as row_id, s.valid_to from probed s "
                        + "where (s.gen, s.tenant_id, " + key + ", s.valid_from) <= (x.gen, x.tenant_id, " + probe
                        + ", 'infinity') order by s.gen desc, s.tenant_id desc, "
                        + key.replace(",", " desc,") + " desc, s.valid_from desc limit 1) o on o.valid_to is null");

        assertThat(indexes).containsExactly("probed_pkey");
    }

    /**
     * V2026_12_22_40: closing a card's interval (a status change) is a HOT update: valid_to is in no index, so the
     * closed version stays on its page and no index gets a new entry for it.
     */
    @Test
    void closingACardsIntervalWritesNoIndexEntry() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                // the backend's counts include its earlier transactions' until they are reported: a difference
                long[] before = updates(sql);
                String card = "'" + UUID.randomUUID() + "'::uuid";
                for (String moment : List.of("2026-03-01 10:00+00", "2026-03-02 10:00+00", "2026-03-03 10:00+00")) {
                    sql.execute("select card_state_record(array[row(1, 'hot-test', 'LEAD', " + card + ", '" + moment
                            + "', true, null, 'Client', 'web', null, 'LEAD:NEW', null, '2026-03-01 10:00+00', "
                            + "'NEW', false)::card_state_change])");
                }
                long[] after = updates(sql);
                assertThat(after[0] - before[0]).as("intervals closed").isEqualTo(2);
                assertThat(after[1] - before[1]).as("of them HOT").isEqualTo(2);
                try (ResultSet spans = sql.executeQuery("select count(*) filter (where valid_to is null), count(*) "
                        + "from card_state_span where tenant_id = 'hot-test' and card_id = " + card)) {
                    spans.next();
                    assertThat(spans.getLong(1)).as("open intervals").isEqualTo(1);
                    assertThat(spans.getLong(2)).as("intervals").isEqualTo(3);
                }
            } finally {
                connection.rollback();
            }
        }
    }

    /** card_state_span's updates and HOT updates as this transaction sees them. */
    private static long[] updates(Statement sql) throws Exception {
        try (ResultSet counts = sql.executeQuery("select pg_stat_get_xact_tuples_updated(c.oid), "
                + "pg_stat_get_xact_tuples_hot_updated(c.oid) from pg_class c "
                + "where c.relname = 'card_state_span' and c.relnamespace = current_schema()::regnamespace")) {
            counts.next();
            return new long[] {counts.getLong(1), counts.getLong(2)};
        }
    }

    /** The indexes the plan of {@code statement} reads, {@code probed} being a never-analysed copy of the table. */
    private List<String> plan(String table, String statement) throws Exception {
        return plan(table, null, statement);
    }

    /** As {@link #plan(String, String)}, the copy filled by {@code fill} first (still never analysed). */
    private List<String> plan(String table, String fill, String statement) throws Exception {
        List<String> indexes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("drop table if exists probed");
            sql.execute("create temporary table probed (like " + table + " including indexes)");
            if (fill != null) {
                sql.execute(fill);
            }
            try (ResultSet plan = sql.executeQuery("explain (costs off) " + statement)) {
                while (plan.next()) {
                    Matcher index = INDEX.matcher(plan.getString(1));
                    if (index.find()) {
                        indexes.add(index.group(1));
                    }
                }
            } finally {
                sql.execute("drop table probed");
            }
        }
        return indexes;
    }
}
