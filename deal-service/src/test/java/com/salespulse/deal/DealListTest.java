package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asIntegrator;
import static com.salespulse.deal.DealTestKit.asManager;
import static com.salespulse.deal.DealTestKit.event;
import static com.salespulse.deal.DealTestKit.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.salespulse.contract.Topics;
import com.salespulse.contract.lead.ClientUpdated;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Deals listed by period (opened, closed, expected close), searched by text and sorted; pipelines and the touches on
 * a card paged and sorted like every list. One tenant with three deals, built once:
 *
 * <pre>
 *   D-1  Anna Petrova     100 000  opened 2025-10-05 10:00Z  expected 2025-11-20  open
 *   D-2  ООО Ромашка      250 000  opened 2025-11-02 10:00Z  expected 2025-11-30  open
 *   D-3  Petrov &amp; Sons    50 000  opened 2025-11-15 10:00Z  expected 2025-12-10  won 2025-11-25 12:00Z
 * </pre>
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DealListTest {

    @InjectKafka
    KafkaCompanion kafka;

    String tenant;
    UUID manager;
    String anna;
    String romashka;
    String petrov;

    /** Built once, before the first test (RestAssured knows the test port only once a test runs). */
    @BeforeEach
    void threeDeals() {
        if (tenant != null) {
            return;
        }
        tenant = TestTenants.fresh();
        manager = RosterEvents.hire(kafka, tenant);
        UUID client = clientCreated();
        anna = put("D-1", client, "Anna Petrova", 100_000, "2025-10-05T10:00:00Z", "2025-11-20", null);
        romashka = put("D-2", client, "ООО Ромашка", 250_000, "2025-11-02T10:00:00Z", "2025-11-30", null);
        petrov = put("D-3", client, "Petrov & Sons", 50_000, "2025-11-15T10:00:00Z", "2025-12-10", null);
        String won = asHead(tenant)
                .get("/api/v1/pipelines")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("items.find { it.defaultPipeline }.stages.find { it.kind == 'WON' }.id");
        put("D-3", client, "Petrov & Sons", 50_000, "2025-11-25T12:00:00Z", "2025-12-10", won);
    }

    @Test
    void dealsOpenedInAPeriodAreThoseFromItsStartUpToItsEnd() {
        // November: D-2 (2 Nov) and D-3 (15 Nov); D-1 opened in October; the end is exclusive
        assertThat(ids("openedFrom=2025-11-01T00:00:00Z&openedTo=2025-12-01T00:00:00Z"))
                .containsExactly(petrov, romashka);
        assertThat(ids("openedFrom=2025-10-05T10:00:00Z&openedTo=2025-11-02T10:00:00Z"))
                .containsExactly(anna);
    }

    @Test
    void dealsClosedInAPeriodAreTheWonOrLostOnesOnly() {
        assertThat(ids("closedFrom=2025-11-25T00:00:00Z&closedTo=2025-11-26T00:00:00Z"))
                .containsExactly(petrov);
        assertThat(ids("closedFrom=2025-11-26T00:00:00Z")).isEmpty();
    }

    @Test
    void dealsExpectedToCloseBetweenTwoDatesIncludeBothDays() {
        assertThat(ids("expectedCloseFrom=2025-11-20&expectedCloseTo=2025-11-30&sort=expectedCloseDate"))
                .containsExactly(anna, romashka);
        assertThat(ids("expectedCloseFrom=2025-11-21&expectedCloseTo=2025-11-29"))
                .isEmpty();
    }

    @Test
    void searchFindsTextAnywhereInTheClientsNameInAnyCase() {
        // "petrov" is in "Anna Petrova" and "Petrov & Sons"; "Ромаш" in "ООО Ромашка" (Cyrillic case folding
        // follows the database's LC_CTYPE: the test database's C locale folds ASCII only)
        assertThat(ids("q=petrov&sort=clientName")).containsExactly(anna, petrov);
        assertThat(ids("q=%D0%A0%D0%BE%D0%BC%D0%B0%D1%88")).containsExactly(romashka);
        assertThat(ids("q=d-2")).containsExactly(romashka); // the external id
        assertThat(ids("q=100%25")).isEmpty(); // % is a character, not a wildcard
        assertThat(ids("q=petrov&openedFrom=2025-11-01T00:00:00Z")).containsExactly(petrov);
    }

    @Test
    void dealsSortByAmountEitherWay() {
        assertThat(ids("sort=amount")).containsExactly(petrov, anna, romashka);
        assertThat(ids("sort=-amount")).containsExactly(romashka, anna, petrov);
        assertThat(ids("")).containsExactly(petrov, romashka, anna); // newest opened first
        asHead(tenant)
                .get("/api/v1/deals?sort=-amount&size=2&page=1")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(petrov)))
                .body("total", equalTo(3));
    }

    @Test
    void aManagerSearchesOnlyTheirOwnDeals() {
        UUID other = RosterEvents.hire(kafka, tenant);
        asManager(tenant, other)
                .get("/api/v1/deals?q=petrov")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        asManager(tenant, manager)
                .get("/api/v1/deals?q=petrov")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    void aBadDateOrABackwardRangeIsRefusedNamingTheField() {
        Map<String, String> refused = Map.of(
                "openedFrom=2025-13-01T00:00:00Z", "openedFrom",
                "openedFrom=2025-11-02T00:00:00Z&openedTo=2025-11-01T00:00:00Z", "openedTo",
                "closedFrom=2025-11-02T00:00:00Z&closedTo=2025-11-02T00:00:00Z", "closedTo",
                "expectedCloseFrom=2025-02-30", "expectedCloseFrom",
                "expectedCloseFrom=2025-12-01&expectedCloseTo=2025-11-30", "expectedCloseTo",
                "expectedCloseTo=", "expectedCloseTo",
                "q=%20", "q",
                "sort=managerId", "sort",
                "sort=", "sort");
        refused.forEach((query, field) -> asHead(tenant)
                .urlEncodingEnabled(false)
                .get("/api/v1/deals?" + query)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields", hasSize(1))
                .body("invalidFields[0].field", equalTo(field)));
    }

    @Test
    void pipelinesArePagedAndSortedByName() {
        String other = TestTenants.fresh();
        asHead(other).get("/api/v1/pipelines").then().statusCode(200); // creates the default pipeline, "Sales"
        String zeta = pipeline(other, "Zeta partners");
        String alpha = pipeline(other, "Alpha resellers");
        List<String> byName = asHead(other)
                .get("/api/v1/pipelines?sort=name")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .extract()
                .jsonPath()
                .getList("items.name", String.class);
        assertThat(byName).containsExactly("Alpha resellers", "Sales", "Zeta partners");
        assertThat(asHead(other)
                        .get("/api/v1/pipelines?sort=-createdAt&size=2")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.id", String.class))
                .containsExactly(alpha, zeta);
        asHead(other)
                .get("/api/v1/pipelines?sort=stages")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("sort"));
    }

    @Test
    void theTouchesOnACardArePagedNewestFirstOrAsAsked() {
        String call = touch("CALL", "2025-11-03T09:00:00Z");
        String meeting = touch("MEETING", "2025-11-05T09:00:00Z");
        String message = touch("MESSAGE", "2025-11-04T09:00:00Z");
        assertThat(touches("size=2")).containsExactly(meeting, message);
        assertThat(touches("size=2&page=1")).containsExactly(call);
        assertThat(touches("sort=occurredAt")).containsExactly(call, message, meeting);
        assertThat(touches("sort=type")).containsExactly(call, meeting, message);
        asHead(tenant)
                .queryParam("cardType", "DEAL")
                .queryParam("cardId", romashka)
                .get("/api/v1/activities?size=1")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("size", equalTo(1));
        asHead(tenant)
                .queryParam("cardType", "DEAL")
                .queryParam("cardId", romashka)
                .get("/api/v1/activities?sort=outcome")
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("sort"));
    }

    @Test
    void aClientRenamedInLeadServiceIsRenamedOnItsDealsOnceEvenWhenSentTwice() {
        String other = TestTenants.fresh();
        UUID owner = RosterEvents.hire(kafka, other);
        UUID client = UUID.randomUUID();
        String deal = LeadEvents.convertLead(kafka, other, client, owner);
        ClientUpdated rename = new ClientUpdated(
                client,
                "PERSON",
                "COMPANY",
                null,
                "Petrova & Partners",
                List.of(),
                List.of(),
                null,
                null,
                Instant.parse("2026-11-20T09:00:00Z"));
        UUID first = UUID.randomUUID();
        UUID resent = UUID.randomUUID();
        // the same event twice (skipped by its id), then re-sent under a new id (an upsert of the same name)
        produce(kafka, Topics.LEAD_EVENTS, client, event(other, first, rename), event(other, first, rename));
        produce(kafka, Topics.LEAD_EVENTS, client, event(other, resent, rename));
        RosterEvents.awaitApplied(List.of(first, resent));
        asHead(other)
                .get("/api/v1/deals/" + deal)
                .then()
                .statusCode(200)
                .body("clientName", equalTo("Petrova & Partners"));
        asHead(other).get("/api/v1/deals?q=partners").then().statusCode(200).body("items.id", equalTo(List.of(deal)));
    }

    /** The ids of the deals listed for this query, sent as written (already URL-encoded). */
    private List<String> ids(String query) {
        return asHead(tenant)
                .urlEncodingEnabled(false)
                .get("/api/v1/deals" + (query.isEmpty() ? "" : "?" + query))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class);
    }

    private List<String> touches(String query) {
        return asHead(tenant)
                .queryParam("cardType", "DEAL")
                .queryParam("cardId", romashka)
                .get("/api/v1/activities?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class);
    }

    private String touch(String type, String at) {
        return asHead(tenant)
                .body(Map.of(
                        "cardType",
                        "DEAL",
                        "cardId",
                        romashka,
                        "type",
                        type,
                        "direction",
                        "OUTBOUND",
                        "outcome",
                        "talked",
                        "managerId",
                        manager.toString(),
                        "occurredAt",
                        at))
                .post("/api/v1/activities")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String put(
            String ref, UUID client, String name, int amount, String at, String expectedClose, String stageId) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "clientId",
                client.toString(),
                "clientName",
                name,
                "managerId",
                manager.toString(),
                "amount",
                amount,
                "currency",
                "RUB",
                "source",
                "amocrm",
                "expectedCloseDate",
                expectedClose,
                "occurredAt",
                at));
        if (stageId != null) {
            body.put("stageId", stageId);
        }
        return asIntegrator(tenant)
                .body(body)
                .put("/api/v1/deals/by-ref/amocrm/" + ref)
                .then()
                .statusCode(stageId == null ? 201 : 200)
                .extract()
                .path("id");
    }

    private static String pipeline(String tenant, String name) {
        return asHead(tenant)
                .body(Map.of(
                        "name",
                        name,
                        "stages",
                        List.of(
                                Map.of("name", "Intro", "kind", "OPEN", "probability", 20),
                                Map.of("name", "Signed", "probability", 100, "kind", "WON"),
                                Map.of("name", "Gone", "probability", 0, "kind", "LOST"))))
                .post("/api/v1/pipelines")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private UUID clientCreated() {
        UUID client = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        produce(
                kafka,
                Topics.LEAD_EVENTS,
                client,
                event(tenant, eventId, LeadEvents.clientCreated(client, null, Instant.parse("2025-09-01T00:00:00Z"))));
        RosterEvents.awaitApplied(List.of(eventId));
        return client;
    }
}
