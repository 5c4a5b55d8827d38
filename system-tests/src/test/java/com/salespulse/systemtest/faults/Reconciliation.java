package com.salespulse.systemtest.faults;

import com.salespulse.contract.Topics;
import com.salespulse.localstack.LocalStack;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The exact check after a case has settled, by ids: the ledger's committed operations against what every service
 * holds, the outboxes against the topics and analytics' inbox, and the dead-letter topics.
 *
 * <ul>
 *   <li>lead-service holds every lead the ledger has, at least as far on as the ledger's last committed status;
 *   <li>deal-service holds exactly one deal for every converted lead (the ledger's, and any lead-service shows
 *       CONVERTED);
 *   <li>analytics holds every lead once and every deal once in its live generation, has applied every event the
 *       tenant's outboxes hold, and counted no event twice;
 *   <li>every outbox event is on its topic, and each aggregate's events are on the topic in outbox order (a record the
 *       relay sent again after a crash is allowed; it is counted as redelivered);
 *   <li>the dead-letter topics hold exactly the records the case expects for the tenant (none, unless it mixed poison
 *       into the stream).
 * </ul>
 */
final class Reconciliation {

    private static final List<String> STATUS_ORDER = List.of("NEW", "IN_WORK", "QUALIFIED", "CONVERTED");
    private static final List<String> DEAD_LETTER_TOPICS = List.of(
            Topics.LEAD_DEAD_LETTER,
            Topics.DEAL_DEAD_LETTER,
            Topics.ANALYTICS_DEAD_LETTER,
            Topics.NOTIFICATION_DEAD_LETTER);

    private Reconciliation() {}

    /** What the check found; every list empty and every figure matching means nothing was lost or doubled. */
    record Outcome(
            List<String> lost,
            List<String> duplicated,
            List<String> outOfOrder,
            Map<String, List<String>> deadLetters,
            long eventsInOutboxes,
            long redeliveredRecords) {

        long lostCount() {
            return lost.size();
        }

        long duplicatedCount() {
            return duplicated.size();
        }

        String summary() {
            return "lost " + lost + "; duplicated " + duplicated + "; out of order " + outOfOrder + "; dead letters "
                    + deadLetters;
        }
    }

