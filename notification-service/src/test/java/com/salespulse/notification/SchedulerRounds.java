package com.salespulse.notification;

import static org.awaitility.Awaitility.await;

import io.quarkus.scheduler.FailedExecution;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.SuccessfulExecution;
import io.quarkus.scheduler.Trigger;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rounds of the service's scheduled jobs (the sender, the digest) as the scheduler reports them when they end,
 * so a test can wait for a whole round instead of sleeping: "nothing was sent" holds once a round that started after
 * the state was set has ended, and a paused job does nothing once the round it fired last has ended.
 */
@Singleton
public class SchedulerRounds {

    private final Scheduler scheduler;
    private final Map<String, Instant> lastEnded = new ConcurrentHashMap<>();

    public SchedulerRounds(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void succeeded(@Observes SuccessfulExecution event) {
        ended(event.getExecution());
    }

    void failed(@Observes FailedExecution event) {
        ended(event.getExecution());
    }

    private void ended(ScheduledExecution execution) {
        lastEnded.merge(
                execution.getTrigger().getId(),
                execution.getFireTime(),
                (before, now) -> now.isAfter(before) ? now : before);
    }

    /** Waits until a round of the job that started after this call has ended. */
    public void awaitFullRound(String job) {
        Instant now = Instant.now();
        await().atMost(Duration.ofSeconds(15)).until(() -> endedAtOrAfter(job, now.plusNanos(1)));
    }

    /** Pauses the job and waits until the round it fired last has ended: from then on it runs nothing. */
    public void pauseAndSettle(String job) {
        scheduler.pause(job);
        Trigger trigger = scheduler.getScheduledJob(job);
        Instant lastFired = trigger == null ? null : trigger.getPreviousFireTime();
        if (lastFired != null) {
            await().atMost(Duration.ofSeconds(15)).until(() -> endedAtOrAfter(job, lastFired));
        }
    }

    private boolean endedAtOrAfter(String job, Instant instant) {
        Instant ended = lastEnded.get(job);
        return ended != null && !ended.isBefore(instant);
    }
}
