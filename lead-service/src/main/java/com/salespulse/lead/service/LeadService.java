package com.salespulse.lead.service;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.lead.Lead;
import com.salespulse.lead.LeadRepository;
import com.salespulse.messaging.outbox.Outbox;

@ApplicationScoped
public class LeadService {

    private final LeadRepository leads;
    private final Outbox outbox;
    private final Clock clock;

    public LeadService(LeadRepository leads, Outbox outbox, Clock clock) {
        this.leads = leads;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What intake needs to create a lead, already validated. */
    public record NewLead(String source, String clientName, String phone, String email, String comment, UUID managerId) {
    }

    /** Stores the lead and its {@code LeadCreated} event in one transaction. */
    @Transactional
    public Lead create(String tenant, String actor, NewLead input) {
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.tenantId = tenant;
        lead.source = input.source().trim();
        lead.clientName = blankToNull(input.clientName());
        lead.phone = blankToNull(input.phone());
        lead.email = blankToNull(input.email());
        lead.comment = blankToNull(input.comment());
        lead.managerId = input.managerId();
        lead.status = Lead.Status.NEW;
        lead.createdAt = clock.instant();
        leads.persist(lead);
        outbox.emit(tenant, actor, new LeadCreated(lead.id, lead.source, lead.managerId, lead.clientName, lead.phone,
                lead.email, lead.createdAt));
        return lead;
    }

    @Transactional
    public Optional<Lead> find(String tenant, UUID id) {
        return leads.findInTenant(tenant, id);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
