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
 * The migration to one deal projection (V2026_11_27_800) on a database holding rows written by the two old deal
 * projections: deal_card's columns move into deal_fact, deal_stage_visit's stays into card_stay, the old tables go,
 * and each deal gets its owner's team. A plain test on its own embedded PostgreSQL: the app's schema is migrated to
 * the version before, filled, then migrated to the last version before first touches moved to card_touch.
 */
class DealProjectionMigrationTest {

    private static final String DEAL = "'00000000-0000-0000-0000-00000000d001'";
    private static final String WON_ONLY = "'00000000-0000-0000-0000-00000000d002'";
    private static final String ANNA = "'00000000-0000-0000-0000-00000000a001'";
    private static final String TEAM = "'00000000-0000-0000-0000-00000000e001'";
    private static final String STAGE_1 = "'00000000-0000-0000-0000-00000000f001'";
    private static final String STAGE_2 = "'00000000-0000-0000-0000-00000000f002'";

    @Test
    void movesTheRowsOfTheOldDealTablesIntoTheOneDealFactAndCardStay() throws SQLException {
        try (PostgresServer postgres = PostgresServer.startTemporary()) {
            postgres.createDatabase("migration");
            String url = postgres.jdbcUrl("migration");
            flyway(url, "2026.11.27.600").migrate();
            try (Connection db = DriverManager.getConnection(url, PostgresServer.USER, "");
                    Statement sql = db.createStatement()) {
                sql.execute("set time zone 'UTC'");
                sql.execute(
                        "insert into manager_fact (gen, tenant_id, manager_id, name, team_id, capacity, hired_at) values "
                                + "(1, 't', " + ANNA + ", 'Anna', " + TEAM + ", 10, '2026-01-10T09:00:00Z')");
                // an open deal both old projections saw, and a won deal only deal_fact saw (its opening was missed)
                sql.execute(
                        "insert into deal_fact (gen, tenant_id, deal_id, client_id, manager_id, pipeline_id, stage_id, "
                                + "stage_probability, status, amount, currency, repeat_sale, opened_at, closed_at) values "
                                + "(1, 't', " + DEAL + ", gen_random_uuid(), " + ANNA + ", gen_random_uuid(), "
                                + STAGE_2
                                + ", 60, 'OPEN', 1000, 'RUB', false, '2026-11-02T07:00:00Z', null), "
                                + "(1, 't', " + WON_ONLY + ", gen_random_uuid(), " + ANNA + ", gen_random_uuid(), "
                                + STAGE_2
                                + ", 100, 'WON', 500, 'RUB', false, '2026-11-03T07:00:00Z', '2026-11-09T07:00:00Z')");
                sql.execute(
                        "insert into deal_card (gen, tenant_id, deal_id, manager_id, owner_since, pipeline_id, stage_id, "
                                + "status, opened_at, stage_entered_at, last_touched_at, first_touched_at) values (1, 't', "
                                + DEAL
                                + ", " + ANNA + ", '2026-11-04T07:00:00Z', gen_random_uuid(), " + STAGE_2 + ", 'OPEN', "
                                + "'2026-11-02T07:00:00Z', '2026-11-05T07:00:00Z', '2026-11-06T07:00:00Z', '2026-11-03T07:00:00Z')");
                // card_stay already had the first stay; deal_stage_visit both
                sql.execute(
                        "insert into card_stay (gen, tenant_id, card_type, card_id, stage, entered_at, left_at) values "
                                + "(1, 't', 'DEAL', " + DEAL + ", " + STAGE_1
                                + ", '2026-11-02T07:00:00Z', '2026-11-05T07:00:00Z'), "
                                + "(1, 't', 'LEAD', gen_random_uuid(), 'LEAD:NEW', '2026-11-01T07:00:00Z', null)");
                sql.execute(
                        "insert into deal_stage_visit (gen, tenant_id, deal_id, stage_id, entered_at, left_at) values "
                                + "(1, 't', " + DEAL + ", " + STAGE_1
                                + ", '2026-11-02T07:00:00Z', '2026-11-05T07:00:00Z'), "
                                + "(1, 't', " + DEAL + ", " + STAGE_2 + ", '2026-11-05T07:00:00Z', null)");
            }

            // to the version this test is about and no further: V2026_11_27_920 later moves first touches into
            // card_touch
            flyway(url, "2026.11.27.910").migrate();

            try (Connection db = DriverManager.getConnection(url, PostgresServer.USER, "");
                    Statement sql = db.createStatement()) {
                sql.execute("set time zone 'UTC'");
                assertThat(rows(
                                sql,
                                "select cast(owner_since as text), cast(stage_entered_at as text), "
                                        + "cast(last_touched_at as text), cast(first_touched_at as text) "
                                        + "from deal_fact where deal_id = " + DEAL))
                        .containsExactly("2026-11-04 07:00:00+00|2026-11-05 07:00:00+00|2026-11-06 07:00:00+00|"
                                + "2026-11-03 07:00:00+00");
                // the deal deal_card never saw: what its own dates say
                assertThat(rows(
                                sql,
                                "select cast(owner_since as text), cast(stage_entered_at as text), "
                                        + "cast(last_touched_at as text), cast(first_touched_at as text) from deal_fact where deal_id = "
                                        + WON_ONLY))
                        .containsExactly("2026-11-03 07:00:00+00|2026-11-09 07:00:00+00|2026-11-09 07:00:00+00|null");
                // both stays of the deal once, the lead's stay untouched
                assertThat(rows(
                                sql,
                                "select card_type || ' ' || stage || ' ' || coalesce(cast(left_at as text), 'open') "
                                        + "from card_stay order by entered_at"))
                        .containsExactly(
                                "LEAD LEAD:NEW open",
                                "DEAL " + STAGE_1.replace("'", "") + " 2026-11-05 07:00:00+00",
                                "DEAL " + STAGE_2.replace("'", "") + " open");
                assertThat(rows(sql, "select cast(team_id as text) from manager_team_stay"))
                        .containsExactly(TEAM.replace("'", ""));
                assertThat(rows(
                                sql,
                                "select table_name from information_schema.tables where table_name in "
                                        + "('deal_card', 'deal_stage_visit')"))
                        .isEmpty();
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
