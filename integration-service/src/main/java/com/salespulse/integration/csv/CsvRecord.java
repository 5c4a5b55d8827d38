package com.salespulse.integration.csv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.integration.owner.RecordKind;
import java.util.Map;

/**
 * One record a CSV export becomes: an import row of the suite's own shape ({@code body}, with its {@code recordType}
 * and reference) made from row {@code sourceRow} of the file, or a row that could not be mapped ({@code refused}).
 *
 * @param sourceRow the CSV row it came from (the header is row 1); for a manager, client or pipeline the first row
 *        that named it
 * @param columns the record's fields (JSON paths, a prefix standing for everything under it) → the CSV column each
 *        came from, so an owner's refusal can name the export's column
 * @param refused null, or why the row could not be mapped: the column and the reason
 */
public record CsvRecord(
        int sourceRow,
        RecordKind kind,
        String externalSystem,
        String externalId,
        ObjectNode body,
        Map<String, String> columns,
        Refusal refused) {

    public record Refusal(String column, String detail) {}
}
