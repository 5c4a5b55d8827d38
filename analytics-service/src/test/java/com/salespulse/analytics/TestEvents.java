package com.salespulse.analytics;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.deal.ActivityLogged;
import com.salespulse.contract.deal.DealOpened;
import com.salespulse.contract.deal.DealReassigned;
import com.salespulse.contract.deal.DealStageMoved;
import com.salespulse.contract.deal.DealTerms;
import com.salespulse.contract.deal.DealWon;
import com.salespulse.contract.deal.ExchangeRateSet;
import com.salespulse.contract.deal.PipelineCreated;
import com.salespulse.contract.deal.PipelineDefinition;
import com.salespulse.contract.deal.StageDefinition;
import com.salespulse.contract.deal.TaskCompleted;
import com.salespulse.contract.deal.TaskCreated;
import com.salespulse.contract.lead.LeadAssigned;
import com.salespulse.contract.lead.LeadContactAttempted;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.contract.lead.LeadStatusChanged;
import com.salespulse.contract.roster.CardTransferStarted;
import com.salespulse.contract.roster.ManagerDismissed;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.ManagerUpdated;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Domain events for test scenarios, published as the outbox relay would: structured CloudEvents on the event type's
 * topic, keyed by the aggregate id (so one card's events stay in order).
 */
final class TestEvents {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    private final KafkaCompanion kafka;
    private final String tenant;

    TestEvents(KafkaCompanion kafka, String tenant) {
        this.kafka = kafka;
        this.tenant = tenant;
    }

    /** Publishes the events in order, each stamped with its own business time. */
    void publish(DomainEvent... events) {
        for (DomainEvent data : events) {
            EventType type = EventType.of(data);
            byte[] value = CODEC.encode(
                    new EventMetadata(UUID.randomUUID(), URI.create("/test"), Instant.now(), tenant, "user:test"),
                    data);
            kafka.produce(String.class, byte[].class)
                    .fromRecords(new ProducerRecord<>(
                            type.topic(),
                            null,
                            data.aggregateId().toString(),
                            value,
                            new RecordHeaders()
                                    .add(
                                            "content-type",
                                            CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                    .awaitCompletion();
        }
    }

    static LeadCreated lead(UUID leadId, String source, UUID managerId, String clientName, String at) {
        return new LeadCreated(leadId, source, managerId, clientName, null, null, Instant.parse(at));
    }

    static LeadStatusChanged rejected(
            UUID leadId, String before, String reason, UUID managerId, String source, String at) {
        return new LeadStatusChanged(
                leadId, before, "REJECTED", reason, null, managerId, null, source, 2, Instant.parse(at));
    }

    static LeadStatusChanged status(UUID leadId, String before, String after, UUID managerId, String at) {
        return new LeadStatusChanged(leadId, before, after, null, null, managerId, null, null, 2, Instant.parse(at));
    }

    static LeadContactAttempted unreached(UUID leadId, UUID managerId, String at) {
        return new LeadContactAttempted(
                leadId,
                UUID.randomUUID(),
                "NO_ANSWER",
                3,
                2,
                3,
                false,
                true,
                true,
                3,
                null,
                managerId,
                null,
                4,
                Instant.parse(at));
    }

    static DealOpened deal(UUID dealId, UUID managerId, UUID pipelineId, UUID stageId, String clientName, String at) {
        return new DealOpened(
                dealId,
                UUID.randomUUID(),
                clientName,
                managerId,
                pipelineId,
                stageId,
                20,
                new DealTerms(new BigDecimal("100000"), "RUB", List.of(), null),
                "website",
                null,
                false,
                null,
                null,
                Instant.parse(at));
    }

    /** A deal opened for {@code amount} in {@code currency} (the other one is for 100 000 RUB, the base currency). */
    static DealOpened deal(
            UUID dealId,
            UUID managerId,
            UUID pipelineId,
            UUID stageId,
            String clientName,
            String amount,
            String currency,
            String at) {
        return new DealOpened(
                dealId,
                UUID.randomUUID(),
                clientName,
                managerId,
                pipelineId,
                stageId,
                20,
                new DealTerms(new BigDecimal(amount), currency, List.of(), null),
                "website",
                null,
                false,
                null,
                null,
                Instant.parse(at));
    }

    /** One unit of {@code currency} is worth {@code rateToBase} RUB (the default base currency) from {@code date} on. */
    static ExchangeRateSet rate(String currency, String date, String rateToBase) {
        return new ExchangeRateSet(
                UUID.randomUUID(),
                currency,
                "RUB",
                LocalDate.parse(date),
                new BigDecimal(rateToBase),
                null,
                Instant.parse(date + "T00:00:00Z"));
    }

    static TaskCreated task(
            UUID taskId, String cardType, UUID cardId, UUID assignee, String title, String dueAt, String at) {
        return new TaskCreated(
                taskId, cardType, cardId, "CALL", title, assignee, Instant.parse(dueAt), Instant.parse(at));
    }

    static TaskCompleted taskDone(UUID taskId, String cardType, UUID cardId, UUID assignee, String dueAt, String at) {
        return new TaskCompleted(taskId, cardType, cardId, assignee, "done", Instant.parse(dueAt), Instant.parse(at));
    }

    static ActivityLogged call(String cardType, UUID cardId, UUID managerId, String at) {
        return new ActivityLogged(
                UUID.randomUUID(),
                cardType,
                cardId,
                null,
                managerId,
                "CALL",
                "OUTBOUND",
                "reached",
                60,
                null,
                false,
                Instant.parse(at));
    }

    static PipelineCreated pipeline(UUID pipelineId, UUID first, UUID second, UUID won, UUID lost) {
        return new PipelineCreated(
                pipelineId,
                true,
                new PipelineDefinition(
                        "Sales",
                        List.of(
                                new StageDefinition(first, "Qualification", 1, 20, "OPEN"),
                                new StageDefinition(second, "Proposal", 2, 60, "OPEN"),
                                new StageDefinition(won, "Won", 3, 100, "WON"),
                                new StageDefinition(lost, "Lost", 4, 0, "LOST"))),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    static DealStageMoved moved(UUID dealId, UUID managerId, UUID pipelineId, UUID from, UUID to, String at) {
        return new DealStageMoved(dealId, managerId, pipelineId, from, 20, to, 60, null, Instant.parse(at));
    }

    static DealWon won(
            UUID dealId, UUID managerId, UUID pipelineId, UUID from, UUID wonStage, String openedAt, String at) {
        return new DealWon(
                dealId,
                UUID.randomUUID(),
                managerId,
                pipelineId,
                from,
                wonStage,
                new BigDecimal("100000"),
                "RUB",
                List.of(),
                false,
                null,
                Instant.parse(openedAt),
                Instant.parse(at));
    }

    static ManagerDismissed dismissed(UUID managerId, UUID transferId, List<UUID> to, String at) {
        return new ManagerDismissed(
                managerId,
                null,
                "ACTIVE",
                transferId == null ? "LEAVE_WITH_HEAD" : "TRANSFER_TO_NAMED",
                transferId,
                to,
                0,
                "left",
                Instant.parse(at));
    }

    static CardTransferStarted transferStarted(UUID transferId, UUID from, List<UUID> to, String at) {
        return new CardTransferStarted(transferId, from, to, "NAMED", "dismissal", Instant.parse(at));
    }

    static LeadAssigned leadTransferred(UUID leadId, UUID from, UUID to, UUID transferId, String at) {
        return new LeadAssigned(
                leadId, from, null, to, null, "TRANSFER", "TRANSFER", "dismissal", transferId, 3, Instant.parse(at));
    }

    static DealReassigned dealTransferred(UUID dealId, UUID from, UUID to, UUID transferId, String at) {
        return new DealReassigned(dealId, from, to, "dismissal", transferId, Instant.parse(at));
    }

    static ManagerHired hired(UUID managerId, String name, UUID teamId, int capacity, String at) {
        return new ManagerHired(
                managerId,
                new ManagerHired.ManagerProfile(name, teamId, capacity, "Europe/Moscow", List.of()),
                Instant.parse(at));
    }

    /** The manager moved from one team to another (nothing else changed). */
    static ManagerUpdated teamChanged(
            UUID managerId, String name, UUID fromTeam, UUID toTeam, int capacity, String at) {
        return new ManagerUpdated(
                managerId,
                new ManagerHired.ManagerProfile(name, fromTeam, capacity, "Europe/Moscow", List.of()),
                new ManagerHired.ManagerProfile(name, toTeam, capacity, "Europe/Moscow", List.of()),
                2,
                Instant.parse(at));
    }

    /** A manager hired with weekly shift windows read in Moscow time (capacity 10). */
    static ManagerHired hired(UUID managerId, String name, UUID teamId, String at, List<ManagerHired.Shift> shifts) {
        return new ManagerHired(managerId, profile(name, teamId, shifts), Instant.parse(at));
    }

    /** The manager's shift windows changed (nothing else did). */
    static ManagerUpdated shiftsChanged(
            UUID managerId,
            String name,
            UUID teamId,
            List<ManagerHired.Shift> before,
            List<ManagerHired.Shift> after,
            String at) {
        return new ManagerUpdated(
                managerId, profile(name, teamId, before), profile(name, teamId, after), 2, Instant.parse(at));
    }

    /** The same local window, "09:00" to "15:00", on each of the days. */
    static List<ManagerHired.Shift> shifts(String start, String end, DayOfWeek... days) {
        return Arrays.stream(days)
                .map(day -> new ManagerHired.Shift(day, LocalTime.parse(start), LocalTime.parse(end)))
                .toList();
    }

    static final DayOfWeek[] MONDAY_TO_FRIDAY = {
        DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY
    };

    private static ManagerHired.ManagerProfile profile(String name, UUID teamId, List<ManagerHired.Shift> shifts) {
        return new ManagerHired.ManagerProfile(name, teamId, 10, "Europe/Moscow", shifts);
    }
}
