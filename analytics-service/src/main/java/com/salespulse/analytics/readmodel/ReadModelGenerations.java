package com.salespulse.analytics.readmodel;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Which generation of the read model answers queries. Every read-model row carries a generation; a replay fills a
 * new one while the live one keeps answering, then {@link #swap} makes it live in one step.
 * <p>
 * Applying an event to the live generation and swapping exclude each other (a read-write lock): the swap waits for
 * the applies in flight, and no apply starts against a generation that is about to stop being live. The lock is
 * in-process: analytics-service runs as one instance (its consumers share one group), see docs/architecture.md.
 */
@ApplicationScoped
public class ReadModelGenerations {

    private final EntityManager em;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Integer live;

    public ReadModelGenerations(EntityManager em) {
        this.em = em;
    }

    /** The generation queries read. */
    public int live() {
        Integer current = live;
        if (current == null) {
            current = load();
            live = current;
        }
        return current;
    }

    /** Runs {@code work} against the live generation; a swap cannot happen meanwhile. */
    public <T> T withLive(IntFunction<T> work) {
        lock.readLock().lock();
        try {
            return work.apply(live());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code catchUpAndSwap} with live applies held off; it must end by calling {@link #markLive}. */
    public void exclusively(Runnable catchUpAndSwap) {
        lock.writeLock().lock();
        try {
            catchUpAndSwap.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Makes {@code gen} live (call inside {@link #exclusively}). */
    @Transactional
    public void markLive(int gen) {
        em.createNativeQuery("update read_model_generation set live_gen = ?1, swapped_at = now()")
                .setParameter(1, gen).executeUpdate();
        live = gen;
    }

    @Transactional
    int load() {
        return ((Number) em.createNativeQuery("select live_gen from read_model_generation").getSingleResult()).intValue();
    }
}
