package com.salespulse.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Subscriptions over REST: who may subscribe to what, and what is refused with the field named. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class SubscriptionApiTest {

    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID BORIS = UUID.randomUUID();

    @Test
    void aWebhookToAPrivateAddressIsRefusedForATenantNotAllowedThem() {
        // the %test config allows private targets for the tenant 'receiver-lab' only; this tenant is not it
        String tenant = "plain-" + UUID.randomUUID();
        for (String url : List.of(
                "http://127.0.0.1:8080/hook",
                "http://10.0.0.5/hook",
                "http://169.254.169.254/latest",
                "http://[::1]/hook",
                "http://localhost/hook")) {
            given().auth()
                    .oauth2(TestTokens.head(tenant))
                    .contentType(ContentType.JSON)
                    .body("{\"channel\":\"WEBHOOK\",\"webhookUrl\":\"" + url + "\",\"timeZone\":\"Europe/Moscow\"}")
                    .when()
                    .post("/api/v1/subscriptions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("invalidFields[0].field", equalTo("webhookUrl"))
                    .body("invalidFields[0].message", containsString("public addresses"));
        }
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/subscriptions")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aWebhookSubscriptionGetsASecretShownOnlyOnceAndEveryChangeIsAnEventWithoutIt() {
        ConsumerTask<String, byte[]> events = kafka.consume(String.class, byte[].class)
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.NOTIFICATION_EVENTS);
        String tenant = "receiver-lab";
        UUID manager = UUID.randomUUID();
        RosterEvents.hire(kafka, tenant, manager, "Vera Lab");
        String id = given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(
                        "{\"channel\":\"WEBHOOK\",\"webhookUrl\":\"http://127.0.0.1:9/hook\",\"timeZone\":\"Europe/Moscow\","
                                + "\"managerIds\":[\"" + manager + "\"]}")
                .when()
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/subscriptions/"))
                .body("newWebhookSecret", startsWith("whsec_"))
                .body("activeSecrets", equalTo(1))
                .body("language", equalTo("ru"))
                .body("failing", equalTo(false))
                .extract()
                .path("id");

        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/subscriptions/" + id)
                .then()
                .statusCode(200)
                .body("newWebhookSecret", nullValue());
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .post("/api/v1/subscriptions/" + id + "/secret-rotation")
                .then()
                .statusCode(200)
                .body("newWebhookSecret", startsWith("whsec_"))
                .body("activeSecrets", equalTo(2));
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .delete("/api/v1/subscriptions/" + id + "/previous-secret")
                .then()
                .statusCode(200)
                .body("activeSecrets", equalTo(1));
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .delete("/api/v1/subscriptions/" + id)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/subscriptions/" + id)
                .then()
                .statusCode(404);

        try {
            CloudEventCodec codec = new CloudEventCodec();
            List<String> types = await().atMost(Duration.ofSeconds(15))
                    .until(
                            () -> events.getRecords().stream()
                                    .filter(r -> id.equals(r.key()))
                                    .map(r -> codec.decode(r.value()).type().type())
                                    .toList(),
                            list -> list.size() == 4);
            assertThat(types)
                    .containsExactly(
                            "salespulse.notification.subscription-created",
                            "salespulse.notification.webhook-secret-rotated",
                            "salespulse.notification.webhook-secret-rotated",
                            "salespulse.notification.subscription-deleted");
            assertThat(events.getRecords().stream()
                            .filter(r -> id.equals(r.key()))
                            .map(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)))
                    .noneMatch(json -> json.contains("whsec_"))
                    .anyMatch(json -> json.contains("\"actor\":\"user:"));
        } finally {
            events.stop();
        }
    }

    @Test
    void eachChannelNeedsItsAddressAndEveryBadFieldIsNamed() {
        String head = TestTokens.head("fields-" + UUID.randomUUID());
        assertRefused(head, "{\"channel\":\"EMAIL\",\"timeZone\":\"Europe/Moscow\"}", "email");
        assertRefused(
                head, "{\"channel\":\"EMAIL\",\"email\":\"not-an-address\",\"timeZone\":\"Europe/Moscow\"}", "email");
        assertRefused(head, "{\"channel\":\"BOT\",\"timeZone\":\"Europe/Moscow\"}", "botChatId");
        assertRefused(head, "{\"channel\":\"WEBHOOK\",\"timeZone\":\"Europe/Moscow\"}", "webhookUrl");
        assertRefused(
                head,
                "{\"channel\":\"WEBHOOK\",\"webhookUrl\":\"ftp://example.com/x\",\"timeZone\":\"Europe/Moscow\"}",
                "webhookUrl");
        assertRefused(head, "{\"channel\":\"BOT\",\"botChatId\":\"42\",\"timeZone\":\"Mars/Olympus\"}", "timeZone");
        assertRefused(head, "{\"channel\":\"BOT\",\"botChatId\":\"42\"}", "timeZone");
        assertRefused(
                head,
                "{\"channel\":\"BOT\",\"botChatId\":\"42\",\"timeZone\":\"UTC\",\"quietFrom\":\"22:00\"}",
                "quietTo");
        assertRefused(
                head,
                "{\"channel\":\"BOT\",\"botChatId\":\"42\",\"timeZone\":\"UTC\",\"quietFrom\":\"25:00\",\"quietTo\":\"08:00\"}",
                "quietFrom");
        assertRefused(head, "{\"channel\":\"PIGEON\",\"timeZone\":\"UTC\"}", "channel");
        assertRefused(
                head,
                "{\"channel\":\"BOT\",\"botChatId\":\"42\",\"timeZone\":\"UTC\",\"alertTypes\":[\"RAIN\"]}",
                "alertTypes[0]");
        assertRefused(
                head,
                "{\"channel\":\"BOT\",\"botChatId\":\"42\",\"timeZone\":\"UTC\",\"language\":\"de\"}",
                "language");
        assertRefused(head, "{\"timeZone\":\"UTC\"}", "channel");
    }

    @Test
    void aManagerSubscribesOnlyToTheirOwnAlertsAndSeesOnlyTheirOwnSubscriptions() {
        String tenant = "mgr-" + UUID.randomUUID();
        String anna = TestTokens.manager(tenant, ANNA);

        given().auth()
                .oauth2(anna)
                .contentType(ContentType.JSON)
                .body("{\"channel\":\"BOT\",\"botChatId\":\"1\",\"timeZone\":\"UTC\",\"managerIds\":[\"" + BORIS
                        + "\"]}")
                .when()
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("managerIds"));
        given().auth()
                .oauth2(anna)
                .contentType(ContentType.JSON)
                .body("{\"channel\":\"BOT\",\"botChatId\":\"1\",\"timeZone\":\"UTC\",\"dailyDigest\":true}")
                .when()
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("dailyDigest"));
        String annas = given().auth()
                .oauth2(anna)
                .contentType(ContentType.JSON)
                .body("{\"channel\":\"BOT\",\"botChatId\":\"1\",\"timeZone\":\"UTC\"}")
                .when()
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201)
                .body("ownerManagerId", equalTo(ANNA.toString()))
                .body("managerIds", equalTo(List.of(ANNA.toString())))
                .extract()
                .path("id");
        String heads = given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(
                        "{\"channel\":\"EMAIL\",\"email\":\"head@example.com\",\"timeZone\":\"Europe/Moscow\",\"dailyDigest\":true}")
                .when()
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201)
                .body("ownerManagerId", nullValue())
                .extract()
                .path("id");

        List<String> annaSees = given().auth()
                .oauth2(anna)
                .when()
                .get("/api/v1/subscriptions")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        assertThat(annaSees).containsExactly(annas);
        given().auth()
                .oauth2(anna)
                .when()
                .get("/api/v1/subscriptions/" + heads)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(anna)
                .when()
                .delete("/api/v1/subscriptions/" + heads)
                .then()
                .statusCode(404);
        List<String> headSees = given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/subscriptions")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        assertThat(headSees).containsExactly(annas, heads);
        // another tenant's head sees none of them
        given().auth()
                .oauth2(TestTokens.head("other-" + UUID.randomUUID()))
                .when()
                .get("/api/v1/subscriptions/" + annas)
                .then()
                .statusCode(404);
    }

    @Test
    void integratorsAndOpsHaveNoSubscriptions() {
        given().auth()
                .oauth2(TestTokens.integrator("acme"))
                .when()
                .get("/api/v1/subscriptions")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.ops())
                .when()
                .get("/api/v1/subscriptions")
                .then()
                .statusCode(403);
        given().when().get("/api/v1/subscriptions").then().statusCode(401);
    }

    private static void assertRefused(String token, String body, String field) {
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem(field));
    }
}
