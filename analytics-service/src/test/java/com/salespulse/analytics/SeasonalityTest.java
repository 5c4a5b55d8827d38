package com.salespulse.analytics;

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

/** Metric 6 from real lead and deal events. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class SeasonalityTest {

    private static final String PATH = "/api/v1/metrics/seasonality";
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000006a1");

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void indicesByMonthWeekdayAndHourOverThreeYears() {
        DealEvents t = new DealEvents(kafka);
        t.leadCreated("2024-01-10T07:00:00Z");
        // wins at 10:00 Moscow: Mon 15 Jan 2024 1000, Wed 15 Jan 2025 1000, Mon 15 Jun 2026 2000
        won(t, "2024-01-15T07:00:00Z", "1000");
        won(t, "2025-01-15T07:00:00Z", "1000");
        won(t, "2026-06-15T07:00:00Z", "2000");
        // history: 1 Dec 2023 - 30 Nov 2026; data from Jan 2024: 35 months, enough for every index
        // revenue 4000: January 2000 x 12 / 4000 = 6.00, June 6.00, other months 0.00
        // weekday: Monday 3000 x 7 / 4000 = 5.25, Wednesday 1.75; hour 10: 24.00; inflow: January 12.00

        JsonPath f = t.await(
                PATH,
                a -> a.getInt("figures.byHour[10].wonDeals") == 3 && a.getInt("figures.byMonthOfYear[0].leads") == 1,
                "month",
                "2026-11");
        assertThat(f.getString("figures.historyFrom")).isEqualTo("2023-12-01");
        assertThat(f.getInt("figures.historyMonths")).isEqualTo(35);
        assertThat(f.getString("figures.historyNote")).isNull();
        assertThat(f.getDouble("figures.byMonthOfYear[0].salesIndex")).isEqualTo(6.0);
        assertThat(f.getDouble("figures.byMonthOfYear[5].salesIndex")).isEqualTo(6.0);
        assertThat(f.getDouble("figures.byMonthOfYear[6].salesIndex")).isEqualTo(0.0);
        assertThat(f.getDouble("figures.byMonthOfYear[0].inflowIndex")).isEqualTo(12.0);
        assertThat(f.getInt("figures.byMonthOfYear[0].wonDeals")).isEqualTo(2);
        assertThat(f.getDouble("figures.byWeekday[0].salesIndex")).isEqualTo(5.25);
        assertThat(f.getDouble("figures.byWeekday[2].salesIndex")).isEqualTo(1.75);
        assertThat(f.getDouble("figures.byHour[10].salesIndex")).isEqualTo(24.0);
        assertThat(f.getLong("drillDown.totalItems")).isEqualTo(3);

        // one year back (1 Dec 2025 - 30 Nov 2026) holds only the June win: history too short
        JsonPath year = t.get(PATH, "month", "2026-11", "years", "1");
        assertThat(year.getInt("figures.historyMonths")).isEqualTo(6);
        assertThat(year.getString("figures.historyNote"))
                .isEqualTo("history too short: 6 month(s) of data, 24 needed for the month-of-year index");
        assertThat(year.getString("figures.byMonthOfYear[5].salesIndex")).isNull();
        assertThat(year.getDouble("figures.byWeekday[0].salesIndex")).isEqualTo(7.0);
        t.getAs(t.headToken(), PATH, "month", "2026-11", "years", "9")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("years"));
    }

    private static void won(DealEvents t, String at, String amount) {
        t.publish(t.won(UUID.randomUUID(), UUID.randomUUID(), ANNA, amount, at, at, List.of()));
    }
}
