package com.salespulse.integration.importjob;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Import jobs. Reads for a caller always name the tenant (this service has no ambient tenant filter: the worker
 * serves every tenant); the worker's reads are the only ones across tenants.
 */
@ApplicationScoped
public class ImportJobRepository implements PanacheRepositoryBase<ImportJob, UUID> {

    public Optional<ImportJob> findOfTenant(String tenant, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenant, id).firstResultOptional();
    }

    public List<ImportJob> pageOfTenant(String tenant, int page, int size) {
        return find("tenantId", Sort.descending("createdAt").and("id"), tenant)
                .page(Page.of(page, size))
                .list();
    }

    public long countOfTenant(String tenant) {
        return count("tenantId", tenant);
    }

    /** The oldest job the worker should run, of any tenant (one left RUNNING by a stopped process included). */
    public Optional<UUID> nextRunnable() {
        return find(
                        "status in ?1",
                        Sort.ascending("createdAt").and("id"),
                        List.of(ImportStatus.QUEUED, ImportStatus.RUNNING))
                .firstResultOptional()
                .map(job -> job.id);
    }

    // ---- the worker's writes: one statement each, never a whole-entity update (see ImportJob) ----

    /** QUEUED → RUNNING (a RUNNING job resumed stays RUNNING); false when the job is no longer runnable. */
    public boolean markRunning(UUID id, Instant now) {
        return update(
                        "status = ?1, startedAt = coalesce(startedAt, ?2) where id = ?3 and status in ?4",
                        ImportStatus.RUNNING,
                        now,
                        id,
                        List.of(ImportStatus.QUEUED, ImportStatus.RUNNING))
                == 1;
    }

    public void markEnded(UUID id, ImportStatus status, Instant now, String failureReason) {
        update(
                "status = ?1, finishedAt = ?2, failureReason = ?3, waitingReason = null where id = ?4 and status = ?5",
                status,
                now,
                failureReason,
                id,
                ImportStatus.RUNNING);
    }

    public void countApplied(UUID id) {
        update("appliedRows = appliedRows + 1, waitingReason = null where id = ?1", id);
    }

    public void countSkipped(UUID id) {
        update("skippedRows = skippedRows + 1, waitingReason = null where id = ?1", id);
    }

    public void countFailed(UUID id) {
        update("failedRows = failedRows + 1, waitingReason = null where id = ?1", id);
    }

    public void markWaiting(UUID id, String reason) {
        update("waitingReason = ?1 where id = ?2", reason, id);
    }

    public boolean cancelRequested(UUID id) {
        return find("id = ?1 and cancelRequested = true", id).count() > 0;
    }
}
