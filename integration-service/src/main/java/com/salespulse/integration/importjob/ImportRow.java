package com.salespulse.integration.importjob;

import com.salespulse.integration.owner.RecordKind;

/**
 * One row of a job's file, as the worker applies it.
 *
 * @param rowNumber the 1-based line number in the file
 * @param body the line as sent, a JSON object
 */
public record ImportRow(int rowNumber, RecordKind kind, String externalSystem, String externalId, String body) {
}
