package com.salespulse.analytics;

import static com.salespulse.analytics.DealEvents.line;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Metric 10 and the BASE_BURNOUT alert from real touches and closed deals. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class BaseBurnoutTest {

    @Inject
    TestClock clock;

    private static final String PATH = "/api/v1/metrics/base-burnout";
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000010a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-0000000010b1");

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void eachSignAgainstTheManagersOwnBaselineMakesTheIndexAndRaisesTheAlert() {
        DealEvents t = new DealEvents(kafka);
        // the clock first: the alert engine evaluates the tenant as soon as its events are applied
        clock.set(Instant.parse("2026-11-30T12:00:00Z"));
        try {
            scenario(t);
        } finally {
            clock.reset();
        }
    }

    private void scenario(DealEvents t) {
        UUID c1 = UUID.randomUUID(), c2 = UUID.randomUUID(), c3 = UUID.randomUUID(), c4 = UUID.randomUUID();
        UUID c5 = UUID.randomUUID(), c6 = UUID.randomUUID();
        UUID pressureLoss = UUID.randomUUID(), lateWin = UUID.randomUUID();
        // baseline = the 3 periods of 30 days before November: 3 Aug - 31 Oct. Anna's October:
        //   4 touches on 4 clients, none asking to be left alone -> touchesPerClient 1.0, doNotContactShare 0.0
        //   2 deals lost for PRICE -> pressureLossShare 0.0
        //   1 won on 15 Oct (not in the last 3 working days of its period, 28-30 Oct), 10% discount -> 0.10,
        // endCrowding 0.0
        t.publish(
                t.activity(UUID.randomUUID(), c1, ANNA, null, false, "2026-10-05T07:00:00Z"),
                t.activity(UUID.randomUUID(), c2, ANNA, null, false, "2026-10-06T07:00:00Z"),
                t.activity(UUID.randomUUID(), c3, ANNA, null, false, "2026-10-07T07:00:00Z"),
                t.activity(UUID.randomUUID(), c4, ANNA, null, false, "2026-10-08T07:00:00Z"),
                t.lost(UUID.randomUUID(), c1, ANNA, "PRICE", "2026-10-09T07:00:00Z"),
                t.lost(UUID.randomUUID(), c2, ANNA, "PRICE", "2026-10-12T07:00:00Z"),
                t.won(
                        UUID.randomUUID(),
                        c3,
                        ANNA,
                        "9000",
                        "2026-10-01T07:00:00Z",
                        "2026-10-15T07:00:00Z",
                        List.of(line("CRM", "software", "10", "1000", "10"))));
        // Anna's November:
        //   3 touches on 2 clients, c6 asked not to be contacted -> 1.5 (score 50), 0.5 against 0 (score 100)
        //   lost: 1 PRESSURE, 1 PRICE -> 0.5 against 0 (score 100)
        //   won: 10 Nov with 12% discount -> depth 0.12 against 0.10 (score 20); 27 Nov, in the last 3 working days
        //   (26, 27, 30 Nov) -> endCrowding 1 of 2 = 0.5 against 0 (score 100)
        //   index = (50 + 100 + 100 + 20 + 100) / 5 = 74.0
        t.publish(
                t.activity(UUID.randomUUID(), c5, ANNA, "5", false, "2026-11-02T07:00:00Z"),
                t.activity(UUID.randomUUID(), c5, ANNA, null, false, "2026-11-03T07:00:00Z"),
                t.activity(UUID.randomUUID(), c6, ANNA, null, true, "2026-11-05T07:00:00Z"),
                t.lost(pressureLoss, c6, ANNA, "PRESSURE", "2026-11-06T07:00:00Z"),
                t.lost(UUID.randomUUID(), c5, ANNA, "PRICE", "2026-11-09T07:00:00Z"),
                t.won(
                        UUID.randomUUID(),
                        c5,
                        ANNA,
                        "8800",
                        "2026-11-02T07:00:00Z",
                        "2026-11-10T07:00:00Z",
                        List.of(line("CRM", "software", "10", "1000", "12"))),
                t.won(lateWin, c4, ANNA, "5000", "2026-11-02T07:00:00Z", "2026-11-27T07:00:00Z", List.of()));
        // Boris has November touches and no history: nothing to compare with, every part scores 0
        t.publish(t.activity(UUID.randomUUID(), c1, BORIS, null, true, "2026-11-03T07:00:00Z"));

        JsonPath f = t.await(
                PATH,
                a -> a.getList("figures.managers").size() == 2
                        && "74.0".equals(a.getString("figures.managers[0].index")),
                "month",
                "2026-11");
        assertThat(f.getList("figures.managers.managerId")).containsExactly(ANNA.toString(), BORIS.toString());
        assertThat(f.getList("figures.managers[0].parts.name"))
                .containsExactly(
                        "touchesPerClient", "doNotContactShare", "pressureLossShare", "discountDepth", "endCrowding");
        assertThat(f.getList("figures.managers[0].parts.current", Double.class))
                .containsExactly(1.5, 0.5, 0.5, 0.12, 0.5);
        assertThat(f.getList("figures.managers[0].parts.baseline", Double.class))
                .containsExactly(1.0, 0.0, 0.0, 0.1, 0.0);
        assertThat(f.getList("figures.managers[0].parts.score", Double.class))
                .containsExactly(50.0, 100.0, 100.0, 20.0, 100.0);
        assertThat(f.getDouble("figures.managers[1].index")).isEqualTo(0.0);
        // drill-down: the pressure-type loss by default, the late win on request
        assertThat(f.getList("drillDown.items.cardId")).containsExactly(pressureLoss.toString());
        assertThat(f.getList("drillDown.items.reason")).containsExactly("PRESSURE");
        assertThat(f.getList("drillDown.items.amount", Double.class)).containsExactly(1000.0);
        JsonPath crowding = t.get(PATH, "month", "2026-11", "figure", "endCrowding");
        assertThat(crowding.getList("drillDown.items.cardId")).containsExactly(lateWin.toString());
        assertThat(crowding.getList("drillDown.items.amount", Double.class)).containsExactly(5000.0);

        // the alert engine watches the last 30 days (1-30 Nov at this clock): 74.0 is above the default limit 70
        await().atMost(Duration.ofSeconds(90))
                .until(() -> given().auth()
                        .oauth2(t.headToken())
                        .when()
                        .get("/api/v1/alerts")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("findAll { it.alertType == 'BASE_BURNOUT' }.managerId")
                        .contains(ANNA.toString()));
        JsonPath alerts = given().auth()
                .oauth2(t.headToken())
                .when()
                .get("/api/v1/alerts")
                .then()
                .extract()
                .jsonPath();
        assertThat(alerts.getList("findAll { it.alertType == 'BASE_BURNOUT' }.managerId"))
                .containsExactly(ANNA.toString());
        assertThat(alerts.getString("find { it.alertType == 'BASE_BURNOUT' }.drillDownPath"))
                .isEqualTo("/api/v1/metrics/base-burnout?from=2026-11-01&to=2026-11-30&managerId=" + ANNA);
    }
}
