package com.salespulse.lead.transfer;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventType;
import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.Topics;
import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.messaging.inbox.ConsumedEvents;
import com.salespulse.security.TenantScope;

import io.smallrye.common.annotation.Blocking;

/**
 * Follows deal-service's answer to a card transfer (salespulse.deal.cards-transferred) into the transfer record.
 * Other deal events are not lead-service's business and are skipped. A repeated event changes nothing (inbox).
 */
@ApplicationScoped
public class DealEventsConsumer {

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ConsumedEvents consumed;
    private final TransferService transfers;
    private final TenantScope tenantScope;

    public DealEventsConsumer(ConsumedEvents consumed, TransferService transfers, TenantScope tenantScope) {
        this.consumed = consumed;
        this.transfers = transfers;
        this.tenantScope = tenantScope;
    }

    @Incoming(Topics.DEAL_EVENTS)
    @Blocking
    @Retry(maxRetries = 5, delay = 200, delayUnit = ChronoUnit.MILLIS, jitter = 100, abortOn = MalformedEventException.class)
    @ActivateRequestContext
    @Transactional
    public void consume(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = codec.decode(record.value());
        if (event.type() != EventType.DEAL_CARDS_TRANSFERRED) {
            return;
        }
        tenantScope.actAs(event.metadata().tenant());
        if (consumed.firstDelivery(event.metadata(), event.type())) {
            transfers.dealPartDone(event.metadata(), event.dataAs(DealCardsTransferred.class));
        }
    }
}
