package com.salespulse.analytics.metric.burnout;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.metric.burnout.UtcMonths.Range;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * base-burnout's windows split into whole UTC months (read from the monthly rollups) and edges (read from the hourly
 * rows): every hour of the windows is read once, from one source, and never an hour outside them.
 */
class UtcMonthsTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @Test
    void aTwelveMonthRequestReadsItsWholeMonthsOnceAndOnlyThreePartialMonthsByTheHour() {
        // 8 Dec 2025 - 7 Dec 2026 in Moscow, the baseline 36 months before it
        Instant from = midnight("2022-12-08"), cut = midnight("2025-12-08"), to = midnight("2026-12-08");

        UtcMonths split = UtcMonths.split(from, cut, to);

        assertThat(split.months())
                .containsExactly(
                        new Range(Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2025-12-01T00:00:00Z")),
                        new Range(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
        // the month across the cut is read by the hour, as one range
        assertThat(split.edges())
                .containsExactly(
                        new Range(from, Instant.parse("2023-01-01T00:00:00Z")),
                        new Range(Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")),
                        new Range(Instant.parse("2026-12-01T00:00:00Z"), to));
        assertEveryHourOnce(split, from, to);
    }

    @Test
    void windowsWithoutAWholeMonthAreReadByTheHour() {
        Instant from = midnight("2026-08-03"), cut = midnight("2026-11-01"), to = midnight("2026-12-01");

        UtcMonths split = UtcMonths.split(from, cut, to);

        // September is whole; October ends at 1 Nov's Moscow midnight (31 Oct, 21:00 UTC), so it and November are
        // read by the hour
        assertThat(split.months())
                .containsExactly(
                        new Range(Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z")));
        assertEveryHourOnce(split, from, to);

        UtcMonths tooShort = UtcMonths.split(midnight("2026-11-02"), midnight("2026-11-09"), midnight("2026-11-16"));
        assertThat(tooShort.months()).isEmpty();
        assertThat(tooShort.edges()).containsExactly(new Range(midnight("2026-11-02"), midnight("2026-11-16")));
    }

    @Test
    void boundsOnUtcMonthStartsLeaveNoEdge() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant cut = Instant.parse("2026-04-01T00:00:00Z");
        Instant to = Instant.parse("2026-07-01T00:00:00Z");

        UtcMonths split = UtcMonths.split(from, cut, to);

        assertThat(split.months()).containsExactly(new Range(from, cut), new Range(cut, to));
        assertThat(split.edges()).isEmpty();
        assertThat(UtcMonths.froms(split.months())).isEqualTo("{2026-01-01T00:00:00Z,2026-04-01T00:00:00Z}");
        assertThat(UtcMonths.tos(split.edges())).isEqualTo("{}");
    }

    /** Each hour of [from, to) in exactly one month range or edge, each month range made of whole UTC months. */
    private static void assertEveryHourOnce(UtcMonths split, Instant from, Instant to) {
        List<Range> all = new ArrayList<>(split.months());
        all.addAll(split.edges());
        for (Range month : split.months()) {
            assertThat(UtcMonths.floor(month.from())).isEqualTo(month.from());
            assertThat(UtcMonths.floor(month.to())).isEqualTo(month.to());
        }
        for (Instant hour = from.minus(1, ChronoUnit.HOURS);
                hour.isBefore(to.plus(1, ChronoUnit.HOURS));
                hour = hour.plus(1, ChronoUnit.HOURS)) {
            Instant h = hour;
            long covering = all.stream()
                    .filter(r -> !h.isBefore(r.from()) && h.isBefore(r.to()))
                    .count();
            assertThat(covering).as("ranges covering " + h).isEqualTo(!h.isBefore(from) && h.isBefore(to) ? 1 : 0);
        }
    }

    private static Instant midnight(String day) {
        return LocalDate.parse(day).atStartOfDay(MOSCOW).toInstant();
    }
}
