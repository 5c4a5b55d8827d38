package com.salespulse.analytics;

import static io.restassured.RestAssured.given;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.contract.deal.ActivityLogged;
import com.salespulse.contract.deal.CardSnoozed;
import com.salespulse.contract.deal.CardUnsnoozed;
import com.salespulse.contract.deal.DealArchived;
import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.contract.deal.DealLine;
import com.salespulse.contract.deal.DealLost;
import com.salespulse.contract.deal.DealOpened;
import com.salespulse.contract.deal.DealReassigned;
import com.salespulse.contract.deal.DealReopened;
import com.salespulse.contract.deal.DealRestored;
import com.salespulse.contract.deal.DealStageMoved;
import com.salespulse.contract.deal.DealTerms;
import com.salespulse.contract.deal.DealUpdated;
import com.salespulse.contract.deal.DealWon;
import com.salespulse.contract.deal.ExchangeRateSet;
import com.salespulse.contract.deal.LossReasonAdded;
import com.salespulse.contract.deal.PipelineCreated;
import com.salespulse.contract.deal.PipelineDefinition;
import com.salespulse.contract.deal.PlanSet;
import com.salespulse.contract.deal.PlanTarget;
import com.salespulse.contract.deal.StageDefinition;
import com.salespulse.contract.deal.TaskCompleted;
import com.salespulse.contract.deal.TaskCreated;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The deal family's events (deals, pipelines, tasks, activities, plans, rates). The static builders answer plain
 * contract records (publish them with {@link EventPublisher}); an instance builds deal-family CloudEvents for one test tenant and puts them on the real deal topic, keyed by the aggregate (as
 * deal-service's outbox does), so a deal's events are applied in order. Each test uses its own tenant.
 */
final class DealEvents {

    static final CloudEventCodec CODEC = new CloudEventCodec();
    static final UUID PIPELINE = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    static final UUID STAGE_NEW = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    static final UUID STAGE_PROPOSAL = UUID.fromString("00000000-0000-0000-0000-0000000000f2");
    static final UUID STAGE_WON = UUID.fromString("00000000-0000-0000-0000-0000000000f8");
    static final UUID STAGE_LOST = UUID.fromString("00000000-0000-0000-0000-0000000000f9");

    final String tenant = TestTenants.fresh();
    private final KafkaCompanion kafka;

    /** The tenant's settings in lead-service, once a holiday was declared. */
    private LeadSettings settings;

    DealEvents(KafkaCompanion kafka) {
        this.kafka = kafka;
    }

    String headToken() {
        return TestTokens.head(tenant);
    }

    /** Declares a holiday in this tenant's calendar, as lead-service's settings would (analytics takes it from there). */
    void holiday(String date) {
        if (settings == null) {
            settings = new LeadSettings(kafka, tenant);
        }
        settings.day(date, "HOLIDAY").publish();
    }

    static DealLine line(String product, String category, String quantity, String unitPrice, String discountPercent) {
        BigDecimal qty = new BigDecimal(quantity);
        BigDecimal price = new BigDecimal(unitPrice);
        BigDecimal discount = new BigDecimal(discountPercent);
        BigDecimal amount = qty.multiply(price).multiply(BigDecimal.ONE.subtract(discount.movePointLeft(2)));
        return new DealLine(
                UUID.nameUUIDFromBytes(product.getBytes(StandardCharsets.UTF_8)),
                product,
                category,
                qty,
                price,
                discount,
                amount);
    }

    static BigDecimal total(List<DealLine> lines) {
        return lines.stream().map(DealLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** A deal in RUB (the default base currency), opened at {@code openedAt} in the first stage. */
    byte[] opened(UUID deal, UUID client, UUID manager, String amount, String openedAt, List<DealLine> lines) {
        return opened(deal, client, manager, amount, "RUB", null, 10, openedAt, lines);
    }

    byte[] opened(
            UUID deal,
            UUID client,
            UUID manager,
            String amount,
            String currency,
            String expectedClose,
            int probability,
            String openedAt,
            List<DealLine> lines) {
        return event(
                openedAt,
                dealOpened(
                        deal,
                        client,
                        "Client " + client.toString().substring(0, 4),
                        manager,
                        PIPELINE,
                        STAGE_NEW,
                        probability,
                        new DealTerms(
                                new BigDecimal(amount),
                                currency,
                                lines,
                                expectedClose == null ? null : LocalDate.parse(expectedClose)),
                        "web",
                        null,
                        null,
                        Instant.parse(openedAt)));
    }

    byte[] moved(UUID deal, UUID manager, UUID from, UUID to, int toProbability, String at) {
        return movedInto(PIPELINE, deal, manager, from, to, toProbability, at);
    }

    /** A move into a stage of another pipeline, as deal-service emits when an integrator lands a deal there. */
    byte[] movedInto(UUID pipeline, UUID deal, UUID manager, UUID from, UUID to, int toProbability, String at) {
        return event(at, stageMoved(deal, manager, pipeline, from, 10, to, toProbability, Instant.parse(at)));
    }

    /** A deal in RUB won in the given pipeline's WON stage. */
    byte[] wonIn(
            UUID pipeline, UUID wonStage, UUID deal, UUID manager, String amount, String openedAt, String closedAt) {
        return event(
                closedAt,
                dealWon(
                        deal,
                        UUID.randomUUID(),
                        manager,
                        pipeline,
                        STAGE_PROPOSAL,
                        wonStage,
                        new BigDecimal(amount),
                        "RUB",
                        List.of(),
                        false,
                        null,
                        Instant.parse(openedAt),
                        Instant.parse(closedAt)));
    }

    byte[] won(
            UUID deal,
            UUID client,
            UUID manager,
            String amount,
            String openedAt,
            String closedAt,
            List<DealLine> lines) {
        return won(deal, client, manager, amount, "RUB", false, null, openedAt, closedAt, lines);
    }

    byte[] won(
            UUID deal,
            UUID client,
            UUID manager,
            String amount,
            String currency,
            boolean repeat,
            UUID referredBy,
            String openedAt,
            String closedAt,
            List<DealLine> lines) {
        return event(
                closedAt,
                dealWon(
                        deal,
                        client,
                        manager,
                        PIPELINE,
                        STAGE_PROPOSAL,
                        STAGE_WON,
                        new BigDecimal(amount),
                        currency,
                        lines,
                        repeat,
                        referredBy,
                        Instant.parse(openedAt),
                        Instant.parse(closedAt)));
    }

    byte[] lost(UUID deal, UUID client, UUID manager, String reasonKind, String closedAt) {
        return event(
                closedAt,
                dealLost(
                        deal,
                        client,
                        manager,
                        PIPELINE,
                        STAGE_NEW,
                        STAGE_LOST,
                        reasonKind,
                        reasonKind,
                        new BigDecimal("1000"),
                        Instant.parse(closedAt)));
    }

    byte[] reopened(UUID deal, UUID manager, String at) {
        return event(
                at,
                new DealReopened(
                        deal, manager, "WON", STAGE_WON, STAGE_PROPOSAL, 50, "client came back", Instant.parse(at)));
    }

    /** A deal's terms changed (RUB, no lines): its amount and expected close date before and after. */
    byte[] updated(
            UUID deal, UUID manager, String amountBefore, String closeBefore, String amount, String close, String at) {
        return event(
                at,
                new DealUpdated(
                        deal,
                        manager,
                        new DealTerms(
                                new BigDecimal(amountBefore),
                                "RUB",
                                List.of(),
                                closeBefore == null ? null : LocalDate.parse(closeBefore)),
                        new DealTerms(
                                new BigDecimal(amount),
                                "RUB",
                                List.of(),
                                close == null ? null : LocalDate.parse(close)),
                        null,
                        Instant.parse(at)));
    }

    /** A deal lost from the first stage at the given amount (RUB). */
    byte[] lost(UUID deal, UUID manager, String amount, String closedAt) {
        return event(
                closedAt,
                dealLost(
                        deal,
                        UUID.randomUUID(),
                        manager,
                        PIPELINE,
                        STAGE_NEW,
                        STAGE_LOST,
                        "price",
                        "PRICE",
                        new BigDecimal(amount),
                        Instant.parse(closedAt)));
    }

    /** A deal handed to another manager by hand. */
    byte[] reassigned(UUID deal, UUID from, UUID to, String at) {
        return event(at, new DealReassigned(deal, from, to, "by hand", null, Instant.parse(at)));
    }

    /** Any deal-family record, encoded for this tenant with its business time as the CloudEvent time. */
    byte[] of(String at, DomainEvent data) {
        return event(at, data);
    }

    /** {@link #exchangeRate}, encoded for this tenant. */
    byte[] rate(String currency, String date, String rateToBase) {
        return event(date + "T00:00:00Z", exchangeRate(currency, date, rateToBase));
    }

    byte[] plan(String month, UUID manager, String amount) {
        return event(month + "-01T00:00:00Z", planSet(UUID.randomUUID(), month, manager, null, amount, 10));
    }

    byte[] teamPlan(String month, UUID team, String amount) {
        return event(month + "-01T00:00:00Z", planSet(UUID.randomUUID(), month, null, team, amount, 10));
    }

    byte[] activity(UUID card, UUID client, UUID manager, String discount, boolean doNotContact, String at) {
        return event(
                at,
                callLogged(
                        UUID.randomUUID(),
                        "DEAL",
                        card,
                        client,
                        manager,
                        60,
                        discount == null ? null : new BigDecimal(discount),
                        doNotContact,
                        Instant.parse(at)));
    }

    private byte[] event(String at, DomainEvent data) {
        return CODEC.encode(
                new EventMetadata(
                        UUID.randomUUID(), URI.create("/deal-service"), Instant.parse(at), tenant, "user:test"),
                data);
    }

    /**
     * Publishes the events in order, each keyed by its aggregate (the deal, the task, the rate, the plan…) as
     * deal-service's outbox does: one deal's events stay in order on one partition, events of different aggregates
     * may be applied in any order, as in production.
     */
    void publish(byte[]... events) {
        publishTo(Topics.DEAL_EVENTS, events);
    }

    /** A lead of this tenant coming in, on the lead topic. */
    void leadCreated(String createdAt) {
        publishTo(Topics.LEAD_EVENTS, LeadInflowTest.leadCreated(tenant, "web", null, createdAt));
    }

    private void publishTo(String topic, byte[]... events) {
        List<ProducerRecord<String, byte[]>> records = Arrays.stream(events)
                .map(value -> new ProducerRecord<>(
                        topic,
                        null,
                        CODEC.decode(value).data().aggregateId().toString(),
                        value,
                        new RecordHeaders()
                                .add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))))
                .toList();
        kafka.produce(String.class, byte[].class).fromRecords(records).awaitCompletion();
    }

    /** GETs a metric as the head of this tenant until {@code ready} holds, then returns the answer. */
    JsonPath await(String path, Predicate<JsonPath> ready, String... params) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ready.test(get(path, params)));
        return get(path, params);
    }

    JsonPath get(String path, String... params) {
        // decimals as doubles, so 7.33 in the answer compares equal to 7.33 in the test (floats would not)
        return getAs(headToken(), path, params)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    io.restassured.response.Response getAs(String token, String path, String... params) {
        var spec = given().auth().oauth2(token);
        for (int i = 0; i < params.length; i += 2) {
            spec = spec.queryParam(params[i], params[i + 1]);
        }
        return spec.when().get(path);
    }

    // ---------------------------------------------------------------- the deal family's records

    static PipelineCreated pipeline(UUID pipelineId, UUID first, UUID second, UUID won, UUID lost) {
        return pipelineCreated(
                pipelineId,
                List.of(
                        new StageDefinition(first, "Qualification", 1, 20, "OPEN"),
                        new StageDefinition(second, "Proposal", 2, 60, "OPEN"),
                        new StageDefinition(won, "Won", 3, 100, "WON"),
                        new StageDefinition(lost, "Lost", 4, 0, "LOST")),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** The tenant's default pipeline "Sales" with these stages. */
    static PipelineCreated pipelineCreated(UUID pipelineId, List<StageDefinition> stages, Instant at) {
        return new PipelineCreated(pipelineId, true, new PipelineDefinition("Sales", stages), at);
    }

    static LossReasonAdded lossReasonAdded(
            UUID id, String code, String label, String kind, Map<String, String> labels, Instant at) {
        return new LossReasonAdded(id, code, label, kind, at, labels);
    }

    /** The head of sales renamed or (de)activated a loss reason: its labels and activity after the change. */
    static com.salespulse.contract.deal.LossReasonChanged lossReasonChanged(
            UUID id, String code, String ru, String en, boolean active, Instant at) {
        return new com.salespulse.contract.deal.LossReasonChanged(id, code, Map.of("ru", ru, "en", en), active, at);
    }

    /** A deal from the website for 100 000 RUB (the base currency), at 20 %, for a new client. */
    static DealOpened deal(UUID dealId, UUID managerId, UUID pipelineId, UUID stageId, String clientName, String at) {
        return deal(dealId, managerId, pipelineId, stageId, clientName, "100000", "RUB", at);
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
        return dealOpened(
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
                null,
                Instant.parse(at));
    }

    /** {@code externalId}, when not null, is the deal's reference in amocrm. */
    static DealOpened dealOpened(
            UUID dealId,
            UUID clientId,
            String clientName,
            UUID managerId,
            UUID pipelineId,
            UUID stageId,
            int probability,
            DealTerms terms,
            String source,
            UUID referrer,
            String externalId,
            Instant at) {
        return new DealOpened(
                dealId,
                clientId,
                clientName,
                managerId,
                pipelineId,
                stageId,
                probability,
                terms,
                source,
                referrer,
                false,
                null,
                null,
                at,
                externalId == null ? null : "amocrm",
                externalId);
    }

    /** One unit of {@code currency} is worth {@code rateToBase} RUB (the default base currency) from {@code date} on. */
    static ExchangeRateSet exchangeRate(String currency, String date, String rateToBase) {
        return new ExchangeRateSet(
                UUID.randomUUID(),
                currency,
                "RUB",
                LocalDate.parse(date),
                new BigDecimal(rateToBase),
                null,
                Instant.parse(date + "T00:00:00Z"));
    }

    /** A plan in RUB for a manager ({@code team} null) or for a team ({@code manager} null). */
    static PlanSet planSet(UUID planId, String month, UUID manager, UUID team, String amount, int deals) {
        return planSet(
                planId, month, manager, team, new BigDecimal(amount), deals, Instant.parse(month + "-01T00:00:00Z"));
    }

    static PlanSet planSet(
            UUID planId, String month, UUID manager, UUID team, BigDecimal amount, int deals, Instant at) {
        return new PlanSet(
                planId,
                month,
                team == null ? "MANAGER" : "TEAM",
                manager,
                team,
                new PlanTarget(amount, deals),
                "RUB",
                at);
    }

    /** A call task on a card. */
    static TaskCreated task(
            UUID taskId, String cardType, UUID cardId, UUID assignee, String title, String dueAt, String at) {
        return taskCreated(taskId, cardType, cardId, assignee, title, Instant.parse(dueAt), null, Instant.parse(at));
    }

    /** A call task; {@code externalId}, when not null, is its reference in amocrm. */
    static TaskCreated taskCreated(
            UUID taskId,
            String cardType,
            UUID cardId,
            UUID assignee,
            String title,
            Instant dueAt,
            String externalId,
            Instant at) {
        return new TaskCreated(
                taskId,
                cardType,
                cardId,
                "CALL",
                title,
                assignee,
                dueAt,
                at,
                externalId == null ? null : "amocrm",
                externalId);
    }

    static TaskCompleted taskDone(UUID taskId, String cardType, UUID cardId, UUID assignee, String dueAt, String at) {
        return taskDone(taskId, cardType, cardId, assignee, Instant.parse(dueAt), Instant.parse(at));
    }

    static TaskCompleted taskDone(UUID taskId, String cardType, UUID cardId, UUID assignee, Instant dueAt, Instant at) {
        return new TaskCompleted(taskId, cardType, cardId, assignee, "done", dueAt, at);
    }

    /** A minute's outbound call that reached the client of a card (a lead's or a deal's). */
    static ActivityLogged call(String cardType, UUID cardId, UUID managerId, String at) {
        return callLogged(UUID.randomUUID(), cardType, cardId, null, managerId, 60, null, false, Instant.parse(at));
    }

    /** An outbound call that reached the client, with the discount offered and a do-not-contact request if any. */
    static ActivityLogged callLogged(
            UUID activityId,
            String cardType,
            UUID cardId,
            UUID clientId,
            UUID managerId,
            int seconds,
            BigDecimal discount,
            boolean doNotContact,
            Instant at) {
        return new ActivityLogged(
                activityId,
                cardType,
                cardId,
                clientId,
                managerId,
                "CALL",
                "OUTBOUND",
                "reached",
                seconds,
                discount,
                doNotContact,
                at);
    }

    static DealStageMoved moved(UUID dealId, UUID managerId, UUID pipelineId, UUID from, UUID to, String at) {
        return stageMoved(dealId, managerId, pipelineId, from, 20, to, 60, Instant.parse(at));
    }

    static DealStageMoved stageMoved(
            UUID dealId,
            UUID managerId,
            UUID pipelineId,
            UUID from,
            int fromProbability,
            UUID to,
            int toProbability,
            Instant at) {
        return new DealStageMoved(dealId, managerId, pipelineId, from, fromProbability, to, toProbability, null, at);
    }

    /** A deal of 100 000 RUB won for a new client. */
    static DealWon won(
            UUID dealId, UUID managerId, UUID pipelineId, UUID from, UUID wonStage, String openedAt, String at) {
        return dealWon(
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

    static DealWon dealWon(
            UUID dealId,
            UUID clientId,
            UUID managerId,
            UUID pipelineId,
            UUID fromStage,
            UUID wonStage,
            BigDecimal amount,
            String currency,
            List<DealLine> lines,
            boolean repeat,
            UUID referrer,
            Instant openedAt,
            Instant closedAt) {
        return new DealWon(
                dealId,
                clientId,
                managerId,
                pipelineId,
                fromStage,
                wonStage,
                amount,
                currency,
                lines,
                repeat,
                referrer,
                openedAt,
                closedAt);
    }

    /** A deal lost in RUB for a reason of the tenant's catalogue ({@code reasonCode}) of {@code reasonKind}. */
    static DealLost dealLost(
            UUID dealId,
            UUID clientId,
            UUID managerId,
            UUID pipelineId,
            UUID fromStage,
            UUID lostStage,
            String reasonCode,
            String reasonKind,
            BigDecimal amount,
            Instant at) {
        return new DealLost(
                dealId,
                clientId,
                managerId,
                pipelineId,
                fromStage,
                lostStage,
                reasonCode,
                reasonKind,
                null,
                amount,
                "RUB",
                at);
    }

    /** A deal moved by a dismissal's card transfer. */
    static DealReassigned dealTransferred(UUID dealId, UUID from, UUID to, UUID transferId, String at) {
        return dealTransferred(dealId, from, to, transferId, Instant.parse(at));
    }

    static DealReassigned dealTransferred(UUID dealId, UUID from, UUID to, UUID transferId, Instant at) {
        return new DealReassigned(dealId, from, to, "dismissal", transferId, at);
    }

    /** Deal-service's report of a transfer: these cards moved, none failed. */
    static DealCardsTransferred dealCardsTransferred(
            UUID transferId, UUID from, List<DealCardsTransferred.MovedCard> moved, Instant at) {
        return new DealCardsTransferred(transferId, from, moved, List.of(), at);
    }

    // ---- f20-stale: archived deals and snoozed cards (issue 20) ----

    static DealArchived archived(UUID dealId, UUID managerId, UUID stageId, String reason, String at) {
        return new DealArchived(dealId, managerId, stageId, reason, Instant.parse(at), null, null);
    }

    static DealRestored restored(
            UUID dealId, UUID managerId, UUID stageId, String reason, String archivedAt, String at) {
        return new DealRestored(
                dealId, managerId, stageId, reason, Instant.parse(archivedAt), Instant.parse(at), null, null);
    }

    static CardSnoozed snoozed(String cardType, UUID cardId, String until, String reason, String at) {
        return new CardSnoozed(cardType, cardId, reason, Instant.parse(until), Instant.parse(at));
    }

    static CardUnsnoozed unsnoozed(String cardType, UUID cardId, String until, String at) {
        return new CardUnsnoozed(cardType, cardId, Instant.parse(until), Instant.parse(at));
    }
    // ---- end of f20-stale ----
}
