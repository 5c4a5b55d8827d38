package com.salespulse.lead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.messaging.outbox.OutboxEventRepository;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A tenant's events as written to the outbox, in order: what a command emitted, without waiting for Kafka. */
final class OutboxRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboxRows() {}

    /** The CloudEvents of the tenant, in the order they were written. */
    static List<JsonNode> of(String tenant) {
        var entityManager =
                Arc.container().instance(OutboxEventRepository.class).get().getEntityManager();
        List<?> rows = QuarkusTransaction.requiringNew()
                .call(() -> entityManager
                        .createNativeQuery("select payload from outbox_event where tenant_id = ?1 order by seq")
                        .setParameter(1, tenant)
                        .getResultList());
        return rows.stream()
                .map(row -> {
                    try {
                        return JSON.readTree(new String((byte[]) row, StandardCharsets.UTF_8));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** The event types of the tenant, in order. */
    static List<String> types(String tenant) {
        return of(tenant).stream().map(e -> e.get("type").asText()).toList();
    }

    /** The last event of this type. */
    static JsonNode last(String tenant, String type) {
        List<JsonNode> all = of(tenant).stream()
                .filter(e -> e.get("type").asText().equals(type))
                .toList();
        return all.get(all.size() - 1);
    }
}
