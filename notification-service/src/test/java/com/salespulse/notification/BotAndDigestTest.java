package com.salespulse.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.notification.delivery.DeliveryScheduler;
import com.salespulse.notification.digest.DigestScheduler;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bot channel against a stub bot API over HTTP, quiet hours and the daily digest, with the application's clock
 * moved by the test.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class BotAndDigestTest {

    private static BotStub bot;

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    TestClock clock;

    @Inject
    SchedulerRounds rounds;

    @BeforeAll
    static void startBotApi() throws Exception {
        bot = new BotStub();
    }

    @AfterAll
    static void stopBotApi() {
        bot.close();
    }

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void aBotSubscriberGetsTheAlertTextInTheirChat() {
        String tenant = "bot-" + UUID.randomUUID();
        UUID manager = UUID.randomUUID();
        String chat = chatId();
        subscribeABotToIvansAlerts(tenant, manager, chat, Map.of("language", "en"));
        AlertRaised alert = Alerts.overdueTasks(manager, Instant.now());
        Alerts.publish(kafka, tenant, alert);

        BotStub.Sent sent = await().atMost(Duration.ofSeconds(15))
                .until(() -> bot.sentTo(chat), m -> m.size() == 1)
                .get(0);
        assertThat(sent.path()).isEqualTo("/bot123456:test-token/sendMessage");
        assertThat(sent.text())
                .startsWith("Warning: Overdue tasks")
                .contains("Ivan Petrov has 7 overdue tasks")
                .contains("- overdueTasks: 7");
        JsonPath log = WebhookDeliveryTest.deliveries(alert.alertId(), tenant);
        assertThat(log.getString("[0].status")).isEqualTo("DELIVERED");
        assertThat(log.getString("[0].channel")).isEqualTo("BOT");
        assertThat(log.getInt("[0].attemptLog[0].statusCode")).isEqualTo(200);
    }

    @Test
    void anAlertInQuietHoursWaitsForTheirEndAndIsThenSent() throws Exception {
        String tenant = "quiet-" + UUID.randomUUID();
        UUID manager = UUID.randomUUID();
        String chat = chatId();
        // Wednesday 23:30 in Moscow
        clock.runOnFrom(Instant.parse("2026-11-25T20:30:00Z"));
        subscribeABotToIvansAlerts(tenant, manager, chat, Map.of("quietFrom", "22:00", "quietTo", "08:00"));
        AlertRaised alert = Alerts.overdueTasks(manager, Instant.parse("2026-11-25T20:30:00Z"));
        Alerts.publish(kafka, tenant, alert);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !WebhookDeliveryTest.deliveries(alert.alertId(), tenant)
                        .getList("id")
                        .isEmpty());
        JsonPath waiting = WebhookDeliveryTest.deliveries(alert.alertId(), tenant);
        assertThat(waiting.getString("[0].status")).isEqualTo("PENDING");
        assertThat(waiting.getString("[0].nextAttemptAt")).isEqualTo("2026-11-26T05:00:00Z");
        assertThat(waiting.getString("[0].note")).startsWith("quiet hours");
        rounds.awaitFullRound(DeliveryScheduler.JOB);
        assertThat(bot.sentTo(chat)).isEmpty();
        assertThat(WebhookDeliveryTest.deliveries(alert.alertId(), tenant).getInt("[0].attempts"))
                .isZero();

        // 08:00 in Moscow: the message goes out
        clock.runOnFrom(Instant.parse("2026-11-26T05:00:00Z"));
        await().atMost(Duration.ofSeconds(15)).until(() -> bot.sentTo(chat).size() == 1);
        assertThat(bot.sentTo(chat).get(0).text()).startsWith("Внимание: Просроченные задачи");
        assertThat(WebhookDeliveryTest.deliveries(alert.alertId(), tenant).getString("[0].status"))
                .isEqualTo("DELIVERED");
    }

    @Test
    void theHeadGetsOneDigestAtNineOnWorkingDaysOnly() throws Exception {
        String tenant = "digest-" + UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        UUID boris = UUID.randomUUID();
        String digestChat = chatId();
        String alertChat = chatId();
        // the tenant's calendar (lead-service's settings): Moscow time, 31 December a holiday
        RosterEvents.calendar(kafka, tenant, "Europe/Moscow", 1, java.time.LocalDate.parse("2026-12-31"));
        // Friday 27 November 2026, 08:50 in Moscow
        clock.runOnFrom(Instant.parse("2026-11-27T05:50:00Z"));
        // the head's digest subscription takes no alerts of its own (a type nobody raises here), only the digest
        Map<String, Object> digest = new HashMap<>(Map.of(
                "channel",
                "BOT",
                "botChatId",
                digestChat,
                "timeZone",
                "Europe/Moscow",
                "dailyDigest",
                true,
                "alertTypes",
                List.of("LEAD_INFLOW_DROP")));
        subscribe(tenant, digest);
        subscribe(tenant, Map.of("channel", "BOT", "botChatId", alertChat, "timeZone", "Europe/Moscow"));

        AlertRaised annaOverdue = Alerts.overdueTasks(anna, "a1", Instant.parse("2026-11-27T05:30:00Z"));
        AlertRaised annaAgain = Alerts.overdueTasks(anna, "a2", Instant.parse("2026-11-27T05:35:00Z"));
        AlertRaised borisOverdue = Alerts.overdueTasks(boris, "b1", Instant.parse("2026-11-27T05:36:00Z"));
        for (AlertRaised alert : List.of(annaOverdue, annaAgain, borisOverdue)) {
            Alerts.publish(kafka, tenant, alert);
        }
        Alerts.publish(kafka, tenant, Alerts.resolutionOf(borisOverdue, Instant.parse("2026-11-27T05:40:00Z")));
        // taken in: the alert chat has the three alerts and the resolution
        await().atMost(Duration.ofSeconds(20)).until(() -> bot.sentTo(alertChat).size() == 4);
        digestAndSenderRounds();
        assertThat(bot.sentTo(digestChat)).as("no digest before nine").isEmpty();

        clock.runOnFrom(Instant.parse("2026-11-27T06:00:05Z"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> bot.sentTo(digestChat).size() == 1);
        String text = bot.sentTo(digestChat).get(0).text();
        assertThat(text)
                .startsWith("Ежедневная сводка за 2026-11-27")
                .contains("Открытых оповещений: 2")
                .contains("Поднято сегодня: 3")
                .contains("Решено сегодня: 1")
                .contains("- Просроченные задачи: 2")
                .contains("- Ivan Petrov: 2")
                // the digest names managers, never by their id
                .doesNotContain(anna.toString())
                .doesNotContain(boris.toString());

        digestAndSenderRounds();
        assertThat(bot.sentTo(digestChat)).as("one digest a day").hasSize(1);

        clock.runOnFrom(Instant.parse("2026-11-28T07:00:00Z")); // Saturday 10:00
        digestAndSenderRounds();
        clock.runOnFrom(Instant.parse("2026-12-31T07:00:00Z")); // the tenant's holiday, Thursday 10:00
        digestAndSenderRounds();
        assertThat(bot.sentTo(digestChat)).as("none on a weekend or a holiday").hasSize(1);

        clock.runOnFrom(Instant.parse("2026-11-30T06:01:00Z")); // Monday 09:01
        await().atMost(Duration.ofSeconds(15))
                .until(() -> bot.sentTo(digestChat).size() == 2);
        assertThat(bot.sentTo(digestChat).get(1).text())
                .startsWith("Ежедневная сводка за 2026-11-30")
                .contains("Открытых оповещений: 2")
                .contains("Поднято сегодня: 0");
    }

    @Test
    void theDigestKeepsTheTenantsCalendarItsZoneAndItsOwnHoliday() throws Exception {
        String tenant = "digest-nsk-" + UUID.randomUUID();
        String digestChat = chatId();
        // lead-service's settings: Novosibirsk time (UTC+7 all year), Wednesday 2 December 2026 a holiday of its own
        RosterEvents.calendar(kafka, tenant, "Asia/Novosibirsk", 1, java.time.LocalDate.parse("2026-12-02"));
        // the subscriber's own zone (Moscow) is for quiet hours: the digest follows the tenant's day and hour
        subscribe(
                tenant,
                new HashMap<>(Map.of(
                        "channel",
                        "BOT",
                        "botChatId",
                        digestChat,
                        "timeZone",
                        "Europe/Moscow",
                        "dailyDigest",
                        true,
                        "alertTypes",
                        List.of("LEAD_INFLOW_DROP"))));

        // Tuesday 1 December, 08:59 in Novosibirsk (01:59 UTC): not yet
        clock.runOnFrom(Instant.parse("2026-12-01T01:59:00Z"));
        digestAndSenderRounds();
        assertThat(bot.sentTo(digestChat)).as("none before nine in Novosibirsk").isEmpty();
        // 09:00:05 in Novosibirsk, 05:00 in Moscow: the digest goes, hours before nine in Moscow
        clock.runOnFrom(Instant.parse("2026-12-01T02:00:05Z"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> bot.sentTo(digestChat).size() == 1);
        assertThat(bot.sentTo(digestChat).get(0).text()).startsWith("Ежедневная сводка за 2026-12-01");

        // Wednesday 2 December, 10:00 in Novosibirsk: the tenant's holiday, no digest
        clock.runOnFrom(Instant.parse("2026-12-02T03:00:00Z"));
        digestAndSenderRounds();
        assertThat(bot.sentTo(digestChat)).as("none on the holiday").hasSize(1);

        // Thursday 3 December, 09:01 in Novosibirsk
        clock.runOnFrom(Instant.parse("2026-12-03T02:01:00Z"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> bot.sentTo(digestChat).size() == 2);
        assertThat(bot.sentTo(digestChat).get(1).text()).startsWith("Ежедневная сводка за 2026-12-03");
    }

    /** A whole digest round, then a whole sender round: whatever a digest due now would send has been sent. */
    private void digestAndSenderRounds() {
        rounds.awaitFullRound(DigestScheduler.JOB);
        rounds.awaitFullRound(DeliveryScheduler.JOB);
    }

    /** A Telegram-style chat id: a positive number, different in every test. */
    static String chatId() {
        return Long.toString((UUID.randomUUID().getMostSignificantBits() >>> 1) | 1);
    }

    /** Hires the manager Ivan Petrov and subscribes a bot chat to his alerts in Moscow time, with these fields too. */
    private void subscribeABotToIvansAlerts(String tenant, UUID manager, String chat, Map<String, Object> more) {
        RosterEvents.hire(kafka, tenant, manager, "Ivan Petrov");
        Map<String, Object> body = new HashMap<>(Map.of(
                "channel",
                "BOT",
                "botChatId",
                chat,
                "timeZone",
                "Europe/Moscow",
                "managerIds",
                List.of(manager.toString())));
        body.putAll(more);
        subscribe(tenant, body);
    }

    private static void subscribe(String tenant, Map<String, Object> body) {
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201);
    }
}
