package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asIntegrator;
import static com.salespulse.deal.DealTestKit.asManager;
import static com.salespulse.deal.DealTestKit.awaitDealEvents;
import static com.salespulse.deal.LeadEvents.convertLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pipelines: a default one per tenant, and changes that never rewrite the probabilities events already carry. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class PipelineTest {

    private static final String TENANT = "pipelines";

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aNewTenantGetsExactlyOneDefaultPipeline() {
        String tenant = TestTenants.fresh();
        asManager(tenant, UUID.randomUUID())
                .get("/api/v1/pipelines")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].defaultPipeline", equalTo(true))
                .body("items[0].stages.kind", equalTo(List.of("OPEN", "OPEN", "OPEN", "OPEN", "WON", "LOST")));
        asHead(tenant).get("/api/v1/pipelines").then().body("total", equalTo(1));
        List<JsonNode> created = DealTestKit.awaitEventsOfType(kafka, "salespulse.pipeline.created", tenant, 1);
        assertThat(created).hasSize(1);
        assertThat(created.get(0).get("data").get("definition").get("stages")).hasSize(6);
    }

    /** A pipeline Intro 20% / Signed (won) / Dropped (lost), as created, and a deal opened in its first stage. */
    private record Enterprise(String pipelineId, List<String> stages, long version, String deal) {}

    private Enterprise enterpriseWithADeal() {
        UUID client = UUID.randomUUID();
        UUID manager = RosterEvents.hire(kafka, TENANT);
        convertLead(kafka, TENANT, client, manager);
        JsonPath pipeline = asHead(TENANT)
                .body(Map.of(
                        "name",
                        "Enterprise " + UUID.randomUUID(),
                        "stages",
                        List.of(
                                Map.of("name", "Intro", "probability", 20, "kind", "OPEN"),
                                Map.of("name", "Signed", "probability", 100, "kind", "WON"),
                                Map.of("name", "Dropped", "probability", 0, "kind", "LOST"))))
                .post("/api/v1/pipelines")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String pipelineId = pipeline.getString("id");
        List<String> stages = pipeline.getList("stages.id", String.class);
        String deal = asIntegrator(TENANT)
                .body(Map.of(
                        "clientId",
                        client.toString(),
                        "managerId",
                        manager.toString(),
                        "pipelineId",
                        pipelineId,
                        "amount",
                        1000,
                        "currency",
                        "RUB",
                        "source",
                        "repeat"))
                .post("/api/v1/deals")
                .then()
                .statusCode(201)
                .body("stageId", equalTo(stages.get(0)))
                .extract()
                .path("id");
        return new Enterprise(pipelineId, stages, pipeline.getLong("version"), deal);
    }

    @Test
    void changingAProbabilityEmitsBeforeAndAfterAndTheDealKeepsItsOpeningProbability() {
        Enterprise e = enterpriseWithADeal();
        asHead(TENANT)
                .body(Map.of(
                        "name",
                        "Enterprise",
                        "version",
                        e.version,
                        "stages",
                        List.of(
                                Map.of("id", e.stages.get(0), "name", "Intro", "probability", 30, "kind", "OPEN"),
                                Map.of("id", e.stages.get(1), "name", "Signed", "probability", 100, "kind", "WON"),
                                Map.of("id", e.stages.get(2), "name", "Dropped", "probability", 0, "kind", "LOST"))))
                .put("/api/v1/pipelines/" + e.pipelineId)
                .then()
                .statusCode(200)
                .body("stages[0].probability", equalTo(30));
        List<JsonNode> changed = awaitDealEvents(kafka, e.pipelineId, "salespulse.pipeline.changed", 1);
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0)
                        .get("data")
                        .get("before")
                        .get("stages")
                        .get(0)
                        .get("probability")
                        .asInt())
                .isEqualTo(20);
        assertThat(changed.get(0)
                        .get("data")
                        .get("after")
                        .get("stages")
                        .get(0)
                        .get("probability")
                        .asInt())
                .isEqualTo(30);
        // the deal's opening keeps the probability that was in force
        assertThat(awaitDealEvents(kafka, e.deal, "salespulse.deal.opened", 1)
                        .get(0)
                        .get("data")
                        .get("stageProbability")
                        .asInt())
                .isEqualTo(20);
    }

    /**
     * Openings read the default pipeline from a copy kept per tenant: a change of the pipeline is seen by the very
     * next opening, in the stage and the probability its event carries.
     */
    @Test
    void aDealOpenedRightAfterTheDefaultPipelineChangedOpensInItsNewFirstStage() {
        String tenant = TestTenants.fresh();
        UUID client = UUID.randomUUID();
        UUID manager = RosterEvents.hire(kafka, tenant);
        convertLead(kafka, tenant, client, manager);
        Map<String, Object> newDeal = Map.of(
                "clientId",
                client.toString(),
                "managerId",
                manager.toString(),
                "amount",
                1000,
                "currency",
                "RUB",
                "source",
                "repeat");
        JsonPath before =
                asHead(tenant).get("/api/v1/pipelines").then().extract().jsonPath();
        List<String> stages = before.getList("items[0].stages.id", String.class);
        asIntegrator(tenant)
                .body(newDeal)
                .post("/api/v1/deals")
                .then()
                .statusCode(201)
                .body("stageId", equalTo(stages.get(0)));
        // a new first stage, Discovery 5 %, before New (10 %, whose deals stay) and the rest as they were
        List<Map<String, Object>> after = new java.util.ArrayList<>();
        after.add(Map.of("name", "Discovery", "probability", 5, "kind", "OPEN"));
        List<Map<String, Object>> kept = before.getList("items[0].stages");
        for (Map<String, Object> stage : kept) {
            after.add(Map.of(
                    "id",
                    stage.get("id"),
                    "name",
                    stage.get("name"),
                    "probability",
                    stage.get("probability"),
                    "kind",
                    stage.get("kind")));
        }
        String discovery = asHead(tenant)
                .body(Map.of("name", "Sales", "version", before.getLong("items[0].version"), "stages", after))
                .put("/api/v1/pipelines/" + before.getString("items[0].id"))
                .then()
                .statusCode(200)
                .extract()
                .path("stages[0].id");
        String deal = asIntegrator(tenant)
                .body(newDeal)
                .post("/api/v1/deals")
                .then()
                .statusCode(201)
                .body("stageId", equalTo(discovery))
                .extract()
                .path("id");
        assertThat(awaitDealEvents(kafka, deal, "salespulse.deal.opened", 1)
                        .get(0)
                        .get("data")
                        .get("stageProbability")
                        .asInt())
                .isEqualTo(5);
    }

    @Test
    void aStageWithDealsCannotBeRemoved() {
        Enterprise e = enterpriseWithADeal();
        // replacing the stage that holds the deal by a new one would remove it
        asHead(TENANT)
                .body(Map.of(
                        "name",
                        "Enterprise",
                        "version",
                        e.version,
                        "stages",
                        List.of(
                                Map.of("name", "Other", "probability", 30, "kind", "OPEN"),
                                Map.of("id", e.stages.get(1), "name", "Signed", "probability", 100, "kind", "WON"),
                                Map.of("id", e.stages.get(2), "name", "Dropped", "probability", 0, "kind", "LOST"))))
                .put("/api/v1/pipelines/" + e.pipelineId)
                .then()
                .statusCode(409)
                .body("detail", containsString("still holds deals"));
    }

    @Test
    void aPipelineWithoutAWonStageIsRefusedNamingStages() {
        asHead(TENANT)
                .body(Map.of(
                        "name",
                        "No won stage",
                        "stages",
                        List.of(
                                Map.of("name", "A", "probability", 30, "kind", "OPEN"),
                                Map.of("name", "B", "probability", 0, "kind", "LOST"),
                                Map.of("name", "C", "probability", 0, "kind", "LOST"))))
                .post("/api/v1/pipelines")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("stages"));
    }
}
