package com.salespulse.analytics.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The text a set-based statement's arrays carry: what PostgreSQL parses into each column's type. */
class StatementsTest {

    @Test
    void writesAnInstantAsInstantToStringDoes() {
        assertThat(Statements.isoText(Instant.parse("2026-11-27T09:00:00Z"))).isEqualTo("2026-11-27T09:00:00Z");
        assertThat(Statements.isoText(Instant.parse("2026-11-27T09:00:00.120Z")))
                .isEqualTo("2026-11-27T09:00:00.120Z");
        assertThat(Statements.isoText(Instant.parse("2024-02-29T23:59:59.000001Z")))
                .isEqualTo("2024-02-29T23:59:59.000001Z");
        assertThat(Statements.isoText(Instant.parse("1969-12-31T23:59:59.999999999Z")))
                .isEqualTo("1969-12-31T23:59:59.999999999Z");
        assertThat(Statements.isoText(Instant.parse("+12026-01-01T00:00:00Z"))).isEqualTo("+12026-01-01T00:00:00Z");
        SplittableRandom random = new SplittableRandom(20261205);
        for (int i = 0; i < 100_000; i++) {
            // years 1 to 9999, with whole seconds, milli-, micro- and nanosecond fractions
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_800L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(Statements.isoText(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void writesOtherValuesAsTheirPlainText() {
        UUID id = UUID.fromString("7f1c1a5e-3b0a-4c55-9d52-0c0f3c8e9a11");

        assertThat(Statements.asText(id)).isEqualTo("7f1c1a5e-3b0a-4c55-9d52-0c0f3c8e9a11");
        assertThat(Statements.asText(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Statements.asText(new BigDecimal("92.50"))).isEqualTo("92.50");
        assertThat(Statements.asText(Statements.instant(null))).isNull();
        assertThat(Statements.asText(null)).isNull();
    }
}
