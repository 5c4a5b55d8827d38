package com.salespulse.analytics.metric;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.problem.ProblemException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The opaque {@code ?cursor=} of a drill-down: the sort values and key of the last row of a page, base64url, with a
 * check tying it to the query it came from (metric, figure, period, filters, sort: {@link MetricRequest#scope})
 * and to the values themselves. A cursor of another query, or altered, or not a cursor at all, is a 400 naming
 * {@code cursor}.
 * <p>
 * The check is a digest, not a signature: whoever reads this code can forge one for their own query. That is harmless:
 * the values are bound as typed parameters of the caller's own query (its tenant and filters come from the token and
 * the request, never from the cursor), so a forged cursor only starts the page somewhere else in the same list.
 */
final class DrillCursor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int CHECK_BYTES = 12;
    /** Far longer than any cursor the service writes (a few sort values and a key). */
    static final int MAX_LENGTH = 2048;

    private DrillCursor() {}

    /** The cursor after a row whose sort values (then key) are {@code values}, as JDBC handed them back. */
    static String encode(String scope, List<Object> values) {
        List<String> tagged = new ArrayList<>(values.size());
        values.forEach(value -> tagged.add(tag(value)));
        try {
            byte[] payload = JSON.writeValueAsBytes(tagged);
            byte[] check = check(scope, payload);
            byte[] cursor = Arrays.copyOf(check, CHECK_BYTES + payload.length);
            System.arraycopy(payload, 0, cursor, CHECK_BYTES, payload.length);
            return ENCODER.encodeToString(cursor);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The values of a cursor of this query, ready to bind; a 400 naming {@code cursor} unless it is one of this
     * query's cursors with {@code terms} values. A cursor as the CSV export wrote it is taken too: a cursor that
     * starts with {@code -} (base64url's 63rd character) is written there with a leading apostrophe so a spreadsheet
     * keeps it as text ({@code CsvExport}), and an apostrophe is never a base64url character, so it is dropped.
     */
    static List<Object> decode(String cursor, String scope, int terms) {
        try {
            String text = cursor.trim();
            byte[] bytes = DECODER.decode(text.startsWith("'") ? text.substring(1) : text);
            if (bytes.length <= CHECK_BYTES) {
                throw refused();
            }
            byte[] payload = Arrays.copyOfRange(bytes, CHECK_BYTES, bytes.length);
            if (!MessageDigest.isEqual(Arrays.copyOf(bytes, CHECK_BYTES), check(scope, payload))) {
                throw refused();
            }
            String[] tagged = JSON.readValue(payload, String[].class);
            if (tagged.length != terms) {
                throw refused();
            }
            List<Object> values = new ArrayList<>(terms);
            for (String value : tagged) {
                values.add(untag(value));
            }
            return values;
        } catch (IllegalArgumentException | java.io.IOException | java.time.DateTimeException e) {
            throw refused();
        }
    }

    static ProblemException refused() {
        return ProblemException.invalidField(
                "cursor",
                "is not a cursor of this drill-down: pass the drillDown.nextCursor of an answer to the same query "
                        + "(same metric, figure, period, filters and sort), unchanged");
    }

    /** A value as text with its type's letter, so it is bound back with the type it was read with. */
    private static String tag(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return "s" + text;
        }
        if (value instanceof UUID id) {
            return "u" + id;
        }
        if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof java.sql.Timestamp) {
            return "t" + Columns.instant(value);
        }
        if (value instanceof BigDecimal decimal) {
            return "n" + decimal.toPlainString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return "l" + value;
        }
        if (value instanceof Double || value instanceof Float) {
            return "f" + value;
        }
        if (value instanceof Boolean flag) {
            return "b" + flag;
        }
        if (value instanceof LocalDate || value instanceof java.sql.Date) {
            return "d" + Columns.date(value);
        }
        throw new IllegalStateException("a drill-down sorted by a " + value.getClass() + " has no cursor");
    }

    private static Object untag(String tagged) {
        if (tagged == null) {
            return null;
        }
        if (tagged.isEmpty()) {
            throw new IllegalArgumentException("untagged");
        }
        String text = tagged.substring(1);
        return switch (tagged.charAt(0)) {
            case 's' -> text;
            case 'u' -> UUID.fromString(text);
            case 't' -> Instant.parse(text);
            case 'n' -> new BigDecimal(text);
            case 'l' -> Long.valueOf(text);
            case 'f' -> Double.valueOf(text);
            case 'b' -> Boolean.valueOf(text);
            case 'd' -> LocalDate.parse(text);
            default -> throw new IllegalArgumentException("unknown tag");
        };
    }

    private static byte[] check(String scope, byte[] payload) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(scope.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(payload);
            return Arrays.copyOf(digest.digest(), CHECK_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
