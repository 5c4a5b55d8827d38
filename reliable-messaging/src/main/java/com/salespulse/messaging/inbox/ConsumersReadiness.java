package com.salespulse.messaging.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness DOWN while an event consumer waits for the database to take a record ({@link DatabaseWait}). */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {

    private final DatabaseWait database;

    public ConsumersReadiness(DatabaseWait database) {
        this.database = database;
    }

    @Override
    public HealthCheckResponse call() {
        return database.health();
    }
}
