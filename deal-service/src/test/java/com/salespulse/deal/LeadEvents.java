package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.awaitDealOfClient;
import static com.salespulse.deal.DealTestKit.event;
import static com.salespulse.deal.DealTestKit.produce;

import com.salespulse.contract.Topics;
import com.salespulse.contract.lead.ClientCreated;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.contract.lead.LeadCreated;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The lead events (salespulse.lead.events) deal-service's tests need: the one place that builds them, and puts them
 * on the real topic as lead-service's relay would. The roster family is {@link RosterEvents}.
 */
public final class LeadEvents {

    private LeadEvents() {}

    /** A lead converted now, for a 50000 RUB deal of a client named after its id. */
    public static LeadConverted conversion(UUID leadId, UUID clientId, UUID managerId) {
        return conversion(leadId, clientId, managerId, Instant.now());
    }

    /** A lead converted at {@code at}, for a 50000 RUB deal of a client named after its id. */
    public static LeadConverted conversion(UUID leadId, UUID clientId, UUID managerId, Instant at) {
        return conversion(
                leadId,
                clientId,
                managerId,
                "Client " + clientId.toString().substring(0, 4),
                new BigDecimal("50000"),
                at,
                null);
    }

    /** A lead converted at {@code at}, its deal named by {@code amocrm/<dealRef>}. */
    public static LeadConverted conversion(UUID leadId, UUID clientId, UUID managerId, Instant at, String dealRef) {
        return conversion(leadId, clientId, managerId, "Client", new BigDecimal("50000"), at, dealRef);
    }

    /** Every field a test varies: the client's name (null: a lead without one), the amount, when, the deal's ref. */
    public static LeadConverted conversion(
            UUID leadId,
            UUID clientId,
            UUID managerId,
            String clientName,
            BigDecimal amount,
            Instant at,
            String dealRef) {
        return new LeadConverted(
                leadId,
                clientId,
                managerId,
                null,
                "website",
                clientName,
                amount,
                "RUB",
                null,
                null,
                "QUALIFIED",
                3,
                at,
                dealRef == null ? null : "amocrm",
                dealRef);
    }

    /** A lead taken in now from the website, its client named after the lead's id. */
    public static LeadCreated created(UUID leadId) {
        return new LeadCreated(
                leadId, "website", null, "Client " + leadId.toString().substring(0, 4), null, null, Instant.now());
    }

    /** A person client created at {@code at}, named by {@code amocrm/<externalId>} unless that is null. */
    public static ClientCreated clientCreated(UUID clientId, String externalId, Instant at) {
        return new ClientCreated(
                clientId,
                "PERSON",
                "Client " + clientId.toString().substring(0, 4),
                List.of(),
                externalId == null ? null : "amocrm",
                externalId,
                null,
                at);
    }

    /**
     * A lead taken in by lead-service, put on the real topic; returns its id once deal-service knows it (tasks and
     * touches on a LEAD card must name a lead of the tenant).
     */
    public static UUID leadTakenIn(KafkaCompanion kafka, String tenant) {
        UUID leadId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        produce(kafka, Topics.LEAD_EVENTS, leadId, event(tenant, eventId, created(leadId)));
        RosterEvents.awaitApplied(List.of(eventId));
        return leadId;
    }

    /** Converts a lead on the real topic and waits for deal-service to open its deal; returns the deal's id. */
    public static String convertLead(KafkaCompanion kafka, String tenant, UUID clientId, UUID managerId) {
        UUID leadId = UUID.randomUUID();
        produce(kafka, Topics.LEAD_EVENTS, leadId, event(tenant, conversion(leadId, clientId, managerId)));
        return awaitDealOfClient(tenant, clientId, 1).get(0);
    }
}
