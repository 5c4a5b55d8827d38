package com.salespulse.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Automatic distribution: only active, present, on-shift managers under capacity; otherwise the queue. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DistributionTest {

    /** Monday 30 November 2026, 10:00 in Moscow (the default tenant zone, UTC+3). */
    static final Instant MONDAY_10_MSK = Instant.parse("2026-11-30T07:00:00Z");

    @Inject
    TestClock clock;

    @Inject
    QueueDrainer queueDrainer;

    @InjectKafka
    KafkaCompanion kafka;

    @BeforeEach
    void mondayMorning() {
        clock.set(MONDAY_10_MSK);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void leastLoadedSkipsAbsentDismissedOffShiftAndFullManagersQueuesTheLeadAndAssignsItWhenAShiftStarts()
            throws Exception {
        Roster roster = Roster.newTenant();
        String absent = roster.hire("Absent Alla", 10, Roster.everyDay("09:00", "18:00"));
        roster.asHead()
                .body("{\"kind\":\"VACATION\",\"from\":\"2026-11-29T00:00:00Z\",\"to\":\"2026-12-05T00:00:00Z\"}")
                .when()
                .post("/api/v1/managers/" + absent + "/absences")
                .then()
                .statusCode(201);
        String dismissed = roster.hire("Dismissed Dima", 10, Roster.everyDay("09:00", "18:00"));
        roster.asHead()
                .body("{\"cards\":\"LEAVE_WITH_HEAD\"}")
                .when()
                .post("/api/v1/managers/" + dismissed + "/dismissal")
                .then()
                .statusCode(200);
        String evening = roster.hire("Evening Eva", 10, Roster.everyDay("14:00", "23:00"));
        String full = roster.hire("Full Fedor", 1, Roster.everyDay("09:00", "18:00"));
        roster.leadFor(full, "+7 900 111-00-01");

        roster.asHead()
                .when()
                .get("/api/v1/managers")
                .then()
                .statusCode(200)
                .body("items.find { it.id == '" + absent + "' }.status", equalTo("ABSENT"))
                .body("items.find { it.id == '" + dismissed + "' }.status", equalTo("DISMISSED"))
                .body("items.find { it.id == '" + evening + "' }.onShift", equalTo(false))
                .body("items.find { it.id == '" + full + "' }.load", equalTo(1.0f));

        String lead = roster.asHead()
                .body("{\"source\":\"website\",\"phone\":\"+7 900 111-00-02\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("managerId", nullValue())
                .extract()
                .path("id");
        roster.asHead().when().get("/api/v1/leads/queue").then().statusCode(200).body("items.id", hasItem(lead));

        // 14:00 in Moscow: the evening shift starts and the scheduler gives out the queue
        clock.set(MONDAY_10_MSK.plus(Duration.ofHours(4)));
        assertThat(queueDrainer.drainAll()).isGreaterThanOrEqualTo(1);

        assertThat(roster.managerOf(lead)).isEqualTo(evening);
        roster.asHead().when().get("/api/v1/leads/queue").then().statusCode(200).body("total", equalTo(0));

        List<JsonNode> events = LeadEvents.events(kafka, Topics.LEAD_EVENTS, lead, 2);
        assertThat(LeadEvents.types(events)).containsExactly("salespulse.lead.created", "salespulse.lead.assigned");
        assertThat(events.get(0).get("data").get("managerId").isNull()).isTrue();
        JsonNode assigned = events.get(1).get("data");
        assertThat(assigned.get("fromManagerId").isNull()).isTrue();
        assertThat(assigned.get("toManagerId").asText()).isEqualTo(evening);
        assertThat(assigned.get("mode").asText()).isEqualTo("LEAST_LOADED");
        assertThat(assigned.get("trigger").asText()).isEqualTo("QUEUE_DRAIN");
        assertThat(events.get(1).get("actor").asText()).isEqualTo("system:lead-queue");
    }

    @Test
    void leastLoadedComparesOpenLeadsToCapacityNotRawCounts() {
        Roster roster = Roster.newTenant();
        String big = roster.hire("Big Boris", 10, Roster.everyDay("09:00", "18:00"));
        String small = roster.hire("Small Sveta", 2, Roster.everyDay("09:00", "18:00"));
        roster.leadFor(big, "+7 900 222-00-01");
        roster.leadFor(big, "+7 900 222-00-02");
        roster.leadFor(small, "+7 900 222-00-03");

        // Boris holds 2 of 10 (0.2), Sveta 1 of 2 (0.5): Boris is less loaded despite more leads
        String lead = roster.lead("+7 900 222-00-04");

        assertThat(roster.managerOf(lead)).isEqualTo(big);
    }

    @Test
    void leadsArrivingTogetherNeverTakeMoreThanAManagersFreeSlots() throws Exception {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 2, Roster.everyDay("09:00", "18:00"));
        String boris = roster.hire("Boris", 3, Roster.everyDay("09:00", "18:00"));

        // twelve intakes at once, from eight callers: five free slots between them, the rest wait in the queue
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<String>> leads = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                String phone = "+7 900 444-00-" + String.format("%02d", i);
                leads.add(callers.submit(() -> roster.lead(phone)));
            }
            List<String> owners = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> lead : leads) {
                owners.add(roster.managerOf(lead.get()));
            }

            assertThat(owners).filteredOn(anna::equals).hasSize(2);
            assertThat(owners).filteredOn(boris::equals).hasSize(3);
            assertThat(owners).filteredOn(java.util.Objects::isNull).hasSize(7);
        } finally {
            callers.shutdownNow();
        }
    }

    /** A fresh tenant distributing round robin between Anna and Boris, both on shift every day in this window. */
    private static RoundRobin roundRobin(String shiftStart, String shiftEnd) {
        Roster roster = Roster.newTenant();
        roster.settings("{\"distributionMode\":\"ROUND_ROBIN\"}");
        return new RoundRobin(
                roster,
                roster.hire("Anna", 10, Roster.everyDay(shiftStart, shiftEnd)),
                roster.hire("Boris", 10, Roster.everyDay(shiftStart, shiftEnd)));
    }

    private record RoundRobin(Roster roster, String anna, String boris) {}

    @Test
    void roundRobinTakesTurnsAmongEligibleManagers() {
        RoundRobin team = roundRobin("09:00", "18:00");
        Roster roster = team.roster();
        String anna = team.anna();
        String boris = team.boris();

        List<String> owners = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(1));
            owners.add(roster.managerOf(roster.lead("+7 900 333-00-0" + i)));
        }

        assertThat(owners).containsOnly(anna, boris);
        assertThat(owners.get(1)).isNotEqualTo(owners.get(0));
        assertThat(owners.get(2)).isEqualTo(owners.get(0));
        assertThat(owners.get(3)).isEqualTo(owners.get(1));
    }

    @Test
    void roundRobinTakesTurnsWhenTheQueueIsGivenOutInOneGo() {
        RoundRobin team = roundRobin("14:00", "23:00");
        Roster roster = team.roster();
        // nobody is on shift at 10:00: two leads wait in the queue
        String first = roster.lead("+7 900 777-00-01");
        clock.advance(Duration.ofMinutes(1));
        String second = roster.lead("+7 900 777-00-02");

        // 14:00: one drain gives out both, the second claim seeing the turn the first took in the same transaction
        clock.set(MONDAY_10_MSK.plus(Duration.ofHours(4)));
        assertThat(queueDrainer.drainAll()).isGreaterThanOrEqualTo(2);

        assertThat(List.of(roster.managerOf(first), roster.managerOf(second)))
                .containsExactlyInAnyOrder(team.anna(), team.boris());
    }

    @Test
    void aLeadGivenToAManagerDoesNotMakeTheirProfileAsReadStale() {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 10, Roster.everyDay("09:00", "18:00"));
        int version = roster.asHead()
                .when()
                .get("/api/v1/managers/" + anna)
                .then()
                .statusCode(200)
                .extract()
                .path("version");

        // distribution gives Anna a lead (her turn moves), then the head saves the profile as read before it
        assertThat(roster.managerOf(roster.lead("+7 900 888-00-01"))).isEqualTo(anna);
        roster.asHead()
                .body("{\"version\":" + version + ",\"capacity\":12}")
                .when()
                .patch("/api/v1/managers/" + anna)
                .then()
                .statusCode(200)
                .body("capacity", equalTo(12));
    }

    @Test
    void theVeryNextLeadFollowsAChangeOfTheCalendarAloneOrOfTheSettings() {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 10, Roster.everyDay("09:00", "18:00"));
        assertThat(roster.managerOf(roster.lead("+7 900 999-00-01"))).isEqualTo(anna);

        // only the calendar changes: today (Monday 30 November) made a holiday, then a working day again
        roster.settings("{\"calendarDays\":[{\"date\":\"2026-11-30\",\"kind\":\"HOLIDAY\"}]}");
        assertThat(roster.managerOf(roster.lead("+7 900 999-00-02"))).isNull();
        roster.settings("{\"calendarDays\":[]}");
        assertThat(roster.managerOf(roster.lead("+7 900 999-00-03"))).isEqualTo(anna);

        // the rule changes (and stays manual, so the queued leads wait for the head, not for another test's drain)
        roster.settings("{\"distributionMode\":\"MANUAL\"}");
        assertThat(roster.managerOf(roster.lead("+7 900 999-00-04"))).isNull();
    }

    @Test
    void theIntakeAnswerNamesTheOwnerAsTheRosterNamesThemNow() {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 10, Roster.everyDay("00:00", "23:59"));
        roster.asHead()
                .body("{\"source\":\"website\",\"phone\":\"+7 900 555-00-01\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("managerId", equalTo(anna))
                .body("managerName", equalTo("Anna"));

        // renamed: the next lead by the rule, and one given to her by name, answer with the new name
        roster.asHead()
                .body("{\"version\":0,\"name\":\"Anna Petrova\"}")
                .when()
                .patch("/api/v1/managers/" + anna)
                .then()
                .statusCode(200);
        roster.asHead()
                .body("{\"source\":\"website\",\"phone\":\"+7 900 555-00-02\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("managerId", equalTo(anna))
                .body("managerName", equalTo("Anna Petrova"));
        roster.asHead()
                .body("{\"source\":\"website\",\"phone\":\"+7 900 555-00-03\",\"managerId\":\"" + anna + "\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("managerName", equalTo("Anna Petrova"));
    }

    @Test
    void manualModeQueuesEveryLeadAndTheHeadGivesItOut() {
        Roster roster = Roster.newTenant();
        roster.settings("{\"distributionMode\":\"MANUAL\"}");
        String anna = roster.hire("Anna", 10, Roster.everyDay("09:00", "18:00"));
        String lead = roster.lead("+7 900 444-00-01");
        assertThat(roster.managerOf(lead)).isNull();
        assertThat(queueDrainer.drainAll()).isZero();

        roster.asHead()
                .body("{\"managerId\":\"" + anna + "\"}")
                .when()
                .post("/api/v1/leads/" + lead + "/assign")
                .then()
                .statusCode(200)
                .body("managerId", equalTo(anna))
                .body("managerName", equalTo("Anna"));
    }

    @Test
    void reassigningByHandNeedsAReasonWhichTheEventCarries() throws Exception {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 10, Roster.everyDay("09:00", "18:00"));
        String boris = roster.hire("Boris", 10, Roster.everyDay("09:00", "18:00"));
        String lead = roster.leadFor(anna, "+7 900 555-00-01");

        roster.asHead()
                .body("{\"managerId\":\"" + boris + "\"}")
                .when()
                .post("/api/v1/leads/" + lead + "/assign")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("reason"));
        roster.asHead()
                .body("{\"managerId\":\"" + boris + "\",\"reason\":\"client asked for Boris\"}")
                .when()
                .post("/api/v1/leads/" + lead + "/assign")
                .then()
                .statusCode(200);

        List<JsonNode> events = LeadEvents.events(kafka, Topics.LEAD_EVENTS, lead, 2);
        assertThat(events).hasSize(2);
        JsonNode assigned = events.get(1).get("data");
        assertThat(assigned.get("fromManagerId").asText()).isEqualTo(anna);
        assertThat(assigned.get("toManagerId").asText()).isEqualTo(boris);
        assertThat(assigned.get("mode").asText()).isEqualTo("MANUAL");
        assertThat(assigned.get("trigger").asText()).isEqualTo("REASSIGNMENT");
        assertThat(assigned.get("reason").asText()).isEqualTo("client asked for Boris");
        assertThat(assigned.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void aLeadIsNeverGivenByHandToADismissedManager() {
        Roster roster = Roster.newTenant();
        String gone = roster.hire("Gone", 10, Roster.everyDay("09:00", "18:00"));
        roster.asHead()
                .body("{\"cards\":\"LEAVE_WITH_HEAD\"}")
                .when()
                .post("/api/v1/managers/" + gone + "/dismissal")
                .then()
                .statusCode(200);

        roster.asHead()
                .body("{\"source\":\"call\",\"phone\":\"+7 900 666-00-01\",\"managerId\":\"" + gone + "\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("managerId"));
    }

    @Test
    void aNightShiftAcrossMidnightIsOneShiftAndTakesTheLeadsOfItsSmallHours() {
        Roster roster = Roster.newTenant();
        // Monday's night shift only: it runs from Monday 22:00 to Tuesday 06:00 in Moscow
        String night = roster.hire("Night Nikita", 10, "[{\"day\":\"MONDAY\",\"start\":\"22:00\",\"end\":\"06:00\"}]");
        roster.hire("Day Dasha", 10, Roster.everyDay("09:00", "18:00"));

        // Monday 23:30 in Moscow (20:30 UTC): the night shift has begun, the day shift is over
        clock.set(Instant.parse("2026-11-30T20:30:00Z"));
        String lateEvening = roster.lead("+7 900 666-00-01");
        // Tuesday 02:00 in Moscow (Monday 23:00 UTC): still Monday's night shift, although the weekday changed
        clock.set(Instant.parse("2026-11-30T23:00:00Z"));
        String smallHours = roster.lead("+7 900 666-00-02");
        // Tuesday 06:00: the night shift has ended (the end is exclusive) and the day shift starts at 09:00
        clock.set(Instant.parse("2026-12-01T03:00:00Z"));
        String dawn = roster.lead("+7 900 666-00-03");
        // Monday 02:00: no shift of Sunday runs into Monday, so nobody is on shift
        clock.set(Instant.parse("2026-11-29T23:00:00Z"));
        String mondaySmallHours = roster.lead("+7 900 666-00-04");

        assertThat(roster.managerOf(lateEvening)).isEqualTo(night);
        assertThat(roster.managerOf(smallHours)).isEqualTo(night);
        assertThat(roster.managerOf(dawn)).isNull();
        assertThat(roster.managerOf(mondaySmallHours)).isNull();
    }

    @Test
    void aShiftEndingWhenItStartsIsRefusedNamingTheField() {
        Roster roster = Roster.newTenant();
        roster.asHead()
                .body("{\"name\":\"Zero\",\"capacity\":10,\"shifts\":"
                        + "[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"09:00\"}]}")
                .when()
                .post("/api/v1/managers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("shifts[0].end"));
        roster.asHead().when().get("/api/v1/managers").then().statusCode(200).body("items.size()", equalTo(0));
    }
}
