package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.contract.deal.DealLine;
import com.salespulse.contract.deal.ExchangeRateSet;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, one rule for the rate at a date (SQL functions {@code rate_of_day} and {@code rates_of_days}, migration
 * V2026_12_24_20; {@code rate_at} of V2026_12_19_40 before): a deal's amount is converted at the latest rate set on or
 * before its closing day in the tenant's zone (a day's correction replacing its rate), and left out of money figures
 * before its currency's first rate. The three readers that convert (the deal relation deal by deal, seasonality's
 * wins from won_deal_hour and popular-products' lines from won_line_hour, both at a rate per currency and day) give
 * the figures the test works out from the rates and wins it sent, with a rate that changes inside the month and a win
 * whose closing day in Moscow is the next day in UTC terms.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RateAtDateTest {

    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000019a1");

    @InjectKafka
    KafkaCompanion kafka;

    /** A win of March 2026: its closing, currency, amount (its one line's), product, and its expected base amount. */
    private record Win(String closedAt, String currency, String amount, String product, String baseAmount) {}

    private static ExchangeRateSet usdRate(UUID rateId, String rateToBase) {
        return new ExchangeRateSet(
                rateId,
                "USD",
                "RUB",
                LocalDate.parse("2026-03-01"),
                new BigDecimal(rateToBase),
                null,
                Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void everyReaderConvertsAtTheLatestRateOnOrBeforeTheClosingDayInTheTenantsZone() {
        DealEvents t = new DealEvents(kafka);
        List<byte[]> events = new ArrayList<>();
        // a rate and the day's correction: one rate id, so one key and one partition, applied in order
        UUID usdMarchFirst = UUID.randomUUID();
        events.add(t.of("2026-03-01T00:00:00Z", usdRate(usdMarchFirst, "80")));
        events.add(t.of("2026-03-01T12:00:00Z", usdRate(usdMarchFirst, "82")));
        events.add(t.rate("USD", "2026-03-16", "90")); // a new rate inside the month
        events.add(t.rate("EUR", "2026-03-20", "100")); // EUR's first rate
        List<Win> wins = List.of(
                new Win("2026-03-05T07:00:00Z", "USD", "1000", "A", "82000.00"),
                // 01:30 on 16 March in Moscow (still the 15th in UTC): the 16th's rate
                new Win("2026-03-15T22:30:00Z", "USD", "2000", "A", "180000.00"),
                new Win("2026-03-16T06:00:00Z", "RUB", "5000", "B", "5000.00"),
                // before EUR's first rate: no base amount, left out of revenue
                new Win("2026-03-18T08:00:00Z", "EUR", "300", "B", null),
                new Win("2026-03-25T08:00:00Z", "EUR", "400", "A", "40000.00"));
        Map<UUID, Win> byDeal = new LinkedHashMap<>();
        for (Win win : wins) {
            UUID deal = UUID.randomUUID();
            byDeal.put(deal, win);
            List<DealLine> lines = List.of(DealEvents.line(win.product(), "Licences", "1", win.amount(), "0"));
            events.add(t.won(
                    deal,
                    UUID.randomUUID(),
                    ANNA,
                    win.amount(),
                    win.currency(),
                    false,
                    null,
                    "2026-03-01T07:00:00Z",
                    win.closedAt(),
                    lines));
        }
        t.publish(events.toArray(byte[][]::new));

        // popular-products: won_line_hour's rows at the rate of their closing day (A: 82 000 + 180 000 + 40 000)
        JsonPath products = t.await(
                "/api/v1/metrics/popular-products",
                // the rates and the wins travel on their own topics: wait for both
                a -> a.getList("figures.products").size() == 2
                        && a.getDouble("figures.products.find { it.name == 'A' }.wonQuantity") == 3.0
                        && a.getDouble("figures.products.find { it.name == 'B' }.wonQuantity") == 2.0
                        && a.getDouble("figures.products.find { it.name == 'A' }.revenue") == 302_000.0,
                "month",
                "2026-03");
        assertThat(products.getDouble("figures.products.find { it.name == 'A' }.revenue"))
                .isEqualTo(302_000.0);
        assertThat(products.getDouble("figures.products.find { it.name == 'B' }.revenue"))
                .isEqualTo(5_000.0);
        assertThat(products.getDouble("figures.categories[0].revenue")).isEqualTo(307_000.0);

        // seasonality: won_deal_hour's rows per hour and currency at the rate of their day; March holds all five wins
        JsonPath season = t.get("/api/v1/metrics/seasonality", "month", "2026-03");
        assertThat(season.getInt("figures.byMonthOfYear[2].wonDeals")).isEqualTo(5);
        assertThat(season.getDouble("figures.byMonthOfYear[2].revenue")).isEqualTo(307_000.0);
        // the hour of the 22:30 UTC win is 01 in Moscow: 180 000 alone
        assertThat(season.getDouble("figures.byHour[1].revenue")).isEqualTo(180_000.0);

        // the deal relation, deal by deal: each won deal's base amount in the drill-down (null before EUR's first rate)
        assertThat(season.getList("drillDown.items")).hasSize(5);
        for (Map.Entry<UUID, Win> deal : byDeal.entrySet()) {
            Object amount = season.get("drillDown.items.find { it.cardId == '" + deal.getKey() + "' }.amount");
            String expected = deal.getValue().baseAmount();
            if (expected == null) {
                assertThat(amount).as(deal.getValue().toString()).isNull();
            } else {
                assertThat(BigDecimal.valueOf(((Number) amount).doubleValue()))
                        .as(deal.getValue().toString())
                        .isEqualByComparingTo(expected);
            }
        }
    }
}
