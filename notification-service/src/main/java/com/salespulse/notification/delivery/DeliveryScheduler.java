package com.salespulse.notification.delivery;

import com.salespulse.notification.config.NotificationConfig;
import com.salespulse.security.ActingScope;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The sender: every poll interval it takes the due deliveries of all tenants and attempts each in its own
 * transaction, acting for the delivery's tenant. It keeps no state of its own: the queue is the {@code delivery}
 * table, so a restarted service (or a second instance) simply carries on from the rows.
 */
@ApplicationScoped
public class DeliveryScheduler {

    /** The scheduler job's identity, to pause and resume it (tests, maintenance). */
    public static final String JOB = "delivery-sender";

    private static final Logger LOG = Logger.getLogger(DeliveryScheduler.class);

    private final DeliveryRepository deliveries;
    private final DeliveryAttemptService attempts;
    private final ActingScope acting;
    private final Clock clock;
    private final int batchSize;

    public DeliveryScheduler(
            DeliveryRepository deliveries,
            DeliveryAttemptService attempts,
            ActingScope acting,
            Clock clock,
            NotificationConfig config) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.acting = acting;
        this.clock = clock;
        this.batchSize = config.delivery().batchSize();
    }

    @Scheduled(
            identity = JOB,
            every = "${salespulse.notification.delivery.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sendDue() {
        for (DeliveryRepository.Due due : dueDeliveries()) {
            try {
                acting.run(due.tenant(), NotificationConfig.SYSTEM_ACTOR, () -> attempts.attempt(due.id()));
            } catch (RuntimeException e) {
                // the row stays PENDING and due: the next round tries again
                LOG.warnf(e, "Delivery %s could not be attempted", due.id());
            }
        }
    }

    @Transactional
    List<DeliveryRepository.Due> dueDeliveries() {
        return deliveries.dueOfAllTenants(clock.instant(), batchSize);
    }
}
