package com.salespulse.deal.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import io.quarkus.narayana.jta.QuarkusTransaction;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.contract.roster.CardTransferStarted;
import com.salespulse.contract.roster.ManagerDismissed;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.ManagerUpdated;
import com.salespulse.contract.roster.TeamCreated;
import com.salespulse.contract.roster.TeamRenamed;
import com.salespulse.deal.deal.DealService;
import com.salespulse.deal.lead.KnownLeads;
import com.salespulse.deal.roster.RosterReplica;
import com.salespulse.deal.transfer.CardTransferService;
import com.salespulse.messaging.inbox.ConsumedEvents;
import com.salespulse.security.TenantScope;

/**
 * Applies one incoming event for the event's tenant: the tenant is set before the transaction opens (Hibernate asks
 * for it when the session starts), then the inbox check and the change commit together, so a repeated event id
 * changes nothing. Event types deal-service does not follow are skipped without a trace. Roster events keep
 * deal-service's roster replica ({@link RosterReplica}); lead creations and conversions the ids of the tenant's
 * leads ({@link KnownLeads}), which tasks and touches on lead cards are checked against.
 */
@ApplicationScoped
public class IncomingEventApplier {

    private final CloudEventCodec codec = new CloudEventCodec();
    private final TenantScope tenantScope;
    private final ConsumedEvents consumed;
    private final DealService deals;
    private final CardTransferService transfers;
    private final RosterReplica roster;
    private final KnownLeads leads;

    public IncomingEventApplier(TenantScope tenantScope, ConsumedEvents consumed, DealService deals,
            CardTransferService transfers, RosterReplica roster, KnownLeads leads) {
        this.tenantScope = tenantScope;
        this.consumed = consumed;
        this.deals = deals;
        this.transfers = transfers;
        this.roster = roster;
        this.leads = leads;
    }

    /** @throws com.salespulse.contract.MalformedEventException when the record is not a valid event */
    @ActivateRequestContext
    public void apply(byte[] record) {
        ReceivedEvent event = codec.decode(record);
        String tenant = event.metadata().tenant();
        Runnable change = switch (event.type()) {
            case LEAD_CREATED -> () -> {
                LeadCreated created = event.dataAs(LeadCreated.class);
                leads.seen(tenant, created.leadId(), created.clientId());
            };
            case LEAD_CONVERTED -> () -> {
                LeadConverted converted = event.dataAs(LeadConverted.class);
                leads.seen(tenant, converted.leadId(), converted.clientId());
                deals.openFromConversion(tenant, event.metadata().actor(), converted);
            };
            case CARD_TRANSFER_STARTED -> () -> transfers.follow(event.metadata().tenant(), event.metadata().actor(),
                    event.dataAs(CardTransferStarted.class));
            // the roster replica: who may own deals, be assigned tasks and have plans here
            case MANAGER_HIRED -> () -> roster.hired(tenant, event.dataAs(ManagerHired.class));
            case MANAGER_UPDATED -> () -> roster.updated(tenant, event.dataAs(ManagerUpdated.class));
            case MANAGER_DISMISSED -> () -> roster.dismissed(tenant, event.dataAs(ManagerDismissed.class));
            case TEAM_CREATED -> () -> roster.teamCreated(tenant, event.dataAs(TeamCreated.class));
            case TEAM_RENAMED -> () -> roster.teamRenamed(tenant, event.dataAs(TeamRenamed.class));
            default -> null;
        };
        if (change == null) {
            return;
        }
        tenantScope.actAs(event.metadata().tenant());
        QuarkusTransaction.requiringNew().run(() -> {
            if (consumed.firstDelivery(event.metadata(), event.type())) {
                change.run();
            }
        });
    }
}
