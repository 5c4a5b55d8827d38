package com.salespulse.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** E-mail over real SMTP: GreenMail listens where the %test mailer config points. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class EmailDeliveryTest {

    private static final String TENANT = "mail-lab";
    private static GreenMail smtp;

    @InjectKafka
    KafkaCompanion kafka;

    @BeforeAll
    static void startSmtpServer() {
        int port = ConfigProvider.getConfig().getValue("quarkus.mailer.port", Integer.class);
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtpServer() {
        smtp.stop();
    }

    @Test
    void aRussianSubscriberGetsTheAlertAndItsResolutionInRussianAsTextAndHtml() throws Exception {
        UUID manager = UUID.randomUUID();
        String address = "rop-" + manager + "@example.com";
        subscribe(address, manager, "ru");
        AlertRaised alert = Alerts.overdueTasks(manager, Instant.now());
        Alerts.publish(kafka, TENANT, alert);

        MimeMessage mail = await().atMost(Duration.ofSeconds(15))
                .until(() -> mailsTo(address), m -> m.size() == 1)
                .get(0);
        assertThat(mail.getSubject())
                .isEqualTo("[Sales Pulse] Внимание: Просроченные задачи — Ivan Petrov: просроченных задач 7 (лимит 5)");
        assertThat(mail.getHeader("X-SalesPulse-Delivery")[0])
                .isEqualTo(
                        WebhookDeliveryTest.deliveries(alert.alertId(), TENANT).getString("[0].id"));
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertThat(text)
                .contains("Показатели:")
                .contains("- overdueTasks: 7")
                .contains("- limit: 5")
                .contains("7 tasks are past their due date")
                .contains("Europe/Moscow");
        assertThat(html).contains("<h3>Показатели</h3>").contains("<li>overdueTasks: <strong>7</strong></li>");

        Alerts.publish(kafka, TENANT, Alerts.resolutionOf(alert, Instant.now()));
        MimeMessage resolved = await().atMost(Duration.ofSeconds(15))
                .until(() -> mailsTo(address), m -> m.size() == 2)
                .get(1);
        assertThat(resolved.getSubject()).isEqualTo("[Sales Pulse] Решено: Просроченные задачи — Ivan Petrov");
        assertThat(part(resolved, "text/plain"))
                .contains("Overdue tasks are back under the limit.")
                .contains("- overdueTasks: 2");
    }

    @Test
    void anEnglishSubscriberGetsEnglish() throws Exception {
        UUID manager = UUID.randomUUID();
        String address = "head-" + manager + "@example.com";
        subscribe(address, manager, "en");
        Alerts.publish(kafka, TENANT, Alerts.overdueTasks(manager, Instant.now()));

        MimeMessage mail = await().atMost(Duration.ofSeconds(15))
                .until(() -> mailsTo(address), m -> m.size() == 1)
                .get(0);
        assertThat(mail.getSubject())
                .isEqualTo("[Sales Pulse] Warning: Overdue tasks — Ivan Petrov has 7 overdue tasks (limit 5)");
        assertThat(part(mail, "text/plain"))
                .contains("Figures:")
                .contains("The cards behind it: /api/v1/metrics/overdue-tasks");
        assertThat(part(mail, "text/html")).contains("<h3>Figures</h3>");
    }

    private void subscribe(String address, UUID manager, String language) {
        RosterEvents.hire(kafka, TENANT, manager, "Ivan Petrov");
        given().auth()
                .oauth2(TestTokens.head(TENANT))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "channel",
                        "EMAIL",
                        "email",
                        address,
                        "timeZone",
                        "Europe/Moscow",
                        "managerIds",
                        List.of(manager.toString()),
                        "language",
                        language))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201);
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(mail -> {
                    try {
                        return Arrays.stream(mail.getAllRecipients())
                                .anyMatch(r -> r.toString().equals(address));
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }

    /** The body part of this type, looking into nested multiparts. */
    private static String part(MimeMessage mail, String type) throws Exception {
        String found = find(mail.getContent(), type);
        assertThat(found).as("a %s part", type).isNotNull();
        return found;
    }

    private static String find(Object content, String type) throws Exception {
        if (content instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return (String) part.getContent();
                }
                String nested = find(part.getContent(), type);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
