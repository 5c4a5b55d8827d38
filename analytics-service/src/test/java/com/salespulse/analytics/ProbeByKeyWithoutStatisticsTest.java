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
                .containsExactly("probed_gen_tenant_id_status_closed_at_opened_at_deal_id_idx");
    }

    /** The indexes the plan of {@code statement} reads, {@code probed} being a never-analysed copy of the table. */
    private List<String> plan(String table, String statement) throws Exception {
        List<String> indexes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("drop table if exists probed");
            sql.execute("create temporary table probed (like " + table + " including indexes)");
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
