package com.salespulse.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.Year;

/**
 * A fast, strict reader of the ISO-8601 instants this codec writes — {@code 2026-11-27T09:00:00Z}, with 1–9 digits of
 * fraction and {@code Z} or an offset {@code +03:00} — and nothing else: any other text (no seconds, lower-case
 * letters, a leap second, a 24th hour, an offset of 18 hours, spaces, a number of seconds…) gets {@code null}, and the
 * caller reads it the way it did before ({@code OffsetDateTime.parse}, Jackson's {@code InstantDeserializer}), so what
 * either accepted or refused stays as it was. Everything accepted here is accepted by both, with the same instant
 * ({@code IsoInstantsTest} compares them).
 * <p>
 * Why: {@code java.time}'s formatters build a map of parsed fields and resolve it for each value; they were most of
 * the remaining decode time per event (issue 16, f16-ingest4).
 */
final class IsoInstants {

    private IsoInstants() {}

    /** The instant the text names, when it has exactly one of the shapes above; else null. */
    static Instant parse(String text) {
        int length = text.length();
        // yyyy-MM-ddTHH:mm:ss then Z (20) or ±HH:mm (25), with .f to .fffffffff between
        if (length < 20 || length > 35) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || day > lengthOfMonth(year, month)) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 9 && isDigit(text.charAt(at))) {
                nanos = nanos * 10 + (text.charAt(at) - '0');
                at++;
            }
            int count = at - start;
            if (count == 0 || (at < length && isDigit(text.charAt(at)))) {
                return null;
            }
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == length - 6
                && (text.charAt(at) == '+' || text.charAt(at) == '-')
                && text.charAt(at + 3) == ':') {
            int offsetHours = digits(text, at + 1, 2);
            int offsetMinutes = digits(text, at + 4, 2);
            if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (text.charAt(at) == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochDay = epochDay(year, month, day);
        long epochSecond = epochDay * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The value of {@code count} ASCII digits from {@code from}, or -1 when any is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> Year.isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of {@code LocalDate.toEpochDay}). */
    private static long epochDay(long year, int month, int day) {
        long total = 365 * year;
        if (year >= 0) {
            total += (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        } else {
            total -= year / -4 - year / -100 + year / -400;
        }
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!Year.isLeap(year)) {
                total--;
            }
        }
        return total - 719_528L; // days from year 0 to 1970
    }

    /**
     * A Jackson module that reads an {@link Instant} written as a string in one of the shapes above with
     * {@link #parse}, and leaves everything else (other text, numbers, nulls, a field's own format) to the deserializer
     * the Java time module registered.
     */
    static SimpleModule jacksonModule() {
        SimpleModule module = new SimpleModule("salespulse-iso-instants");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
                return description.getBeanClass() == Instant.class
                        ? new FastInstantDeserializer(deserializer, deserializer)
                        : deserializer;
            }
        });
        return module;
    }

    /** Wraps the registered deserializer; the fast path only while it is the registered one, not reconfigured. */
    private static final class FastInstantDeserializer extends DelegatingDeserializer {
        private final JsonDeserializer<?> registered;

        FastInstantDeserializer(JsonDeserializer<?> delegatee, JsonDeserializer<?> registered) {
            super(delegatee);
            this.registered = registered;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new FastInstantDeserializer(newDelegatee, registered);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (_delegatee == registered && parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = parse(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return _delegatee.deserialize(parser, context);
        }
    }
}
