package com.salespulse.deal.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import io.quarkus.narayana.jta.QuarkusTransaction;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.contract.roster.CardTransferStarted;
import com.salespulse.deal.deal.DealService;
import com.salespulse.deal.transfer.CardTransferService;
import com.salespulse.messaging.inbox.ConsumedEvents;
import com.salespulse.security.TenantScope;

/**
 * Applies one incoming event for the event's tenant: the tenant is set before the transaction opens (Hibernate asks
 * for it when the session starts), then the inbox check and the change commit together, so a repeated event id
 * changes nothing. Event types deal-service does not follow are skipped without a trace.
 */
@ApplicationScoped
public class IncomingEventApplier {

    private final CloudEventCodec codec = new CloudEventCodec();
    private final TenantScope tenantScope;
    private final ConsumedEvents consumed;
    private final DealService deals;
    private final CardTransferService transfers;

    public IncomingEventApplier(TenantScope tenantScope, ConsumedEvents consumed, DealService deals,
            CardTransferService transfers) {
        this.tenantScope = tenantScope;
        this.consumed = consumed;
        this.deals = deals;
        this.transfers = transfers;
    }

    /** @throws com.salespulse.contract.MalformedEventException when the record is not a valid event */
    @ActivateRequestContext
    public void apply(byte[] record) {
        ReceivedEvent event = codec.decode(record);
        Runnable change = switch (event.type()) {
            case LEAD_CONVERTED -> () -> deals.openFromConversion(event.metadata().tenant(), event.metadata().actor(),
                    event.dataAs(LeadConverted.class));
            case CARD_TRANSFER_STARTED -> () -> transfers.follow(event.metadata().tenant(), event.metadata().actor(),
                    event.dataAs(CardTransferStarted.class));
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
