package com.salespulse.integration.importjob;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.integration.owner.RecordKind;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an NDJSON import file and checks its shape: one JSON object per line, each with a known {@code type} and an
 * external reference. A file whose shape is wrong is refused whole (400 naming up to {@value #MAX_REPORTED} rows as
 * {@code rows[i].field}, where row i is line i+1), so nothing is stored; what a row says is its owner's to check,
 * row by row, when the job runs.
 */
final class ImportFile {

    static final int MAX_REPORTED = 20;
    /** The external reference rules every owner applies (decisions §1), checked early so a row's path is sound. */
    static final Pattern EXTERNAL_SYSTEM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

    static final int EXTERNAL_ID_MAX = 100;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ImportFile() {}

    static List<ImportRow> read(InputStream body, int maxRows, int maxLineBytes) {
        List<ImportRow> rows = new ArrayList<>();
        List<Problem.InvalidField> refused = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, decoder))) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (rows.size() == maxRows) {
                    throw new ProblemException(
                            ProblemType.PAYLOAD_TOO_LARGE,
                            "The file has more than " + maxRows + " rows; split it into several imports",
                            List.of());
                }
                String field = "rows[" + (lineNumber - 1) + "]";
                Optional<ImportRow> row = parse(line, lineNumber, field, maxLineBytes, refused);
                row.ifPresent(rows::add);
                if (refused.size() >= MAX_REPORTED) {
                    break;
                }
            }
        } catch (CharacterCodingException e) {
            throw ProblemException.invalidField("body", "is not UTF-8 text");
        } catch (IOException e) {
            if (e instanceof com.salespulse.problem.BodySizeLimit.BodyTooLargeException) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage(), List.of());
            }
            throw new UncheckedIOException(e);
        }
        if (!refused.isEmpty()) {
            throw new ProblemException(
                    ProblemType.INVALID_REQUEST,
                    "The file is not an import file: "
                            + refused.get(0).field() + ": " + refused.get(0).message()
                            + (refused.size() > 1 ? " (and more, listed in invalidFields)" : ""),
                    refused);
        }
        if (rows.isEmpty()) {
            throw ProblemException.invalidField("body", "has no rows: send one JSON object per line");
        }
        return rows;
    }

    private static Optional<ImportRow> parse(
            String line, int lineNumber, String field, int maxLineBytes, List<Problem.InvalidField> refused) {
        if (line.getBytes(StandardCharsets.UTF_8).length > maxLineBytes) {
            refused.add(new Problem.InvalidField(field, "is longer than " + maxLineBytes + " bytes"));
            return Optional.empty();
        }
        if (line.indexOf('\u0000') >= 0 || line.contains("\\u0000")) {
            refused.add(new Problem.InvalidField(field, "contains the NUL character"));
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            refused.add(new Problem.InvalidField(field, "is not JSON: " + e.getOriginalMessage()));
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            refused.add(new Problem.InvalidField(field, "must be a JSON object"));
            return Optional.empty();
        }
        JsonNode type = node.get("recordType");
        Optional<RecordKind> kind =
                type != null && type.isTextual() ? RecordKind.ofType(type.asText()) : Optional.empty();
        if (kind.isEmpty()) {
            refused.add(new Problem.InvalidField(field + ".recordType", "must be one of " + RecordKind.types()));
        }
        JsonNode system = node.get("externalSystem");
        if (system == null
                || !system.isTextual()
                || !EXTERNAL_SYSTEM.matcher(system.asText()).matches()) {
            refused.add(new Problem.InvalidField(
                    field + ".externalSystem",
                    "must be 1 to 40 of a-z, 0-9, '.', '_', '-', starting with a letter or digit"));
        }
        JsonNode id = node.get("externalId");
        if (id == null
                || !id.isTextual()
                || id.asText().isBlank()
                || id.asText().length() > EXTERNAL_ID_MAX) {
            refused.add(new Problem.InvalidField(
                    field + ".externalId", "must be a text of 1 to " + EXTERNAL_ID_MAX + " characters, not blank"));
        } else if (id.asText().contains("/")) {
            // it travels as a path segment of the owner's URL
            refused.add(new Problem.InvalidField(field + ".externalId", "must not contain '/'"));
        }
        if (kind.isEmpty() || refused.stream().anyMatch(f -> f.field().startsWith(field + "."))) {
            return Optional.empty();
        }
        return Optional.of(new ImportRow(lineNumber, kind.get(), system.asText(), id.asText(), line));
    }
}
