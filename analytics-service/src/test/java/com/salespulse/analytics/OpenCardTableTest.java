package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, the open cards kept in {@code open_card} (migration V2026_12_17_10): after leads worked, converted,
 * rejected and handed over, deals moved, touched, reassigned, won, lost, reopened and archived, some events delivered
 * twice, the kept rows are exactly the open cards the facts say ({@code open_cards_from_facts}, the rule as it was
 * read before) and the ones the test expects from the events it sent; a tenant's rebuild gives the same rows again,
 * and manager-load counts them.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class OpenCardTableTest {

    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000a0016");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-0000000b0016");

    /** Every column of the open cards, one line a card: from the kept rows or from the facts. */
    private static final String CARDS = """
            select concat_ws('|', card_type, card_id, manager_id, title, source, pipeline_id, stage, stage_label,
                             stage_entered_at, created_at, last_touched_at, status)
            from %s((select live_gen from read_model_generation), ?)""";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    @Test
    void theKeptOpenCardsAreTheOpenCardsOfTheFactsAfterEveryKindOfChangeAndARebuild() throws Exception {
        DealEvents t = new DealEvents(kafka);
        EventPublisher leads = new EventPublisher(kafka, t.tenant);
        Instant start = Instant.parse("2026-10-01T09:00:00Z");
        Set<UUID> open = new TreeSet<>();
        int distinct = 0;

        // leads: new, in work, qualified (open); converted, rejected (closed); handed to Boris; touched by a call
        List<UUID> leadIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UUID lead = UUID.randomUUID();
            leadIds.add(lead);
            leads.publish(LeadEvents.lead(lead, "web", ANNA, "Lead " + i, at(start, i)));
            distinct++;
        }
        leads.publish(
                LeadEvents.status(leadIds.get(1), "NEW", "IN_WORK", ANNA, at(start, 20)),
                LeadEvents.status(leadIds.get(2), "NEW", "IN_WORK", ANNA, at(start, 21)),
                LeadEvents.status(leadIds.get(2), "IN_WORK", "QUALIFIED", ANNA, at(start, 22)),
                LeadEvents.status(leadIds.get(3), "NEW", "CONVERTED", ANNA, at(start, 23)),
                LeadEvents.rejected(leadIds.get(4), "NEW", "junk", ANNA, "web", at(start, 24)),
                LeadEvents.leadTransferred(leadIds.get(5), ANNA, BORIS, UUID.randomUUID(), at(start, 25)),
                DealEvents.call("LEAD", leadIds.get(6), ANNA, at(start, 26)),
                // a lead moved on and back: open again
                LeadEvents.status(leadIds.get(7), "NEW", "IN_WORK", ANNA, at(start, 27)));
        distinct += 8;
        leadIds.stream()
                .filter(id -> id != leadIds.get(3) && id != leadIds.get(4))
                .forEach(open::add);

        // deals: opened, moved, touched, reassigned, won, lost, reopened, archived; some events delivered twice
        List<byte[]> events = new ArrayList<>();
        List<UUID> dealIds = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            UUID deal = UUID.randomUUID();
            dealIds.add(deal);
            events.add(t.opened(deal, UUID.randomUUID(), ANNA, "1000", at(start, 40 + i), List.of()));
        }
        byte[] move = t.moved(dealIds.get(1), ANNA, DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, 40, at(start, 60));
        events.add(move);
        events.add(move); // the same event again: nothing changes
        events.add(t.of(at(start, 61), DealEvents.call("DEAL", dealIds.get(2), ANNA, at(start, 61))));
        events.add(t.reassigned(dealIds.get(3), ANNA, BORIS, at(start, 62)));
        byte[] win = t.won(
                dealIds.get(4),
                UUID.randomUUID(),
                ANNA,
                "1000",
                "RUB",
                false,
                null,
                at(start, 44),
                at(start, 63),
                List.of());
        events.add(win);
        events.add(win);
        events.add(t.lost(dealIds.get(5), ANNA, "1000", at(start, 64)));
        events.add(t.lost(dealIds.get(6), ANNA, "1000", at(start, 65)));
        events.add(t.reopened(dealIds.get(6), ANNA, at(start, 66)));
        events.add(t.of(
                at(start, 67),
                DealEvents.archived(dealIds.get(7), ANNA, DealEvents.STAGE_NEW, "stale", at(start, 67))));
        events.add(t.reassigned(dealIds.get(8), ANNA, BORIS, at(start, 68)));
        events.add(t.moved(dealIds.get(8), BORIS, DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, 40, at(start, 69)));
        t.publish(events.toArray(byte[][]::new));
        distinct += events.size() - 2;
        dealIds.stream()
                .filter(id -> id != dealIds.get(4) && id != dealIds.get(5) && id != dealIds.get(7))
                .forEach(open::add);

        int sent = distinct;
        ReadModelKit.awaitApplied(dataSource, t.tenant, sent);

        List<String> kept = rows(CARDS.formatted("open_cards"), t.tenant);
        assertThat(kept)
                .as("the kept open cards, against the facts")
                .isEqualTo(rows(CARDS.formatted("open_cards_from_facts"), t.tenant));
        assertThat(cardIds(kept)).as("the cards the events left open").isEqualTo(open);
        assertThat(kept)
                .as("the lead handed over and the deal reassigned are Boris's")
                .filteredOn(row -> row.contains(leadIds.get(5).toString())
                        || row.contains(dealIds.get(3).toString()))
                .allMatch(row -> row.contains(BORIS.toString()));
        assertThat(kept)
                .as("the moved deal sits in its new stage")
                .filteredOn(row -> row.contains(dealIds.get(1).toString()))
                .singleElement()
                .matches(row -> row.contains("|" + DealEvents.STAGE_PROPOSAL + "|"));

        // manager-load counts the kept rows: Anna's and Boris's open cards
        long boris =
                kept.stream().filter(row -> row.contains("|" + BORIS + "|")).count();
        assertThat(boris).isEqualTo(3);
        given().auth()
                .oauth2(TestTokens.head(t.tenant))
                .get("/api/v1/metrics/manager-load")
                .then()
                .statusCode(200)
                .body("figures.openCards", org.hamcrest.Matchers.equalTo(open.size()));

        // the tenant's rebuild from its topics: the same rows again, moved with the facts
        ReadModelKit.rebuildTenant(t.tenant);
        assertThat(rows(CARDS.formatted("open_cards"), t.tenant))
                .as("the kept open cards after the tenant's rebuild")
                .isEqualTo(kept);
        assertThat(rows(CARDS.formatted("open_cards_from_facts"), t.tenant)).isEqualTo(kept);
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(
                        "select count(*) from open_card where tenant_id = ? and gen <> (select live_gen from "
                                + "read_model_generation)")) {
            query.setString(1, t.tenant);
            try (var result = query.executeQuery()) {
                result.next();
                assertThat(result.getLong(1))
                        .as("no row left in the rebuild's scratch generation")
                        .isZero();
            }
        }
    }

    private static String at(Instant start, int hours) {
        return start.plus(hours, ChronoUnit.HOURS).toString();
    }

    private static Set<UUID> cardIds(List<String> rows) {
        Set<UUID> ids = new TreeSet<>();
        rows.forEach(row -> ids.add(UUID.fromString(row.split("\\|")[1])));
        return ids;
    }

    private List<String> rows(String sql, String tenant) throws Exception {
        List<String> rows = new ArrayList<>();
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(sql + " order by 1")) {
            query.setString(1, tenant);
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
        }
        return rows;
    }
}
