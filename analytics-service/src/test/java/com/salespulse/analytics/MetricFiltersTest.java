package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.roster.TeamRenamed;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/metrics/filters: the dashboard's pickers, named, from the read model, a manager's scoped to them. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class MetricFiltersTest {

    private static final String PATH = "/api/v1/metrics/filters";
    private static final UUID NORTH = UUID.randomUUID();
    private static final UUID SOUTH = UUID.randomUUID();
    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID BORIS = UUID.randomUUID();
    private static final UUID ANDREY = UUID.randomUUID();
    private static final UUID PIPELINE = UUID.randomUUID();

    @InjectKafka
    KafkaCompanion kafka;

    /** The scenario, built once for the class by the first rule that runs (its own tenant); the rules only read it. */
    private static String tenant;

    @BeforeEach
    void roster() {
        if (tenant != null) {
            return;
        }
        String fresh = TestTenants.fresh();
        Instant at = Instant.parse("2026-10-01T09:00:00Z");
        EventPublisher events = new EventPublisher(kafka, fresh);
        // two teams, one renamed; Anna and Andrey in North (Andrey dismissed), Boris in South; one pipeline "Sales";
        // leads from web (Anna's), phone (Boris's) and expo (nobody's)
        events.publish(
                RosterEvents.team(NORTH, "Север", at),
                RosterEvents.team(SOUTH, "Юг", at),
                new TeamRenamed(SOUTH, "Юг", "Юг и Кавказ", 2, at.plusSeconds(60)),
                RosterEvents.hired(ANNA, "Анна Петрова", NORTH, 10, "2026-10-01T09:00:00Z"),
                RosterEvents.hired(BORIS, "Борис Ильин", SOUTH, 10, "2026-10-01T09:00:00Z"),
                RosterEvents.hired(ANDREY, "Андрей Волков", NORTH, 10, "2026-10-01T09:00:00Z"),
                RosterEvents.dismissed(ANDREY, null, List.of(), "2026-10-20T09:00:00Z"),
                DealEvents.pipeline(
                        PIPELINE, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()),
                LeadEvents.lead(UUID.randomUUID(), "web", ANNA, "Ромашка", "2026-10-02T09:00:00Z"),
                LeadEvents.lead(UUID.randomUUID(), "phone", BORIS, "Лютик", "2026-10-02T10:00:00Z"),
                LeadEvents.lead(UUID.randomUUID(), "expo", null, "Астра", "2026-10-02T11:00:00Z"));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath all = filters(TestTokens.head(fresh));
            return all.getList("managers").size() == 3
                    && all.getList("sources").size() == 3
                    && all.getList("pipelines").size() == 1
                    && "Юг и Кавказ".equals(all.getString("teams[1].name"))
                    && all.getString("managers[2].dismissedAt") != null;
        });
        tenant = fresh;
    }

    @Test
    void theHeadGetsEveryTeamPipelineManagerAndSourceWithTheirNames() {
        JsonPath all = filters(TestTokens.head(tenant));
        // teams by name, the rename applied
        assertThat(all.getList("teams.id")).containsExactly(NORTH.toString(), SOUTH.toString());
        assertThat(all.getList("teams.name")).containsExactly("Север", "Юг и Кавказ");
        assertThat(all.getList("pipelines.id")).containsExactly(PIPELINE.toString());
        assertThat(all.getList("pipelines.name")).containsExactly("Sales");
        // the working managers by name (Анна before Борис), then the dismissed one (Андрей, though first by name)
        assertThat(all.getList("managers.id")).containsExactly(ANNA.toString(), BORIS.toString(), ANDREY.toString());
        assertThat(all.getList("managers.teamId"))
                .containsExactly(NORTH.toString(), SOUTH.toString(), NORTH.toString());
        assertThat(all.getString("managers[0].dismissedAt")).isNull();
        assertThat(all.getList("sources")).containsExactly("expo", "phone", "web");
    }

    @Test
    void aManagerGetsThemselvesTheirTeamAndTheSourcesOfTheirOwnCards() {
        JsonPath boris = filters(TestTokens.manager(tenant, BORIS));
        assertThat(boris.getList("managers.id")).containsExactly(BORIS.toString());
        assertThat(boris.getList("teams.name")).containsExactly("Юг и Кавказ");
        assertThat(boris.getList("sources")).containsExactly("phone");
        // the pipelines are the tenant's, the same for everyone
        assertThat(boris.getList("pipelines.name")).containsExactly("Sales");
    }

    @Test
    void anotherTenantSeesNoneOfThem() {
        JsonPath other = filters(TestTokens.head(TestTenants.fresh()));
        assertThat(other.getList("teams")).isEmpty();
        assertThat(other.getList("managers")).isEmpty();
        assertThat(other.getList("sources")).isEmpty();
        assertThat(other.getList("pipelines")).isEmpty();
    }

    private static JsonPath filters(String token) {
        return given().auth()
                .oauth2(token)
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
