package com.salespulse.notification;

import com.salespulse.notification.delivery.DeliveryScheduler;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import com.salespulse.testsupport.hostile.HostileInput;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every write endpoint of notification-service with a JSON body, under the generated hostile-input cases of
 * test-support's kit: each hostile field is a 400 problem naming it, and no table changes. The only such endpoint is
 * POST /api/v1/subscriptions (the secret rotation takes no body). Its fixture fills every optional field, with a
 * manager and a team the roster replica knows.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class HostileInputTest {

    private static final String TENANT = "hostile-notification";
    private static final UUID MANAGER = UUID.randomUUID();
    private static final UUID TEAM = UUID.randomUUID();

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    Scheduler scheduler;

    /**
     * The sender and the digest write deliveries, attempts, subscription health and outcome events on their own; they
     * wait while the database is compared before and after each hostile request.
     */
    @BeforeEach
    void quietBackground() {
        scheduler.pause(DeliveryScheduler.JOB);
        scheduler.pause("daily-digest");
        RosterEvents.hire(kafka, TENANT, MANAGER, "Hostile Manager");
        RosterEvents.createTeam(kafka, TENANT, TEAM, "Hostile Team");
    }

    @AfterEach
    void resumeBackground() {
        scheduler.resume(DeliveryScheduler.JOB);
        scheduler.resume("daily-digest");
    }

    @TestFactory
    Stream<DynamicNode> everyWriteEndpointRefusesHostileInputAndWritesNothing() {
        String head = TestTokens.head(TENANT);
        return HostileInput.ofThisService()
                .operation(
                        "POST /api/v1/ops/dead-letters/replay",
                        // selects an event id nothing parked carries: the valid request replays nothing
                        op -> op.token(TestTokens.ops()).body(() -> "{\"eventIds\":[\"" + UUID.randomUUID() + "\"]}"))
                .operation(
                        "POST /api/v1/subscriptions",
                        op -> op.token(head)
                                .body(() -> "{"
                                        + "\"personId\":\"" + MANAGER + "\","
                                        + "\"channel\":\"BOT\","
                                        + "\"botChatId\":\"" + BotAndDigestTest.chatId() + "\","
                                        + "\"alertTypes\":[\"OVERDUE_TASKS\"],"
                                        + "\"managerIds\":[\"" + MANAGER + "\"],"
                                        + "\"teamIds\":[\"" + TEAM + "\"],"
                                        + "\"language\":\"en\","
                                        + "\"timeZone\":\"Europe/Moscow\","
                                        + "\"quietFrom\":\"22:00\","
                                        + "\"quietTo\":\"08:00\","
                                        + "\"dailyDigest\":true}"))
                .tests();
    }
}
