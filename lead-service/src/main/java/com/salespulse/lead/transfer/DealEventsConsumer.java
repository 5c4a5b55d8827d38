package com.salespulse.lead.transfer;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventType;
import com.salespulse.contract.MalformedEventException;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.Topics;
import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.messaging.inbox.ConsumedEvents;
import com.salespulse.messaging.inbox.DatabaseWait;
import com.salespulse.messaging.tracing.EventTracing;
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
 * While the database cannot be used the record is applied again and again ({@link DatabaseWait}), never
 * dead-lettered, so a transfer always completes once the database is back; any other failure is retried a few times,
 * each attempt in a fresh transaction, and then the record goes to the dead-letter topic, as does at once a malformed
 * one.
 */
@ApplicationScoped
public class DealEventsConsumer {

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ConsumedEvents consumed;
    private final TransferService transfers;
    private final ActingScope acting;
    private final DatabaseWait database;
    private final EventTracing tracing;

    public DealEventsConsumer(
            ConsumedEvents consumed,
            TransferService transfers,
            ActingScope acting,
            DatabaseWait database,
            EventTracing tracing) {
        this.tracing = tracing;
        this.consumed = consumed;
        this.transfers = transfers;
        this.acting = acting;
        this.database = database;
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
        tracing.process(
                Topics.DEAL_EVENTS,
                event,
                () -> database.apply(
                        Topics.DEAL_EVENTS,
                        () -> acting.run(
                                event.metadata().tenant(),
                                event.metadata().actor(),
                                () -> QuarkusTransaction.requiringNew().run(() -> {
                                    if (consumed.firstDelivery(event.metadata(), event.type())) {
                                        transfers.dealPartDone(
                                                event.metadata(), event.dataAs(DealCardsTransferred.class));
                                    }
                                }))));
    }
}
