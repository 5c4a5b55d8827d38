package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An alert evaluation that finds its tenant being evaluated (here: the tenant's lock held by this test, as a slow
 * evaluation on another instance would) gives way at once instead of waiting on a connection, and the change it was
 * woken for still raises its alert as soon as the running evaluation ends.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class AlertEvaluationGivesWayTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID SALES = UUID.randomUUID();

    @Inject
    TestClock clock;

    @Inject
    DataSource dataSource;

    @InjectKafka
    KafkaCompanion kafka;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void anEvaluationThatFindsTheTenantBeingEvaluatedReturnsAtOnceAndItsChangeIsSeenWhenTheRunningOneEnds()
            throws SQLException {
        clock.set(NOW);
        String tenant = TestTenants.fresh();
        try (Connection running = dataSource.getConnection()) {
            running.setAutoCommit(false);
            // "the running evaluation": the tenant's alert lock, held until this transaction ends
            try (PreparedStatement lock = running.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "alerts:" + tenant);
                lock.execute();
            }

            // Anna, capacity 1, gets two leads: 200 % of her capacity, over the default limit of 100 %
            new EventPublisher(kafka, tenant)
                    .publish(
                            RosterEvents.hired(ANNA, "Anna", SALES, 1, "2026-01-10T09:00:00Z"),
                            LeadEvents.lead(UUID.randomUUID(), "website", ANNA, "L1", "2026-11-10T12:00:00Z"),
                            LeadEvents.lead(UUID.randomUUID(), "website", ANNA, "L2", "2026-11-11T12:00:00Z"));
            await().atMost(Duration.ofSeconds(30)).until(() -> load(tenant).getLong("figures.openCards") == 2);

            // the changed tick (and the sweep) tried the tenant, found it taken and left it due
            await().atMost(Duration.ofSeconds(20)).until(() -> due(tenant) > 0);
            for (int sample = 0; sample < 10; sample++) {
                assertThat(waitingForTheTenantsLock(tenant))
                        .as("no evaluation waits for the running one on a connection")
                        .isZero();
                sleep(Duration.ofMillis(300));
            }
            assertThat(overCapacityAlerts(tenant))
                    .as("nothing evaluated while the tenant is taken")
                    .isZero();

            running.rollback();
        }

        // the running evaluation ended: the next tick evaluates the tenant left due, with the leads applied
        await().atMost(Duration.ofSeconds(15)).until(() -> overCapacityAlerts(tenant) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> due(tenant) == 0);
        JsonPath alerts = alerts(tenant);
        assertThat(alerts.getString("find { it.alertType == 'MANAGER_OVER_CAPACITY' }.conditionKey"))
                .isEqualTo("MANAGER_OVER_CAPACITY:manager:" + ANNA);
    }

    /** Connections waiting for the tenant's alert lock (a single-key advisory lock: the key's high and low halves). */
    private long waitingForTheTenantsLock(String tenant) {
        return count("""
                select count(*) from pg_locks
                where locktype = 'advisory' and not granted and objsubid = 1
                  and ((classid::bigint << 32) | objid::bigint) = hashtext(?)::bigint""", "alerts:" + tenant);
    }

    private long due(String tenant) {
        return count("select count(*) from alert_evaluation_due where tenant_id = ?", tenant);
    }

    private long count(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long overCapacityAlerts(String tenant) {
        return alerts(tenant)
                .getList("findAll { it.alertType == 'MANAGER_OVER_CAPACITY' }")
                .size();
    }

    private static JsonPath alerts(String tenant) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/alerts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath load(String tenant) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/metrics/manager-load")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
