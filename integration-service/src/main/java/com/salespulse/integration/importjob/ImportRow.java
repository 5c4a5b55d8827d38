package com.salespulse.integration.importjob;

import com.salespulse.integration.owner.RecordKind;

/**
 * One row of a job's file, as the worker applies it.
 *
 * @param rowNumber the row's place in the job, from 1: an NDJSON file's line number; for a CSV export the records
 *        its rows became, numbered in the order they are applied
 * @param body the line as sent, a JSON object
 * @param sourceRow for a CSV export: the row of the file the record came from (the header is row 1); else null
 * @param sourceColumns for a CSV export: JSON of the record's fields → the CSV columns they came from; else null
 * @param refusedField a row that could not be mapped (stored as failed, never sent): the column it names; else null
 * @param refusedDetail why it could not be mapped
 */
public record ImportRow(
        int rowNumber,
        RecordKind kind,
        String externalSystem,
        String externalId,
        String body,
        Integer sourceRow,
        String sourceColumns,
        String refusedField,
        String refusedDetail) {

    public ImportRow(int rowNumber, RecordKind kind, String externalSystem, String externalId, String body) {
        this(rowNumber, kind, externalSystem, externalId, body, null, null, null, null);
    }

    boolean refused() {
        return refusedDetail != null;
    }
}
