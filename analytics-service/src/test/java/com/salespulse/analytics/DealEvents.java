package com.salespulse.analytics;

import static io.restassured.RestAssured.given;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.contract.deal.ActivityLogged;
import com.salespulse.contract.deal.DealLine;
import com.salespulse.contract.deal.DealLost;
import com.salespulse.contract.deal.DealOpened;
import com.salespulse.contract.deal.DealReopened;
import com.salespulse.contract.deal.DealStageMoved;
import com.salespulse.contract.deal.DealTerms;
import com.salespulse.contract.deal.DealWon;
import com.salespulse.contract.deal.ExchangeRateSet;
import com.salespulse.contract.deal.PlanSet;
import com.salespulse.contract.deal.PlanTarget;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.restassured.http.ContentType;
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
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds deal-family CloudEvents for one test tenant and puts them on the real deal topic, keyed by the aggregate (as
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

    DealEvents(KafkaCompanion kafka) {
        this.kafka = kafka;
    }

    String headToken() {
        return TestTokens.head(tenant);
    }

    /** Declares a holiday in this tenant's calendar over the API. */
    void holiday(String date) {
        given().auth()
                .oauth2(headToken())
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"HOLIDAY\"}")
                .when()
                .put("/api/v1/settings/calendar/days/" + date)
                .then()
                .statusCode(200);
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
                new DealOpened(
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
                        false,
                        null,
                        null,
                        Instant.parse(openedAt)));
    }

    byte[] moved(UUID deal, UUID manager, UUID from, UUID to, int toProbability, String at) {
        return event(
                at, new DealStageMoved(deal, manager, PIPELINE, from, 10, to, toProbability, null, Instant.parse(at)));
    }

    /** A move into a stage of another pipeline, as deal-service emits when an integrator lands a deal there. */
    byte[] movedInto(UUID pipeline, UUID deal, UUID manager, UUID from, UUID to, int toProbability, String at) {
        return event(
                at, new DealStageMoved(deal, manager, pipeline, from, 10, to, toProbability, null, Instant.parse(at)));
    }

    /** A deal in RUB won in the given pipeline's WON stage. */
    byte[] wonIn(
            UUID pipeline, UUID wonStage, UUID deal, UUID manager, String amount, String openedAt, String closedAt) {
        return event(
                closedAt,
                new DealWon(
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
                new DealWon(
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
                new DealLost(
                        deal,
                        client,
                        manager,
                        PIPELINE,
                        STAGE_NEW,
                        STAGE_LOST,
                        reasonKind,
                        reasonKind,
                        null,
                        new BigDecimal("1000"),
                        "RUB",
                        Instant.parse(closedAt)));
    }

    byte[] reopened(UUID deal, UUID manager, String at) {
        return event(
                at,
                new DealReopened(
                        deal, manager, "WON", STAGE_WON, STAGE_PROPOSAL, 50, "client came back", Instant.parse(at)));
    }

    byte[] rate(String currency, String date, String rateToBase) {
        return event(
                date + "T00:00:00Z",
                new ExchangeRateSet(
                        UUID.randomUUID(),
                        currency,
                        "RUB",
                        LocalDate.parse(date),
                        new BigDecimal(rateToBase),
                        null,
                        Instant.parse(date + "T00:00:00Z")));
    }

    byte[] plan(String month, UUID manager, String amount) {
        return event(
                month + "-01T00:00:00Z",
                new PlanSet(
                        UUID.randomUUID(),
                        month,
                        "MANAGER",
                        manager,
                        null,
                        new PlanTarget(new BigDecimal(amount), 10),
                        "RUB",
                        Instant.parse(month + "-01T00:00:00Z")));
    }

    byte[] teamPlan(String month, UUID team, String amount) {
        return event(
                month + "-01T00:00:00Z",
                new PlanSet(
                        UUID.randomUUID(),
                        month,
                        "TEAM",
                        null,
                        team,
                        new PlanTarget(new BigDecimal(amount), 10),
                        "RUB",
                        Instant.parse(month + "-01T00:00:00Z")));
    }

    byte[] activity(UUID card, UUID client, UUID manager, String discount, boolean doNotContact, String at) {
        return event(
                at,
                new ActivityLogged(
                        UUID.randomUUID(),
                        "DEAL",
                        card,
                        client,
                        manager,
                        "CALL",
                        "OUTBOUND",
                        "reached",
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
}
