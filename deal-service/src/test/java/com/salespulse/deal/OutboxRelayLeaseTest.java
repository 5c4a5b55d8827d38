package com.salespulse.deal;

import static com.salespulse.deal.LeadEvents.convertLead;
import static org.awaitility.Awaitility.await;

import com.salespulse.messaging.outbox.OutboxEventRepository;
import com.salespulse.messaging.outbox.OutboxRelay;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.RelayLease;
import com.salespulse.testsupport.TestTenants;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The relay renews its lease only now and then, not every round, and marks a round's events published in the next
 * round's transaction; it must still publish nothing while another instance holds the lease, even right after it
 * relayed itself, and publish again once the lease is its own. The poll is off here, so only commits drive the relay
 * (the poll would otherwise find this instance idle, give the lease up and forget it held it).
 */
@QuarkusTest
// another instance taking the lease over is a fault of the kind the faults profile runs (a lease lost), and this
// class's profile costs the README's command a second start of the application, database and broker
@Tag("faults")
@TestProfile(OutboxRelayLeaseTest.CommitsOnly.class)
@WithTestResource(EmbeddedInfra.class)
class OutboxRelayLeaseTest {

    public static class CommitsOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("salespulse.outbox.poll-interval", "1h");
        }
    }

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    OutboxEventRepository outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void aLeaseTakenOverRightAfterThisInstanceRelayedHoldsItsNextEventsBackUntilItIsHandedBack() {
        String tenant = TestTenants.fresh();
        UUID managerId = RosterEvents.hire(kafka, tenant);
        convertLead(kafka, tenant, UUID.randomUUID(), managerId);
        await().atMost(Duration.ofSeconds(10)).until(() -> published() > 0); // this instance relays: it holds the lease

        RelayLease.holdBy(dataSource, "another-host:8080");
        double before = published();
        String second = convertLead(kafka, tenant, UUID.randomUUID(), managerId);
        await().pollInSameThread()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> published() == before && unpublished(second) > 0);

        RelayLease.holdBy(dataSource, relay.holder());
        convertLead(kafka, tenant, UUID.randomUUID(), managerId); // its commit nudges the relay
        await().atMost(Duration.ofSeconds(10)).until(() -> published() >= before + 2); // the held-back one too
    }

    private double published() {
        return registry.get("salespulse.outbox.published").counter().count();
    }

    @AfterEach
    void giveTheLeaseBack() {
        RelayLease.forget(dataSource);
    }

    private long unpublished(String dealId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) outbox.getEntityManager()
                                .createNativeQuery("select count(*) from outbox_event where aggregate_id = ?1"
                                        + " and published_at is null")
                                .setParameter(1, UUID.fromString(dealId))
                                .getSingleResult())
                        .longValue());
    }
}
