package com.salespulse.lead.transfer;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventType;
import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.Topics;
import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.messaging.inbox.ConsumedEvents;
import com.salespulse.security.ActingScope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows deal-service's answer to a card transfer (salespulse.deal.cards-transferred) into the transfer record.
 * Other deal events are not lead-service's business and are skipped. A repeated event changes nothing (inbox).
 * A transient failure is retried, each attempt in a fresh transaction; a malformed record goes to the dead-letter
 * topic.
 */
@ApplicationScoped
public class DealEventsConsumer {

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ConsumedEvents consumed;
    private final TransferService transfers;
    private final ActingScope acting;

    public DealEventsConsumer(ConsumedEvents consumed, TransferService transfers, ActingScope acting) {
        this.consumed = consumed;
        this.transfers = transfers;
        this.acting = acting;
    }

    @Incoming(Topics.DEAL_EVENTS)
    @Blocking
    @Retry(
            maxRetries = 5,
            delay = 200,
            delayUnit = ChronoUnit.MILLIS,
            jitter = 100,
            abortOn = MalformedEventException.class)
    public void consume(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = codec.decode(record.value());
        if (event.type() != EventType.DEAL_CARDS_TRANSFERRED) {
            return;
        }
        // the transaction starts after the tenant is set, so Hibernate's session is opened for that tenant
        acting.call(
                event.metadata().tenant(),
                event.metadata().actor(),
                () -> QuarkusTransaction.requiringNew().call(() -> {
                    if (consumed.firstDelivery(event.metadata(), event.type())) {
                        transfers.dealPartDone(event.metadata(), event.dataAs(DealCardsTransferred.class));
                    }
                    return null;
                }));
    }
}
