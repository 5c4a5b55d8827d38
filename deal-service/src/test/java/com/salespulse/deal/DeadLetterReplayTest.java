package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asManager;
import static com.salespulse.deal.DealTestKit.event;
import static com.salespulse.deal.DealTestKit.produce;
import static com.salespulse.deal.LeadEvents.conversion;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A conversion deal-service refuses is parked on its dead-letter topic; after the fix ops list it and replay it, and
 * the deal opens exactly once, however often it is replayed. The refusal is staged by a trigger on the deal table that
 * raises a check violation for the test's tenant (no transient failure, so the consumer dead-letters after its
 * retries): it stands in for the bug, and dropping it is the fix.
 */
@QuarkusTest
@Tag("faults") // a fault of the database, the broker or a receiver: the faults profile runs it
@WithTestResource(EmbeddedInfra.class)
class DeadLetterReplayTest {

    private static final String DEAD_LETTERS = "/api/v1/ops/dead-letters";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    AgroalDataSource database;

    @AfterEach
    void fixed() throws SQLException {
        sql("drop trigger if exists refuse_deal on deal");
    }

    @Test
    void aRefusedConversionIsReplayedByOpsAfterTheFixAndOpensItsDealExactlyOnce() throws Exception {
        String tenant = TestTenants.fresh();
        UUID lead = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        refuseDealsOf(tenant);

        produce(
                kafka,
                Topics.LEAD_EVENTS,
                lead,
                event(tenant, eventId, conversion(lead, UUID.randomUUID(), UUID.randomUUID())));

        await().atMost(Duration.ofSeconds(30)).until(() -> parked(eventId) != null);
        Map<String, Object> parked = parked(eventId);
        assertThat(parked)
                .containsEntry("originalTopic", Topics.LEAD_EVENTS)
                .containsEntry("key", lead.toString())
                .containsEntry("eventType", "salespulse.lead.converted")
                .containsEntry("replayedAt", null)
                .containsEntry("replays", 0);
        assertThat(parked.get("originalOffset")).isNotNull();
        assertThat((String) parked.get("reason")).isNotBlank();
        assertThat(deals(tenant).getInt("total")).isZero();

        sql("drop trigger refuse_deal on deal");

        // neither a manager nor the head of sales may read or replay the topic
        asManager(tenant, UUID.randomUUID()).get(DEAD_LETTERS).then().statusCode(403);
        asHead(tenant).get(DEAD_LETTERS).then().statusCode(403);
        String byEventId = "{\"eventIds\":[\"" + eventId + "\"]}";
        asManager(tenant, UUID.randomUUID())
                .body(byEventId)
                .post(DEAD_LETTERS + "/replay")
                .then()
                .statusCode(403);
        asHead(tenant).body(byEventId).post(DEAD_LETTERS + "/replay").then().statusCode(403);
        assertThat(deals(tenant).getInt("total")).isZero();

        JsonPath replayed = asOps().body(byEventId)
                .post(DEAD_LETTERS + "/replay")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(replayed.getInt("replayed")).isEqualTo(1);
        assertThat(replayed.getString("records[0].eventId")).isEqualTo(eventId.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> deals(tenant).getInt("total") == 1);
        assertThat(deals(tenant).getList("items.leadId", String.class)).containsExactly(lead.toString());

        Map<String, Object> listed = parked(eventId);
        assertThat(listed.get("replayedAt")).isNotNull();
        assertThat(listed).containsEntry("replays", 1);
        assertThat((String) listed.get("replayedBy")).isNotBlank();

        // the same record again, selected by its place on the dead-letter topic this time: the consumer skips it
        int partition = (Integer) listed.get("partition");
        long offset = ((Number) listed.get("offset")).longValue();
        asOps().body(Map.of("partition", partition, "fromOffset", offset, "toOffset", offset))
                .post(DEAD_LETTERS + "/replay")
                .then()
                .statusCode(200)
                .body("replayed", org.hamcrest.Matchers.equalTo(1));
        // a later conversion on the same key (so the same partition, behind the replayed record) shows it was read
        UUID later = UUID.randomUUID();
        produce(
                kafka,
                Topics.LEAD_EVENTS,
                lead,
                event(tenant, conversion(later, UUID.randomUUID(), UUID.randomUUID())));
        await().atMost(Duration.ofSeconds(30)).until(() -> deals(tenant).getInt("total") >= 2);
        assertThat(deals(tenant).getList("items.leadId", String.class))
                .containsExactlyInAnyOrder(lead.toString(), later.toString());
        assertThat(parked(eventId)).containsEntry("replays", 2);
    }

    @Test
    void aReplayThatSelectsNothingClearlyOrBackwardsIsRefusedNamingTheField() {
        asOps().body("{}")
                .post(DEAD_LETTERS + "/replay")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("all"));
        asOps().body("{\"all\":true,\"fromOffset\":0}")
                .post(DEAD_LETTERS + "/replay")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("all"));
        asOps().body("{\"fromOffset\":5,\"toOffset\":2}")
                .post(DEAD_LETTERS + "/replay")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("toOffset"));
        asOps().body("{\"partition\":-1}")
                .post(DEAD_LETTERS + "/replay")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("partition"));
        asOps().queryParam("size", 0)
                .get(DEAD_LETTERS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem("size"));
    }

    private static RequestSpecification asOps() {
        return given().auth().oauth2(TestTokens.ops()).contentType("application/json");
    }

    /** The parked record carrying this event id, as ops list it; null while there is none. */
    private static Map<String, Object> parked(UUID eventId) {
        JsonPath page = asOps().queryParam("size", 100)
                .get(DEAD_LETTERS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        int pages = (int) ((page.getLong("total") + 99) / 100);
        for (int p = 0; p < pages; p++) {
            List<Map<String, Object>> items = asOps().queryParam("size", 100)
                    .queryParam("page", p)
                    .get(DEAD_LETTERS)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("items");
            for (Map<String, Object> item : items) {
                if (eventId.toString().equals(item.get("eventId"))) {
                    return item;
                }
            }
        }
        return null;
    }

    private void refuseDealsOf(String tenant) throws SQLException {
        sql("create or replace function refuse_deal() returns trigger language plpgsql as $$ begin "
                + "if new.tenant_id = '" + tenant + "' then "
                + "raise exception 'deal refused for the test' using errcode = 'check_violation'; end if; "
                + "return new; end $$");
        sql("create trigger refuse_deal before insert on deal for each row execute function refuse_deal()");
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = database.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static JsonPath deals(String tenant) {
        return asHead(tenant)
                .queryParam("size", 10)
                .get("/api/v1/deals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
