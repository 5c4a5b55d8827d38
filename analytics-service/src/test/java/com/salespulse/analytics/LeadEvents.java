package com.salespulse.analytics;

import com.salespulse.contract.lead.ClientsMerged;
import com.salespulse.contract.lead.LeadArchived;
import com.salespulse.contract.lead.LeadAssigned;
import com.salespulse.contract.lead.LeadContactAttempted;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.contract.lead.LeadStatusChanged;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The lead family's events (lead-service's topic: leads and clients) for test scenarios, as plain contract records;
 * publish them with {@link EventPublisher} or hand them to the applier. Times are ISO instants ("2026-11-10T09:00:00Z")
 * or {@link Instant}s.
 */
final class LeadEvents {

    private LeadEvents() {}

    static LeadCreated lead(UUID leadId, String source, UUID managerId, String clientName, String at) {
        return new LeadCreated(leadId, source, managerId, clientName, null, null, Instant.parse(at));
    }

    /** A lead with the client's phone (the short contract of the first version otherwise). */
    static LeadCreated leadWithPhone(UUID leadId, String source, UUID managerId, String phone, Instant at) {
        return new LeadCreated(leadId, source, managerId, "Client", phone, null, at);
    }

    /**
     * A lead given manually to {@code managerId} of {@code teamId} and linked to {@code clientId}; {@code externalId},
     * when not null, is its reference in amocrm.
     */
    static LeadCreated lead(
            UUID leadId,
            String source,
            UUID managerId,
            UUID teamId,
            UUID clientId,
            String clientName,
            String externalId,
            Instant at) {
        return new LeadCreated(
                leadId,
                source,
                managerId,
                clientName,
                null,
                null,
                at,
                null,
                null,
                null,
                clientId,
                teamId,
                false,
                null,
                "MANUAL",
                null,
                null,
                null,
                externalId == null ? null : "amocrm",
                externalId,
                "NEW");
    }

    /** A rejection reason of the tenant's catalogue as it is after the head of sales added or changed it. */
    static com.salespulse.contract.lead.RejectionReasonChanged rejectionReason(
            String code, String ru, String en, boolean active, String at) {
        return new com.salespulse.contract.lead.RejectionReasonChanged(
                UUID.nameUUIDFromBytes(code.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                code,
                java.util.Map.of("ru", ru, "en", en),
                active,
                Instant.parse(at));
    }

    static LeadStatusChanged rejected(
            UUID leadId, String before, String reason, UUID managerId, String source, String at) {
        return statusChanged(leadId, before, "REJECTED", reason, managerId, null, source, 2, Instant.parse(at));
    }

    static LeadStatusChanged status(UUID leadId, String before, String after, UUID managerId, String at) {
        return statusChanged(leadId, before, after, null, managerId, null, null, 2, Instant.parse(at));
    }

    static LeadStatusChanged statusChanged(
            UUID leadId,
            String before,
            String after,
            String reason,
            UUID managerId,
            UUID teamId,
            String source,
            long version,
            Instant at) {
        return new LeadStatusChanged(leadId, before, after, reason, null, managerId, teamId, source, version, at);
    }

    /** The third unanswered call, which marks the lead unreached (the threshold is 3). */
    static LeadContactAttempted unreached(UUID leadId, UUID managerId, String at) {
        return unreachedAfter(3, leadId, UUID.randomUUID(), managerId, null, 4, Instant.parse(at));
    }

    /** The {@code attempts}-th unanswered call, which marks the lead unreached (the threshold is {@code attempts}). */
    static LeadContactAttempted unreachedAfter(
            int attempts, UUID leadId, UUID attemptId, UUID managerId, UUID teamId, long version, Instant at) {
        return new LeadContactAttempted(
                leadId,
                attemptId,
                "NO_ANSWER",
                attempts,
                attempts - 1,
                attempts,
                false,
                true,
                true,
                attempts,
                null,
                managerId,
                teamId,
                version,
                at);
    }

    /** A lead in work converted into a deal in RUB, with no expected amount. */
    static LeadConverted converted(
            UUID leadId,
            UUID clientId,
            UUID managerId,
            UUID pipelineId,
            String source,
            String clientName,
            UUID referrer,
            Instant at) {
        return new LeadConverted(
                leadId,
                clientId,
                managerId,
                pipelineId,
                source,
                clientName,
                null,
                "RUB",
                referrer,
                null,
                "IN_WORK",
                4,
                at);
    }

    /** A lead moved by a dismissal's card transfer (teams unknown). */
    static LeadAssigned leadTransferred(UUID leadId, UUID from, UUID to, UUID transferId, String at) {
        return transferred(leadId, from, null, to, null, transferId, 3, Instant.parse(at));
    }

    static LeadAssigned transferred(
            UUID leadId, UUID from, UUID fromTeam, UUID to, UUID toTeam, UUID transferId, long version, Instant at) {
        return new LeadAssigned(
                leadId, from, fromTeam, to, toTeam, "TRANSFER", "TRANSFER", "dismissal", transferId, version, at);
    }

    static LeadArchived archived(
            UUID leadId,
            String trigger,
            String reason,
            String status,
            UUID managerId,
            String lastChangedAt,
            String at) {
        return new LeadArchived(
                leadId, trigger, reason, status, managerId, Instant.parse(lastChangedAt), 2, Instant.parse(at));
    }

    /** The {@code merged} client became one with {@code surviving} (nothing moved with it). */
    static ClientsMerged clientsMerged(UUID surviving, UUID merged, String reason, Instant at) {
        return new ClientsMerged(surviving, merged, List.of(), List.of(), List.of(), reason, at);
    }

    static ClientsMerged clientsMerged(UUID surviving, UUID merged, String at) {
        return clientsMerged(surviving, merged, "same company", Instant.parse(at));
    }
}
