package com.salespulse.analytics;

import static com.salespulse.analytics.DealEvents.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Metrics 7 (repeat sales and referrals) and 8 (popular products) from real deal events. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RepeatSalesAndProductsTest {

    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000007a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-0000000007b1");

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void repeatAndReferredSharesAndTimeToRepeat() {
        DealEvents t = new DealEvents(kafka);
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();
        UUID aAgain = UUID.randomUUID(), bFirst = UUID.randomUUID(), bAgain = UUID.randomUUID();
        String open = "2026-09-01T07:00:00Z";
        // client a first won on 2 Oct, again on 11 Nov (40 days later); b was referred by a, won on 5 Nov and again
        // on 25 Nov (20 days later); c won once on 20 Nov
        t.publish(t.won(
                UUID.randomUUID(), a, ANNA, "10000", "RUB", false, null, open, "2026-10-02T07:00:00Z", List.of()));
        t.publish(t.won(aAgain, a, ANNA, "30000", "RUB", true, null, open, "2026-11-11T07:00:00Z", List.of()));
        t.publish(t.won(bFirst, b, ANNA, "20000", "RUB", false, a, open, "2026-11-05T07:00:00Z", List.of()));
        t.publish(t.won(bAgain, b, ANNA, "10000", "RUB", true, null, open, "2026-11-25T07:00:00Z", List.of()));
        t.publish(t.won(
                UUID.randomUUID(), c, BORIS, "40000", "RUB", false, null, open, "2026-11-20T07:00:00Z", List.of()));
        // November: 4 wins, 100000; repeat 2 (0.5) for 40000 (0.4); referred 1 (0.25); time to repeat 40 and 20:
        // mean 30.00, median 30.00. Anna 3 wins (2 repeat), Boris 1.

        String path = "/api/v1/metrics/repeat-sales";
        JsonPath f = t.await(
                path,
                r -> r.getLong("figures.overall.wonDeals") == 4 && r.getLong("figures.timeToRepeat.measured") == 2,
                "month",
                "2026-11");
        assertThat(f.getInt("figures.overall.repeatDeals")).isEqualTo(2);
        assertThat(f.getDouble("figures.overall.repeatShare")).isEqualTo(0.5);
        assertThat(f.getInt("figures.overall.referredDeals")).isEqualTo(1);
        assertThat(f.getDouble("figures.overall.referredShare")).isEqualTo(0.25);
        assertThat(f.getDouble("figures.overall.revenue")).isEqualTo(100000.0);
        assertThat(f.getDouble("figures.overall.repeatRevenue")).isEqualTo(40000.0);
        assertThat(f.getDouble("figures.overall.repeatRevenueShare")).isEqualTo(0.4);
        assertThat(f.getDouble("figures.timeToRepeat.meanDays")).isEqualTo(30.0);
        assertThat(f.getDouble("figures.timeToRepeat.medianDays")).isEqualTo(30.0);
        assertThat(f.getList("figures.byManager.managerId")).containsExactly(ANNA.toString(), BORIS.toString());
        assertThat(f.getList("figures.byManager.shares.repeatDeals", Integer.class))
                .containsExactly(2, 0);
        // drill-down: the repeat wins, newest first, with the days since the client's previous win
        assertThat(f.getList("drillDown.items.cardId")).containsExactly(bAgain.toString(), aAgain.toString());
        assertThat(f.getLong("drillDown.totalItems")).isEqualTo(2);
        assertThat(f.getList("drillDown.items.ageDays", Integer.class)).containsExactly(20, 40);
        assertThat(f.getList("drillDown.items.amount", Double.class)).containsExactly(10000.0, 30000.0);
        JsonPath referred = t.get(path, "month", "2026-11", "figure", "referredDeals");
        assertThat(referred.getList("drillDown.items.cardId")).containsExactly(bFirst.toString());
        assertThat(referred.getLong("drillDown.totalItems")).isEqualTo(1);
        // a page of one still counts both repeat wins, and Boris's own list only his (none)
        JsonPath firstOfTwo = t.get(path, "month", "2026-11", "size", "1");
        assertThat(firstOfTwo.getList("drillDown.items")).hasSize(1);
        assertThat(firstOfTwo.getLong("drillDown.totalItems")).isEqualTo(2);
        JsonPath boris = t.get(path, "month", "2026-11", "managerId", BORIS.toString());
        assertThat(boris.getList("drillDown.items")).isEmpty();
        assertThat(boris.getLong("drillDown.totalItems")).isZero();

        // an empty period
        JsonPath empty = t.get(path, "month", "2026-02");
        assertThat(empty.getLong("figures.overall.wonDeals")).isZero();
        assertThat(empty.getDouble("figures.overall.repeatShare")).isZero();
        assertThat(empty.getString("figures.timeToRepeat.meanDays")).isNull();
    }

    /**
     * History imported newest first: deal-service opened the October deal after the client's November win was in,
     * so it flagged it a repeat sale. By the wins' own times October's is the first: the November one is the repeat.
     */
    @Test
    void aWinFlaggedRepeatWhoseClientWonOnlyLaterIsNotARepeat() {
        DealEvents t = new DealEvents(kafka);
        UUID client = UUID.randomUUID();
        UUID october = UUID.randomUUID();
        UUID november = UUID.randomUUID();
        String open = "2026-09-01T07:00:00Z";
        t.publish(t.won(november, client, ANNA, "20000", "RUB", false, null, open, "2026-11-10T07:00:00Z", List.of()));
        t.publish(t.won(october, client, ANNA, "10000", "RUB", true, null, open, "2026-10-05T07:00:00Z", List.of()));

        String path = "/api/v1/metrics/repeat-sales";
        JsonPath inOctober = t.await(path, r -> r.getLong("figures.overall.wonDeals") == 1, "month", "2026-10");
        assertThat(inOctober.getInt("figures.overall.repeatDeals")).isZero();
        JsonPath inNovember = t.await(path, r -> r.getLong("figures.timeToRepeat.measured") == 1, "month", "2026-11");
        assertThat(inNovember.getInt("figures.overall.repeatDeals")).isEqualTo(1);
        assertThat(inNovember.getDouble("figures.timeToRepeat.meanDays")).isEqualTo(36.0);
    }

    @Test
    void productsByRevenueQuantityAndDealsAndOfferedAgainstSold() {
        DealEvents t = new DealEvents(kafka);
        UUID d1 = UUID.randomUUID(), d2 = UUID.randomUUID(), d3 = UUID.randomUUID(), d4 = UUID.randomUUID();
        var d1Lines = List.of(line("CRM", "software", "10", "1000", "0"), line("Setup", "services", "1", "5000", "0"));
        var d2Lines =
                List.of(line("CRM", "software", "2", "1000", "0"), line("Training", "services", "3", "1000", "0"));
        String open = "2026-11-02T07:00:00Z";
        t.publish(t.won(d1, UUID.randomUUID(), ANNA, "15000", open, "2026-11-10T07:00:00Z", d1Lines));
        t.publish(t.won(d2, UUID.randomUUID(), BORIS, "5000", open, "2026-11-12T07:00:00Z", d2Lines));
        t.publish(t.opened(
                d3,
                UUID.randomUUID(),
                ANNA,
                "6000",
                "RUB",
                "2026-12-10",
                30,
                open,
                List.of(line("CRM", "software", "5", "1000", "0"), line("Training", "services", "1", "1000", "0"))));
        t.publish(t.opened(
                d4,
                UUID.randomUUID(),
                ANNA,
                "5000",
                "RUB",
                "2026-12-10",
                30,
                open,
                List.of(line("Setup", "services", "1", "5000", "0"))));
        // a won deal without lines: in no product's figures, nor in the drill-down of the won deals with lines
        UUID lineless = UUID.randomUUID();
        t.publish(t.won(lineless, UUID.randomUUID(), BORIS, "700", open, "2026-11-20T07:00:00Z", List.of()));
        // won: CRM 12 units, 12000, 2 deals; Setup 1, 5000, 1; Training 3, 3000, 1
        // offered now: CRM 5 on 1 open deal (sold to offered 2/3), Setup 1 on 1 (1/2), Training 1 on 1 (1/2)
        // categories: software 12000 (won 2, open 1); services 8000, 4 units (won 2, open 2)

        String path = "/api/v1/metrics/popular-products";
        t.await("/api/v1/metrics/repeat-sales", r -> r.getLong("figures.overall.wonDeals") == 3, "month", "2026-11");
        JsonPath f = t.await(
                path,
                r -> r.getList("figures.products").size() == 3
                        && r.getInt("figures.products[0].openDeals") == 1
                        && r.getInt("figures.categories[1].openDeals") == 2,
                "month",
                "2026-11");
        assertThat(f.getList("figures.products.name")).containsExactly("CRM", "Setup", "Training");
        assertThat(f.getList("figures.products.revenue", Double.class)).containsExactly(12000.0, 5000.0, 3000.0);
        assertThat(f.getList("figures.products.wonQuantity", Double.class)).containsExactly(12.0, 1.0, 3.0);
        assertThat(f.getList("figures.products.wonDeals", Integer.class)).containsExactly(2, 1, 1);
        assertThat(f.getList("figures.products.offeredQuantity", Double.class)).containsExactly(5.0, 1.0, 1.0);
        assertThat(f.getList("figures.products.soldToOffered", Double.class)).containsExactly(0.6667, 0.5, 0.5);
        assertThat(f.getList("figures.categories.category")).containsExactly("software", "services");
        assertThat(f.getList("figures.categories.revenue", Double.class)).containsExactly(12000.0, 8000.0);
        assertThat(f.getList("figures.categories.wonDeals", Integer.class)).containsExactly(2, 2);
        assertThat(f.getList("drillDown.items.cardId")).containsExactly(d2.toString(), d1.toString());
        assertThat(f.getList("drillDown.items.amount", Double.class)).containsExactly(5000.0, 15000.0);
        assertThat(f.getLong("drillDown.totalItems"))
                .as("the won deals with a line")
                .isEqualTo(2);
        JsonPath boris = t.get(path, "month", "2026-11", "managerId", BORIS.toString());
        assertThat(boris.getList("drillDown.items.cardId")).containsExactly(d2.toString());
        assertThat(boris.getLong("drillDown.totalItems")).isEqualTo(1);
        JsonPath borisSetup = t.get(
                path,
                "month",
                "2026-11",
                "managerId",
                BORIS.toString(),
                "productId",
                UUID.nameUUIDFromBytes("Setup".getBytes()).toString());
        assertThat(borisSetup.getList("drillDown.items")).isEmpty();
        assertThat(borisSetup.getLong("drillDown.totalItems")).isZero();

        JsonPath byQuantity = t.get(
                path,
                "month",
                "2026-11",
                "sortBy",
                "quantity",
                "productId",
                UUID.nameUUIDFromBytes("Training".getBytes()).toString());
        assertThat(byQuantity.getList("figures.products.name")).containsExactly("CRM", "Training", "Setup");
        assertThat(byQuantity.getList("drillDown.items.cardId")).containsExactly(d2.toString());
        assertThat(byQuantity.getLong("drillDown.totalItems"))
                .as("Training's won deals")
                .isEqualTo(1);
        t.getAs(t.headToken(), path, "month", "2026-11", "sortBy", "price")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("sortBy"));
    }
}
