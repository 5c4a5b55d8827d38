package com.salespulse.analytics.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Which generation of the read model answers queries. Every read-model row carries a generation; a replay fills a
 * new one while the live one keeps answering, then {@link #exclusively swaps} in one step.
 * <p>
 * Applying to the live generation and swapping exclude each other through a PostgreSQL advisory lock, so it holds
 * across instances of the service: each live apply takes the lock shared for its transaction ({@link #holdLive}) and
 * reads the live generation under it; the swap holds it exclusively while it catches up and marks the new generation
 * live. A live apply that starts during a swap waits and then writes to the new generation.
 */
@ApplicationScoped
public class ReadModelGenerations {

    /** The advisory lock's key: a fixed name, hashed as the alert engine hashes its per-tenant names. */
    private static final String SWAP_LOCK = "salespulse:read-model-swap";

    private static final String REBUILD_LOCK = "salespulse:read-model-rebuild";

    private final EntityManager em;
    private final DataSource dataSource;

    public ReadModelGenerations(EntityManager em, DataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    /** The generation queries read: one single-row lookup, so every instance sees a swap at once. */
    @Transactional
    public int live() {
        return ((Number) em.createNativeQuery("select live_gen from read_model_generation")
                        .getSingleResult())
                .intValue();
    }

    /**
     * In the caller's transaction: waits while a swap is in progress, then keeps swaps off until the transaction
     * ends.
     *
     * @return the live generation to apply to
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int holdLive() {
        em.createNativeQuery("select pg_advisory_xact_lock_shared(hashtext(?1))")
                .setParameter(1, SWAP_LOCK)
                .getSingleResult();
        return live();
    }

    /**
     * Runs {@code catchUpAndSwap} with live applies held off, on every instance; it must end by calling
     * {@link #markLive}. The lock is held by a connection of its own, outside any transaction, for as long as the
     * work runs; {@code catchUpAndSwap} must not call {@link #holdLive}.
     */
    public void exclusively(Runnable catchUpAndSwap) {
        try (Connection lockHolder = dataSource.getConnection()) {
            lock(lockHolder, "select pg_advisory_lock(hashtext(?))", SWAP_LOCK);
            try {
                catchUpAndSwap.run();
            } finally {
                lock(lockHolder, "select pg_advisory_unlock(hashtext(?))", SWAP_LOCK);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not hold the read-model swap lock", e);
        }
    }

    /** Held while a rebuild runs; closing it lets the next rebuild start, on any instance. */
    public interface RebuildClaim extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Claims the right to rebuild, for the whole database: one rebuild at a time across instances. The claim is a
     * session advisory lock on a connection of its own, so it also ends if this instance dies.
     *
     * @return the claim, or empty when a rebuild is running somewhere
     */
    public Optional<RebuildClaim> tryClaimRebuild() {
        Connection holder = null;
        try {
            holder = dataSource.getConnection();
            try (PreparedStatement claim = holder.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
                claim.setString(1, REBUILD_LOCK);
                try (ResultSet result = claim.executeQuery()) {
                    result.next();
                    if (!result.getBoolean(1)) {
                        holder.close();
                        return Optional.empty();
                    }
                }
            }
            Connection claimed = holder;
            AtomicBoolean released = new AtomicBoolean();
            return Optional.of(() -> {
                if (!released.compareAndSet(false, true)) {
                    return; // released already (a claim may be closed twice)
                }
                try (claimed) {
                    lock(claimed, "select pg_advisory_unlock(hashtext(?))", REBUILD_LOCK);
                } catch (SQLException e) {
                    // closing the connection ends the session, which releases the lock anyway
                }
            });
        } catch (SQLException e) {
            closeQuietly(holder);
            throw new IllegalStateException("Could not claim the read-model rebuild", e);
        }
    }

    /** Makes {@code gen} live (call inside {@link #exclusively}). */
    @Transactional
    public void markLive(int gen) {
        em.createNativeQuery("update read_model_generation set live_gen = ?1, swapped_at = now()")
                .setParameter(1, gen)
                .executeUpdate();
    }

    private static void lock(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            statement.executeQuery().close();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing; the original error is the one to report
            }
        }
    }
}