    /**
     * @param poisonKeys the keys of the records the case itself made poisonous: looked for in the dead-letter topics
     *     besides the tenant's own aggregates
     */
    static Outcome check(LocalStack stack, String tenant, Ledger ledger, Set<String> poisonKeys) {
        Databases db = new Databases(stack);
        Broker broker = new Broker(stack);
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        List<String> outOfOrder = new ArrayList<>();

        // lead-service: every committed lead, at least as far as its last committed status
        Map<UUID, String> leadStatus = new HashMap<>();
        for (List<Object> row : db.rows("lead", "select id, status from lead where tenant_id = ?", tenant)) {
            leadStatus.put((UUID) row.get(0), (String) row.get(1));
        }
        ledger.leads().forEach((lead, status) -> {
            String held = leadStatus.get(lead);
            if (held == null) {
                lost.add("lead-service lacks lead " + lead);
            } else if (STATUS_ORDER.indexOf(held) < STATUS_ORDER.indexOf(status)) {
                lost.add("lead-service shows lead " + lead + " " + held + ", committed " + status);
            }
        });

        // deal-service: one deal per converted lead
        Map<UUID, Long> dealsPerLead = new HashMap<>();
        Set<UUID> deals = new HashSet<>();
        for (List<Object> row : db.rows("deal", "select lead_id, id from deal where tenant_id = ?", tenant)) {
            if (row.get(0) != null) {
                dealsPerLead.merge((UUID) row.get(0), 1L, Long::sum);
            }
            deals.add((UUID) row.get(1));
        }
        Set<UUID> converted = new LinkedHashSet<>(ledger.convertedLeads());
        leadStatus.forEach((lead, status) -> {
            if (status.equals("CONVERTED")) {
                converted.add(lead);
            }
        });
        for (UUID lead : converted) {
            long count = dealsPerLead.getOrDefault(lead, 0L);
            if (count == 0) {
                lost.add("deal-service opened no deal for converted lead " + lead);
            } else if (count > 1) {
                duplicated.add("deal-service opened " + count + " deals for lead " + lead);
            }
        }

        // analytics: every lead and deal once in the live generation
        String live = "(select live_gen from read_model_generation)";
        Map<UUID, Long> leadFacts = countsById(db.rows(
                "analytics",
                "select lead_id, count(*) from lead_fact where gen = " + live + " and tenant_id = ? group by lead_id",
                tenant));
        for (UUID lead : ledger.leads().keySet()) {
            expectOnce(leadFacts.getOrDefault(lead, 0L), "analytics lead_fact for lead " + lead, lost, duplicated);
        }
        Map<UUID, Long> dealFacts = countsById(db.rows(
                "analytics",
                "select deal_id, count(*) from deal_fact where gen = " + live + " and tenant_id = ? group by deal_id",
                tenant));
        for (UUID deal : deals) {
            expectOnce(dealFacts.getOrDefault(deal, 0L), "analytics deal_fact for deal " + deal, lost, duplicated);
        }

        // the outboxes against the topics (each aggregate's chain in order) and analytics' inbox
        Map<String, List<List<Object>>> outboxes = new LinkedHashMap<>();
        outboxes.put(Topics.LEAD_EVENTS, outbox(db, "lead", Topics.LEAD_EVENTS, tenant));
        outboxes.put(Topics.ROSTER_EVENTS, outbox(db, "lead", Topics.ROSTER_EVENTS, tenant));
        outboxes.put(Topics.DEAL_EVENTS, outbox(db, "deal", Topics.DEAL_EVENTS, tenant));
        Set<UUID> tenantEvents = new HashSet<>();
        Set<String> tenantKeys = new HashSet<>();
        long redelivered = 0;
        for (var topic : outboxes.entrySet()) {
            Map<String, List<UUID>> expected = new LinkedHashMap<>();
            for (List<Object> row : topic.getValue()) {
                expected.computeIfAbsent(row.get(1).toString(), k -> new ArrayList<>())
                        .add((UUID) row.get(0));
                tenantEvents.add((UUID) row.get(0));
            }
            tenantKeys.addAll(expected.keySet());
            Map<String, List<UUID>> onTopic = new HashMap<>();
            Set<UUID> seen = new HashSet<>();
            for (ConsumerRecord<String, byte[]> record : broker.readAll(topic.getKey())) {
                if (record.key() == null || !expected.containsKey(record.key())) {
                    continue;
                }
                UUID id = eventId(record.value());
                if (id == null || !tenantEvents.contains(id)) {
                    continue; // a record of no outbox: poison the case mixed in
                }
                if (!seen.add(id)) {
                    redelivered++;
                    continue;
                }
                onTopic.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(id);
            }
            for (var chain : expected.entrySet()) {
                List<UUID> published = onTopic.getOrDefault(chain.getKey(), List.of());
                Set<UUID> missing = new LinkedHashSet<>(chain.getValue());
                published.forEach(missing::remove);
                if (!missing.isEmpty()) {
                    lost.add(topic.getKey() + " lacks events " + missing + " of " + chain.getKey());
                } else if (!published.equals(chain.getValue())) {
                    outOfOrder.add(topic.getKey() + " has " + chain.getKey() + "'s events as " + published
                            + ", the outbox as " + chain.getValue());
                }
            }
        }
        Set<UUID> applied = new HashSet<>();
        for (List<Object> row : db.rows(
                "analytics",
                "select event_id from applied_event where gen = " + live + " and event_id = any(cast(? as uuid[]))",
                (Object) tenantEvents.stream().map(UUID::toString).toArray(String[]::new))) {
            applied.add((UUID) row.get(0));
        }
        Set<UUID> notApplied = new LinkedHashSet<>(tenantEvents);
        notApplied.removeAll(applied);
        if (!notApplied.isEmpty()) {
            lost.add("analytics never applied " + notApplied.size() + " events: " + notApplied);
        }
        long counted = db.count(
                "analytics",
                "select coalesce(sum(events_applied), 0) from projection_position where gen = " + live
                        + " and tenant_id = ?",
                tenant);
        if (counted > tenantEvents.size()) {
            duplicated.add(
                    "analytics counted " + counted + " events applied for " + tenantEvents.size() + " distinct events");
        }

        // the dead-letter topics: the tenant's records there, by topic
        Map<String, List<String>> deadLetters = new LinkedHashMap<>();
        String tenantMarker = "\"tenant\":\"" + tenant + "\"";
        for (String topic : DEAD_LETTER_TOPICS) {
            for (ConsumerRecord<String, byte[]> record : broker.readAll(topic)) {
                String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
                if (tenantKeys.contains(record.key())
                        || poisonKeys.contains(record.key())
                        || value.contains(tenantMarker)) {
                    deadLetters.computeIfAbsent(topic, k -> new ArrayList<>()).add(String.valueOf(record.key()));
                }
            }
        }
        deadLetters.values().forEach(keys -> keys.sort(null));
        return new Outcome(lost, duplicated, outOfOrder, deadLetters, tenantEvents.size(), redelivered);
    }

    private static List<List<Object>> outbox(Databases db, String database, String topic, String tenant) {
        return db.rows(
                database,
                "select id, aggregate_id from outbox_event where tenant_id = ? and topic = ? order by seq",
                tenant,
                topic);
    }

    private static Map<UUID, Long> countsById(List<List<Object>> rows) {
        Map<UUID, Long> counts = new HashMap<>();
        rows.forEach(row -> counts.put((UUID) row.get(0), ((Number) row.get(1)).longValue()));
        return counts;
    }

    private static void expectOnce(long count, String what, List<String> lost, List<String> duplicated) {
        if (count == 0) {
            lost.add(what + " missing");
        } else if (count > 1) {
            duplicated.add(what + " " + count + " times");
        }
    }

    /** The CloudEvent id of a structured record, or null for a record that is not one. */
    static UUID eventId(byte[] value) {
        try {
            return UUID.fromString(
                    JsonPath.from(new String(value, StandardCharsets.UTF_8)).getString("id"));
        } catch (RuntimeException notAnEvent) {
            return null;
        }
    }
}
