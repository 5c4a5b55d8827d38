package com.salespulse.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, point 6: the tenant's time zone and working-day calendar are lead-service's settings, used by its own
 * distribution and carried to the other services by salespulse.roster.tenant-settings-changed.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class TenantCalendarTest {

    @Inject
    TestClock clock;

    @InjectKafka
    KafkaCompanion kafka;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void distributionReadsShiftsInTheTenantsZoneAndGivesNoShiftOnItsHoliday() {
        Roster roster = Roster.newTenant();
        roster.asHead()
                .body(
                        "{\"timeZone\":\"Asia/Novosibirsk\",\"calendarDays\":[{\"date\":\"2026-12-02\",\"kind\":\"HOLIDAY\"}]}")
                .when()
                .patch("/api/v1/settings")
                .then()
                .statusCode(200)
                .body("timeZone", equalTo("Asia/Novosibirsk"))
                .body("calendarDays[0].date", equalTo("2026-12-02"))
                .body("calendarDays[0].kind", equalTo("HOLIDAY"))
                .body("weekendDays", equalTo(List.of("SATURDAY", "SUNDAY")))
                .body("language", equalTo("ru"));
        String anna = roster.hire("Anna", 10, Roster.everyDay("09:00", "18:00"));

        // Tuesday 1 December, 09:30 in Novosibirsk (02:30 UTC, 05:30 in Moscow): Anna is on shift in the tenant's zone
        clock.set(Instant.parse("2026-12-01T02:30:00Z"));
        String tuesday = roster.lead("+7 913 700-00-01");
        // Wednesday 2 December, 10:00 in Novosibirsk: the tenant's holiday, nobody is on shift, the lead waits
        clock.set(Instant.parse("2026-12-02T03:00:00Z"));
        String holiday = roster.lead("+7 913 700-00-02");
        // Thursday 3 December, 10:00: a working day again
        clock.set(Instant.parse("2026-12-03T03:00:00Z"));
        String thursday = roster.lead("+7 913 700-00-03");

        assertThat(roster.managerOf(tuesday)).isEqualTo(anna);
        assertThat(roster.managerOf(holiday)).isNull();
        assertThat(roster.managerOf(thursday)).isEqualTo(anna);
    }

    @Test
    void onAWorkingSaturdayTheMondayShiftsWorkAndLeadsAreDistributed() {
        Roster roster = Roster.newTenant();
        // Moscow, Saturday and Sunday off, but Saturday 5 December 2026 a working day (the 12th an ordinary Saturday)
        roster.settings("{\"timeZone\":\"Europe/Moscow\",\"calendarDays\":[{\"date\":\"2026-12-05\","
                + "\"kind\":\"WORKING\"}]}");
        String anna = roster.hire("Anna", 10, "[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"18:00\"}]");
        String boris = roster.hire("Boris", 10, "[{\"day\":\"FRIDAY\",\"start\":\"09:00\",\"end\":\"18:00\"}]");
        String oleg = roster.hire("Oleg", 10, "[{\"day\":\"MONDAY\",\"start\":\"22:00\",\"end\":\"06:00\"}]");

        // Saturday 5th, 10:00 Moscow: as on a Monday, Anna (09-18) is on shift; Boris works Fridays only
        clock.set(Instant.parse("2026-12-05T07:00:00Z"));
        String saturdayMorning = roster.lead("+7 913 700-10-01");
        // Saturday 5th, 23:00 Moscow: Anna's day is over, Oleg's Monday night shift started at 22:00
        clock.set(Instant.parse("2026-12-05T20:00:00Z"));
        String saturdayNight = roster.lead("+7 913 700-10-02");
        // Sunday 6th, 03:00 Moscow: still Oleg's night shift of the working Saturday (to 06:00)
        clock.set(Instant.parse("2026-12-06T00:00:00Z"));
        String smallHours = roster.lead("+7 913 700-10-03");
        // Saturday 12th, 10:00 and Sunday 13th, 03:00 Moscow: ordinary days off, nobody on shift, the leads wait
        clock.set(Instant.parse("2026-12-12T07:00:00Z"));
        String ordinarySaturday = roster.lead("+7 913 700-10-04");
        clock.set(Instant.parse("2026-12-13T00:00:00Z"));
        String ordinarySunday = roster.lead("+7 913 700-10-05");

        assertThat(roster.managerOf(saturdayMorning)).isEqualTo(anna).isNotEqualTo(boris);
        assertThat(roster.managerOf(saturdayNight)).isEqualTo(oleg);
        assertThat(roster.managerOf(smallHours)).isEqualTo(oleg);
        assertThat(roster.managerOf(ordinarySaturday)).isNull();
        assertThat(roster.managerOf(ordinarySunday)).isNull();
    }

    @Test
    void theSettingsEventCarriesTheZoneTheWeeklyDaysOffTheCalendarAndTheLanguage() {
        Roster roster = Roster.newTenant();
        roster.asHead()
                .body("{\"timeZone\":\"Asia/Novosibirsk\",\"weekendDays\":[\"SUNDAY\"],\"language\":\"en\","
                        + "\"calendarDays\":[{\"date\":\"2026-12-31\",\"kind\":\"HOLIDAY\"},"
                        + "{\"date\":\"2026-12-02\",\"kind\":\"SHORT\"}]}")
                .when()
                .patch("/api/v1/settings")
                .then()
                .statusCode(200)
                .body("calendarDays.date", equalTo(List.of("2026-12-02", "2026-12-31")));

        List<JsonNode> events = LeadEvents.eventsOfTenant(
                kafka, Topics.ROSTER_EVENTS, roster.tenant, "salespulse.roster.tenant-settings-changed", 1);
        assertThat(events).hasSize(1);
        JsonNode after = events.get(0).get("data").get("after");
        assertThat(after.get("timeZone").asText()).isEqualTo("Asia/Novosibirsk");
        assertThat(after.get("weekendDays").toString()).isEqualTo("[\"SUNDAY\"]");
        assertThat(after.get("language").asText()).isEqualTo("en");
        assertThat(after.get("calendarDays").get(0).get("date").asText()).isEqualTo("2026-12-02");
        assertThat(after.get("calendarDays").get(0).get("kind").asText()).isEqualTo("SHORT");
        assertThat(after.get("calendarDays").get(1).get("date").asText()).isEqualTo("2026-12-31");
        JsonNode before = events.get(0).get("data").get("before");
        assertThat(before.get("timeZone").asText()).isEqualTo("Europe/Moscow");
        assertThat(before.get("calendarDays").size()).isZero();
    }

    @Test
    void refusesADateTwiceAndAnUnknownLanguageNamingTheField() {
        Roster roster = Roster.newTenant();
        roster.asHead()
                .body("{\"calendarDays\":[{\"date\":\"2026-12-31\",\"kind\":\"HOLIDAY\"},"
                        + "{\"date\":\"2026-12-31\",\"kind\":\"SHORT\"}]}")
                .when()
                .patch("/api/v1/settings")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("calendarDays[1].date"));
        roster.asHead()
                .body("{\"language\":\"de\"}")
                .when()
                .patch("/api/v1/settings")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("language"));
        roster.asHead().when().get("/api/v1/settings").then().body("version", equalTo(0));
    }

    @Test
    void aRussianProductionCalendarReplacesItsYearsDaysAndKeepsTheOtherYears() throws Exception {
        Roster roster = Roster.newTenant();
        int handSet = roster.asHead()
                .body("{\"calendarDays\":[{\"date\":\"2026-03-10\",\"kind\":\"HOLIDAY\"},"
                        + "{\"date\":\"2027-01-01\",\"kind\":\"HOLIDAY\"}]}")
                .when()
                .patch("/api/v1/settings")
                .then()
                .statusCode(200)
                .extract()
                .path("version");
        String file;
        try (var in = getClass().getClassLoader().getResourceAsStream("calendars/ru-2026.xml")) {
            file = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // 2026 by the Russian production calendar: 16 days off (1-9 Jan, 23 Feb, 9 Mar, 1 and 11 May, 12 Jun, 4 Nov,
        // 31 Dec) and 4 shortened days; the hand-set 10 March goes with the rest of 2026, 1 January 2027 stays
        roster.asHead()
                .contentType("application/xml")
                .body(file)
                .when()
                .put("/api/v1/settings/production-calendar")
                .then()
                .statusCode(200)
                .body("calendarDays.size()", equalTo(21))
                .body("calendarDays.findAll { it.kind == 'HOLIDAY' }.size()", equalTo(17))
                .body("calendarDays.find { it.date == '2026-11-03' }.kind", equalTo("SHORT"))
                .body("calendarDays.find { it.date == '2026-03-10' }", org.hamcrest.Matchers.nullValue())
                .body("calendarDays[20].date", equalTo("2027-01-01"))
                .body("version", equalTo(handSet + 1));
        List<JsonNode> events = LeadEvents.eventsOfTenant(
                kafka, Topics.ROSTER_EVENTS, roster.tenant, "salespulse.roster.tenant-settings-changed", 2);
        assertThat(events.get(1).get("data").get("after").get("calendarDays").size())
                .isEqualTo(21);

        // a file that is not a calendar: 400 naming the element, nothing changed
        roster.asHead()
                .contentType("application/xml")
                .body("<calendar year=\"2026\"><days><day d=\"13.01\" t=\"1\"/></days></calendar>")
                .when()
                .put("/api/v1/settings/production-calendar")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("days.day[0].d"));
        roster.asHead()
                .contentType("application/xml")
                .body("<!DOCTYPE calendar [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<calendar year=\"2026\"><days><day d=\"&x;\" t=\"1\"/></days></calendar>")
                .when()
                .put("/api/v1/settings/production-calendar")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("body"));
        roster.asHead().when().get("/api/v1/settings").then().body("version", equalTo(handSet + 1));
    }
}
