package com.salespulse.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.contract.alert.AlertType;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A message names the manager an alert is about in the subscriber's language: the name the alert carries, else the
 * roster's, else a neutral word; never their id.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class AlertTextTest {

    private static BotStub bot;

    @InjectKafka
    KafkaCompanion kafka;

    @BeforeAll
    static void startBot() throws Exception {
        bot = new BotStub();
    }

    @AfterAll
    static void stopBot() {
        bot.close();
    }

    @Test
    void anAlertWithoutANameNamesTheManagerFromTheRosterInRussian() {
        String tenant = "txt-" + UUID.randomUUID();
        UUID manager = UUID.randomUUID();
        RosterEvents.hire(kafka, tenant, manager, "Анна Смирнова");
        String chat = subscribe(tenant, "ru");
        AlertRaised alert = withoutName(manager);
        Alerts.publish(kafka, tenant, alert);

        String text = await().atMost(Duration.ofSeconds(20))
                .until(() -> bot.sentTo(chat), m -> m.size() == 1)
                .get(0)
                .text();
        assertThat(text)
                .startsWith("Внимание: Просроченные задачи")
                .contains("Анна Смирнова: просроченных задач 7 (лимит 5)")
                .contains("Анна Смирнова has 7 overdue tasks; the limit is 5.");
        assertThat(humanPart(text)).doesNotContain(manager.toString());

        Alerts.publish(kafka, tenant, Alerts.resolutionOf(alert, Instant.now()));
        String resolved = await().atMost(Duration.ofSeconds(20))
                .until(() -> bot.sentTo(chat), m -> m.size() == 2)
                .get(1)
                .text();
        assertThat(resolved).startsWith("Решено: Просроченные задачи — Анна Смирнова");
    }

    @Test
    void theNameTheAlertCarriesComesFirst() {
        String tenant = "txt-" + UUID.randomUUID();
        UUID manager = UUID.randomUUID();
        RosterEvents.hire(kafka, tenant, manager, "Roster Name");
        String chat = subscribe(tenant, "en");
        Alerts.publish(kafka, tenant, Alerts.overdueTasks(manager, Instant.now()));

        String text = await().atMost(Duration.ofSeconds(20))
                .until(() -> bot.sentTo(chat), m -> m.size() == 1)
                .get(0)
                .text();
        assertThat(text).contains("Ivan Petrov has 7 overdue tasks (limit 5)").doesNotContain("Roster Name");
    }

    @Test
    void aManagerNobodyNamedIsCalledNeutrallyNeverByTheirId() {
        String tenant = "txt-" + UUID.randomUUID();
        UUID manager = UUID.randomUUID();
        String chat = subscribe(tenant, "en");
        Alerts.publish(kafka, tenant, withoutName(manager));

        String text = await().atMost(Duration.ofSeconds(20))
                .until(() -> bot.sentTo(chat), m -> m.size() == 1)
                .get(0)
                .text();
        assertThat(text).contains("A manager has 7 overdue tasks (limit 5)");
        assertThat(humanPart(text)).doesNotContain(manager.toString());
    }

    @Test
    void aSubscriptionWithoutALanguageReadsTheTenantsAndFollowsItsChange() {
        String tenant = "txt-" + UUID.randomUUID();
        UUID manager = UUID.randomUUID();
        RosterEvents.language(kafka, tenant, "en", 1);
        String chat = subscribe(tenant, null);
        Alerts.publish(kafka, tenant, Alerts.overdueTasks(manager, "OVERDUE_TASKS:one", Instant.now()));
        String english = await().atMost(Duration.ofSeconds(20))
                .until(() -> bot.sentTo(chat), m -> m.size() == 1)
                .get(0)
                .text();
        assertThat(english).startsWith("Warning: Overdue tasks").contains("Ivan Petrov has 7 overdue tasks (limit 5)");

        // the head switches the tenant to Russian in lead-service: the next message follows
        RosterEvents.language(kafka, tenant, "ru", 2);
        Alerts.publish(kafka, tenant, Alerts.overdueTasks(manager, "OVERDUE_TASKS:two", Instant.now()));
        String russian = await().atMost(Duration.ofSeconds(20))
                .until(() -> bot.sentTo(chat), m -> m.size() == 2)
                .get(1)
                .text();
        assertThat(russian)
                .startsWith("Внимание: Просроченные задачи")
                .contains("Ivan Petrov: просроченных задач 7 (лимит 5)");

        // a subscription in its own language keeps it: English for this Russian tenant
        String own = subscribe(tenant, "en");
        Alerts.publish(kafka, tenant, Alerts.overdueTasks(manager, "OVERDUE_TASKS:three", Instant.now()));
        assertThat(await().atMost(Duration.ofSeconds(20))
                        .until(() -> bot.sentTo(own), m -> m.size() == 1)
                        .get(0)
                        .text())
                .startsWith("Warning: Overdue tasks");
    }

    /** As analytics-service raised it before it knew names: the id in the title and the message. */
    private static AlertRaised withoutName(UUID manager) {
        return new AlertRaised(
                UUID.randomUUID(),
                AlertType.OVERDUE_TASKS,
                "OVERDUE_TASKS:manager:" + manager,
                manager,
                null,
                "WARNING",
                "Manager " + manager + " has 7 overdue tasks",
                "Manager " + manager + " has 7 overdue tasks; the limit is 5.",
                Map.of("overdueTasks", new BigDecimal("7"), "limit", new BigDecimal("5")),
                "/api/v1/metrics/overdue-tasks?managerId=" + manager,
                Instant.now(),
                null);
    }

    /** The text without the drill-down path, an API link that carries ids by design. */
    private static String humanPart(String text) {
        return Arrays.stream(text.split("\n"))
                .filter(line -> !line.contains("/api/v1/"))
                .collect(Collectors.joining("\n"));
    }

    /**
     * A head's BOT subscription to every alert of the tenant, in this language (null: none, the tenant's); returns
     * its chat id.
     */
    private static String subscribe(String tenant, String language) {
        String chat = BotAndDigestTest.chatId();
        Map<String, Object> body =
                new java.util.HashMap<>(Map.of("channel", "BOT", "botChatId", chat, "timeZone", "UTC"));
        if (language != null) {
            body.put("language", language);
        }
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201);
        return chat;
    }
}
