package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.localstack.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The migration adding the deals' history (V2026_12_08_20) on a read model written before it: each deal gets its
 * opening (in its first stage) and, when closed, its closing (in the stage it was closed from), so the waterfall
 * counts the deals already there. A plain test on its own embedded PostgreSQL.
 */
class DealChangesMigrationTest {

    private static final String OPEN = "00000000-0000-0000-0000-00000000d001";
    private static final String WON = "00000000-0000-0000-0000-00000000d002";
    private static final String ANNA = "00000000-0000-0000-0000-00000000a001";
    private static final String STAGE_1 = "00000000-0000-0000-0000-00000000f001";
    private static final String STAGE_2 = "00000000-0000-0000-0000-00000000f002";
    private static final String WON_STAGE = "00000000-0000-0000-0000-00000000f008";

    @Test
    void eachDealAlreadyThereGetsItsOpeningAndItsClosing() throws SQLException {
        try (PostgresServer postgres = PostgresServer.startTemporary()) {
            postgres.createDatabase("migration");
            String url = postgres.jdbcUrl("migration");
            flyway(url, "2026.12.06.30").migrate();
            try (Connection db = DriverManager.getConnection(url, PostgresServer.USER, "");
                    Statement sql = db.createStatement()) {
                sql.execute("set time zone 'UTC'");
                // an open deal moved from stage 1 to stage 2, and a deal won from stage 2
                sql.execute("insert into deal_fact (gen, tenant_id, deal_id, client_id, manager_id, pipeline_id, "
                        + "stage_id, stage_probability, status, amount, currency, expected_close_date, repeat_sale, "
                        + "opened_at, closed_at, owner_since, stage_entered_at, last_touched_at) values "
                        + "(1, 't', '" + OPEN + "', gen_random_uuid(), '" + ANNA + "', gen_random_uuid(), '" + STAGE_2
                        + "', 60, 'OPEN', 1000, 'RUB', '2026-12-20', false, '2026-11-02T07:00:00Z', null, "
                        + "'2026-11-02T07:00:00Z', '2026-11-05T07:00:00Z', '2026-11-05T07:00:00Z'), "
                        + "(1, 't', '" + WON + "', gen_random_uuid(), '" + ANNA + "', gen_random_uuid(), '" + WON_STAGE
                        + "', 100, 'WON', 500, 'RUB', null, false, '2026-11-03T07:00:00Z', '2026-11-09T07:00:00Z', "
                        + "'2026-11-03T07:00:00Z', '2026-11-09T07:00:00Z', '2026-11-09T07:00:00Z')");
                sql.execute("insert into card_stay (gen, tenant_id, card_type, card_id, stage, entered_at, left_at) "
                        + "values (1, 't', 'DEAL', '" + OPEN + "', '" + STAGE_1
                        + "', '2026-11-02T07:00:00Z', '2026-11-05T07:00:00Z'), "
                        + "(1, 't', 'DEAL', '" + OPEN + "', '" + STAGE_2 + "', '2026-11-05T07:00:00Z', null), "
                        + "(1, 't', 'DEAL', '" + WON + "', '" + STAGE_2
                        + "', '2026-11-03T07:00:00Z', '2026-11-09T07:00:00Z')");
            }

            flyway(url, "2026.12.08.20").migrate();

            try (Connection db = DriverManager.getConnection(url, PostgresServer.USER, "");
                    Statement sql = db.createStatement()) {
                sql.execute("set time zone 'UTC'");
                assertThat(rows(
                                sql,
                                "select cast(deal_id as text), kind, cast(changed_at as text), status, "
                                        + "cast(stage_id as text), amount, cast(expected_close_date as text) "
                                        + "from deal_change order by deal_id, changed_at"))
                        .containsExactly(
                                OPEN + "|OPENED|2026-11-02 07:00:00+00|OPEN|" + STAGE_1 + "|1000|2026-12-20",
                                WON + "|OPENED|2026-11-03 07:00:00+00|OPEN|" + STAGE_2 + "|500|null",
                                WON + "|WON|2026-11-09 07:00:00+00|WON|" + STAGE_2 + "|500|null");
            }
        }
    }

    private static Flyway flyway(String url, String target) {
        return Flyway.configure()
                .dataSource(url, PostgresServer.USER, "")
                .locations("classpath:db/migration", "classpath:db/reliable-messaging")
                .target(target)
                .load();
    }

    /** Each row's columns joined with |, nulls as "null". */
    private static List<String> rows(Statement sql, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getString(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
