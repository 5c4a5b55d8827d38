package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the dashboard needs of the service besides the metrics (docs/dashboard.md): the page under /dashboard/, and
 * conditional GETs for its live refresh: an unchanged answer is a 304 without a body, a changed one a new tag.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DashboardTest {

    private static final String INFLOW = "/api/v1/metrics/lead-inflow";
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000da5a1");

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void theDashboardIsServedUnderItsPathWithItsBundledScriptAndNoToken() {
        given().redirects()
                .follow(false)
                .when()
                .get("/dashboard")
                .then()
                .statusCode(302)
                .header("Location", containsString("/dashboard/"));
        given().when()
                .get("/dashboard/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<script"), containsString("/static/bundle/main-"));
        // no OIDC provider configured: the page offers only the local sign-in link's way
        given().when()
                .get("/dashboard/config.json")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("containsKey('oidc')", org.hamcrest.Matchers.is(true))
                .body("oidc", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void anUnchangedMetricIsA304AndANewLeadChangesItsTag() {
        DealEvents t = new DealEvents(kafka);
        EventPublisher events = new EventPublisher(kafka, t.tenant);
        events.publish(RosterEvents.hired(ANNA, "Анна", UUID.randomUUID(), 10, "2026-09-01T09:00:00Z"));
        events.publish(LeadEvents.lead(UUID.randomUUID(), "website", ANNA, "First", "2026-10-05T09:00:00Z"));
        t.await(INFLOW, a -> a.getLong("figures.total") == 1, "month", "2026-10");

        String tag = given().auth()
                .oauth2(t.headToken())
                .queryParam("month", "2026-10")
                .when()
                .get(INFLOW)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        assertThat(tag).matches("\"[A-Za-z0-9_-]{43}\"");
        given().auth()
                .oauth2(t.headToken())
                .header("If-None-Match", tag)
                .queryParam("month", "2026-10")
                .when()
                .get(INFLOW)
                .then()
                .statusCode(304)
                .header("ETag", tag)
                .body(emptyString());

        events.publish(LeadEvents.lead(UUID.randomUUID(), "website", ANNA, "Second", "2026-10-06T09:00:00Z"));
        t.await(INFLOW, a -> a.getLong("figures.total") == 2, "month", "2026-10");
        String changed = given().auth()
                .oauth2(t.headToken())
                .header("If-None-Match", tag)
                .queryParam("month", "2026-10")
                .when()
                .get(INFLOW)
                .then()
                .statusCode(200)
                .body("figures.total", org.hamcrest.Matchers.equalTo(2))
                .extract()
                .header("ETag");
        assertThat(changed).isNotEqualTo(tag);
        // exports carry no tag: a CSV is always sent
        given().auth()
                .oauth2(t.headToken())
                .header("If-None-Match", changed)
                .accept("text/csv")
                .queryParam("month", "2026-10")
                .when()
                .get(INFLOW)
                .then()
                .statusCode(200)
                .header("ETag", org.hamcrest.Matchers.nullValue());
    }
}
