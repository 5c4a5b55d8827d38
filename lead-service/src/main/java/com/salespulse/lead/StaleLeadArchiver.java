package com.salespulse.lead;

import com.salespulse.security.ActingScope;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** The stale rule: once a day, open leads with no change for the tenant's stale days are archived. */
@ApplicationScoped
public class StaleLeadArchiver {

    static final String ACTOR = "system:stale-rule";

    private static final Logger LOG = Logger.getLogger(StaleLeadArchiver.class);

    private final TenantsWithRows tenants;
    private final ActingScope acting;
    private final LeadService leads;

    public StaleLeadArchiver(TenantsWithRows tenants, ActingScope acting, LeadService leads) {
        this.tenants = tenants;
        this.acting = acting;
        this.leads = leads;
    }

    @Scheduled(
            identity = "stale-lead-archiver",
            cron = "${salespulse.lead.stale-rule-cron:0 30 3 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        archiveAll();
    }

    public int archiveAll() {
        int archived = 0;
        for (String tenant : tenants.of("""
                select distinct tenant_id from lead
                where archived_at is null and status in ('NEW', 'IN_WORK', 'QUALIFIED')""")) {
            try {
                archived += acting.call(tenant, ACTOR, () -> leads.archiveStale());
            } catch (RuntimeException e) {
                LOG.warnf(e, "The stale rule failed for tenant %s", tenant);
            }
        }
        return archived;
    }
}
