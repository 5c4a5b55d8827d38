package com.salespulse.integration.importjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.integration.config.ImportConfig;
import com.salespulse.integration.csv.CsvDeals;
import com.salespulse.integration.csv.CsvFile;
import com.salespulse.integration.csv.CsvLayout;
import com.salespulse.integration.csv.CsvOptions;
import com.salespulse.integration.csv.CsvRecord;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Takes files in as jobs and answers about them; {@link ImportWorker} runs them. */
@ApplicationScoped
public class ImportService {

    /** The problem type of every skipped row (ImportRowRepository.markSkipped keeps only those). */
    private static final String STALE_CHANGE = ProblemType.STALE_CHANGE.uri().toString();

    private final ImportJobRepository jobs;
    private final ImportRowRepository rows;
    private final ImportConfig config;
    private final ObjectMapper json;
    private final ActingScope acting;
    private final Clock clock;

    public ImportService(
            ImportJobRepository jobs,
            ImportRowRepository rows,
            ImportConfig config,
            ObjectMapper json,
            ActingScope acting) {
        this.acting = acting;
        this.jobs = jobs;
        this.rows = rows;
        this.config = config;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /** Reads and checks the file, then stores it as a QUEUED job; a refused file stores nothing. */
    @Transactional
    public ImportJob upload(String uploader, String format, boolean dryRun, InputStream body) {
        return store(uploader, format, null, dryRun, ImportFile.read(body, config.maxRows(), config.maxLineBytes()));
    }

    /**
     * Reads a CRM's CSV export in its layout and stores the records its rows become as a QUEUED job; the rows that
     * cannot be mapped are stored already failed, naming their row and column. A file refused whole (not CSV, a
     * column the layout needs missing, too many rows) stores nothing.
     */
    @Transactional
    public ImportJob uploadCsv(
            String uploader, CsvLayout layout, CsvOptions options, boolean dryRun, byte[] body, String charset) {
        CsvFile file = CsvFile.read(body, charset, config.maxRows());
        List<CsvRecord> records = CsvDeals.map(layout, options, file);
        List<ImportRow> rows = new ArrayList<>(records.size());
        for (CsvRecord record : records) {
            int number = rows.size() + 1;
            try {
                rows.add(new ImportRow(
                        number,
                        record.kind(),
                        record.externalSystem(),
                        record.externalId(),
                        record.body() == null ? "{}" : json.writeValueAsString(record.body()),
                        record.sourceRow(),
                        record.columns().isEmpty() ? null : json.writeValueAsString(record.columns()),
                        record.refused() == null ? null : record.refused().column(),
                        record.refused() == null ? null : record.refused().detail()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return store(uploader, "csv", layout.id(), dryRun, rows);
    }

    private ImportJob store(String uploader, String format, String layout, boolean dryRun, List<ImportRow> parsed) {
        ImportJob job = new ImportJob();
        job.id = UUID.randomUUID();
        job.tenantId = acting.requireTenant();
        job.createdBy = uploader;
        job.format = format;
        job.layout = layout;
        job.dryRun = dryRun;
        job.status = ImportStatus.QUEUED;
        job.totalRows = parsed.size();
        job.failedRows = (int) parsed.stream().filter(ImportRow::refused).count();
        job.createdAt = clock.instant();
        jobs.persist(job);
        jobs.flush();
        rows.insertAll(job.id, parsed);
        return job;
    }

    @Transactional
    public ImportApi.ImportView find(UUID id) {
        return ImportApi.ImportView.of(jobOf(id), clock.instant());
    }

    @Transactional
    public ImportApi.ImportPage list(int page, int size) {
        Instant now = clock.instant();
        return new ImportApi.ImportPage(
                jobs.pageOfTenant(acting.tenant(), page, size).stream()
                        .map(job -> ImportApi.ImportView.of(job, now))
                        .toList(),
                page,
                size,
                jobs.countOfTenant(acting.tenant()));
    }

    @Transactional
    public ImportApi.RowErrorPage errors(UUID id, int page, int size) {
        ImportJob job = jobOf(id);
        List<ImportApi.RowError> items =
                rows.failedRows(id, page, size).stream().map(this::rowError).toList();
        return new ImportApi.RowErrorPage(items, page, size, job.failedRows);
    }

    @Transactional
    public ImportApi.SkippedRowPage skipped(UUID id, int page, int size) {
        ImportJob job = jobOf(id);
        List<ImportApi.SkippedRow> items = rows.skippedRows(id, page, size).stream()
                .map(row -> new ImportApi.SkippedRow(
                        row.sourceRow() != null ? row.sourceRow() : row.rowNumber(),
                        row.kind(),
                        row.externalSystem(),
                        row.externalId(),
                        row.ownerStatus(),
                        STALE_CHANGE,
                        row.errorDetail()))
                .toList();
        return new ImportApi.SkippedRowPage(items, page, size, job.skippedRows);
    }

    /**
     * A queued job is cancelled at once; a running one stops after the row being applied (the worker sees the
     * request between rows). Rows applied stay applied.
     */
    @Transactional
    public ImportApi.ImportView cancel(UUID id) {
        ImportJob job = jobOf(id);
        if (job.status.isFinal()) {
            throw ProblemException.conflict("Import " + id + " has already ended (" + job.status + ")");
        }
        job.cancelRequested = true;
        if (job.status == ImportStatus.QUEUED) {
            job.status = ImportStatus.CANCELLED;
            job.finishedAt = clock.instant();
        }
        return ImportApi.ImportView.of(job, clock.instant());
    }

    /** The acting tenant's job; another tenant's is as unknown as a made-up id. */
    private ImportJob jobOf(UUID id) {
        return jobs.findOfTenant(acting.tenant(), id).orElseThrow(() -> ProblemException.notFound("Import " + id));
    }

    private ImportApi.RowError rowError(ImportRowRepository.FailedRow row) {
        List<ImportApi.RowField> fields = new ArrayList<>();
        if (row.errorProblem() != null) {
            try {
                for (JsonNode field : json.readTree(row.errorProblem()).path("invalidFields")) {
                    fields.add(new ImportApi.RowField(
                            field.path("field").asText(null),
                            field.path("message").asText(null)));
                }
            } catch (IOException e) {
                // the owner's answer was no problem+json; the detail says what is known
            }
        }
        return new ImportApi.RowError(
                row.sourceRow() != null ? row.sourceRow() : row.rowNumber(),
                row.kind(),
                row.externalSystem(),
                row.externalId(),
                row.ownerStatus(),
                column(row),
                row.errorDetail(),
                fields.isEmpty() ? null : fields);
    }

    /**
     * The field a CSV record's refusal names, as the export's column: the column of the longest field path the
     * record's columns list that is the named field or contains it ({@code contacts[0]} for
     * {@code contacts[0].value}); the owner's path when none does.
     */
    private String column(ImportRowRepository.FailedRow row) {
        if (row.sourceColumns() == null || row.errorField() == null) {
            return row.errorField();
        }
        try {
            String field = row.errorField();
            String best = null;
            String column = field;
            var columns = json.readTree(row.sourceColumns()).fields();
            while (columns.hasNext()) {
                var entry = columns.next();
                String path = entry.getKey();
                boolean covers = field.equals(path) || field.startsWith(path + ".") || field.startsWith(path + "[");
                if (covers && (best == null || path.length() > best.length())) {
                    best = path;
                    column = entry.getValue().asText();
                }
            }
            return column;
        } catch (IOException e) {
            return row.errorField();
        }
    }
}
