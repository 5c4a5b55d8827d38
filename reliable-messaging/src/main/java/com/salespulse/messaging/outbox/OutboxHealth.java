package com.salespulse.messaging.outbox;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The {@code outbox} health check, in its own group ({@code /q/health/group/outbox}): DOWN while events are
 * quarantined (the broker refused them for good; they and the later events of their aggregates are not sent), with
 * the counts. It is deliberately not a readiness check: the service still serves requests and relays the other
 * aggregates' events, and taking it out of the load balancer would not release anything. Ops act on it (see
 * docs/operations.md).
 */
@HealthGroup("outbox")
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    private final OutboxRelay relay;
    private final OutboxEventRepository repository;

    public OutboxHealth(OutboxRelay relay, OutboxEventRepository repository) {
        this.relay = relay;
        this.repository = repository;
    }

    @Override
    public HealthCheckResponse call() {
        long quarantined = relay.query(repository::countQuarantined);
        long pending = relay.query(repository::countUnpublished);
        return HealthCheckResponse.named("outbox")
                .status(quarantined == 0)
                .withData("quarantined", quarantined)
                .withData("pending", pending)
                .build();
    }
}
