package com.salespulse.lead;

import com.salespulse.contract.lead.LeadAssigned;
import com.salespulse.lead.roster.Manager;
import com.salespulse.messaging.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Gives a lead an owner and emits one {@code lead.assigned} with the owner before and after. */
@ApplicationScoped
public class LeadAssignments {

    /** How the owner was chosen. */
    public enum Mode {
        MANUAL,
        ROUND_ROBIN,
        LEAST_LOADED,
        TRANSFER
    }

    /** What caused the assignment. */
    public enum Trigger {
        INTAKE,
        QUEUE_DRAIN,
        REASSIGNMENT,
        TRANSFER
    }

    private final LeadRepository leads;
    private final Outbox outbox;
    private final Clock clock;

    public LeadAssignments(LeadRepository leads, Outbox outbox, Clock clock) {
        this.leads = leads;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void assign(Lead lead, Manager to, Mode mode, Trigger trigger, String reason, UUID transferId) {
        assign(lead, to, mode, trigger, reason, transferId, clock.instant());
    }

    /** As {@link #assign}, at business time {@code at} (an integrator's {@code occurredAt}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void assign(Lead lead, Manager to, Mode mode, Trigger trigger, String reason, UUID transferId, Instant at) {
        Instant now = at;
        UUID fromManager = lead.managerId;
        UUID fromTeam = lead.teamId;
        lead.managerId = to.id;
        lead.teamId = to.teamId;
        lead.assignedAt = now;
        lead.changed(at, clock.instant());
        // an automatic mode's turn was taken by distribution's claim (Distributor.claim)
        // flush so the event carries the version the row gets
        leads.flush();
        outbox.emit(new LeadAssigned(
                lead.id,
                fromManager,
                fromTeam,
                to.id,
                to.teamId,
                mode.name(),
                trigger.name(),
                reason,
                transferId,
                lead.version,
                now,
                lead.externalSystem,
                lead.externalId));
    }
}
