package com.salespulse.integration.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A CSV export read into its header and rows, numbered as a spreadsheet numbers them (the header is row 1). The
 * bytes are decoded as the charset the {@code Content-Type} names (UTF-8 or Windows-1251); without one, as UTF-8 when
 * they start with a byte order mark or are valid UTF-8, else as Windows-1251 (what Excel saves in Russian). The
 * separator is the one of {@code ;}, {@code ,} and tab the header line holds most of ({@code ;} on a tie). Quoting
 * follows RFC 4180 (Jackson's CSV parser): a quoted cell may hold the separator, quotes doubled and line breaks.
 */
public record CsvFile(String charset, char separator, List<String> header, List<Row> rows) {

    /** A data row: its number in the file (the header is row 1) and its cells. */
    public record Row(int number, List<String> cells) {

        public String cell(int index) {
            return index < cells.size() ? cells.get(index).strip() : "";
        }

        boolean isBlank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }

    public static final List<String> CHARSETS = List.of("utf-8", "windows-1251");
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    /**
     * @param charsetParam the {@code charset} parameter of the {@code Content-Type}, or null
     * @param maxRows the most data rows the file may have (413 above)
     */
    public static CsvFile read(byte[] bytes, String charsetParam, int maxRows) {
        String charset;
        String text;
        boolean bom = bytes.length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        if (charsetParam != null) {
            charset = charsetName(charsetParam);
            text = decode(bytes, Charset.forName(charset));
            if (text == null) {
                throw ProblemException.invalidField("body", "is not " + charset + " text, as its Content-Type says");
            }
        } else {
            charset = "utf-8";
            text = decode(bytes, StandardCharsets.UTF_8);
            if (text == null && !bom) {
                charset = "windows-1251";
                text = new String(bytes, Charset.forName("windows-1251"));
            } else if (text == null) {
                throw ProblemException.invalidField("body", "starts with a UTF-8 byte order mark but is not UTF-8");
            }
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\u0000') >= 0) {
            throw ProblemException.invalidField("body", "contains the NUL character");
        }
        char separator = separator(text);
        List<List<String>> records = parse(text, separator);
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        int number = 0;
        for (List<String> cells : records) {
            number++;
            if (header == null) {
                if (cells.stream().allMatch(String::isBlank)) {
                    continue; // blank lines before the header
                }
                header = cells.stream().map(String::strip).toList();
                continue;
            }
            Row row = new Row(number, cells);
            if (row.isBlank()) {
                continue;
            }
            if (rows.size() == maxRows) {
                throw new ProblemException(
                        ProblemType.PAYLOAD_TOO_LARGE,
                        "The file has more than " + maxRows + " rows; split the export into several imports",
                        List.of());
            }
            rows.add(row);
        }
        if (header == null) {
            throw ProblemException.invalidField("body", "is empty: send the CRM's export with its header row");
        }
        if (rows.isEmpty()) {
            throw ProblemException.invalidField("body", "has a header but no rows");
        }
        return new CsvFile(charset, separator, header, rows);
    }

    private static String charsetName(String param) {
        String name = param.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        return switch (name) {
            case "utf-8", "utf8" -> "utf-8";
            case "windows-1251", "cp1251", "cp-1251", "win-1251" -> "windows-1251";
            default ->
                throw new ProblemException(
                        ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "charset=" + param
                                + " is not supported; send UTF-8 or Windows-1251 (text/csv; charset=windows-1251)",
                        List.of());
        };
    }

    /** The text, or null when the bytes are not valid in this charset. */
    private static String decode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static char separator(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        long semicolons = first.chars().filter(c -> c == ';').count();
        long commas = first.chars().filter(c -> c == ',').count();
        long tabs = first.chars().filter(c -> c == '\t').count();
        if (tabs > semicolons && tabs > commas) {
            return '\t';
        }
        return commas > semicolons ? ',' : ';';
    }

    private static List<List<String>> parse(String text, char separator) {
        CsvSchema schema =
                CsvSchema.emptySchema().withColumnSeparator(separator).withoutHeader();
        List<List<String>> records = new ArrayList<>();
        try (MappingIterator<String[]> it =
                CSV.readerFor(String[].class).with(schema).readValues(new StringReader(text))) {
            while (it.hasNextValue()) {
                records.add(Arrays.asList(it.nextValue()));
            }
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidField(
                    "body", "is not CSV: " + e.getOriginalMessage() + " (row " + (records.size() + 1) + ")");
        } catch (IOException | RuntimeException e) {
            throw ProblemException.invalidField("body", "is not CSV (row " + (records.size() + 1) + ")");
        }
        return records;
    }
}
