package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.security.ActingScope;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may see which lead: tokens, roles, tenants and a manager's own cards. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LeadAccessTest {

    @jakarta.inject.Inject
    ActingScope acting;

    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID BORIS = UUID.randomUUID();

    @Test
    void withoutATokenEveryLeadOperationIs401() {
        given().when()
                .get("/api/v1/leads")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:salespulse:problem:unauthorized"));
        given().contentType(ContentType.JSON)
                .body("{\"source\":\"website\",\"phone\":\"+79120000000\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().when().get("/api/v1/leads/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void anExpiredTokenOrOneSignedByAStrangerIs401() {
        given().auth()
                .oauth2(TestTokens.expired("acme"))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.signedByAStranger("acme"))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("not.a.jwt").when().get("/api/v1/leads").then().statusCode(401);
    }

    @Test
    void opsMayNotTouchLeads() {
        given().auth()
                .oauth2(TestTokens.ops())
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:salespulse:problem:forbidden"));
    }

    @Test
    void aManagerSeesOnlyTheirOwnLeads() {
        String tenant = TestTenants.fresh();
        onRoster(tenant, ANNA, BORIS);
        String annasLead = create(TestTokens.head(tenant), ANNA);
        String borisLead = create(TestTokens.head(tenant), BORIS);
        String anna = TestTokens.manager(tenant, ANNA);

        given().auth()
                .oauth2(anna)
                .when()
                .get("/api/v1/leads/" + annasLead)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(anna)
                .when()
                .get("/api/v1/leads/" + borisLead)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        List<String> listed = given().auth()
                .oauth2(anna)
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .extract()
                .path("items.id");
        assertThat(listed).containsExactly(annasLead);

        List<String> headSees = given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(headSees).containsExactlyInAnyOrder(annasLead, borisLead);
    }

    @Test
    void aManagerTakesInLeadsOnlyForThemselves() {
        String tenant = TestTenants.fresh();
        UUID anna = UUID.randomUUID();
        UUID boris = UUID.randomUUID();
        onRoster(tenant, anna, boris);
        String annasToken = TestTokens.manager(tenant, anna);

        given().auth()
                .oauth2(annasToken)
                .contentType(ContentType.JSON)
                .body("{\"source\":\"call\",\"phone\":\"+79120000001\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .body("managerId", equalTo(anna.toString()));
        given().auth()
                .oauth2(annasToken)
                .contentType(ContentType.JSON)
                .body("{\"source\":\"call\",\"phone\":\"+79120000002\",\"managerId\":\"" + boris + "\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("managerId"));
    }

    @Test
    void aManagerReadsOnlyTheClientsTheyHoldALeadOf() {
        String tenant = TestTenants.fresh();
        UUID anna = UUID.randomUUID();
        UUID boris = UUID.randomUUID();
        onRoster(tenant, anna, boris);
        String borisLead = create(TestTokens.head(tenant), boris);
        String client = given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/leads/" + borisLead)
                .then()
                .statusCode(200)
                .extract()
                .path("clientId");
        String annasToken = TestTokens.manager(tenant, anna);
        String borisToken = TestTokens.manager(tenant, boris);

        given().auth()
                .oauth2(annasToken)
                .when()
                .get("/api/v1/clients/" + client)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(annasToken)
                .when()
                .get("/api/v1/leads/" + borisLead)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(borisToken)
                .when()
                .get("/api/v1/clients/" + client)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/clients/" + client)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.integrator(tenant))
                .when()
                .get("/api/v1/clients/" + client)
                .then()
                .statusCode(200);

        // the card moves to Anna: so does the client
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .contentType(ContentType.JSON)
                .body("{\"managerId\":\"" + anna + "\",\"reason\":\"Boris is away\"}")
                .when()
                .post("/api/v1/leads/" + borisLead + "/assign")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(annasToken)
                .when()
                .get("/api/v1/clients/" + client)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(borisToken)
                .when()
                .get("/api/v1/clients/" + client)
                .then()
                .statusCode(404);
    }

    @Test
    void aBlankOrUnreadableListFilterIsRefusedNamingIt() {
        String tenant = TestTenants.fresh();
        String head = TestTokens.head(tenant);
        given().auth()
                .oauth2(head)
                .contentType(ContentType.JSON)
                .body(
                        "{\"source\":\"website\",\"phone\":\"+79121234500\",\"externalSystem\":\"amocrm\",\"externalId\":\"48213\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201);
        create(head, null);

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("externalId", "");
        refused.put("externalSystem", " ");
        refused.put("source", "");
        refused.put("q", "  ");
        refused.put("status", "");
        refused.put("from", "0001-01-01T00:00:00Z");
        refused.put("to", "+10000-01-01T00:00:00Z");
        refused.put("managerId", "00000000-0000-0000-0000-000000000000");
        refused.put("teamId", "00000000-0000-0000-0000-000000000000");
        refused.forEach((name, value) -> given().auth()
                .oauth2(head)
                .queryParam(name, value)
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo(name)));

        given().auth()
                .oauth2(head)
                .queryParam("externalSystem", "amocrm")
                .queryParam("externalId", "48213")
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        given().auth()
                .oauth2(head)
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    void anUnreadableBooleanFilterIsRefusedNotReadAsFalse() {
        String head = TestTokens.head(TestTenants.fresh());
        for (String name : List.of("archived", "duplicate", "unassigned")) {
            given().auth()
                    .oauth2(head)
                    .queryParam(name, "maybe")
                    .when()
                    .get("/api/v1/leads")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("invalidFields[0].field", equalTo(name));
        }
    }

    @Test
    void anotherTenantsLeadIsNotFoundAndNeverListed() {
        String acme = TestTenants.fresh();
        String globex = TestTenants.fresh();
        String acmeLead = create(TestTokens.integrator(acme), null);

        given().auth()
                .oauth2(TestTokens.head(globex))
                .when()
                .get("/api/v1/leads/" + acmeLead)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.head(globex))
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        given().auth()
                .oauth2(TestTokens.head(acme))
                .when()
                .get("/api/v1/leads/" + acmeLead)
                .then()
                .statusCode(200);
    }

    @Test
    void pageSizeBeyondTheLimitIsRefused() {
        given().auth()
                .oauth2(TestTokens.head("acme"))
                .queryParam("size", 101)
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("size"));
        given().auth()
                .oauth2(TestTokens.head("acme"))
                .queryParam("page", -1)
                .when()
                .get("/api/v1/leads")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("page"));
    }

    @Test
    void aTenantActedForByBackgroundWorkNeverReachesALaterRequest() {
        String tenant = TestTenants.fresh();
        String lead = create(TestTokens.head(tenant), null);

        // a consumer or scheduler acting for another tenant in its own request context, as ActingScope documents
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            acting.actAs("someone-else", "system:test");
        } finally {
            requestContext.terminate();
        }

        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .get("/api/v1/leads/" + lead)
                .then()
                .statusCode(200);
    }

    /** Leads go only to managers on the roster: hire them (with the ids their tokens carry) in the tenant. */
    private static void onRoster(String tenant, UUID... managers) {
        for (UUID manager : managers) {
            given().auth()
                    .oauth2(TestTokens.head(tenant))
                    .contentType(ContentType.JSON)
                    .body("{\"id\":\"" + manager + "\",\"name\":\"Manager " + manager
                            + "\",\"capacity\":50,\"shifts\":[]}")
                    .when()
                    .post("/api/v1/managers")
                    .then()
                    .statusCode(201);
        }
    }

    private static String create(String token, UUID managerId) {
        String manager = managerId == null ? "" : ",\"managerId\":\"" + managerId + "\"";
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"source\":\"website\",\"phone\":\"+79121234567\"" + manager + "}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
