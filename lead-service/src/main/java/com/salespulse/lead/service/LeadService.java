package com.salespulse.lead.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.contract.lead.LeadUpdated;
import com.salespulse.lead.Lead;
import com.salespulse.lead.LeadRepository;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;

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

    /** New contact details; a null field keeps its value. */
    public record LeadChanges(long expectedVersion, String clientName, String phone, String email, String comment) {
    }

    /**
     * Changes a lead's contact details and emits {@code salespulse.lead.updated} with the details before and after,
     * in one transaction. Nothing changes and nothing is emitted when the new values equal the old ones.
     *
     * @return the lead as it is now, or empty when the caller may not see it
     * @throws ProblemException 409 when the lead's version is no longer {@code expectedVersion}
     */
    @Transactional
    public Optional<Lead> update(String tenant, String actor, UUID id, Optional<UUID> managerScope, LeadChanges changes) {
        Optional<Lead> found = leads.findVisible(id, managerScope);
        if (found.isEmpty()) {
            return found;
        }
        Lead lead = found.get();
        if (lead.version != changes.expectedVersion()) {
            throw ProblemException.conflict("Lead " + id + " is at version " + lead.version + ", not "
                    + changes.expectedVersion() + ": read it again and retry");
        }
        LeadUpdated.LeadDetails before = details(lead);
        lead.clientName = keepOrReplace(lead.clientName, changes.clientName());
        lead.phone = keepOrReplace(lead.phone, changes.phone());
        lead.email = keepOrReplace(lead.email, changes.email());
        lead.comment = keepOrReplace(lead.comment, changes.comment());
        LeadUpdated.LeadDetails after = details(lead);
        if (!before.equals(after)) {
            // flush now so the version in the event is the one the row gets
            leads.flush();
            outbox.emit(tenant, actor, new LeadUpdated(lead.id, before, after, lead.version));
        }
        return Optional.of(lead);
    }

    private static LeadUpdated.LeadDetails details(Lead lead) {
        return new LeadUpdated.LeadDetails(lead.clientName, lead.phone, lead.email, lead.comment);
    }

    private static String keepOrReplace(String current, String replacement) {
        return replacement == null ? current : blankToNull(replacement);
    }

    /** A lead the caller may see: in their tenant, and their own when they are a manager. */
    @Transactional
    public Optional<Lead> find(UUID id, Optional<UUID> managerScope) {
        return leads.findVisible(id, managerScope);
    }

    public record LeadPage(List<Lead> items, int page, int size, long total) {
    }

    @Transactional
    public LeadPage list(Optional<UUID> managerScope, int page, int size) {
        return new LeadPage(leads.listVisible(managerScope, page, size), page, size, leads.countVisible(managerScope));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
