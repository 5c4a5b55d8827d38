package com.salespulse.lead.transfer;

import com.salespulse.lead.TenantsWithRows;
import com.salespulse.security.ActingScope;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Times out the card transfers whose deal part never arrives: a transfer still waiting for deal-service's report
 * {@code salespulse.transfer.deal-part-timeout} after its request was sent becomes TIMED_OUT with the reason, for the
 * head of sales to see on {@code GET /api/v1/transfers/{id}} and retry.
 */
@ApplicationScoped
public class TransferTimeouts {

    static final String ACTOR = "system:transfer-timeout";

    private static final Logger LOG = Logger.getLogger(TransferTimeouts.class);

    private final TenantsWithRows tenants;
    private final ActingScope acting;
    private final TransferService transfers;
    private final Duration timeout;

    public TransferTimeouts(
            TenantsWithRows tenants,
            ActingScope acting,
            TransferService transfers,
            @ConfigProperty(name = "salespulse.transfer.deal-part-timeout", defaultValue = "PT15M") Duration timeout) {
        this.tenants = tenants;
        this.acting = acting;
        this.transfers = transfers;
        this.timeout = timeout;
    }

    /** The scheduler's entry; tests call {@link #timeOutAll()} after moving the clock. */
    @Scheduled(
            identity = "card-transfer-timeout",
            every = "${salespulse.transfer.timeout-check-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        timeOutAll();
    }

    /** @return how many transfers timed out across tenants */
    public int timeOutAll() {
        int timedOut = 0;
        for (String tenant : tenants.of("select distinct tenant_id from card_transfer where status = 'IN_PROGRESS'")) {
            try {
                timedOut += acting.call(tenant, ACTOR, () -> transfers.timeOut(timeout));
            } catch (RuntimeException e) {
                // one tenant's failure must not keep the others' transfers waiting
                LOG.warnf(e, "Timing out the card transfers of tenant %s failed", tenant);
            }
        }
        return timedOut;
    }
}
