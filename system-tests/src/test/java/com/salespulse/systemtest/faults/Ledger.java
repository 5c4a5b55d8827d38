package com.salespulse.systemtest.faults;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the traffic sent and what the services committed: an operation counts as committed only when it answered 2xx.
 * For each lead, the last status a 2xx answer set; for each converted lead, that it was converted.
 */
final class Ledger {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final Map<UUID, String> leadStatus = new ConcurrentHashMap<>();
    private final Set<UUID> converted = ConcurrentHashMap.newKeySet();

    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();

    /** An operation sent, and the status it answered (0: no answer, e.g. a refused connection or a timeout). */
    void sent(int status) {
        sent.incrementAndGet();
        answers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    /** How many operations answered each status (0: none came). */
    Map<Integer, Long> answers() {
        Map<Integer, Long> copy = new java.util.TreeMap<>();
        answers.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    void leadCreated(UUID lead) {
        committed.incrementAndGet();
        leadStatus.put(lead, "NEW");
    }

    void statusSet(UUID lead, String status) {
        committed.incrementAndGet();
        leadStatus.put(lead, status);
    }

    void converted(UUID lead) {
        committed.incrementAndGet();
        leadStatus.put(lead, "CONVERTED");
        converted.add(lead);
    }

    long operationsSent() {
        return sent.get();
    }

    long operationsCommitted() {
        return committed.get();
    }

    /** Every lead whose creation answered 201, with the last status a 2xx answer set. */
    Map<UUID, String> leads() {
        return Map.copyOf(leadStatus);
    }

    Set<UUID> convertedLeads() {
        return Set.copyOf(converted);
    }
}
