package com.salespulse.integration.importjob;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The records of the import API: a job's progress, its refused and its skipped rows, and pages of them. */
public final class ImportApi {

    private ImportApi() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ImportJob", description = "An import job and its progress.")
    public record ImportView(
            @Schema(description = "The job's id.") UUID id,

            @Schema(
                    description = "QUEUED (stored, not started), RUNNING, DONE (every row applied, skipped or failed), "
                            + "FAILED (stopped for a reason that is no row's; see failureReason), CANCELLED.")
            ImportStatus status,

            @Schema(
                    description = "True when the rows are only validated by their owners (dryRun=true): nothing is "
                            + "written.")
            boolean dryRun,

            @Schema(description = "The file's format: ndjson or csv.", example = "ndjson")
            String format,

            @Schema(
                    description = "For a CSV export: its layout (amocrm-leads, bitrix24-deals).",
                    example = "amocrm-leads")
            String layout,

            @Schema(
                    description = "Rows in the file; for a CSV export, the records its rows became (a pipeline, a "
                            + "manager and a client the first time one is named, a deal's opening and its closing).")
            int total,

            @Schema(description = "Rows with an outcome so far: applied + skipped + failed.")
            int done,

            @Schema(
                    description = "Rows their owner accepted (in a dry run: found valid), a row that changed nothing "
                            + "because the card already was in that state included.")
            int applied,

            @Schema(
                    description = "Rows whose card already holds a later state (the owner answered 409 stale-change): "
                            + "nothing was written, and none is a failure (a file imported again skips every card's earlier "
                            + "states). Listed with the owner's reason at /api/v1/imports/{id}/skipped.")
            int skipped,

            @Schema(
                    description = "Rows their owner refused for any other reason; listed at "
                            + "/api/v1/imports/{id}/errors.")
            int failed,

            @Schema(description = "done / total, in percent, one decimal (skipped rows are done).")
            double percent,

            @Schema(
                    description = "Rows per second (applied, skipped or failed) since the job started (until it "
                            + "finished).")
            double rate,

            @Schema(description = "Seconds left at the current rate; absent when unknown or finished.")
            Long etaSeconds,

            @Schema(description = "When the file was uploaded.")
            Instant createdAt,

            @Schema(description = "When the first row was sent.")
            Instant startedAt,

            @Schema(description = "When the job ended.") Instant finishedAt,

            @Schema(description = "True once a cancel was asked for and the job has not ended yet.")
            boolean cancelRequested,

            @Schema(
                    description = "The transient trouble a running job is waiting out (an owner unreachable or "
                            + "answering 5xx/429); it retries until the owner answers.")
            String waitingReason,

            @Schema(description = "Why a FAILED job stopped.")
            String failureReason) {

        static ImportView of(ImportJob job, Instant now) {
            int done = job.doneRows();
            double percent = job.totalRows == 0 ? 100 : Math.round(done * 1000.0 / job.totalRows) / 10.0;
            double rate = 0;
            Long eta = null;
            if (job.startedAt != null) {
                Instant end = job.finishedAt != null ? job.finishedAt : now;
                double seconds = Math.max(Duration.between(job.startedAt, end).toMillis(), 1) / 1000.0;
                rate = Math.round(done / seconds * 10) / 10.0;
                if (!job.status.isFinal() && done > 0) {
                    eta = Math.round((job.totalRows - done) * seconds / done);
                }
            }
            return new ImportView(
                    job.id,
                    job.status,
                    job.dryRun,
                    job.format,
                    job.layout,
                    job.totalRows,
                    done,
                    job.appliedRows,
                    job.skippedRows,
                    job.failedRows,
                    percent,
                    rate,
                    eta,
                    job.createdAt,
                    job.startedAt,
                    job.finishedAt,
                    job.cancelRequested && !job.status.isFinal(),
                    job.waitingReason,
                    job.failureReason);
        }
    }

    @Schema(name = "ImportJobPage", description = "A page of the tenant's import jobs, newest first.")
    public record ImportPage(
            @Schema(description = "The jobs.") List<ImportView> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size.") int size,

            @Schema(description = "How many jobs the tenant has.")
            long total) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ImportRowError", description = "A row its owner refused, with the owner's problem.")
    public record RowError(
            @Schema(
                    description = "The row's line number in the file, from 1; for a CSV export the row of the "
                            + "export as a spreadsheet numbers it (the header is row 1).")
            int row,

            @Schema(description = "The row's recordType.", example = "lead")
            String recordType,

            @Schema(description = "The row's externalSystem.", example = "amocrm")
            String externalSystem,

            @Schema(description = "The row's externalId.", example = "42")
            String externalId,

            @Schema(description = "The owner's HTTP status.", example = "400")
            Integer status,

            @Schema(
                    description = "The first field the owner named, as a JSON path in the row; for a CSV export "
                            + "the column of the export it came from (or that could not be read), when known.",
                    example = "managerRef.externalId")
            String field,

            @Schema(description = "The owner's explanation.")
            String detail,

            @Schema(description = "Every field the owner named, with why.")
            List<RowField> invalidFields) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            name = "ImportSkippedRow",
            description = "A row that changed nothing because its card already holds a "
                    + "later state: the owner answered 409 stale-change.")
    public record SkippedRow(
            @Schema(
                    description = "The row's line number in the file, from 1; for a CSV export the row of the export "
                            + "as a spreadsheet numbers it (the header is row 1).")
            int row,

            @Schema(description = "The row's recordType.", example = "deal")
            String recordType,

            @Schema(description = "The row's externalSystem.", example = "amocrm")
            String externalSystem,

            @Schema(description = "The row's externalId.", example = "42")
            String externalId,

            @Schema(description = "The owner's HTTP status: 409.", example = "409")
            Integer status,

            @Schema(description = "The owner's problem type.", example = "urn:salespulse:problem:stale-change")
            String type,

            @Schema(
                    description = "The owner's explanation: the row's occurredAt and the card's last change.",
                    example = "occurredAt: is 2025-01-10T07:00:00Z, before the last recorded change of deal "
                            + "amocrm/42 at 2025-02-03T09:00:00Z: changes of a card are sent in time order")
            String reason) {}

    @Schema(name = "ImportSkippedRowPage", description = "A page of a job's skipped rows, in file order.")
    public record SkippedRowPage(
            @Schema(description = "The skipped rows.") List<SkippedRow> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size.") int size,

            @Schema(description = "How many rows of the job were skipped so far.")
            long total) {}

    @Schema(name = "ImportRowField", description = "A field of a row its owner refused.")
    public record RowField(
            @Schema(description = "The JSON path of the field in the row.", example = "occurredAt")
            String field,

            @Schema(description = "Why it was refused.") String message) {}

    @Schema(name = "ImportRowErrorPage", description = "A page of a job's refused rows, in file order.")
    public record RowErrorPage(
            @Schema(description = "The refused rows.") List<RowError> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size.") int size,

            @Schema(description = "How many rows of the job were refused so far.")
            long total) {}
}
