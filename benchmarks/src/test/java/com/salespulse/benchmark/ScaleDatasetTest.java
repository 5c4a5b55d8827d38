package com.salespulse.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventType;
import com.salespulse.contract.deal.ExchangeRateSet;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScaleDatasetTest {

    /** {@link #everythingButTheDailyRatesIsTheDatasetAsItWasBeforeThem}: the digest of main at a3555bf. */
    private static final String BEFORE_THE_DAILY_RATES =
            "c1930f7fce8bbb42f7114ccb9ddae04f503bfdfa9b2d2230c6743076f3d3a657";

    private static final ScaleDataset.Options QUICK = ScaleDataset.Options.of(0.0005, LocalDate.of(2026, 12, 3));

    @Test
    void theSameOptionsMakeTheSameRecordsByteForByte() throws Exception {
        assertThat(digest(QUICK)).isEqualTo(digest(QUICK));
    }

    @Test
    void everyRecordIsADecodableCloudEventOnItsTypesTopicKeyedByItsAggregate() {
        CloudEventCodec codec = new CloudEventCodec();
        ScaleDataset.Summary summary = ScaleDataset.generate(QUICK, record -> {
            var event = codec.decode(record.value());
            assertThat(record.topic()).isEqualTo(event.type().topic());
            assertThat(record.key()).isEqualTo(event.data().aggregateId().toString());
            assertThat(new String(record.headers().lastHeader("content-type").value()))
                    .isEqualTo(CloudEventCodec.CONTENT_TYPE);
        });
        assertThat(summary.tenants()).isEqualTo(2); // the big tenant and one small one at this scale
        assertThat(summary.bigTenantDeals()).isBetween(400L, 600L); // 500 asked for
        assertThat(summary.byType())
                .containsKeys(
                        EventType.DEAL_WON.type(),
                        EventType.DEAL_LOST.type(),
                        EventType.CLIENTS_MERGED.type(),
                        EventType.MANAGER_DISMISSED.type(),
                        EventType.DEAL_REASSIGNED.type(),
                        EventType.PLAN_SET.type(),
                        EventType.EXCHANGE_RATE_SET.type());
    }

    /**
     * A tenant in roubles receives a rate a day for each currency it sells in: USD and EUR, every day from the first
     * month's first (before the history's first day) to its last, once each, walking by at most a few percent a day.
     */
    @Test
    void theBigTenantHasARatePerForeignCurrencyPerDayWalkingPlausibly() {
        CloudEventCodec codec = new CloudEventCodec();
        Map<String, TreeMap<LocalDate, BigDecimal>> rates = new TreeMap<>();
        ScaleDataset.generate(QUICK, record -> {
            var event = codec.decode(record.value());
            if (event.type() == EventType.EXCHANGE_RATE_SET) {
                ExchangeRateSet rate = event.dataAs(ExchangeRateSet.class);
                assertThat(event.metadata().tenant()).isEqualTo(ScaleDataset.BIG_TENANT);
                assertThat(rates.computeIfAbsent(rate.currency(), c -> new TreeMap<>())
                                .put(rate.rateDate(), rate.rateToBase()))
                        .as("one rate per currency and day")
                        .isNull();
            }
        });
        LocalDate first = LocalDate.of(2023, 12, 1); // the month of the first day, 3 Dec 2023
        long days = QUICK.endDate().toEpochDay() - first.toEpochDay() + 1;
        assertThat(days).isEqualTo(1099);
        assertThat(rates.keySet()).containsExactly("EUR", "USD");
        rates.forEach((currency, byDay) -> {
            assertThat(byDay).hasSize((int) days);
            assertThat(byDay.firstKey()).isEqualTo(first);
            assertThat(byDay.lastKey()).isEqualTo(QUICK.endDate());
            BigDecimal before = null;
            for (BigDecimal rate : byDay.values()) {
                assertThat(rate).isBetween(new BigDecimal("60"), new BigDecimal("140"));
                if (before != null) {
                    double change = rate.doubleValue() / before.doubleValue() - 1;
                    assertThat(Math.abs(change)).as(currency + " a day").isLessThan(0.03);
                }
                before = rate;
            }
        });
    }

    /**
     * The dataset as it was before the daily rates (stop 38's runs), minus nothing: every record but the rates of the
     * days that are not a month's first, byte for byte, so that figures other than money converted stay comparable.
     */
    @Test
    void everythingButTheDailyRatesIsTheDatasetAsItWasBeforeThem() throws Exception {
        CloudEventCodec codec = new CloudEventCodec();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ScaleDataset.generate(QUICK, record -> {
            var event = codec.decode(record.value());
            if (event.type() == EventType.EXCHANGE_RATE_SET
                    && event.dataAs(ExchangeRateSet.class).rateDate().getDayOfMonth() != 1) {
                return;
            }
            sha.update(record.topic().getBytes());
            sha.update(record.key().getBytes());
            sha.update(record.value());
        });
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(BEFORE_THE_DAILY_RATES);
    }

    private static String digest(ScaleDataset.Options options) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ScaleDataset.generate(options, record -> {
            sha.update(record.topic().getBytes());
            sha.update(record.key().getBytes());
            sha.update(record.value());
        });
        return HexFormat.of().formatHex(sha.digest());
    }
}
