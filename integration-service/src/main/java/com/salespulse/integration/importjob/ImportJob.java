package com.salespulse.integration.importjob;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * An uploaded file being applied: its counters are kept with every row's outcome, in the same transaction. The
 * worker changes a job with single-column SQL updates ({@link ImportJobRepository}); the API's cancel writes only
 * the columns it changed ({@code @DynamicUpdate}), so neither overwrites the other's counters.
 */
@Entity
@DynamicUpdate
@Table(name = "import_job")
public class ImportJob {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    /** The uploader's token subject; the calls to the owners act as them. */
    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(nullable = false, updatable = false)
    public String format;

    /** The CSV layout (amocrm-leads, bitrix24-deals); null for NDJSON. */
    @Column(updatable = false)
    public String layout;

    @Column(name = "dry_run", nullable = false, updatable = false)
    public boolean dryRun;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ImportStatus status;

    @Column(name = "total_rows", nullable = false, updatable = false)
    public int totalRows;

    @Column(name = "applied_rows", nullable = false)
    public int appliedRows;

    @Column(name = "failed_rows", nullable = false)
    public int failedRows;

    /** Rows the owner answered 409 stale-change: the card already holds a later state; nothing was written. */
    @Column(name = "skipped_rows", nullable = false)
    public int skippedRows;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "cancel_requested", nullable = false)
    public boolean cancelRequested;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "waiting_reason")
    public String waitingReason;

    @Version
    public long version;

    /** Rows with an outcome: applied, skipped or failed. */
    public int doneRows() {
        return appliedRows + skippedRows + failedRows;
    }
}
