package com.salespulse.analytics.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The percent an operator reads while a rebuild runs: never 100 before the totals are known. */
class RebuildProgressTest {

    @Test
    void aRebuildJustStartedHasNoTotalAndNoPercentYet() {
        RebuildProgress started = RebuildProgress.started(3, 2, Instant.parse("2026-11-20T12:00:00Z"));
        assertThat(started.state()).isEqualTo(RebuildProgress.State.RUNNING);
        assertThat(started.eventsTotal()).isNull();
        assertThat(started.percent()).isNull();
        assertThat(RebuildProgress.percent(0, null)).isNull();
    }

    @Test
    void percentIsOfTheKnownTotalRoundedDownAndAtMostAHundred() {
        assertThat(RebuildProgress.percent(0, 0L)).isEqualByComparingTo("100"); // empty topics: nothing left to read
        assertThat(RebuildProgress.percent(0, 7L)).isEqualByComparingTo("0");
        assertThat(RebuildProgress.percent(2, 3L)).isEqualTo(new BigDecimal("66.6"));
        assertThat(RebuildProgress.percent(12, 10L)).isEqualByComparingTo("100"); // records that arrived meanwhile
    }

    @Test
    void noRebuildYetShowsNeitherTotalNorPercent() {
        RebuildProgress idle = RebuildProgress.idle();
        assertThat(idle.state()).isEqualTo(RebuildProgress.State.IDLE);
        assertThat(idle.eventsTotal()).isNull();
        assertThat(idle.percent()).isNull();
    }
}
