package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.deal.ActivityLogged;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 3: history imported in any order answers as history sent in time order. One generated ten-month
 * history ({@link SalesHistory}, seed 14) goes to three tenants: in time order, reversed by entity, and shuffled
 * across entities and topics (each entity's own events in order, as Kafka keeps one key's events). The read model is
 * keyed by tenant, so the three get the same ids; only the CloudEvent ids differ. Every one of the twelve metrics,
 * with drill-downs and the team filter where it matters, must then answer the same JSON for the three (all but
 * {@code asOf}), and a few figures must equal what the test works out from the generated facts, so the three cannot
 * agree by being equally wrong.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class HistoryInAnyOrderTest {

    @Inject
    TestClock clock;

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERIOD_FROM = "2026-01-01";
    private static final String PERIOD_TO = "2026-10-31";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    @AfterEach
    void realClock() {
        clock.reset();
    }

    @Test
    void historyInTimeOrderReversedByEntityAndShuffledAnswersEveryMetricTheSame() throws Exception {
        clock.set(SalesHistory.NOW);
        SalesHistory history = SalesHistory.generate(14);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Map<String, List<SalesHistory.Event>> orders = new LinkedHashMap<>();
        orders.put("ordered-" + run, history.inTimeOrder());
        orders.put("reversed-" + run, history.reversedByEntity());
        orders.put("shuffled-" + run, history.shuffled(2026));
        long started = System.nanoTime();
        orders.forEach(this::publish);
        for (String tenant : orders.keySet()) {
            // drain, then compare: every event of the tenant applied
            Awaitility.await()
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> ReadModelKit.applied(dataSource, tenant)
                            == history.inTimeOrder().size());
        }
        long appliedInMillis = (System.nanoTime() - started) / 1_000_000;

        List<String> tenants = List.copyOf(orders.keySet());
        List<String> differences = new ArrayList<>();
        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        for (String[] query : queries(history)) {
            JsonNode first = answer(tenants.get(0), query);
            ordered.put(String.join(" ", query), first);
            for (String tenant : tenants.subList(1, tenants.size())) {
                JsonNode other = answer(tenant, query);
                if (!first.equals(other)) {
                    differences.add(tenant.replace("-" + run, "") + " differs on " + String.join(" ", query)
                            + "\n  time order: " + first + "\n  this order: " + other);
                }
            }
        }
        System.out.printf(
                "HistoryInAnyOrderTest: %d events per tenant, 3 tenants applied in %d ms, %d questions "
                        + "compared in %d ms%n",
                history.inTimeOrder().size(),
                appliedInMillis,
                ordered.size(),
                (System.nanoTime() - started) / 1_000_000 - appliedInMillis);
        assertThat(differences)
                .as(
                        "answers that differ from the history sent in time order (%d events per tenant, "
                                + "applied in %d ms)",
                        history.inTimeOrder().size(), appliedInMillis)
                .isEmpty();

        figuresEqualThoseWorkedOutFromTheHistory(history, ordered);
        historicalCurveEqualsTheOneWorkedOutFromTheHistory(history, ordered);
        burnoutBaselineEqualsTheOneWorkedOutFromTheHistory(history, ordered);
        drillDownItemsCarryTheirExternalReference(history, ordered);
    }

    /** What the test can work out itself from the generated facts, asked of the tenant that got them in time order. */
    private static void figuresEqualThoseWorkedOutFromTheHistory(SalesHistory history, Map<String, JsonNode> answers) {
        LocalDate from = LocalDate.parse(PERIOD_FROM);
        LocalDate to = LocalDate.parse(PERIOD_TO);

        JsonNode inflow = answers.get("lead-inflow from " + "2026-05-01" + " to " + PERIOD_TO + " groupBy month");
        for (JsonNode bucket : inflow.at("/figures/buckets")) {
            YearMonth month = YearMonth.from(LocalDate.parse(bucket.get("start").asText()));
            long expected = history.leads.stream()
                    .filter(l -> YearMonth.from(day(l.createdAt())).equals(month))
                    .count();
            assertThat(bucket.get("count").asLong())
                    .as("leads in %s", month)
                    .isEqualTo(expected)
                    .isPositive();
        }

        List<SalesHistory.Deal> won = history.deals.stream()
                .filter(d -> d.won)
                .filter(d -> !day(d.closedAt).isBefore(from) && !day(d.closedAt).isAfter(to))
                .toList();
        List<BigDecimal> cycles = won.stream()
                .map(d -> BigDecimal.valueOf(ChronoUnit.DAYS.between(day(d.openedAt), day(d.closedAt))))
                .sorted()
                .toList();
        BigDecimal median = cycles.size() % 2 == 1
                ? cycles.get(cycles.size() / 2)
                : cycles.get(cycles.size() / 2 - 1)
                        .add(cycles.get(cycles.size() / 2))
                        .divide(BigDecimal.valueOf(2));
        JsonNode cycle = answers.get("deal-cycle from " + PERIOD_FROM + " to " + PERIOD_TO + " size 200");
        assertThat(cycle.at("/figures/overall/wonDeals").asLong())
                .isEqualTo(won.size())
                .isGreaterThan(50);
        assertThat(cycle.at("/figures/overall/medianCalendarDays").decimalValue())
                .isEqualByComparingTo(median.setScale(2, RoundingMode.HALF_UP));

        // a repeat win: its client (merged clients as one) won before
        long repeats = won.stream()
                .filter(d -> history.deals.stream()
                        .anyMatch(p -> p.won
                                && p.closedAt.isBefore(d.closedAt)
                                && history.survivorOf(p.clientId).equals(history.survivorOf(d.clientId))))
                .count();
        JsonNode repeat = answers.get("repeat-sales from " + PERIOD_FROM + " to " + PERIOD_TO + " size 200");
        assertThat(repeat.at("/figures/overall/repeatDeals").asLong())
                .isEqualTo(repeats)
                .isPositive();
        assertThat(repeat.at("/figures/overall/repeatShare").decimalValue())
                .isEqualByComparingTo(
                        BigDecimal.valueOf(repeats).divide(BigDecimal.valueOf(won.size()), 4, RoundingMode.HALF_UP));

        // the seasonal index of the inflow by weekday over the year to the end of October
        JsonNode seasonality = answers.get("seasonality month 2026-10 years 1 size 200");
        List<SalesHistory.Lead> year = history.leads.stream()
                .filter(l -> !day(l.createdAt()).isAfter(to))
                .toList();
        for (JsonNode bucket : seasonality.at("/figures/byWeekday")) {
            int weekday = bucket.get("key").asInt();
            long count = year.stream()
                    .filter(l -> day(l.createdAt()).getDayOfWeek().getValue() == weekday)
                    .count();
            assertThat(bucket.get("leads").asLong())
                    .as("leads on weekday %d", weekday)
                    .isEqualTo(count);
            assertThat(bucket.get("inflowIndex").decimalValue())
                    .as("inflow index of weekday %d", weekday)
                    .isEqualByComparingTo(BigDecimal.valueOf(count * 7)
                            .divide(BigDecimal.valueOf(year.size()), 2, RoundingMode.HALF_UP));
        }
    }

    /**
     * The plan forecast's historical curve for November, asked on its second working day: November's sales so far
     * divided by the mean share of each earlier month's sales (January to October) made by its second working day.
     */
    private static void historicalCurveEqualsTheOneWorkedOutFromTheHistory(
            SalesHistory history, Map<String, JsonNode> answers) {
        JsonNode forecast = answers.get("plan-forecast month 2026-11 figure weightedPipeline size 200");
        int elapsed = forecast.at("/figures/elapsedWorkingDays").asInt();
        assertThat(elapsed).as("Mon 2 and Tue 3 November").isEqualTo(2);
        List<SalesHistory.Deal> won = history.deals.stream().filter(d -> d.won).toList();
        BigDecimal sold = won.stream()
                .filter(d -> YearMonth.from(day(d.closedAt)).equals(YearMonth.of(2026, 11)))
                .map(d -> d.amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        List<BigDecimal> shares = new ArrayList<>();
        for (YearMonth m = YearMonth.of(2025, 11); m.isBefore(YearMonth.of(2026, 11)); m = m.plusMonths(1)) {
            YearMonth month = m;
            List<SalesHistory.Deal> ofMonth = won.stream()
                    .filter(d -> YearMonth.from(day(d.closedAt)).equals(month))
                    .toList();
            if (ofMonth.isEmpty()) {
                continue;
            }
            LocalDate cut = month.atDay(1);
            for (int seen = 0; ; cut = cut.plusDays(1)) {
                if (cut.getDayOfWeek().getValue() < 6 && ++seen == elapsed) {
                    break;
                }
            }
            LocalDate last = cut;
            BigDecimal total = ofMonth.stream().map(d -> d.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal byCut = ofMonth.stream()
                    .filter(d -> !day(d.closedAt).isAfter(last))
                    .map(d -> d.amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            shares.add(byCut.divide(total, 10, RoundingMode.HALF_UP));
        }
        BigDecimal meanShare = shares.stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(shares.size()), 10, RoundingMode.HALF_UP);
        assertThat(forecast.at("/figures/forecasts/historyMonths").asInt())
                .isEqualTo(shares.size())
                .isEqualTo(10);
        assertThat(forecast.at("/figures/soldToDate").decimalValue()).isEqualByComparingTo(sold);
        assertThat(forecast.at("/figures/forecasts/historicalCurve").decimalValue())
                .isEqualByComparingTo(
                        sold.divide(meanShare, 6, RoundingMode.HALF_UP).setScale(2, RoundingMode.HALF_UP));
    }

    /**
     * Base burnout for October against its baseline, the 93 days before it: each manager's touches per client
     * touched (merged clients as one), now and in the baseline.
     */
    private static void burnoutBaselineEqualsTheOneWorkedOutFromTheHistory(
            SalesHistory history, Map<String, JsonNode> answers) {
        JsonNode burnout = answers.get("base-burnout month 2026-10 size 200");
        LocalDate from = LocalDate.parse("2026-10-01");
        LocalDate baselineFrom = from.minusDays(93);
        List<ActivityLogged> activities = history.inTimeOrder().stream()
                .map(SalesHistory.Event::data)
                .filter(ActivityLogged.class::isInstance)
                .map(ActivityLogged.class::cast)
                .toList();
        assertThat(burnout.at("/figures/managers").size()).isGreaterThanOrEqualTo(4);
        for (JsonNode manager : burnout.at("/figures/managers")) {
            UUID id = UUID.fromString(manager.get("managerId").asText());
            JsonNode part = manager.at("/parts/0");
            assertThat(part.get("name").asText()).isEqualTo("touchesPerClient");
            assertThat(decimal(part.get("current")))
                    .as("touches per client in October of %s", id)
                    .isEqualTo(touchesPerClient(history, activities, id, from, from.plusMonths(1)));
            assertThat(decimal(part.get("baseline")))
                    .as("touches per client in the baseline of %s", id)
                    .isEqualTo(touchesPerClient(history, activities, id, baselineFrom, from));
        }
    }

    private static BigDecimal touchesPerClient(
            SalesHistory history, List<ActivityLogged> activities, UUID manager, LocalDate from, LocalDate until) {
        List<ActivityLogged> touches = activities.stream()
                .filter(a -> a.managerId().equals(manager))
                .filter(a -> !day(a.occurredAt()).isBefore(from)
                        && day(a.occurredAt()).isBefore(until))
                .toList();
        long clients = touches.stream()
                .map(a -> history.survivorOf(a.clientId()))
                .distinct()
                .count();
        return clients == 0
                ? null
                : BigDecimal.valueOf(touches.size()).divide(BigDecimal.valueOf(clients), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal decimal(JsonNode value) {
        return value == null || value.isNull() ? null : value.decimalValue().setScale(4, RoundingMode.HALF_UP);
    }

    private static void drillDownItemsCarryTheirExternalReference(SalesHistory history, Map<String, JsonNode> answers) {
        int withReference = 0;
        for (JsonNode answer : answers.values()) {
            for (JsonNode item : answer.at("/drillDown/items")) {
                String expected = history.references.get(
                        UUID.fromString(item.get("cardId").asText()));
                assertThat(
                                item.path("externalId").isMissingNode()
                                                || item.get("externalId").isNull()
                                        ? null
                                        : item.get("externalId").asText())
                        .as("the reference of %s", item)
                        .isEqualTo(expected);
                if (expected != null) {
                    assertThat(item.get("externalSystem").asText()).isEqualTo("amocrm");
                    withReference++;
                }
            }
        }
        assertThat(withReference).as("drill-down items with a reference").isGreaterThan(100);
    }

    /** The questions asked of each tenant: path, then query parameters by pairs. */
    private static List<String[]> queries(SalesHistory history) {
        String dismissedTransfer = SalesHistory.id("transfer-1").toString();
        String team1 = SalesHistory.TEAM_1.toString();
        String team2 = SalesHistory.TEAM_2.toString();
        String year = PERIOD_FROM;
        String end = PERIOD_TO;
        return List.of(
                q("lead-inflow", "month", "2026-10", "size", "200"),
                q("lead-inflow", "from", "2026-05-01", "to", end, "groupBy", "month"),
                q("lead-inflow", "month", "2026-05", "teamId", team2, "groupBy", "week", "size", "200"),
                q("rejected-leads", "from", "2026-01-05", "to", end, "size", "200"),
                q("manager-load", "size", "200"),
                q("manager-load", "teamId", team2, "size", "200"),
                q("average-check", "from", year, "to", end, "size", "200"),
                q("average-check", "from", year, "to", end, "teamId", team1, "size", "200"),
                q("average-check", "from", year, "to", end, "teamId", team2, "size", "200"),
                q("deal-cycle", "from", year, "to", end, "size", "200"),
                q("seasonality", "month", "2026-10", "years", "1", "size", "200"),
                q("repeat-sales", "from", year, "to", end, "size", "200"),
                q("repeat-sales", "from", year, "to", end, "figure", "referredDeals", "size", "200"),
                q("popular-products", "from", year, "to", end, "size", "200"),
                q("pipeline-change", "month", "2026-10", "groupBy", "stage", "size", "200"),
                q("pipeline-change", "from", "2026-05-01", "to", end, "groupBy", "manager", "size", "200"),
                q("plan-forecast", "month", "2026-10", "size", "200"),
                q("plan-forecast", "month", "2026-11", "figure", "weightedPipeline", "size", "200"),
                q(
                        "plan-forecast",
                        "month",
                        "2026-08",
                        "managerId",
                        history.managers.get(0).toString()),
                q("base-burnout", "month", "2026-10", "size", "200"),
                q("base-burnout", "from", "2026-07-01", "to", "2026-09-30", "figure", "endCrowding", "teamId", team2),
                q("forgotten-cards", "size", "200"),
                q("forgotten-cards", "figure", "overdueTasks", "size", "200"),
                q("dismissed-base", "month", "2026-09", "size", "200"),
                q("dismissed-base", "month", "2026-09", "figure", "baseline", "size", "200"),
                q(
                        "dismissed-base",
                        "month",
                        "2026-09",
                        "figure",
                        "transfer",
                        "transferId",
                        dismissedTransfer,
                        "size",
                        "200"),
                q(
                        "dismissed-base",
                        "month",
                        "2026-09",
                        "figure",
                        "transfer",
                        "transferId",
                        dismissedTransfer,
                        "outcome",
                        "touched",
                        "teamId",
                        team2));
    }

    private static String[] q(String metric, String... params) {
        String[] query = new String[params.length + 1];
        query[0] = metric;
        System.arraycopy(params, 0, query, 1, params.length);
        return query;
    }

    private static JsonNode answer(String tenant, String[] query) throws Exception {
        var request = given().auth().oauth2(TestTokens.head(tenant));
        for (int i = 1; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        String body = request.when()
                .get("/api/v1/metrics/" + query[0])
                .then()
                .statusCode(200)
                .extract()
                .asString();
        ObjectNode answer = (ObjectNode) JSON.readTree(body);
        // the only field that may differ: the recording time of the newest event applied
        answer.remove("asOf");
        return answer;
    }

    /** Publishes the tenant's events in the given order, each keyed by its aggregate as the outboxes do. */
    private void publish(String tenant, List<SalesHistory.Event> events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (SalesHistory.Event event : events) {
            // one id per tenant and event (the inbox is not per tenant); recorded now, whatever the business time
            EventMetadata metadata = new EventMetadata(
                    UUID.nameUUIDFromBytes((tenant + "/" + event.seq()).getBytes(StandardCharsets.UTF_8)),
                    URI.create("/import"),
                    SalesHistory.NOW.plusMillis(event.seq()),
                    tenant,
                    "integrator:test");
            records.add(new ProducerRecord<>(
                    EventType.of(event.data()).topic(),
                    null,
                    event.data().aggregateId().toString(),
                    CODEC.encode(metadata, event.data()),
                    new RecordHeaders()
                            .add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))));
        }
        kafka.produce(String.class, byte[].class).fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
    }

    private static LocalDate day(java.time.Instant at) {
        return LocalDate.ofInstant(at, SalesHistory.ZONE);
    }
}
