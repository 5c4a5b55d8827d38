package com.salespulse.deal;

import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Every row deal-service holds for a tenant, counted by table (the outbox included): taken before and after a refusal. */
public final class TenantRows {

    private static final List<String> TABLES = List.of(
            "pipeline",
            "stage",
            "product",
            "currency_settings",
            "exchange_rate",
            "loss_reason",
            "deal",
            "task",
            "activity",
            "sales_plan",
            "card_transfer",
            "roster_manager",
            "roster_team",
            "known_lead",
            "known_client",
            "outbox_event");

    private TenantRows() {}

    public static Map<String, Integer> of(String tenant) {
        DataSource dataSource = Arc.container().instance(DataSource.class).get();
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String table : TABLES) {
                counts.put(table, count(connection, "select count(*) from " + table + " where tenant_id = ?", tenant));
            }
            counts.put(
                    "deal_line",
                    count(
                            connection,
                            "select count(*) from deal_line l join deal d on d.id = l.deal_id where d.tenant_id = ?",
                            tenant));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    private static int count(Connection connection, String sql, String tenant) throws Exception {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
