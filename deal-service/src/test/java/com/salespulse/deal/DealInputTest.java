package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static com.salespulse.deal.DealTestKit.asIntegrator;
import static com.salespulse.deal.DealTestKit.awaitDealEvents;
import static com.salespulse.deal.DealTestKit.awaitDealOfClient;
import static com.salespulse.deal.DealTestKit.event;
import static com.salespulse.deal.DealTestKit.produce;
import static com.salespulse.deal.LeadEvents.convertLead;
import static com.salespulse.deal.RosterReferencesTest.assertRefusedAndNothingWritten;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.Topics;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Client names on repeat sales, currencies that are real money, and loss reasons labelled in Russian and English. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DealInputTest {

    /** ISO 4217 codes that are no money a deal can be in, a made-up one, and a withdrawn one (the old rouble). */
    private static final List<String> NOT_CURRENCIES =
            List.of("ZZZ", "XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XBD", "XSU", "XUA", "RUR");

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aRepeatSaleForAClientWhoseLeadHadNoNameIsOpenedWithoutAName() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID client = UUID.randomUUID();
        UUID lead = UUID.randomUUID();
        produce(
                kafka,
                Topics.LEAD_EVENTS,
                lead,
                event(
                        tenant,
                        LeadEvents.conversion(
                                lead, client, manager, null, new BigDecimal("1000"), Instant.now(), null)));
        String first = awaitDealOfClient(tenant, client, 1).get(0);
        asHead(tenant)
                .body(Map.of())
                .post("/api/v1/deals/" + first + "/win")
                .then()
                .statusCode(200);

        String repeat = asIntegrator(tenant)
                .body(repeatSale(client, manager))
                .post("/api/v1/deals")
                .then()
                .statusCode(201)
                .body("repeatSale", equalTo(true))
                .body("clientName", nullValue())
                .extract()
                .path("id");
        assertThat(awaitDealEvents(kafka, repeat, "salespulse.deal.opened", 1)).hasSize(1);
    }

    @Test
    void refusesABlankClientNameAndWritesNothing() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID client = UUID.randomUUID();
        convertLead(kafka, tenant, client, manager);
        Map<String, Object> blank = new HashMap<>(repeatSale(client, manager));
        blank.put("clientName", "   ");

        assertRefusedAndNothingWritten(
                tenant,
                "clientName",
                "must not be blank",
                () -> asIntegrator(tenant).body(blank).post("/api/v1/deals"));
        // the name the client came with is what a later deal takes
        asIntegrator(tenant)
                .body(repeatSale(client, manager))
                .post("/api/v1/deals")
                .then()
                .statusCode(201)
                .body("clientName", equalTo("Client " + client.toString().substring(0, 4)));
    }

    @Test
    void refusesCurrencyCodesThatAreNoRealMoneyEverywhereAndWritesNothing() {
        String tenant = TestTenants.fresh();
        UUID manager = RosterEvents.hire(kafka, tenant);
        UUID client = UUID.randomUUID();
        String deal = convertLead(kafka, tenant, client, manager);
        asHead(tenant)
                .body(Map.of("currency", "RUB"))
                .put("/api/v1/currency/base")
                .then()
                .statusCode(200);
        long version = asHead(tenant)
                .get("/api/v1/deals/" + deal)
                .then()
                .extract()
                .jsonPath()
                .getLong("version");

        for (String code : NOT_CURRENCIES) {
            Map<String, Object> sale = new HashMap<>(repeatSale(client, manager));
            sale.put("currency", code);
            assertRefusedAndNothingWritten(
                    tenant,
                    "currency",
                    "real currency",
                    () -> asIntegrator(tenant).body(sale).post("/api/v1/deals"));
            assertRefusedAndNothingWritten(
                    tenant,
                    "currency",
                    "real currency",
                    () -> asHead(tenant)
                            .body(Map.of("version", version, "currency", code))
                            .patch("/api/v1/deals/" + deal));
            assertRefusedAndNothingWritten(
                    tenant,
                    "currency",
                    "real currency",
                    () -> asHead(tenant)
                            .body(Map.of(
                                    "name",
                                    "Box",
                                    "category",
                                    "Hardware",
                                    "unit",
                                    "pcs",
                                    "listPrice",
                                    1,
                                    "currency",
                                    code))
                            .post("/api/v1/products"));
            assertRefusedAndNothingWritten(
                    tenant,
                    "currency",
                    "real currency",
                    () -> asHead(tenant).body(Map.of("currency", code)).put("/api/v1/currency/base"));
            assertRefusedAndNothingWritten(
                    tenant,
                    "currency",
                    "real currency",
                    () -> asHead(tenant)
                            .body(Map.of("rateToBase", 2))
                            .put("/api/v1/currency/rates/" + code + "/2026-11-01"));
        }
        asHead(tenant)
                .body(Map.of("rateToBase", 2))
                .put("/api/v1/currency/rates/KZT/2026-11-01")
                .then()
                .statusCode(200);
    }

    @Test
    void lossReasonsCarryTheirLabelInRussianAndEnglish() {
        String tenant = TestTenants.fresh();

        asHead(tenant)
                .get("/api/v1/loss-reasons")
                .then()
                .statusCode(200)
                .body("find { it.code == 'PRICE' }.label", equalTo("Too expensive"))
                .body("find { it.code == 'PRICE' }.labels.en", equalTo("Too expensive"))
                .body("find { it.code == 'PRICE' }.labels.ru", equalTo("Слишком дорого"));
        asHead(tenant)
                .body(Map.of(
                        "code",
                        "WRONG_TIMING",
                        "label",
                        "Bad timing",
                        "kind",
                        "OTHER",
                        "labels",
                        Map.of("ru", "Не вовремя", "en", "Bad timing")))
                .post("/api/v1/loss-reasons")
                .then()
                .statusCode(201)
                .body("labels.ru", equalTo("Не вовремя"))
                .body("label", equalTo("Bad timing"));
        asHead(tenant)
                .body(Map.of("code", "MERGER", "label", "Company merged", "kind", "OTHER"))
                .post("/api/v1/loss-reasons")
                .then()
                .statusCode(201)
                .body("labels.ru", equalTo("Company merged"))
                .body("labels.en", equalTo("Company merged"));

        List<JsonNode> added = DealTestKit.awaitEventsOfType(kafka, "salespulse.deal.loss-reason-added", tenant, 10);
        assertThat(added).hasSize(10).allSatisfy(e -> {
            assertThat(e.get("data").get("labels").get("ru").asText()).isNotBlank();
            assertThat(e.get("data").get("labels").get("en").asText()).isNotBlank();
        });
        assertThat(added)
                .anySatisfy(
                        e -> assertThat(e.get("data").get("labels").get("ru").asText())
                                .isEqualTo("Клиент попросил не звонить"));
    }

    private static Map<String, Object> repeatSale(UUID client, UUID manager) {
        return Map.of(
                "clientId",
                client.toString(),
                "managerId",
                manager.toString(),
                "amount",
                10000,
                "currency",
                "RUB",
                "source",
                "repeat");
    }
}
