package com.salespulse.integration.importjob;

/** Where a job stands. QUEUED and RUNNING are picked up by the worker (after a restart too); the rest are final. */
public enum ImportStatus {
    /** Stored, not started. */
    QUEUED,
    /** Rows being applied; a job left RUNNING by a stopped process continues from its first unapplied row. */
    RUNNING,
    /** Every row was applied or recorded as failed. */
    DONE,
    /** Stopped before the end for a reason that is no row's: the owners refused this service's token. */
    FAILED,
    /** Stopped on request; the rows applied stay applied. */
    CANCELLED;

    public boolean isFinal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
