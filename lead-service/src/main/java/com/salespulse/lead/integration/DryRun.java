package com.salespulse.lead.integration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

/**
 * {@code ?dryRun=true}: the command runs exactly as the real one (every check, every write, every event into the
 * outbox), and its transaction is then rolled back instead of committed, so it answers what the real call would and
 * leaves nothing behind. The outbox relay is woken only after a commit, so nothing is sent either.
 */
@ApplicationScoped
public class DryRun {

    private final TransactionManager transactions;

    public DryRun(TransactionManager transactions) {
        this.transactions = transactions;
    }

    /** Marks the caller's transaction for rollback when {@code dryRun}; it then ends without committing. */
    public void rollBackIf(boolean dryRun) {
        if (!dryRun) {
            return;
        }
        try {
            transactions.setRollbackOnly();
        } catch (SystemException e) {
            throw new IllegalStateException("cannot roll a dry run back", e);
        }
    }
}
