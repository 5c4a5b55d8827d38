package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.contract.lead.ClientUpdated;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A client renamed in lead-service (salespulse.lead.client-updated) shows its new name in the deal drill-downs. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ClientRenameTest {

    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000020a1");
    private static final String CHECK = "/api/v1/metrics/average-check";

    @InjectKafka
    KafkaCompanion kafka;

    @Test
    void aRenamedClientsDealsShowTheNewNameAndARepeatChangesNothing() {
        DealEvents t = new DealEvents(kafka);
        EventPublisher leads = new EventPublisher(kafka, t.tenant);
        leads.publish(RosterEvents.hired(ANNA, "Anna", UUID.randomUUID(), 10, "2026-01-10T09:00:00Z"));
        UUID renamed = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID d1 = UUID.randomUUID();
        UUID d2 = UUID.randomUUID();
        String opened = "2026-11-02T07:00:00Z";
        // d1 (the renamed client's) won 10 000 on 5 Nov, d2 (another client's) won 20 000 on 6 Nov
        t.publish(
                t.opened(d1, renamed, ANNA, "10000", opened, List.of()),
                t.won(d1, renamed, ANNA, "10000", opened, "2026-11-05T07:00:00Z", List.of()),
                t.opened(d2, other, ANNA, "20000", opened, List.of()),
                t.won(d2, other, ANNA, "20000", opened, "2026-11-06T07:00:00Z", List.of()));
        JsonPath before = t.await(CHECK, r -> r.getLong("figures.overall.wonDeals") == 2, "month", "2026-11");
        assertThat(before.getList("drillDown.items.title")).containsExactly(name(other), name(renamed));

        ClientUpdated rename = new ClientUpdated(
                renamed,
                "PERSON",
                "COMPANY",
                name(renamed),
                "Petrova & Partners",
                List.of(),
                List.of(),
                null,
                null,
                Instant.parse("2026-11-20T09:00:00Z"));
        leads.publish(rename);
        JsonPath after = t.await(
                CHECK, r -> r.getList("drillDown.items.title").contains("Petrova & Partners"), "month", "2026-11");
        assertThat(after.getList("drillDown.items.title")).containsExactly(name(other), "Petrova & Partners");

        // the same edit again (a new event id, as a re-send would have), then a marker deal: drained once it shows
        leads.publish(rename);
        UUID marker = UUID.randomUUID();
        UUID markerClient = UUID.randomUUID();
        t.publish(
                t.opened(marker, markerClient, ANNA, "30000", opened, List.of()),
                t.won(marker, markerClient, ANNA, "30000", opened, "2026-11-07T07:00:00Z", List.of()));
        JsonPath again = t.await(CHECK, r -> r.getLong("figures.overall.wonDeals") == 3, "month", "2026-11");
        assertThat(again.getList("drillDown.items.title")).contains(name(other), "Petrova & Partners");
        assertThat(again.getList("drillDown.items.title")).doesNotContain(name(renamed));
        // the figures are the deals', untouched by a rename: 10 000 + 20 000 + 30 000
        assertThat(again.getDouble("figures.overall.revenue")).isEqualTo(60000.0);
    }

    private static String name(UUID client) {
        return "Client " + client.toString().substring(0, 4);
    }
}
