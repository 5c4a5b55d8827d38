package com.salespulse.integration.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event read and found well formed: what it is, whom it names and the owner body it becomes.
 *
 * @param externalSystem the card's reference system, from data
 * @param externalId the card's id there, from data
 * @param ownerBody the body sent to the owner: data without its reference, with what the type implies and, when data
 *        gave none, {@code occurredAt} taken from the event's {@code time}
 * @param occurredAtFromTime whether {@code occurredAt} came from {@code time} (a problem about it then names
 *        {@code time})
 * @param contentSha256 of the event's content (type, subject, time, data): a repeat of (source, id) must match it
 */
public record PushEvent(
        String id,
        String source,
        PushType type,
        String externalSystem,
        String externalId,
        ObjectNode ownerBody,
        boolean occurredAtFromTime,
        String contentSha256) {}
