package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A tenant's time zone, currency and working-day calendar, set over the API and used by the metrics. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TenantSettingsTest {

    @Test
    void aTenantThatSetNothingGetsMoscowRublesAndSaturdaySunday() {
        given().auth()
                .oauth2(TestTokens.head(TestTenants.fresh()))
                .when()
                .get("/api/v1/settings")
                .then()
                .statusCode(200)
                .body("timeZone", equalTo("Europe/Moscow"))
                .body("baseCurrency", equalTo("RUB"))
                .body("weekendDays", contains("SATURDAY", "SUNDAY"));
    }

    @Test
    void theTimeZoneSetByTheHeadCutsTheMetricsDays() {
        String tenant = TestTenants.fresh();
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body(
                        "{\"timeZone\":\"Asia/Yekaterinburg\",\"baseCurrency\":\"USD\",\"weekendDays\":[\"SUNDAY\",\"SATURDAY\"]}")
                .when()
                .put("/api/v1/settings")
                .then()
                .statusCode(200)
                .body("timeZone", equalTo("Asia/Yekaterinburg"))
                .body("baseCurrency", equalTo("USD"))
                .body("weekendDays", contains("SATURDAY", "SUNDAY"));

        given().auth()
                .oauth2(TestTokens.head(tenant))
                .queryParam("from", "2026-11-02")
                .queryParam("to", "2026-11-02")
                .when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .body("period.timeZone", equalTo("Asia/Yekaterinburg"));
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
                .body("{\"timeZone\":\"UTC\",\"baseCurrency\":\"RUB\",\"weekendDays\":[]}")
                .when()
                .put("/api/v1/settings")
                .then()
                .statusCode(403);
    }

    @Test
    void refusesSettingsThatMakeNoSenseNamingTheField() {
        String head = TestTokens.head(TestTenants.fresh());
        assertRefused(head, "{\"timeZone\":\"Mars/Olympus\",\"baseCurrency\":\"RUB\",\"weekendDays\":[]}", "timeZone");
        assertRefused(head, "{\"timeZone\":\"UTC\",\"baseCurrency\":\"rubles\",\"weekendDays\":[]}", "baseCurrency");
        // ISO 4217 codes that are no money: no currency, testing, gold
        assertRefused(head, "{\"timeZone\":\"UTC\",\"baseCurrency\":\"XXX\",\"weekendDays\":[]}", "baseCurrency");
        assertRefused(head, "{\"timeZone\":\"UTC\",\"baseCurrency\":\"XTS\",\"weekendDays\":[]}", "baseCurrency");
        assertRefused(head, "{\"timeZone\":\"UTC\",\"baseCurrency\":\"XAU\",\"weekendDays\":[]}", "baseCurrency");
        assertRefused(
                head,
                "{\"timeZone\":\"UTC\",\"baseCurrency\":\"RUB\",\"weekendDays\":[],\"language\":\"fr\"}",
                "language");
        assertRefused(
                head, "{\"timeZone\":\"UTC\",\"baseCurrency\":\"RUB\",\"weekendDays\":[\"FUNDAY\"]}", "weekendDays[0]");
        assertRefused(
                head,
                "{\"timeZone\":\"UTC\",\"baseCurrency\":\"RUB\",\"weekendDays\":[\"MONDAY\",\"MONDAY\"]}",
                "weekendDays");
        assertRefused(
                head,
                "{\"timeZone\":\"UTC\",\"baseCurrency\":\"RUB\",\"weekendDays\":[\"MONDAY\",\"TUESDAY\","
                        + "\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"]}",
                "weekendDays");
    }

    @Test
    void aLoadedProductionCalendarGivesTheOfficialWorkingDays() throws IOException {
        String head = TestTokens.head(TestTenants.fresh());
        // 2026 by the Russian production calendar: 247 working days; November 20 (30 days, 9 weekend days, 4 Nov off)
        JsonPath year = given().auth()
                .oauth2(head)
                .contentType("application/xml")
                .body(resource("calendars/ru-2026.xml"))
                .when()
                .put("/api/v1/settings/calendar/production-calendar")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(year.getInt("workingDays")).isEqualTo(247);
        assertThat(year.getList("workingDaysPerMonth", Integer.class))
                .containsExactly(15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22);
        assertThat(year.getList("exceptions.date")).contains("2026-11-04", "2026-12-31");

        // the metrics count working days with it: 2-8 November has 4 (4 November is Unity Day)
        given().auth()
                .oauth2(head)
                .queryParam("from", "2026-11-02")
                .queryParam("to", "2026-11-08")
                .when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .body("period.workingDays", equalTo(4));

        // a working Saturday declared by hand counts; removing it restores the pattern
        given().auth()
                .oauth2(head)
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"WORKING\"}")
                .when()
                .put("/api/v1/settings/calendar/days/2026-11-07")
                .then()
                .statusCode(200)
                .body("workingDaysPerMonth[10]", equalTo(21));
        given().auth()
                .oauth2(head)
                .when()
                .delete("/api/v1/settings/calendar/days/2026-11-07")
                .then()
                .statusCode(200)
                .body("workingDaysPerMonth[10]", equalTo(20));
        given().auth()
                .oauth2(head)
                .when()
                .delete("/api/v1/settings/calendar/days/2026-11-07")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void refusesACalendarFileThatIsNotOneNamingThePart() {
        String head = TestTokens.head(TestTenants.fresh());
        assertCalendarRefused(
                head, "<calendar year=\"2026\"><days><day d=\"13.01\" t=\"1\"/></days></calendar>", "days.day[0].d");
        assertCalendarRefused(
                head, "<calendar year=\"2026\"><days><day d=\"11.04\" t=\"7\"/></days></calendar>", "days.day[0].t");
        assertCalendarRefused(head, "<calendar year=\"next\"><days/></calendar>", "calendar.year");
        assertCalendarRefused(head, "<calendar year=\"2026\"><days>", "body");
        // an external entity is refused outright, never resolved
        assertCalendarRefused(
                head,
                "<!DOCTYPE calendar [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<calendar year=\"2026\"><days><day d=\"&x;\" t=\"1\"/></days></calendar>",
                "body");
        // nothing was half-written
        given().auth()
                .oauth2(head)
                .when()
                .get("/api/v1/settings/calendar/2026")
                .then()
                .statusCode(200)
                .body("exceptions.size()", equalTo(0))
                .body("workingDays", equalTo(261));
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

    private static void assertCalendarRefused(String token, String body, String field) {
        given().auth()
                .oauth2(token)
                .contentType("application/xml")
                .body(body)
                .when()
                .put("/api/v1/settings/calendar/production-calendar")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo(field));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TenantSettingsTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
