package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.contract.deal.ExchangeRateSet;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, the kept table rate_day (migration V2026_12_21_10, kept by DealProjection.exchangeRate) and the rule read
 * from it, the SQL functions rate_of_day and rates_of_days (V2026_12_24_20): after rates arrive out of order (each rate
 * its own key, so its own partition), one before a currency's first rate, one filling a gap after the newest, and a
 * day's rate corrected, every currency's rate on every day, from before its first rate to after its newest, is the
 * latest rate set on or before the day, as the test works out from the rates it sent and as the rule reads over
 * exchange_rate: the table's own rows (one per day from the first rate to the newest), deal by deal
 * (DealFacts.rateOfDay) and per currency and day of a period (DealFacts.RATES_OF_DAYS). A tenant's rebuild gives the
 * same rows.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RateDayTest {

    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-02-20");
    private static final LocalDate LAST_DAY = LocalDate.parse("2026-04-15");
    private static final String LIVE = "(select live_gen from read_model_generation)";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    private record Rate(UUID id, String currency, String date, String rate) {}

    @Test
    void theKeptRateOfEveryDayIsRateAtsRuleWhateverOrderTheRatesArriveIn() throws Exception {
        DealEvents t = new DealEvents(kafka);
        UUID usdTenth = UUID.randomUUID();
        // in this order on the topic; each rate its own key (partition), so applied in any order but the correction's
        List<Rate> sent = List.of(
                new Rate(usdTenth, "USD", "2026-03-10", "80"),
                new Rate(UUID.randomUUID(), "USD", "2026-03-20", "90"),
                new Rate(UUID.randomUUID(), "USD", "2026-03-01", "75"), // before the first
                new Rate(UUID.randomUUID(), "USD", "2026-03-05", "78"), // inside a span
                new Rate(UUID.randomUUID(), "EUR", "2026-03-15", "100"),
                new Rate(UUID.randomUUID(), "EUR", "2026-04-02", "105"), // after a gap
                new Rate(UUID.randomUUID(), "EUR", "2026-03-03", "98"),
                new Rate(usdTenth, "USD", "2026-03-10", "81.5"), // the 10th's correction, after its rate
                new Rate(UUID.randomUUID(), "USD", "2026-03-28", "95"),
                new Rate(UUID.randomUUID(), "USD", "2026-03-02", "76"));
        List<byte[]> events = new ArrayList<>();
        for (Rate r : sent) {
            events.add(t.of(
                    r.date() + "T00:00:00Z",
                    new ExchangeRateSet(
                            r.id(),
                            r.currency(),
                            "RUB",
                            LocalDate.parse(r.date()),
                            new BigDecimal(r.rate()),
                            null,
                            Instant.parse(r.date() + "T00:00:00Z"))));
        }
        t.publish(events.toArray(byte[][]::new));
        ReadModelKit.awaitApplied(dataSource, t.tenant, sent.size());

        // what the test works out: the latest rate on or before the day (the correction replacing the 10th's), none
        // before the first; 1 in the base currency
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> keptRows = new TreeMap<>();
        for (String currency : List.of("USD", "EUR", "RUB")) {
            for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(1)) {
                String rate = "RUB".equals(currency) ? "1" : null;
                LocalDate rateDate = null;
                for (Rate r : sent) { // the last sent of a day is its correction
                    LocalDate date = LocalDate.parse(r.date());
                    if (r.currency().equals(currency)
                            && !date.isAfter(day)
                            && (rateDate == null || !date.isBefore(rateDate))) {
                        rateDate = date;
                        rate = r.rate();
                    }
                }
                expected.put(currency + " " + day, rate == null ? "null" : new BigDecimal(rate).toPlainString());
            }
        }
        keptRows.putAll(expected.entrySet().stream()
                .filter(e -> e.getKey().startsWith("USD")
                                && e.getKey().compareTo("USD 2026-03-01") >= 0
                                && e.getKey().compareTo("USD 2026-03-28") <= 0
                        || e.getKey().startsWith("EUR")
                                && e.getKey().compareTo("EUR 2026-03-03") >= 0
                                && e.getKey().compareTo("EUR 2026-04-02") <= 0)
                .collect(TreeMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));

        assertThat(rates(RULE_OVER_EXCHANGE_RATE, t.tenant))
                .as("the latest rate on or before the day, read over exchange_rate")
                .isEqualTo(expected);
        assertRateDay(t.tenant, expected, keptRows);

        // the tenant's rebuild from its topics fills the new generation's rate_day the same way
        ReadModelKit.rebuildTenant(t.tenant);
        assertRateDay(t.tenant, expected, keptRows);
    }

    private void assertRateDay(String tenant, Map<String, String> expected, Map<String, String> keptRows)
            throws Exception {
        assertThat(rates(KEPT_ROWS, tenant))
                .as("rate_day's rows: every day from a currency's first rate to its newest")
                .isEqualTo(keptRows);
        assertThat(rates(DEAL_BY_DEAL, tenant))
                .as("DealFacts.rateOfDay, a deal's rate")
                .isEqualTo(expected);
        String ratesOfDays = DealFacts.RATES_OF_DAYS
                .replace(":gen", LIVE)
                .replace(":tenant", "'" + tenant + "'")
                .replace(":base", "'RUB'")
                .replace(":firstDay", "'" + FIRST_DAY + "'")
                .replace(":lastDay", "'" + LAST_DAY + "'");
        assertThat(rates(
                        "with " + ratesOfDays + " select currency, day, rate_to_base, cast(? as text) from rate",
                        tenant))
                .as("DealFacts.RATES_OF_DAYS, a period's rates")
                .isEqualTo(expected);
    }

    /** The days of the test's window for each currency; {@code ?} binds the tenant. */
    private static final String DAYS = """
            (select c.currency, cast(g.day as date) as day, cast(? as text) as tenant, %s as gen
             from (values (cast('USD' as char(3))), ('EUR'), ('RUB')) c(currency)
             cross join generate_series(timestamp '%s', timestamp '%s', interval '1 day') g(day)) k""".formatted(LIVE, FIRST_DAY, LAST_DAY);

    /**
     * The rule as it reads over the rates themselves, without rate_day: 1 in the base currency, else the latest rate
     * on or before the day (rate_at of V2026_12_19_40, which V2026_12_24_20 replaced by rate_of_day over rate_day).
     */
    private static final String RULE_OVER_EXCHANGE_RATE = "select k.currency, k.day, case when k.currency = 'RUB' "
            + "then 1 else (select e.rate_to_base from exchange_rate e where e.gen = k.gen and e.tenant_id = k.tenant "
            + "and e.currency = k.currency and e.rate_date <= k.day order by e.rate_date desc limit 1) end, 0 from "
            + DAYS;

    private static final String DEAL_BY_DEAL = "select k.currency, k.day, x.rate_to_base, 0 from " + DAYS
            + DealFacts.rateOfDay("x", "k.gen", "k.tenant", "k.currency", "k.day")
                    .replace(":base", "'RUB'");

    private static final String KEPT_ROWS =
            "select currency, day, rate_to_base, 0 from rate_day where gen = " + LIVE + " and tenant_id = ?";

    /** "currency day" to the rate (stripped), "null" for none; the query's one parameter is the tenant. */
    private Map<String, String> rates(String sql, String tenant) throws Exception {
        Map<String, String> rates = new TreeMap<>();
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    BigDecimal rate = result.getBigDecimal(3);
                    rates.put(
                            result.getString(1).trim() + " " + result.getDate(2).toLocalDate(),
                            rate == null ? "null" : rate.stripTrailingZeros().toPlainString());
                }
            }
        }
        return rates;
    }
}
