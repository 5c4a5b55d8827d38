package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.analytics.projection.EventApplier;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.roster.TenantSettingsChanged;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A tenant's time zone, weekly days off, calendar days and language come from lead-service's settings (the roster
 * topic's tenant-settings-changed), the one source of the suite; analytics' own settings are the base currency and
 * the forgotten cards' grace. November 2026: 30 days, 9 of them Saturdays and Sundays (1, 7, 8, 14, 15, 21, 22, 28,
 * 29), so 21 working days by the weekly pattern.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TenantSettingsTest {

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    EventApplier applier;

    @Inject
    DataSource dataSource;

    @Test
    void aTenantThatSetNothingGetsMoscowRublesAndSaturdaySunday() {
        settings(TestTenants.fresh())
                .body("timeZone", equalTo("Europe/Moscow"))
                .body("baseCurrency", equalTo("RUB"))
                .body("weekendDays", contains("SATURDAY", "SUNDAY"))
                .body("language", equalTo("ru"))
                .body("calendarVersion", equalTo(0));
    }

    @Test
    void theZoneCalendarAndLanguageAreLeadServicesAndARebuildMakesThemAgain() throws Exception {
        String tenant = TestTenants.fresh();
        LeadSettings lead = new LeadSettings(kafka, tenant)
                .zone("Asia/Yekaterinburg")
                .language("en")
                .day("2026-11-04", "HOLIDAY")
                .day("2026-11-07", "WORKING");
        lead.publish();
        settings(tenant)
                .body("timeZone", equalTo("Asia/Yekaterinburg"))
                .body("language", equalTo("en"))
                .body("weekendDays", contains("SATURDAY", "SUNDAY"))
                .body("calendarVersion", equalTo(1));
        // November: 21 by the pattern, minus Wednesday the 4th, plus Saturday the 7th
        year(tenant)
                .body("workingDaysPerMonth[10]", equalTo(21))
                .body("exceptions.date", contains("2026-11-04", "2026-11-07"));
        // 2-8 November: Monday to Friday less the 4th, and the working Saturday = 5, in the tenant's zone
        leadInflowWeek(tenant)
                .body("period.timeZone", equalTo("Asia/Yekaterinburg"))
                .body("period.workingDays", equalTo(5));

        // the head makes the Saturday a day off again in lead-service: version 2 lists the holiday only
        lead.day("2026-11-07", null).publish();
        year(tenant).body("workingDaysPerMonth[10]", equalTo(20)).body("exceptions.date", contains("2026-11-04"));
        leadInflowWeek(tenant).body("period.workingDays", equalTo(4));

        // a projection bug loses the tenant's calendar; the tenant's rebuild makes it again from the two events
        sql("delete from tenant_calendar_day where tenant_id = ?", tenant);
        sql("delete from tenant_calendar where tenant_id = ?", tenant);
        settings(tenant).body("timeZone", equalTo("Europe/Moscow")).body("calendarVersion", equalTo(0));
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .post("/api/v1/read-model/tenant-rebuild")
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> "DONE"
                        .equals(given().auth()
                                .oauth2(TestTokens.head(tenant))
                                .get("/api/v1/read-model/tenant-rebuild")
                                .jsonPath()
                                .getString("state")));
        settings(tenant)
                .body("timeZone", equalTo("Asia/Yekaterinburg"))
                .body("language", equalTo("en"))
                .body("calendarVersion", equalTo(2));
        year(tenant).body("workingDaysPerMonth[10]", equalTo(20));
    }

    @Test
    void anOlderVersionArrivingLateOrARepeatChangesNothing() {
        String tenant = TestTenants.fresh();
        TenantSettingsChanged second = LeadSettings.event(
                tenant,
                2,
                "Asia/Yekaterinburg",
                List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                Map.of(LocalDate.parse("2026-11-04"), "HOLIDAY"),
                "en");
        TenantSettingsChanged first = LeadSettings.event(tenant, 1, "UTC", List.of(DayOfWeek.SUNDAY), Map.of(), "ru");
        applier.applyToLive(List.of(received(tenant, second)));
        // the first version comes after the second (say, replayed from a dead letter), then the second again
        applier.applyToLive(List.of(received(tenant, first)));
        applier.applyToLive(List.of(received(tenant, second)));

        settings(tenant)
                .body("timeZone", equalTo("Asia/Yekaterinburg"))
                .body("weekendDays", contains("SATURDAY", "SUNDAY"))
                .body("language", equalTo("en"))
                .body("calendarVersion", equalTo(2));
        year(tenant).body("workingDaysPerMonth[10]", equalTo(20));
    }

    @Test
    void theHeadSetsTheCurrencyAndGraceHereAndIsSentToLeadServiceForTheCalendar() {
        String tenant = TestTenants.fresh();
        // the body as read, with another currency and grace: accepted
        put(
                        tenant,
                        "{\"timeZone\":\"Europe/Moscow\",\"baseCurrency\":\"USD\",\"weekendDays\":[\"SUNDAY\","
                                + "\"SATURDAY\"],\"language\":\"ru\",\"forgottenGraceHours\":48}")
                .statusCode(200)
                .body("baseCurrency", equalTo("USD"))
                .body("forgottenGraceHours", equalTo(48))
                .body("timeZone", equalTo("Europe/Moscow"));
        // the calendar fields left out: accepted too
        put(tenant, "{\"baseCurrency\":\"EUR\"}").statusCode(200).body("baseCurrency", equalTo("EUR"));

        assertSentToLead(tenant, "{\"timeZone\":\"UTC\",\"baseCurrency\":\"RUB\"}", "timeZone");
        assertSentToLead(tenant, "{\"baseCurrency\":\"RUB\",\"weekendDays\":[\"SUNDAY\"]}", "weekendDays");
        assertSentToLead(tenant, "{\"baseCurrency\":\"RUB\",\"language\":\"en\"}", "language");
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"HOLIDAY\"}")
                .put("/api/v1/settings/calendar/days/2026-11-04")
                .then()
                .statusCode(409)
                .body("invalidFields[0].field", equalTo("calendarDays"));
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType("application/xml")
                .body("<calendar year=\"2026\"><days><day d=\"11.04\" t=\"1\"/></days></calendar>")
                .put("/api/v1/settings/calendar/production-calendar")
                .then()
                .statusCode(409)
                .body("invalidFields[0].field", equalTo("calendarDays"));

        // nothing half-written: the euro stays, the calendar is the pattern's
        settings(tenant).body("baseCurrency", equalTo("EUR")).body("timeZone", equalTo("Europe/Moscow"));
        year(tenant).body("workingDaysPerMonth[10]", equalTo(21)).body("exceptions.size()", equalTo(0));
    }

    @Test
    void aManagerMayReadButNotChangeTheSettings() {
        String tenant = TestTenants.fresh();
        given().auth()
                .oauth2(TestTokens.manager(tenant, UUID.randomUUID()))
                .when()
                .get("/api/v1/settings")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.manager(tenant, UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body("{\"baseCurrency\":\"RUB\"}")
                .when()
                .put("/api/v1/settings")
                .then()
                .statusCode(403);
    }

    @Test
    void refusesSettingsThatMakeNoSenseNamingTheField() {
        String head = TestTokens.head(TestTenants.fresh());
        assertRefused(head, "{\"baseCurrency\":\"rubles\"}", "baseCurrency");
        // ISO 4217 codes that are no money: no currency, testing, gold
        assertRefused(head, "{\"baseCurrency\":\"XXX\"}", "baseCurrency");
        assertRefused(head, "{\"baseCurrency\":\"XTS\"}", "baseCurrency");
        assertRefused(head, "{\"baseCurrency\":\"XAU\"}", "baseCurrency");
        assertRefused(head, "{\"baseCurrency\":\"RUB\",\"forgottenGraceHours\":-1}", "forgottenGraceHours");
        assertRefused(head, "{\"baseCurrency\":\"RUB\",\"weekendDays\":[\"FUNDAY\"]}", "weekendDays[0]");
    }

    private static ValidatableResponse settings(String tenant) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .get("/api/v1/settings")
                .then()
                .statusCode(200);
    }

    private static ValidatableResponse year(String tenant) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .get("/api/v1/settings/calendar/2026")
                .then()
                .statusCode(200);
    }

    private static ValidatableResponse leadInflowWeek(String tenant) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .queryParam("from", "2026-11-02")
                .queryParam("to", "2026-11-08")
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200);
    }

    private static ValidatableResponse put(String tenant, String body) {
        return given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/settings")
                .then();
    }

    private static void assertSentToLead(String tenant, String body, String field) {
        put(tenant, body)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo(field))
                .body("detail", containsString("PATCH /api/v1/settings on lead-service"));
    }

    private static void assertRefused(String token, String body, String field) {
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/v1/settings")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo(field));
    }

    private static ReceivedEvent received(String tenant, TenantSettingsChanged data) {
        return new ReceivedEvent(
                new EventMetadata(
                        UUID.randomUUID(), URI.create("/salespulse/test"), Instant.now(), tenant, "user:test"),
                EventType.of(data),
                data);
    }

    private void sql(String statement, String tenant) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, tenant);
            s.executeUpdate();
        }
    }
}
