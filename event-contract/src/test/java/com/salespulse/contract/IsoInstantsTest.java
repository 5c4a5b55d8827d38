package com.salespulse.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast instant reader against the two readers it stands in for: {@code OffsetDateTime.parse} and Jackson's. */
class IsoInstantsTest {

    private final ObjectMapper plain = new ObjectMapper().registerModule(new JavaTimeModule());
    private final ObjectMapper codecs = new CloudEventCodec().dataMapper();

    @Test
    void readsTheShapesTheCodecWrites() {
        assertThat(IsoInstants.parse("2026-11-27T09:00:00Z")).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
        assertThat(IsoInstants.parse("2026-11-27T09:00:00.123Z")).isEqualTo(Instant.parse("2026-11-27T09:00:00.123Z"));
        // 12:00 in Moscow is 09:00 UTC; 1 ns past midnight of a leap day
        assertThat(IsoInstants.parse("2026-11-27T12:00:00+03:00")).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
        assertThat(IsoInstants.parse("2024-02-29T00:00:00.000000001Z"))
                .isEqualTo(Instant.ofEpochSecond(1_709_164_800L, 1));
        assertThat(IsoInstants.parse("1969-12-31T23:59:59.5-00:30"))
                .isEqualTo(Instant.ofEpochSecond(1_799L, 500_000_000));
    }

    /** Random instants of ten millennia in both of the codec's shapes (its time attribute and its data). */
    @Test
    void readsRandomInstantsAsJavaTimeDoes() throws Exception {
        SplittableRandom random = new SplittableRandom(20261205);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(-62_000_000_000L, 253_370_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-17 * 3600, 17 * 3600 + 1) / 60 * 60);
            String written = instant.toString();
            String withOffset = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(offset));

            assertThat(IsoInstants.parse(written)).as(written).isEqualTo(instant);
            assertThat(IsoInstants.parse(withOffset)).as(withOffset).isEqualTo(instant);
            assertThat(codecs.readValue(quoted(withOffset), Instant.class)).isEqualTo(instant);
        }
    }

    /**
     * Every text it accepts, both readers accept with the same instant; every other text it leaves to them. Mutations
     * of written instants, one character each, plus the edge cases by hand.
     */
    @Test
    void acceptsNothingTheReadersRefuseAndReadsNothingOtherwise() {
        List<String> texts = new ArrayList<>(List.of(
                "2026-11-27T09:00Z",
                "2026-11-27T09:00:00.Z",
                "2026-11-27t09:00:00z",
                "2026-11-27T09:00:60Z",
                "2026-11-27T23:59:60Z",
                "2026-11-27T24:00:00Z",
                "2026-02-29T09:00:00Z",
                "2026-02-30T09:00:00Z",
                "2026-04-31T09:00:00Z",
                "2000-02-29T09:00:00Z",
                "1900-02-29T09:00:00Z",
                "0000-01-01T00:00:00Z",
                "2026-11-27T09:00:00+18:00",
                "2026-11-27T09:00:00-18:00",
                "2026-11-27T09:00:00+19:00",
                "2026-11-27T09:00:00+03:60",
                "2026-11-27T09:00:00-00:00",
                "2026-11-27T09:00:00+00:00",
                "2026-11-27T09:00:00+0300",
                "2026-11-27T09:00:00+03",
                "2026-11-27T09:00:00+03:00:00",
                "2026-11-27T09:00:00.1234567891Z",
                "2026-11-27T09:00:00Z[UTC]",
                " 2026-11-27T09:00:00Z",
                "2026-11-27T09:00:00Z ",
                "+2026-11-27T09:00:00Z",
                "12026-11-27T09:00:00Z",
                "2026-1-27T09:00:00Z",
                "2026-11-27 09:00:00Z",
                "1764234000",
                "1764234000.5",
                ""));
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "0123456789-:.TZ+tz ";
        for (int i = 0; i < 20_000; i++) {
            String text = random.nextBoolean() ? "2024-02-29T23:59:59.123456Z" : "2026-12-31T00:00:00+03:00";
            int at = random.nextInt(text.length());
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            texts.add(text.substring(0, at) + c + text.substring(at + (random.nextInt(5) == 0 ? 0 : 1)));
        }
        int accepted = 0;
        for (String text : texts) {
            Instant fast = IsoInstants.parse(text);
            Object offsetDateTime = outcome(() -> OffsetDateTime.parse(text).toInstant());
            Object jackson = outcome(() -> plain.readValue(quoted(text), Instant.class));
            if (fast != null) {
                accepted++;
                assertThat(offsetDateTime).as(text).isEqualTo(fast);
                assertThat(jackson).as(text).isEqualTo(fast);
            }
            // the codec's mapper answers as Jackson's own, refusals included
            assertThat(outcome(() -> codecs.readValue(quoted(text), Instant.class)))
                    .as(text)
                    .isEqualTo(jackson);
        }
        assertThat(accepted).isGreaterThan(1_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1764234000", "1764234000.5", "null", "\"\"", "[]"})
    void leavesOtherTokensToJacksonsReader(String json) {
        assertThat(outcome(() -> codecs.readValue(json, Instant.class)))
                .isEqualTo(outcome(() -> plain.readValue(json, Instant.class)));
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    interface Read {
        Object read() throws Exception;
    }

    /** The value read, or the refusal's class and message. */
    private static Object outcome(Read read) {
        try {
            return read.read();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
