package com.salespulse.notification.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private final QuietHours overnight = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0), MOSCOW);

    @Test
    void lateEveningWaitsUntilNextMorning() {
        // 23:30 in Moscow (UTC+3)
        assertThat(overnight.endIfQuiet(Instant.parse("2026-11-27T20:30:00Z")))
                .contains(Instant.parse("2026-11-28T05:00:00Z"));
    }

    @Test
    void earlyMorningWaitsUntilEightTheSameDay() {
        assertThat(overnight.endIfQuiet(Instant.parse("2026-11-27T02:00:00Z")))
                .contains(Instant.parse("2026-11-27T05:00:00Z"));
    }

    @Test
    void daytimeIsNotQuietAndTheEndIsExclusive() {
        assertThat(overnight.endIfQuiet(Instant.parse("2026-11-27T09:00:00Z"))).isEmpty();
        assertThat(overnight.endIfQuiet(Instant.parse("2026-11-27T05:00:00Z"))).isEmpty();
        assertThat(overnight.endIfQuiet(Instant.parse("2026-11-27T19:00:00Z")))
                .contains(Instant.parse("2026-11-28T05:00:00Z"));
    }

    @Test
    void aDaytimeQuietPeriodEndsTheSameDay() {
        QuietHours lunch = new QuietHours(LocalTime.of(13, 0), LocalTime.of(14, 0), MOSCOW);

        assertThat(lunch.endIfQuiet(Instant.parse("2026-11-27T10:15:00Z")))
                .contains(Instant.parse("2026-11-27T11:00:00Z"));
        assertThat(lunch.endIfQuiet(Instant.parse("2026-11-27T11:00:00Z"))).isEmpty();
    }
}
