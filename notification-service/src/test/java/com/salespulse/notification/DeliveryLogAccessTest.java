package com.salespulse.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may read which part of the delivery log. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DeliveryLogAccessTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aManagerSeesTheDeliveriesOfTheirOwnSubscriptionsOnly() {
        String tenant = "log-" + UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        String annasSubscription = subscribe(TestTokens.manager(tenant, anna));
        String headsSubscription = subscribe(TestTokens.head(tenant));
        AlertRaised alert = Alerts.overdueTasks(anna, Instant.now());
        Alerts.publish(kafka, tenant, alert);

        List<String> headSees = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> given().auth()
                                .oauth2(TestTokens.head(tenant))
                                .get("/api/v1/alerts/" + alert.alertId() + "/deliveries")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<List<String>>path("subscriptionId"),
                        ids -> ids.size() == 2);
        assertThat(headSees).containsExactlyInAnyOrder(annasSubscription, headsSubscription);

        List<String> annaSees = given().auth()
                .oauth2(TestTokens.manager(tenant, anna))
                .get("/api/v1/alerts/" + alert.alertId() + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .path("subscriptionId");
        assertThat(annaSees).containsExactly(annasSubscription);
        given().auth()
                .oauth2(TestTokens.manager(tenant, anna))
                .get("/api/v1/subscriptions/" + headsSubscription + "/deliveries")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.manager(tenant, anna))
                .get("/api/v1/subscriptions/" + annasSubscription + "/deliveries")
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1));
        // another tenant's head sees nothing of it
        given().auth()
                .oauth2(TestTokens.head("other-" + UUID.randomUUID()))
                .get("/api/v1/alerts/" + alert.alertId() + "/deliveries")
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .get("/api/v1/subscriptions/" + annasSubscription + "/deliveries?limit=0")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo("limit"));
    }

    /** A bot subscription nobody answers for: the deliveries exist (and retry) whatever becomes of them. */
    private static String subscribe(String token) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("channel", "BOT", "botChatId", BotAndDigestTest.chatId(), "timeZone", "UTC"))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
