package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Metric 2 (rejected leads) and the flow quality of metric 1, from lead events on the real topic. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RejectedLeadsTest {

    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-0000000000b2");

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void countsTheRejectedLeadsOfTheMonthsInflowByReasonSourceAndManager() {
        String tenant = TestTenants.fresh();
        EventPublisher events = new EventPublisher(kafka, tenant);
        UUID l1 = UUID.randomUUID(),
                l2 = UUID.randomUUID(),
                l3 = UUID.randomUUID(),
                l4 = UUID.randomUUID(),
                l5 = UUID.randomUUID(),
                l6 = UUID.randomUUID();
        events.publish(
                LeadEvents.lead(l1, "website", ANNA, "One", "2026-10-05T09:00:00Z"),
                LeadEvents.lead(l2, "website", ANNA, "Two", "2026-10-06T09:00:00Z"),
                LeadEvents.lead(l3, "call", BORIS, "Three", "2026-10-07T09:00:00Z"),
                LeadEvents.lead(l4, "call", BORIS, "Four", "2026-10-08T09:00:00Z"),
                LeadEvents.lead(l5, "website", BORIS, "Five", "2026-10-09T09:00:00Z"),
                LeadEvents.lead(l6, "website", ANNA, "September", "2026-09-29T09:00:00Z"),
                LeadEvents.rejected(l1, "NEW", "junk", ANNA, "website", "2026-10-10T09:00:00Z"),
                LeadEvents.rejected(l3, "IN_WORK", "no_budget", BORIS, "call", "2026-10-11T09:00:00Z"),
                LeadEvents.rejected(l4, "NEW", "junk", BORIS, "call", "2026-11-02T09:00:00Z"), // rejected in November
                LeadEvents.rejected(l6, "NEW", "junk", ANNA, "website", "2026-10-01T09:00:00Z"), // came in September
                LeadEvents.unreached(l2, ANNA, "2026-10-07T09:00:00Z"));
        // October's inflow: L1..L5 = 5. Rejected of them: L1 junk (Anna), L3 no_budget (Boris), L4 junk (Boris, in
        // November, still October's cohort) = 3 -> 3/5 = 0.6. L6 came in September: not October's.
        // by reason: junk 2 (2/3 = 0.6667), no_budget 1 (0.3333); by source: call 2 of 2 (1.0), website 1 of 3
        // (0.3333);
        // by manager: Boris 2 (0.6667), Anna 1 (0.3333). Unreached: L2 -> 1/5 = 0.2.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rejected(TestTokens.head(tenant)).getLong("figures.rejected") == 3);
        JsonPath answer = rejected(TestTokens.head(tenant));
        assertThat(answer.getLong("figures.inflow")).isEqualTo(5);
        assertThat(answer.getFloat("figures.shareOfInflow")).isEqualTo(0.6f);
        assertThat(answer.getList("figures.byReason.reason")).containsExactly("junk", "no_budget");
        assertThat(answer.getList("figures.byReason.count", Integer.class)).containsExactly(2, 1);
        assertThat(answer.getList("figures.byReason.share", Float.class)).containsExactly(0.6667f, 0.3333f);
        assertThat(answer.getList("figures.bySource.source")).containsExactly("call", "website");
        assertThat(answer.getList("figures.bySource.share", Float.class)).containsExactly(1.0f, 0.3333f);
        assertThat(answer.getList("figures.byManager.managerId")).containsExactly(BORIS.toString(), ANNA.toString());
        // the drill-down: the rejected leads, latest rejection first, with their reason
        assertThat(answer.getList("drillDown.items.cardId"))
                .containsExactly(l4.toString(), l3.toString(), l1.toString());
        assertThat(answer.getList("drillDown.items.reason")).containsExactly("junk", "no_budget", "junk");

        // Anna's own figures: her inflow L1, L2 (L6 is September's); rejected L1 -> 1/2
        JsonPath anna = rejected(TestTokens.manager(tenant, ANNA));
        assertThat(anna.getLong("figures.inflow")).isEqualTo(2);
        assertThat(anna.getLong("figures.rejected")).isEqualTo(1);
        assertThat(anna.getFloat("figures.shareOfInflow")).isEqualTo(0.5f);

        // metric 1's flow quality for the same month
        JsonPath inflow = given().auth()
                .oauth2(TestTokens.head(tenant))
                .queryParam("month", "2026-10")
                .when()
                .get("/api/v1/metrics/lead-inflow")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(inflow.getLong("figures.total")).isEqualTo(5);
        assertThat(inflow.getLong("figures.quality.unreached")).isEqualTo(1);
        assertThat(inflow.getFloat("figures.quality.unreachedShare")).isEqualTo(0.2f);
        assertThat(inflow.getLong("figures.quality.rejected")).isEqualTo(3);
        assertThat(inflow.getFloat("figures.quality.rejectedShare")).isEqualTo(0.6f);
    }

    @Test
    void anEmptyPeriodHasNoRejectionsAndAZeroShare() {
        JsonPath answer = given().auth()
                .oauth2(TestTokens.head(TestTenants.fresh()))
                .queryParam("month", "2026-01")
                .when()
                .get("/api/v1/metrics/rejected-leads")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(answer.getLong("figures.inflow")).isZero();
        assertThat(answer.getFloat("figures.shareOfInflow")).isZero();
        assertThat(answer.getList("drillDown.items")).isEmpty();
        assertThat(answer.getString("asOf")).isNull();
    }

    private static JsonPath rejected(String token) {
        return given().auth()
                .oauth2(token)
                .queryParam("month", "2026-10")
                .when()
                .get("/api/v1/metrics/rejected-leads")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
