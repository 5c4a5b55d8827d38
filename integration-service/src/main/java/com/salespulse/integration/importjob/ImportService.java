package com.salespulse.integration.importjob;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.integration.config.ImportConfig;
import com.salespulse.problem.ProblemException;

/** Takes files in as jobs and answers about them; {@link ImportWorker} runs them. */
@ApplicationScoped
public class ImportService {

    private final ImportJobRepository jobs;
    private final ImportRowRepository rows;
    private final ImportConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public ImportService(ImportJobRepository jobs, ImportRowRepository rows, ImportConfig config, ObjectMapper json) {
        this.jobs = jobs;
        this.rows = rows;
        this.config = config;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /** Reads and checks the file, then stores it as a QUEUED job; a refused file stores nothing. */
    @Transactional
    public ImportJob upload(String tenant, String uploader, String format, boolean dryRun, InputStream body) {
        List<ImportRow> parsed = ImportFile.read(body, config.maxRows(), config.maxLineBytes());
        ImportJob job = new ImportJob();
        job.id = UUID.randomUUID();
        job.tenantId = tenant;
        job.createdBy = uploader;
        job.format = format;
        job.dryRun = dryRun;
        job.status = ImportStatus.QUEUED;
        job.totalRows = parsed.size();
        job.createdAt = clock.instant();
        jobs.persist(job);
        jobs.flush();
        rows.insertAll(job.id, parsed);
        return job;
    }

    @Transactional
    public ImportApi.Job find(String tenant, UUID id) {
        return ImportApi.Job.of(jobOf(tenant, id), clock.instant());
    }

    @Transactional
    public ImportApi.JobPage list(String tenant, int page, int size) {
        Instant now = clock.instant();
        return new ImportApi.JobPage(jobs.pageOfTenant(tenant, page, size).stream()
                .map(job -> ImportApi.Job.of(job, now)).toList(), page, size, jobs.countOfTenant(tenant));
    }

    @Transactional
    public ImportApi.RowErrorPage errors(String tenant, UUID id, int page, int size) {
        ImportJob job = jobOf(tenant, id);
        List<ImportApi.RowError> items = rows.failedRows(id, page, size).stream().map(this::rowError).toList();
        return new ImportApi.RowErrorPage(items, page, size, job.failedRows);
    }

    /**
     * A queued job is cancelled at once; a running one stops after the row being applied (the worker sees the
     * request between rows). Rows applied stay applied.
     */
    @Transactional
    public ImportApi.Job cancel(String tenant, UUID id) {
        ImportJob job = jobOf(tenant, id);
        if (job.status.isFinal()) {
            throw ProblemException.conflict("Import " + id + " has already ended (" + job.status + ")");
        }
        job.cancelRequested = true;
        if (job.status == ImportStatus.QUEUED) {
            job.status = ImportStatus.CANCELLED;
            job.finishedAt = clock.instant();
        }
        return ImportApi.Job.of(job, clock.instant());
    }

    private ImportJob jobOf(String tenant, UUID id) {
        return jobs.findOfTenant(tenant, id).orElseThrow(() -> ProblemException.notFound("Import " + id));
    }

    private ImportApi.RowError rowError(ImportRowRepository.FailedRow row) {
        List<ImportApi.RowField> fields = new ArrayList<>();
        if (row.errorProblem() != null) {
            try {
                for (JsonNode field : json.readTree(row.errorProblem()).path("invalidFields")) {
                    fields.add(new ImportApi.RowField(field.path("field").asText(null),
                            field.path("message").asText(null)));
                }
            } catch (IOException e) {
                // the owner's answer was no problem+json; the detail says what is known
            }
        }
        return new ImportApi.RowError(row.rowNumber(), row.kind(), row.externalSystem(), row.externalId(),
                row.ownerStatus(), row.errorField(), row.errorDetail(), fields.isEmpty() ? null : fields);
    }
}
