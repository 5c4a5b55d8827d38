package com.salespulse.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

class DatabaseWaitTest {

    private final DatabaseWait database = new DatabaseWait(Duration.ofMillis(1), Duration.ofMillis(4));

    @Test
    void aRecordIsAppliedAgainUntilTheDatabaseTakesIt() {
        AtomicInteger tries = new AtomicInteger();

        database.apply("salespulse.lead.events", () -> {
            if (tries.incrementAndGet() <= 20) {
                throw new PersistenceException(new GenericJDBCException(
                        "Unable to acquire JDBC Connection", new SQLException("Sorry, acquisition timeout!")));
            }
        });

        assertThat(tries).hasValue(21);
        assertThat(database.failedApplies()).isEqualTo(20);
        assertThat(database.waitingConsumers()).isZero();
        assertThat(database.health().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aRecordTheModelRefusesFailsAtOnceForTheDeadLetterTopic() {
        AtomicInteger tries = new AtomicInteger();
        ConstraintViolationException refused =
                new ConstraintViolationException("x", new SQLException("duplicate key", "23505"), "deal_pkey");

        assertThatThrownBy(() -> database.apply("salespulse.lead.events", () -> {
                    tries.incrementAndGet();
                    throw refused;
                }))
                .isSameAs(refused);
        assertThat(tries).hasValue(1);
        assertThat(database.failedApplies()).isZero();
    }

    @Test
    void readinessIsDownWhileAConsumerWaitsAndNamesTheTopic() {
        AtomicInteger tries = new AtomicInteger();
        HealthCheckResponse[] whileWaiting = new HealthCheckResponse[1];

        database.apply("salespulse.roster.events", () -> {
            if (tries.incrementAndGet() == 1) {
                throw new PersistenceException(new SQLException("Connection refused", "08001"));
            }
            whileWaiting[0] = database.health();
        });

        assertThat(whileWaiting[0].getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(whileWaiting[0].getData().orElseThrow().keySet())
                .singleElement()
                .asString()
                .startsWith("salespulse.roster.events#");
        assertThat(database.health().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
