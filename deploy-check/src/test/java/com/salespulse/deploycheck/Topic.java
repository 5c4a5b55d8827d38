package com.salespulse.deploycheck;

import com.salespulse.contract.EventType;
import com.salespulse.contract.Topics;
import java.util.Set;
import java.util.TreeSet;

/**
 * A topic as deploy/ provisions it.
 *
 * @param retentionMs {@code -1} for kept for ever
 */
record Topic(String name, int partitions, long retentionMs) {

    /**
     * The domain topics: the events the owners emit, from which analytics' read model and the other services'
     * replicas are rebuilt by reading from the start. They must be kept for ever.
     */
    static final Set<String> DOMAIN = Set.of(Topics.LEAD_EVENTS, Topics.ROSTER_EVENTS, Topics.DEAL_EVENTS);

    /** Every topic the suite uses: the contract's list, each event type's topic, and what the services name. */
    static Set<String> usedBy(Iterable<ServiceConfig> services) {
        Set<String> used = new TreeSet<>(Topics.all());
        for (EventType type : EventType.values()) {
            used.add(type.topic());
        }
        for (ServiceConfig service : services) {
            used.addAll(service.consumedTopics());
            used.addAll(service.deadLetterTopics());
        }
        return used;
    }
}
