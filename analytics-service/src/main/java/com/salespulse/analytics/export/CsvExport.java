package com.salespulse.analytics.export;

import com.salespulse.analytics.metric.MetricAnswer;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A metric's answer as {@code text/csv} (RFC 4180): one table of {@link MetricTables} — {@code figures} unless the
 * request names another with {@code table} — UTF-8 with a byte-order mark (so Excel reads Cyrillic names right;
 * parsers for programs skip it), a header row, CRLF line ends, a field quoted when it holds a comma, a quote or a line
 * break. Numbers are plain ({@code 7750.00}, a '.' before the decimals, no grouping), dates ISO ({@code 2026-11-01}),
 * instants ISO in UTC ({@code 2026-11-03T10:00:00Z}), an absent value an empty field. A text that a spreadsheet would
 * take for a formula (it starts with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe, so a
 * client named {@code =HYPERLINK(...)} stays text.
 */
@Provider
@Produces(MetricAnswer.CSV)
public class CsvExport implements MessageBodyWriter<MetricAnswer<?>> {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final ExportTable table;

    public CsvExport(ExportTable table) {
        this.table = table;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return MetricAnswer.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(
            MetricAnswer<?> answer,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        String name = table.name();
        MetricTables.Table chosen = MetricTables.of(answer, Exports.figuresType(answer, genericType)).stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
        headers.putSingle("Content-Type", MetricAnswer.CSV + "; charset=UTF-8; header=present");
        headers.putSingle("Content-Disposition", Exports.attachment(answer, table.named() ? name : null, "csv"));
        out.write(BOM);
        Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        line(csv, List.copyOf(chosen.columns()));
        for (List<Object> row : chosen.rows()) {
            line(csv, row);
        }
        csv.flush();
    }

    private static void line(Writer csv, List<?> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.write(',');
            }
            csv.write(field(values.get(i)));
        }
        csv.write("\r\n");
    }

    /** One value as a CSV field, quoted only when it must be. */
    static String field(Object value) {
        String text;
        if (value == null) {
            return "";
        } else if (value instanceof BigDecimal decimal) {
            text = decimal.toPlainString();
        } else if (value instanceof Double || value instanceof Float) {
            text = new BigDecimal(value.toString()).toPlainString();
        } else if (value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
            text = value.toString();
        } else if (value instanceof String string) {
            text = harmless(string);
        } else {
            text = value.toString(); // UUID, LocalDate, Instant: their ISO text
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** A text a spreadsheet would run as a formula, kept as text with a leading apostrophe. */
    private static String harmless(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
