package com.salespulse.notification.delivery;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The sender's round: every poll interval it finds the receivers (subscriptions) with due deliveries, of all tenants,
 * and hands each to a sender thread of the {@link DeliveryDispatcher}, which sends outside any transaction. The round
 * itself never waits for a receiver, so one that hangs until its timeout delays nobody else. It keeps no state of its
 * own: the queue is the {@code delivery} table, so a restarted service (or a second instance) simply carries on from
 * the rows.
 */
@ApplicationScoped
public class DeliveryScheduler {

    /** The scheduler job's identity, to pause and resume it (tests, maintenance). */
    public static final String JOB = "delivery-sender";

    private final DeliveryRepository deliveries;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;

    public DeliveryScheduler(DeliveryRepository deliveries, DeliveryDispatcher dispatcher, Clock clock) {
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Scheduled(
            identity = JOB,
            every = "${salespulse.notification.delivery.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sendDue() {
        int free = dispatcher.freeSenders();
        if (free <= 0) {
            return;
        }
        Set<java.util.UUID> busy = dispatcher.busyReceivers();
        for (DeliveryRepository.DueReceiver receiver : dueReceivers(free + busy.size())) {
            if (!busy.contains(receiver.subscriptionId())
                    && !dispatcher.dispatch(receiver)
                    && dispatcher.freeSenders() <= 0) {
                return;
            }
        }
    }

    @Transactional
    List<DeliveryRepository.DueReceiver> dueReceivers(int limit) {
        return deliveries.dueReceiversOfAllTenants(clock.instant(), limit);
    }
}
