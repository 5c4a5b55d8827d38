package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.awaitDealEvents;
import static com.salespulse.deal.DealTestKit.awaitDealOfClient;
import static com.salespulse.deal.DealTestKit.event;
import static com.salespulse.deal.DealTestKit.produce;
import static com.salespulse.deal.LeadEvents.conversion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.Topics;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A lead converted in lead-service opens exactly one deal here, however often its event arrives. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class LeadConversionTest {

    private static final String TENANT = "conversions";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    @Test
    void conversionDeliveredTwiceAndResentUnderANewIdOpensExactlyOneDeal() {
        UUID leadId = UUID.randomUUID();
        UUID clientId = UUID.randomUUID();
        UUID managerId = UUID.randomUUID();
        LeadConverted converted = conversion(leadId, clientId, managerId);
        UUID eventId = UUID.randomUUID();
        UUID resentId = UUID.randomUUID();

        // the relay delivers the same CloudEvent twice, then lead-service re-sends the conversion under a new id
        produce(
                kafka,
                Topics.LEAD_EVENTS,
                leadId,
                event(TENANT, eventId, converted),
                event(TENANT, eventId, converted),
                event(TENANT, resentId, converted));

        // same key, same partition, applied in order: once the re-sent one is recorded, all three were handled
        await().atMost(Duration.ofSeconds(60)).until(() -> consumedAlready(resentId));
        List<String> deals = awaitDealOfClient(TENANT, clientId, 1);
        assertThat(deals).hasSize(1);

        asHead(TENANT)
                .get("/api/v1/deals/" + deals.get(0))
                .then()
                .statusCode(200)
                .body("leadId", equalTo(leadId.toString()))
                .body("managerId", equalTo(managerId.toString()))
                .body("status", equalTo("OPEN"))
                .body("amount", equalTo(50000))
                .body("currency", equalTo("RUB"))
                .body("source", equalTo("website"))
                .body("repeatSale", equalTo(false));

        List<JsonNode> opened = awaitDealEvents(kafka, deals.get(0), "salespulse.deal.opened", 1);
        assertThat(opened).hasSize(1);
        JsonNode data = opened.get(0).get("data");
        assertThat(data.get("leadId").asText()).isEqualTo(leadId.toString());
        assertThat(data.get("stageProbability").asInt()).isEqualTo(10);
        assertThat(opened.get(0).get("tenant").asText()).isEqualTo(TENANT);
        assertThat(opened.get(0).get("actor").asText()).isEqualTo("user:head-of-sales");
    }

    @Test
    void aConversionOpensTheDealInTheConvertingTenantOnly() {
        UUID clientId = UUID.randomUUID();
        LeadEvents.convertLead(kafka, TENANT, clientId, UUID.randomUUID());

        asHead("another-tenant")
                .queryParam("clientId", clientId.toString())
                .get("/api/v1/deals")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    /** Read with plain JDBC: the inbox is the consumer's bookkeeping, not an entity a test should go through. */
    private boolean consumedAlready(UUID eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("select 1 from consumed_event where event_id = ?")) {
            query.setObject(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
