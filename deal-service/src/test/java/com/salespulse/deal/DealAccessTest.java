package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asManager;
import static com.salespulse.deal.LeadEvents.convertLead;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A manager sees and changes only their own deals and tasks; other tenants see nothing; roles are enforced. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DealAccessTest {

    private static final String TENANT = "deal-access";

    @InjectKafka
    KafkaCompanion kafka;

    /** Two managers, each with a deal; the other manager's deal has a task of theirs. */
    private record TwoManagers(UUID mine, UUID theirs, String myDeal, String theirDeal, String theirTask) {}

    private TwoManagers twoManagers() {
        UUID mine = UUID.randomUUID();
        UUID theirs = RosterEvents.hire(kafka, TENANT);
        String myDeal = convertLead(kafka, TENANT, UUID.randomUUID(), mine);
        String theirDeal = convertLead(kafka, TENANT, UUID.randomUUID(), theirs);
        String theirTask = asHead(TENANT)
                .body(Map.of(
                        "cardType",
                        "DEAL",
                        "cardId",
                        theirDeal,
                        "type",
                        "CALL",
                        "title",
                        "x",
                        "assigneeId",
                        theirs.toString(),
                        "dueAt",
                        Instant.now().plusSeconds(3600).toString()))
                .post("/api/v1/tasks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return new TwoManagers(mine, theirs, myDeal, theirDeal, theirTask);
    }

    @Test
    void aManagerListsOnlyTheirOwnDeals() {
        TwoManagers x = twoManagers();
        asManager(TENANT, x.mine)
                .get("/api/v1/deals")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(x.myDeal));
        asManager(TENANT, x.mine)
                .queryParam("managerId", x.theirs.toString())
                .get("/api/v1/deals")
                .then()
                .body("total", equalTo(0));
    }

    @Test
    void aManagerCannotReadOrWinAnotherManagersDeal() {
        TwoManagers x = twoManagers();
        asManager(TENANT, x.mine).get("/api/v1/deals/" + x.theirDeal).then().statusCode(404);
        asManager(TENANT, x.mine)
                .body(Map.of())
                .post("/api/v1/deals/" + x.theirDeal + "/win")
                .then()
                .statusCode(404);

        asHead(TENANT)
                .get("/api/v1/deals/" + x.theirDeal)
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"));
    }

    @Test
    void aManagerSeesNoneOfAnotherManagersTasks() {
        TwoManagers x = twoManagers();
        asManager(TENANT, x.mine).get("/api/v1/tasks/" + x.theirTask).then().statusCode(404);
        asManager(TENANT, x.mine).get("/api/v1/tasks").then().body("total", equalTo(0));
    }

    @Test
    void aManagerCannotPutATaskOnAnotherManagersDealNorAssignOneToThem() {
        TwoManagers x = twoManagers();
        asManager(TENANT, x.mine)
                .body(Map.of(
                        "cardType",
                        "DEAL",
                        "cardId",
                        x.theirDeal,
                        "type",
                        "CALL",
                        "title",
                        "x",
                        "dueAt",
                        Instant.now().toString()))
                .post("/api/v1/tasks")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("cardId"));
        asManager(TENANT, x.mine)
                .body(Map.of(
                        "cardType",
                        "LEAD",
                        "cardId",
                        UUID.randomUUID().toString(),
                        "type",
                        "CALL",
                        "title",
                        "x",
                        "assigneeId",
                        x.theirs.toString(),
                        "dueAt",
                        Instant.now().toString()))
                .post("/api/v1/tasks")
                .then()
                .statusCode(400)
                .body("invalidFields.field", hasItem("assigneeId"));
    }

    @Test
    void headOnlyOperationsAreRefusedToManagersAndIntegrators() {
        UUID manager = UUID.randomUUID();
        String deal = convertLead(kafka, TENANT, UUID.randomUUID(), manager);

        asManager(TENANT, manager)
                .body(Map.of("managerId", UUID.randomUUID().toString()))
                .post("/api/v1/deals/" + deal + "/reassign")
                .then()
                .statusCode(403);
        asManager(TENANT, manager)
                .body(Map.of("currency", "USD"))
                .put("/api/v1/currency/base")
                .then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.ops()).get("/api/v1/deals").then().statusCode(403);
        given().get("/api/v1/deals").then().statusCode(401);
    }

    @Test
    void anotherTenantSeesNoneOfTheDeals() {
        String deal = convertLead(kafka, TENANT, UUID.randomUUID(), UUID.randomUUID());

        asHead("someone-else").get("/api/v1/deals/" + deal).then().statusCode(404);
        asHead("someone-else")
                .body(Map.of("reasonCode", "PRICE"))
                .post("/api/v1/deals/" + deal + "/lose")
                .then()
                .statusCode(404);
        asHead(TENANT).get("/api/v1/deals/" + deal).then().body("status", equalTo("OPEN"));
    }

    @Test
    void theNilUuidInAPathIsRefusedNamingItNotLookedUp() {
        String nil = new UUID(0, 0).toString();

        asHead(TENANT)
                .get("/api/v1/deals/" + nil)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("id"));
        asHead(TENANT)
                .body(Map.of("reasonCode", "PRICE"))
                .post("/api/v1/deals/" + nil + "/lose")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("id"));
    }
}
