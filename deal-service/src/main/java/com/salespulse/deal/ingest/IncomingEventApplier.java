package com.salespulse.deal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.lead.ClientCreated;
import com.salespulse.contract.lead.ClientUpdated;
import com.salespulse.contract.lead.ClientsMerged;
import com.salespulse.contract.lead.LeadAssigned;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.contract.roster.CardTransferStarted;
import com.salespulse.contract.roster.ManagerDismissed;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.ManagerUpdated;
import com.salespulse.contract.roster.TeamCreated;
import com.salespulse.contract.roster.TeamLeadChanged;
import com.salespulse.contract.roster.TeamRenamed;
import com.salespulse.deal.DealService;
import com.salespulse.deal.lead.KnownClients;
import com.salespulse.deal.lead.KnownLeads;
import com.salespulse.deal.roster.RosterReplica;
import com.salespulse.deal.transfer.CardTransferService;
import com.salespulse.messaging.inbox.ConsumedEvents;
import com.salespulse.messaging.tracing.EventTracing;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.ActingScope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

/**
 * Applies one incoming event acting for the event's tenant, as the event's actor ({@link ActingScope}): both are set
 * before the transaction opens (Hibernate asks for the tenant when the session starts; the outbox and the replicas
 * read them there), then the inbox check and the change commit together, so a repeated event id changes nothing.
 * Event types deal-service does not follow are skipped without a trace. Roster events keep deal-service's roster
 * replica ({@link RosterReplica}); lead creations and conversions the ids of the tenant's leads ({@link KnownLeads}),
 * which tasks and touches on lead cards are checked against, and creations and assignments each lead's owner.
 */
@ApplicationScoped
public class IncomingEventApplier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ActingScope acting;
    private final ConsumedEvents consumed;
    private final DealService deals;
    private final CardTransferService transfers;
    private final RosterReplica roster;
    private final KnownLeads leads;
    private final KnownClients clients;
    private final EventTracing tracing;

    public IncomingEventApplier(
            ActingScope acting,
            ConsumedEvents consumed,
            DealService deals,
            CardTransferService transfers,
            RosterReplica roster,
            KnownLeads leads,
            KnownClients clients,
            EventTracing tracing) {
        this.tracing = tracing;
        this.clients = clients;
        this.acting = acting;
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
        Runnable change = switch (event.type()) {
            case LEAD_CREATED ->
                () -> {
                    LeadCreated created = event.dataAs(LeadCreated.class);
                    leads.seen(
                            created.leadId(),
                            created.clientId(),
                            created.createdAt(),
                            created.externalSystem() == null || created.externalId() == null
                                    ? null
                                    : new ExternalRef(created.externalSystem(), created.externalId()));
                    // LeadCreated carries no version: any assignment of the lead is newer
                    leads.owner(created.leadId(), created.managerId(), -1);
                };
            // a lead's owner, whatever chose it (intake, queue, by hand, a card transfer): who may snooze it
            case LEAD_ASSIGNED ->
                () -> {
                    LeadAssigned assigned = event.dataAs(LeadAssigned.class);
                    leads.owner(assigned.leadId(), assigned.toManagerId(), assigned.version());
                };
            case LEAD_CONVERTED ->
                () -> {
                    LeadConverted converted = event.dataAs(LeadConverted.class);
                    leads.seen(converted.leadId(), converted.clientId());
                    deals.openFromConversion(converted);
                };
            // the client base: a new client's first deal may be opened directly, by id or by reference
            case CLIENT_CREATED -> () -> clients.created(event.dataAs(ClientCreated.class));
            case CLIENTS_MERGED -> () -> clients.merged(event.dataAs(ClientsMerged.class));
            // a renamed client: its name on the deals here, so a deal's later events carry the new one
            case CLIENT_UPDATED -> () -> clients.updated(event.dataAs(ClientUpdated.class));
            case CARD_TRANSFER_STARTED -> () -> transfers.follow(event.dataAs(CardTransferStarted.class));
            // the roster replica: who may own deals, be assigned tasks and have plans here
            case MANAGER_HIRED ->
                () -> {
                    ManagerHired hired = event.dataAs(ManagerHired.class);
                    roster.hired(hired);
                    roster.managerRef(hired.managerId(), externalRefOf(record));
                };
            case MANAGER_UPDATED ->
                () -> {
                    ManagerUpdated updated = event.dataAs(ManagerUpdated.class);
                    roster.updated(updated);
                    roster.managerRef(updated.managerId(), externalRefOf(record));
                };
            case MANAGER_DISMISSED -> () -> roster.dismissed(event.dataAs(ManagerDismissed.class));
            case TEAM_CREATED ->
                () -> {
                    TeamCreated created = event.dataAs(TeamCreated.class);
                    roster.teamCreated(created);
                    roster.teamRef(created.teamId(), externalRefOf(record));
                };
            case TEAM_RENAMED -> () -> roster.teamRenamed(event.dataAs(TeamRenamed.class));
            case TEAM_LEAD_CHANGED -> () -> roster.teamLeadChanged(event.dataAs(TeamLeadChanged.class));
            default -> null;
        };
        if (change == null) {
            return;
        }
        acting.actAs(event.metadata().tenant(), event.metadata().actor());
        tracing.process(
                event.type().topic(),
                event,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    if (consumed.firstDelivery(event.metadata(), event.type())) {
                        change.run();
                    }
                }));
    }

    /**
     * The optional {@code externalSystem}/{@code externalId} of a roster event's data, read from the CloudEvent's
     * JSON rather than the record: lead-service adds these components to ManagerHired, ManagerUpdated and
     * TeamCreated, and an event that lacks them (older, or from a contract without them) links nothing by
     * reference. Null unless both are there.
     */
    private static ExternalRef externalRefOf(byte[] record) {
        try {
            JsonNode data = JSON.readTree(record).path("data");
            String system = data.path("externalSystem").textValue();
            String id = data.path("externalId").textValue();
            return system == null || id == null || id.isBlank() ? null : new ExternalRef(system, id);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
