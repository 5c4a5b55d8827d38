package com.salespulse.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.TeamCreated;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The people and teams a subscription names are those of the caller's tenant, as the roster replica knows them from
 * salespulse.roster.events; a dismissed manager's own subscriptions end.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class SubscriptionRecipientsTest {

    private static final UUID NIL = new UUID(0, 0);

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aManagerOfAnotherTenantIsRefusedNamingTheFieldAndNothingIsWritten() {
        String tenant = "rcp-" + UUID.randomUUID();
        String other = "rcp-other-" + UUID.randomUUID();
        UUID ours = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        RosterEvents.hire(kafka, tenant, ours, "Anna Smirnova");
        RosterEvents.hire(kafka, other, theirs, "Boris Orlov");

        assertRefusedAndNothingWritten(
                tenant,
                bot("\"managerIds\":[\"" + ours + "\",\"" + theirs + "\"]"),
                "managerIds[1]",
                "names no manager of this tenant");
        assertRefusedAndNothingWritten(
                tenant,
                bot("\"managerIds\":[\"" + UUID.randomUUID() + "\"]"),
                "managerIds[0]",
                "names no manager of this tenant");
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(bot("\"managerIds\":[\"" + ours + "\"]"))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201);
    }

    @Test
    void aTeamOfAnotherTenantIsRefusedNamingTheField() {
        String tenant = "rcp-" + UUID.randomUUID();
        UUID ourTeam = UUID.randomUUID();
        UUID theirTeam = UUID.randomUUID();
        RosterEvents.createTeam(kafka, tenant, ourTeam, "North");
        RosterEvents.createTeam(kafka, "rcp-other-" + UUID.randomUUID(), theirTeam, "South");

        assertRefusedAndNothingWritten(
                tenant, bot("\"teamIds\":[\"" + theirTeam + "\"]"), "teamIds[0]", "names no team of this tenant");
        given().auth()
                .oauth2(TestTokens.manager(tenant, UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(bot("\"teamIds\":[\"" + theirTeam + "\"]"))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("teamIds[0]"));
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(bot("\"teamIds\":[\"" + ourTeam + "\"]"))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201);
    }

    @Test
    void theNilUuidNamesNobodyInABodyOrAPath() {
        String tenant = "rcp-" + UUID.randomUUID();
        assertRefusedAndNothingWritten(tenant, bot("\"managerIds\":[\"" + NIL + "\"]"), "managerIds[0]", "nil UUID");
        assertRefusedAndNothingWritten(tenant, bot("\"teamIds\":[\"" + NIL + "\"]"), "teamIds[0]", "nil UUID");
        assertRefusedAndNothingWritten(tenant, bot("\"personId\":\"" + NIL + "\""), "personId", "nil UUID");
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .delete("/api/v1/subscriptions/" + NIL)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("id"));
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .post("/api/v1/subscriptions/" + NIL + "/secret-rotation")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("id"));
    }

    @Test
    void aPersonIsAManagerOfTheTenantWhoIsStillThere() {
        String tenant = "rcp-" + UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        RosterEvents.hire(kafka, tenant, anna, "Anna Smirnova");
        RosterEvents.hire(kafka, tenant, gone, "Gleb Left");
        RosterEvents.dismiss(kafka, tenant, gone);

        assertRefusedAndNothingWritten(
                tenant,
                bot("\"personId\":\"" + UUID.randomUUID() + "\""),
                "personId",
                "names no manager of this tenant");
        assertRefusedAndNothingWritten(
                tenant, bot("\"personId\":\"" + gone + "\""), "personId", "names a dismissed manager");
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(bot("\"personId\":\"" + anna + "\""))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201)
                .body("personId", equalTo(anna.toString()));
        // a manager names only themselves
        given().auth()
                .oauth2(TestTokens.manager(tenant, anna))
                .contentType(ContentType.JSON)
                .body(bot("\"personId\":\"" + gone + "\""))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("personId"));
    }

    @Test
    void aRosterEventDeliveredTwiceIsAppliedOnce() {
        String tenant = "rcp-" + UUID.randomUUID();
        UUID manager = UUID.randomUUID();
        byte[] hired = RosterEvents.encode(
                tenant, new ManagerHired(manager, RosterEvents.profile("Old Name", null), Instant.now()));
        RosterEvents.publishRecords(kafka, manager, hired);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Rows.count(
                                "select count(*) from roster_manager where tenant_id = ? and id = ?", tenant, manager)
                        == 1);
        RosterEvents.rename(kafka, tenant, manager, "Old Name", "New Name");

        // the relay sends the hire again; a marker behind it on the same partition says when it has been read
        UUID marker = UUID.randomUUID();
        RosterEvents.publishRecords(
                kafka, manager, hired, RosterEvents.encode(tenant, new TeamCreated(marker, "Marker", Instant.now())));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        Rows.count("select count(*) from roster_team where tenant_id = ? and id = ?", tenant, marker)
                                == 1);

        assertThat(Rows.count(
                        "select count(*) from roster_manager where tenant_id = ? and id = ? and name = ?",
                        tenant,
                        manager,
                        "New Name"))
                .isEqualTo(1);
        assertThat(Rows.count(
                        "select count(*) from consumed_event where tenant_id = ? "
                                + "and event_type = 'salespulse.roster.manager-hired'",
                        tenant))
                .isEqualTo(1);
    }

    @Test
    void aDismissedManagersOwnSubscriptionsEndWhileTheHeadsFilterOnThemStays() {
        String tenant = "rcp-" + UUID.randomUUID();
        UUID anna = UUID.randomUUID();
        RosterEvents.hire(kafka, tenant, anna, "Anna Smirnova");
        String annasOwn = created(TestTokens.manager(tenant, anna), bot(null));
        String forAnna = created(TestTokens.head(tenant), bot("\"personId\":\"" + anna + "\""));
        String aboutAnna = created(TestTokens.head(tenant), bot("\"managerIds\":[\"" + anna + "\"]"));
        long deletedBefore = deletedEvents(tenant);

        RosterEvents.dismiss(kafka, tenant, anna);

        given().auth()
                .oauth2(TestTokens.head(tenant))
                .get("/api/v1/subscriptions/" + annasOwn)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .get("/api/v1/subscriptions/" + forAnna)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .get("/api/v1/subscriptions/" + aboutAnna)
                .then()
                .statusCode(200);
        assertThat(deletedEvents(tenant) - deletedBefore)
                .as("each end is published like a deletion")
                .isEqualTo(2);

        // an alert about Anna's base still reaches the head, and nobody else
        AlertRaised alert = Alerts.overdueTasks(anna, Instant.now());
        Alerts.publish(kafka, tenant, alert);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Rows.count("select count(*) from delivery where alert_id = ?", alert.alertId()) == 1);
        assertThat(Rows.count(
                        "select count(*) from delivery where alert_id = ? and subscription_id = ?",
                        alert.alertId(),
                        UUID.fromString(aboutAnna)))
                .isEqualTo(1);

        // and Anna may not subscribe again
        long[] before = Rows.subscriptionsAndOutbox(tenant);
        given().auth()
                .oauth2(TestTokens.manager(tenant, anna))
                .contentType(ContentType.JSON)
                .body(bot(null))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        assertThat(Rows.subscriptionsAndOutbox(tenant)).containsExactly(before);
    }

    private static long deletedEvents(String tenant) {
        return Rows.count(
                "select count(*) from outbox_event where tenant_id = ? "
                        + "and event_type = 'salespulse.notification.subscription-deleted'",
                tenant);
    }

    private static String created(String token, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A valid BOT subscription body with the extra fields given. */
    static String bot(String extra) {
        return "{\"channel\":\"BOT\",\"botChatId\":\"" + BotAndDigestTest.chatId() + "\",\"timeZone\":\"UTC\""
                + (extra == null ? "" : "," + extra) + "}";
    }

    static void assertRefusedAndNothingWritten(String tenant, String body, String field, String message) {
        long[] before = Rows.subscriptionsAndOutbox(tenant);
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.size()", equalTo(1))
                .body("invalidFields[0].field", equalTo(field))
                .body("invalidFields[0].message", org.hamcrest.Matchers.containsString(message));
        assertThat(Rows.subscriptionsAndOutbox(tenant))
                .as("subscriptions and outbox of " + tenant)
                .containsExactly(before);
    }
}
