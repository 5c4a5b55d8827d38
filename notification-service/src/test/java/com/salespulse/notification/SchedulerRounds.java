package com.salespulse.notification;

import static org.awaitility.Awaitility.await;

import com.salespulse.notification.delivery.DeliveryDispatcher;
import com.salespulse.notification.delivery.DeliveryScheduler;
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
 * the state was set has ended, and a paused job does nothing once the round it fired last has ended. The sender's
 * round hands receivers to sender threads and ends; its sends have ended once the dispatcher is idle, so a round of
 * the sender counts as ended only then.
 */
@Singleton
public class SchedulerRounds {

    private final Scheduler scheduler;
    private final DeliveryDispatcher dispatcher;
    private final Map<String, Instant> lastEnded = new ConcurrentHashMap<>();

    public SchedulerRounds(Scheduler scheduler, DeliveryDispatcher dispatcher) {
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
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
        sendsEnded(job);
    }

    /** Pauses the job and waits until the round it fired last has ended: from then on it runs nothing. */
    public void pauseAndSettle(String job) {
        scheduler.pause(job);
        Trigger trigger = scheduler.getScheduledJob(job);
        Instant lastFired = trigger == null ? null : trigger.getPreviousFireTime();
        if (lastFired != null) {
            await().atMost(Duration.ofSeconds(15)).until(() -> endedAtOrAfter(job, lastFired));
        }
        sendsEnded(job);
    }

    private void sendsEnded(String job) {
        if (DeliveryScheduler.JOB.equals(job)) {
            await().atMost(Duration.ofSeconds(15)).until(dispatcher::idle);
        }
    }

    private boolean endedAtOrAfter(String job, Instant instant) {
        Instant ended = lastEnded.get(job);
        return ended != null && !ended.isBefore(instant);
    }
}
