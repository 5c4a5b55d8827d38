package com.salespulse.lead;

import java.util.Map;
import java.util.UUID;

/** API records are not entities: the mapping between them is written out here. */
final class LeadMapper {

    private LeadMapper() {}

    static LeadApi.LeadView toResponse(Lead lead, Map<UUID, String> managerNames) {
        LeadApi.NewLead.Utm utm = lead.utmSource == null
                        && lead.utmMedium == null
                        && lead.utmCampaign == null
                        && lead.utmTerm == null
                        && lead.utmContent == null
                ? null
                : new LeadApi.NewLead.Utm(
                        lead.utmSource, lead.utmMedium, lead.utmCampaign, lead.utmTerm, lead.utmContent);
        return new LeadApi.LeadView(
                lead.id,
                lead.source,
                lead.channel,
                lead.campaign,
                utm,
                lead.clientId,
                lead.clientName,
                lead.phone,
                lead.phoneNormalized,
                lead.email,
                lead.comment,
                lead.managerId,
                lead.managerId == null ? null : managerNames.get(lead.managerId),
                lead.teamId,
                lead.assignedAt,
                lead.status.name(),
                lead.archivedAt == null
                        ? lead.status.next().stream().map(Enum::name).toList()
                        : java.util.List.of(),
                lead.rejectionReason,
                lead.statusComment,
                lead.duplicate,
                lead.duplicateOfLeadId,
                lead.contactAttempts,
                lead.failedAttempts,
                lead.unreached,
                lead.externalSystem,
                lead.externalId,
                lead.archivedAt,
                lead.createdAt,
                lead.lastChangedAt,
                lead.version,
                lead.recordedAt,
                lead.lastRecordedAt);
    }
}
