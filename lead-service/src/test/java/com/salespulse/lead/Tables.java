package com.salespulse.lead;

import com.salespulse.messaging.outbox.OutboxEventRepository;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's rows in every table a command may write, the outbox included: the same counts before and after a
 * refused request say it wrote nothing.
 */
final class Tables {

    private static final List<String> TENANT_TABLES = List.of(
            "lead",
            "client",
            "client_contact",
            "contact_attempt",
            "team",
            "manager",
            "absence",
            "tenant_settings",
            "card_transfer",
            "card_transfer_item",
            "outbox_event");

    private Tables() {}

    static Map<String, Long> of(String tenant) {
        var entityManager =
                Arc.container().instance(OutboxEventRepository.class).get().getEntityManager();
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : TENANT_TABLES) {
                counts.put(
                        table,
                        ((Number) entityManager
                                        .createNativeQuery("select count(*) from " + table + " where tenant_id = ?1")
                                        .setParameter(1, tenant)
                                        .getSingleResult())
                                .longValue());
            }
            return counts;
        });
    }
}
