package com.salespulse.integration.importjob;

import com.salespulse.integration.owner.OwnerAnswer;
import com.salespulse.integration.owner.RecordKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The rows of the jobs' files (table {@code import_row}). Plain SQL: a file of a hundred thousand rows is stored
 * with JDBC batches, and a row is never loaded as an entity.
 */
@ApplicationScoped
public class ImportRowRepository {

    /** A failed (or skipped) row as the report shows it. */
    public record FailedRow(
            int rowNumber,
            String kind,
            String externalSystem,
            String externalId,
            Integer ownerStatus,
            String errorField,
            String errorDetail,
            String errorProblem,
            Integer sourceRow,
            String sourceColumns) {}

    private static final int BATCH = 500;

    private final EntityManager entityManager;

    public ImportRowRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Stores the parsed rows of a new job; in the caller's transaction. */
    public void insertAll(UUID jobId, List<ImportRow> rows) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into import_row (job_id, row_number, kind, external_system, external_id, body,
                        source_row, source_columns, outcome, error_field, error_detail)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int pending = 0;
                for (ImportRow row : rows) {
                    insert.setObject(1, jobId);
                    insert.setInt(2, row.rowNumber());
                    insert.setString(3, row.kind().type());
                    insert.setString(4, row.externalSystem());
                    insert.setString(5, row.externalId());
                    insert.setString(6, row.body());
                    insert.setObject(7, row.sourceRow(), java.sql.Types.INTEGER);
                    insert.setString(8, row.sourceColumns());
                    // a CSV row that could not be mapped is stored failed: the worker never sends it
                    insert.setString(9, row.refused() ? "FAILED" : null);
                    insert.setString(10, row.refusedField());
                    insert.setString(11, row.refusedDetail());
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
        });
    }

    /**
     * The job's first row from {@code fromRow} on not yet applied or failed, in file order. The worker passes the row
     * it handled last (0 when a job starts or resumes): every row before that one has an outcome, so this is the job's
     * first unapplied row, found in the primary key without walking the rows already done. (Without the bound the
     * scan read every row applied so far, for every row: quadratic in the file, ≈ 0.5 s a row by row 150 000 of a
     * 200 000-row file; docs/benchmarks.md.)
     */
    public Optional<ImportRow> firstUnapplied(UUID jobId, int fromRow) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery("""
                select row_number, kind, external_system, external_id, body from import_row
                where job_id = ?1 and row_number >= ?2 and outcome is null order by row_number limit 1""")
                .setParameter(1, jobId)
                .setParameter(2, fromRow)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(row -> new ImportRow(
                        (Integer) row[0],
                        RecordKind.ofType((String) row[1]).orElseThrow(),
                        (String) row[2],
                        (String) row[3],
                        (String) row[4]));
    }

    public void markApplied(UUID jobId, int rowNumber, int ownerStatus, Instant at) {
        entityManager
                .createNativeQuery("""
                update import_row set outcome = 'APPLIED', owner_status = ?3, applied_at = ?4
                where job_id = ?1 and row_number = ?2""")
                .setParameter(1, jobId)
                .setParameter(2, rowNumber)
                .setParameter(3, ownerStatus)
                .setParameter(4, at)
                .executeUpdate();
    }

    public void markFailed(UUID jobId, int rowNumber, OwnerAnswer answer, Instant at) {
        markRefused(jobId, rowNumber, "FAILED", answer, at);
    }

    /**
     * A row the owner answered 409 stale-change: nothing was written; the owner's answer is kept (its detail names
     * the row's time and the card's last change) for the skipped list.
     */
    public void markSkipped(UUID jobId, int rowNumber, OwnerAnswer answer, Instant at) {
        markRefused(jobId, rowNumber, "SKIPPED", answer, at);
    }

    /** A row the owner did not apply, with the owner's answer kept for the job's report. */
    private void markRefused(UUID jobId, int rowNumber, String outcome, OwnerAnswer answer, Instant at) {
        entityManager
                .createNativeQuery("""
                update import_row set outcome = ?8, owner_status = ?3, error_field = ?4, error_detail = ?5,
                    error_problem = ?6, applied_at = ?7
                where job_id = ?1 and row_number = ?2""")
                .setParameter(1, jobId)
                .setParameter(2, rowNumber)
                .setParameter(3, answer.status())
                .setParameter(4, answer.firstField())
                .setParameter(5, answer.detail())
                .setParameter(6, answer.body().isEmpty() ? null : answer.body())
                .setParameter(7, at)
                .setParameter(8, outcome)
                .executeUpdate();
    }

    /** Whether a row before {@code beforeRow} of the job is the record of this kind and reference. */
    public boolean definedEarlier(
            UUID jobId, int beforeRow, RecordKind kind, String externalSystem, String externalId) {
        return !entityManager
                .createNativeQuery("""
                select 1 from import_row
                where job_id = ?1 and row_number < ?2 and kind = ?3 and external_system = ?4 and external_id = ?5
                    and outcome in ('APPLIED', 'SKIPPED')
                limit 1""")
                .setParameter(1, jobId)
                .setParameter(2, beforeRow)
                .setParameter(3, kind.type())
                .setParameter(4, externalSystem)
                .setParameter(5, externalId)
                .getResultList()
                .isEmpty();
    }

    public List<FailedRow> failedRows(UUID jobId, int page, int size) {
        return rowsWithOutcome(jobId, "FAILED", page, size);
    }

    /** The rows the owner answered 409 stale-change, in file order; the same shape as a failed row. */
    public List<FailedRow> skippedRows(UUID jobId, int page, int size) {
        return rowsWithOutcome(jobId, "SKIPPED", page, size);
    }

    private List<FailedRow> rowsWithOutcome(UUID jobId, String outcome, int page, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery("""
                select row_number, kind, external_system, external_id, owner_status, error_field, error_detail,
                       error_problem, source_row, source_columns
                from import_row where job_id = ?1 and outcome = ?4
                order by coalesce(source_row, row_number), row_number offset ?2 limit ?3""")
                .setParameter(1, jobId)
                .setParameter(4, outcome)
                .setParameter(2, (long) page * size)
                .setParameter(3, size)
                .getResultList();
        return rows.stream()
                .map(row -> new FailedRow(
                        (Integer) row[0],
                        (String) row[1],
                        (String) row[2],
                        (String) row[3],
                        (Integer) row[4],
                        (String) row[5],
                        (String) row[6],
                        (String) row[7],
                        (Integer) row[8],
                        (String) row[9]))
                .toList();
    }
}
