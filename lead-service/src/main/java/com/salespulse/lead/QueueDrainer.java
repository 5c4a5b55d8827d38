package com.salespulse.lead;

import com.salespulse.security.ActingScope;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Drains the unassigned queue as managers come on shift, come back from absence or free capacity: every tenant with
 * queued leads gets its queue offered to the managers who qualify now, oldest lead first.
 */
@ApplicationScoped
public class QueueDrainer {

    static final String ACTOR = "system:lead-queue";

    private static final Logger LOG = Logger.getLogger(QueueDrainer.class);

    private final TenantsWithRows tenants;
    private final ActingScope acting;
    private final LeadService leads;

    public QueueDrainer(TenantsWithRows tenants, ActingScope acting, LeadService leads) {
        this.tenants = tenants;
        this.acting = acting;
        this.leads = leads;
    }

    /** The scheduler's entry; tests call {@link #drainAll()} after moving the clock. */
    @Scheduled(
            identity = "lead-queue-drain",
            every = "${salespulse.lead.queue-drain-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        drainAll();
    }

    /** @return how many leads were assigned across tenants */
    public int drainAll() {
        int assigned = 0;
        for (String tenant : tenants.of("""
                select distinct tenant_id from lead
                where manager_id is null and archived_at is null and status in ('NEW', 'IN_WORK', 'QUALIFIED')""")) {
            try {
                assigned += acting.call(tenant, ACTOR, () -> leads.drainQueue());
            } catch (RuntimeException e) {
                // one tenant's failure must not keep the others' leads waiting
                LOG.warnf(e, "Draining the lead queue of tenant %s failed", tenant);
            }
        }
        return assigned;
    }
}
