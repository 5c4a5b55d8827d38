package com.salespulse.lead.rest;

import com.salespulse.lead.Lead;

/** API records are not entities: the mapping between them is written out here. */
final class LeadMapper {

    private LeadMapper() {
    }

    static LeadResponse toResponse(Lead lead) {
        return new LeadResponse(lead.id, lead.source, lead.clientName, lead.phone, lead.email, lead.comment,
                lead.managerId, lead.status.name(), lead.createdAt, lead.version);
    }
}
