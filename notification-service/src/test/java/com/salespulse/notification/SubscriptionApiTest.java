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
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
                .body("items.size()", equalTo(0))
                .body("total", equalTo(0));
    }

    @InjectKafka
    KafkaCompanion kafka;

    /** The tenant the %test config allows private webhook targets. */
    private static final String LAB = "receiver-lab";

    /** The head of {@link #LAB} subscribes a webhook to the alerts of a manager of its roster. */
    private ValidatableResponse createWebhookSubscription() {
        UUID manager = UUID.randomUUID();
        RosterEvents.hire(kafka, LAB, manager, "Vera Lab");
        return given().auth()
                .oauth2(TestTokens.head(LAB))
                .contentType(ContentType.JSON)
                .body(
                        "{\"channel\":\"WEBHOOK\",\"webhookUrl\":\"http://127.0.0.1:9/hook\",\"timeZone\":\"Europe/Moscow\","
                                + "\"managerIds\":[\"" + manager + "\"]}")
                .when()
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201);
    }

    private static ValidatableResponse asLabHead(String method, String path) {
        return given().auth()
                .oauth2(TestTokens.head(LAB))
                .when()
                .request(method, path)
                .then();
    }

    @Test
    void aNewWebhookSubscriptionShowsItsSecretOnlyInTheAnswerToItsCreation() {
        String id = createWebhookSubscription()
                .header("Location", containsString("/api/v1/subscriptions/"))
                .body("newWebhookSecret", startsWith("whsec_"))
                .body("activeSecrets", equalTo(1))
                .body("language", nullValue()) // none given: the tenant's language
                .body("failing", equalTo(false))
                .extract()
                .path("id");

        asLabHead("GET", "/api/v1/subscriptions/" + id).statusCode(200).body("newWebhookSecret", nullValue());
    }

    @Test
    void aRotatedSecretIsShownOnceAndBothStayActiveUntilThePreviousIsDropped() {
        String id = createWebhookSubscription().extract().path("id");

        asLabHead("POST", "/api/v1/subscriptions/" + id + "/secret-rotation")
                .statusCode(200)
                .body("newWebhookSecret", startsWith("whsec_"))
                .body("activeSecrets", equalTo(2));
        asLabHead("DELETE", "/api/v1/subscriptions/" + id + "/previous-secret")
                .statusCode(200)
                .body("activeSecrets", equalTo(1));
    }

    @Test
    void aDeletedSubscriptionIsGone() {
        String id = createWebhookSubscription().extract().path("id");

        asLabHead("DELETE", "/api/v1/subscriptions/" + id).statusCode(204);
        asLabHead("GET", "/api/v1/subscriptions/" + id).statusCode(404);
    }

    @Test
    void everyChangeOfASubscriptionIsAnEventNamingTheActorAndNeverTheSecret() {
        ConsumerTask<String, byte[]> events = kafka.consume(String.class, byte[].class)
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.NOTIFICATION_EVENTS);
        try {
            String id = createWebhookSubscription().extract().path("id");
            asLabHead("POST", "/api/v1/subscriptions/" + id + "/secret-rotation")
                    .statusCode(200);
            asLabHead("DELETE", "/api/v1/subscriptions/" + id + "/previous-secret")
                    .statusCode(200);
            asLabHead("DELETE", "/api/v1/subscriptions/" + id).statusCode(204);

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
                            .map(r -> new String(r.value(), StandardCharsets.UTF_8)))
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

    /** A tenant where the manager Anna and the head each made one subscription. */
    private record TwoSubscribers(
            String tenant,
            String anna,
            ExtractableResponse<Response> annasCreated,
            ExtractableResponse<Response> headsCreated) {

        static TwoSubscribers make() {
            String tenant = "mgr-" + UUID.randomUUID();
            String anna = TestTokens.manager(tenant, ANNA);
            ExtractableResponse<Response> annas = given().auth()
                    .oauth2(anna)
                    .contentType(ContentType.JSON)
                    .body("{\"channel\":\"BOT\",\"botChatId\":\"1\",\"timeZone\":\"UTC\"}")
                    .when()
                    .post("/api/v1/subscriptions")
                    .then()
                    .statusCode(201)
                    .extract();
            ExtractableResponse<Response> heads = given().auth()
                    .oauth2(TestTokens.head(tenant))
                    .contentType(ContentType.JSON)
                    .body(
                            "{\"channel\":\"EMAIL\",\"email\":\"head@example.com\",\"timeZone\":\"Europe/Moscow\",\"dailyDigest\":true}")
                    .when()
                    .post("/api/v1/subscriptions")
                    .then()
                    .statusCode(201)
                    .extract();
            return new TwoSubscribers(tenant, anna, annas, heads);
        }

        String annas() {
            return annasCreated.path("id");
        }

        String heads() {
            return headsCreated.path("id");
        }

        List<String> seenBy(String token) {
            return given().auth()
                    .oauth2(token)
                    .when()
                    .get("/api/v1/subscriptions")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.id");
        }
    }

    @Test
    void aManagersSubscriptionIsForTheirOwnAlertsAndAHeadsForNoOnesInParticular() {
        TwoSubscribers scene = TwoSubscribers.make();

        scene.annasCreated()
                .response()
                .then()
                .body("ownerManagerId", equalTo(ANNA.toString()))
                .body("managerIds", equalTo(List.of(ANNA.toString())));
        scene.headsCreated().response().then().body("ownerManagerId", nullValue());
    }

    @Test
    void aManagerMayNotSubscribeToAnotherManagersAlertsNorToTheDailyDigest() {
        TwoSubscribers scene = TwoSubscribers.make();

        Map<String, String> refusedFields =
                Map.of("managerIds", ",\"managerIds\":[\"" + BORIS + "\"]", "dailyDigest", ",\"dailyDigest\":true");
        refusedFields.forEach((field, extra) -> given().auth()
                .oauth2(scene.anna())
                .contentType(ContentType.JSON)
                .body("{\"channel\":\"BOT\",\"botChatId\":\"1\",\"timeZone\":\"UTC\"" + extra + "}")
                .when()
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo(field)));
        assertThat(scene.seenBy(scene.anna())).containsExactly(scene.annas());
    }

    @Test
    void aManagerSeesAndDeletesOnlyTheirOwnSubscriptions() {
        TwoSubscribers scene = TwoSubscribers.make();

        assertThat(scene.seenBy(scene.anna())).containsExactly(scene.annas());
        given().auth()
                .oauth2(scene.anna())
                .when()
                .get("/api/v1/subscriptions/" + scene.heads())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(scene.anna())
                .when()
                .delete("/api/v1/subscriptions/" + scene.heads())
                .then()
                .statusCode(404);
        assertThat(scene.seenBy(TestTokens.head(scene.tenant()))).contains(scene.heads());
    }

    @Test
    void aHeadSeesEverySubscriptionOfTheTenant() {
        TwoSubscribers scene = TwoSubscribers.make();

        assertThat(scene.seenBy(TestTokens.head(scene.tenant()))).containsExactly(scene.annas(), scene.heads());
    }

    @Test
    void anotherTenantsHeadSeesNoneOfThem() {
        TwoSubscribers scene = TwoSubscribers.make();

        given().auth()
                .oauth2(TestTokens.head("other-" + UUID.randomUUID()))
                .when()
                .get("/api/v1/subscriptions/" + scene.annas())
                .then()
                .statusCode(404);
    }

    @Test
    void theListIsPagedAndSortedWithinTheCallersScope() {
        TwoSubscribers scene = TwoSubscribers.make();
        String head = TestTokens.head(scene.tenant());
        // by channel: Anna's BOT before the head's EMAIL; descending the other way round; one a page
        assertThat(page(head, "sort=channel&size=1&page=0").getList("items.id")).containsExactly(scene.annas());
        assertThat(page(head, "sort=channel&size=1&page=1").getList("items.id")).containsExactly(scene.heads());
        assertThat(page(head, "sort=-channel&size=1&page=0").getList("items.id"))
                .containsExactly(scene.heads());
        assertThat(page(head, "sort=-channel&size=1").getInt("total")).isEqualTo(2);
        // a manager pages through their own only
        assertThat(page(scene.anna(), "sort=-channel&size=1").getList("items.id"))
                .containsExactly(scene.annas());
        assertThat(page(scene.anna(), "sort=-channel&size=1").getInt("total")).isEqualTo(1);
        for (String sort : List.of("id", "", "ownerManagerId", "-")) {
            given().auth()
                    .oauth2(head)
                    .queryParam("sort", sort)
                    .when()
                    .get("/api/v1/subscriptions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("invalidFields[0].field", equalTo("sort"));
        }
    }

    private static io.restassured.path.json.JsonPath page(String token, String query) {
        return given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/subscriptions?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
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
