package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.projection.EventApplier;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.deal.DealLine;
import com.salespulse.contract.deal.DealOpened;
import com.salespulse.contract.deal.DealTerms;
import com.salespulse.contract.deal.DealUpdated;
import com.salespulse.testsupport.EmbeddedInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A deal's opening is applied set-based with the other openings of its batch, in one statement that inserts the deal
 * and, only when it inserted it, its lines, its first stay and its OPENED change. What a user sees: the deal's lines
 * are the opening's, it sits in its first stage since its opening, and its history starts there; an opening seen
 * again, or after the deal's win, changes nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DealOpeningTest {

    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    private static final String OPENED_AT = "2026-11-02T09:00:00Z";

    @Inject
    EventApplier applier;

    @Inject
    ReadModelGenerations generations;

    @Inject
    DataSource dataSource;

    @Test
    void openingsOfOneBatchWriteEachDealItsLinesStayAndChangeOnceAndARepeatChangesNothing() throws Exception {
        String tenant = tenant();
        UUID withLines = UUID.randomUUID();
        UUID withoutLines = UUID.randomUUID();
        DealOpened opening = opened(
                withLines,
                "5400",
                List.of(
                        DealEvents.line("Sofa", "Furniture", "2", "1500", "10"),
                        DealEvents.line("Lamp", "Light", "3", "800", "0")));
        // one batch: both openings, and the first again under another event id (a replay from another source)
        applier.apply(
                generations.live(),
                List.of(
                        received(tenant, opening),
                        received(tenant, opened(withoutLines, "1000", List.of())),
                        received(tenant, opening)));

        assertThat(rows("deal_fact", "deal_id, status, amount, stage_id", tenant))
                .containsExactlyInAnyOrder(
                        withLines + " OPEN 5400 " + DealEvents.STAGE_NEW,
                        withoutLines + " OPEN 1000 " + DealEvents.STAGE_NEW);
        // 2 × 1 500 less 10 % = 2 700; 3 × 800 = 2 400
        assertThat(rows("deal_line_fact", "line_no, deal_id, product_name, quantity, amount", tenant))
                .containsExactly("1 " + withLines + " Sofa 2 2700.00", "2 " + withLines + " Lamp 3 2400.00");
        assertThat(rows(
                        "card_stay",
                        "card_id, card_type, stage, to_char(entered_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI'), left_at",
                        tenant))
                .containsExactlyInAnyOrder(
                        withLines + " DEAL " + DealEvents.STAGE_NEW + " 2026-11-02 09:00 null",
                        withoutLines + " DEAL " + DealEvents.STAGE_NEW + " 2026-11-02 09:00 null");
        assertThat(rows("deal_change", "deal_id, kind, status, amount", tenant))
                .containsExactlyInAnyOrder(withLines + " OPENED OPEN 5400", withoutLines + " OPENED OPEN 1000");
    }

    @Test
    void anOpeningAppliedAfterTheDealsWinChangesNothing() throws Exception {
        String tenant = tenant();
        UUID deal = UUID.randomUUID();
        applier.apply(
                generations.live(),
                List.of(received(
                        tenant,
                        DealEvents.dealWon(
                                deal,
                                UUID.randomUUID(),
                                ANNA,
                                DealEvents.PIPELINE,
                                DealEvents.STAGE_PROPOSAL,
                                DealEvents.STAGE_WON,
                                new BigDecimal("3000"),
                                "RUB",
                                List.of(DealEvents.line("Sofa", "Furniture", "2", "1500", "0")),
                                false,
                                null,
                                Instant.parse(OPENED_AT),
                                Instant.parse("2026-11-20T12:00:00Z")))));
        List<String> afterTheWin = everything(tenant);

        applier.apply(
                generations.live(),
                List.of(received(
                        tenant,
                        opened(
                                deal,
                                "9900",
                                List.of(
                                        DealEvents.line("Lamp", "Light", "3", "800", "0"),
                                        DealEvents.line("Desk", "Furniture", "1", "7500", "0"))))));

        assertThat(everything(tenant)).isEqualTo(afterTheWin);
        assertThat(rows("deal_fact", "status, amount", tenant)).containsExactly("WON 3000");
        assertThat(rows("deal_line_fact", "product_name", tenant)).containsExactly("Sofa");
    }

    @Test
    void anOpeningAppliedAfterAnUpdateOfTheUnknownDealKeepsOnlyItsOwnLines() throws Exception {
        String tenant = tenant();
        UUID deal = UUID.randomUUID();
        // an update seen before its deal (its opening was missed, then delivered later) leaves three lines
        applier.apply(
                generations.live(),
                List.of(received(
                        tenant,
                        new DealUpdated(
                                deal,
                                ANNA,
                                new DealTerms(new BigDecimal("1000"), "RUB", List.of(), null),
                                new DealTerms(
                                        new BigDecimal("3100"),
                                        "RUB",
                                        List.of(
                                                DealEvents.line("Lamp", "Light", "1", "800", "0"),
                                                DealEvents.line("Desk", "Furniture", "1", "1500", "0"),
                                                DealEvents.line("Chair", "Furniture", "1", "800", "0")),
                                        null),
                                null,
                                Instant.parse("2026-11-03T09:00:00Z")))));
        assertThat(rows("deal_line_fact", "product_name", tenant)).hasSize(3);

        applier.apply(
                generations.live(),
                List.of(received(
                        tenant,
                        opened(deal, "1500", List.of(DealEvents.line("Sofa", "Furniture", "1", "1500", "0"))))));

        assertThat(rows("deal_line_fact", "line_no, product_name, amount", tenant))
                .containsExactly("1 Sofa 1500.00");
        assertThat(rows("deal_change", "kind", tenant)).containsExactly("OPENED");
    }

    private static DealOpened opened(UUID dealId, String amount, List<DealLine> lines) {
        return DealEvents.dealOpened(
                dealId,
                UUID.randomUUID(),
                "Client of " + amount,
                ANNA,
                DealEvents.PIPELINE,
                DealEvents.STAGE_NEW,
                20,
                new DealTerms(new BigDecimal(amount), "RUB", lines, null),
                "website",
                null,
                null,
                Instant.parse(OPENED_AT));
    }

    private static String tenant() {
        return "opening-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ReceivedEvent received(String tenant, DomainEvent data) {
        return new ReceivedEvent(
                new EventMetadata(
                        UUID.randomUUID(),
                        URI.create("/salespulse/test"),
                        Instant.parse(OPENED_AT),
                        tenant,
                        "user:test"),
                EventType.of(data),
                data);
    }

    /** Every row the deal projection keeps for the tenant, as JSON, sorted (the change's event id and order left out). */
    private List<String> everything(String tenant) throws Exception {
        List<String> all = new ArrayList<>();
        for (String table : List.of("deal_fact", "deal_line_fact", "card_stay", "deal_change")) {
            all.addAll(rows(table, "'" + table + " ' || (to_jsonb(t) - 'event_id' - 'seq')::text", tenant));
        }
        return all;
    }

    /**
     * The columns (SQL expressions over the table as {@code t}) of the table's rows of the tenant in the live
     * generation, each row's values joined by spaces (null as "null"), sorted by the first.
     */
    private List<String> rows(String table, String columns, String tenant) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select " + columns + " from " + table + " t where t.gen = ? and t.tenant_id = ? order by 1")) {
            select.setInt(1, generations.live());
            select.setString(2, tenant);
            List<String> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                int count = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= count; i++) {
                        values.add(String.valueOf(result.getString(i)));
                    }
                    rows.add(String.join(" ", values));
                }
            }
            return rows;
        }
    }
}
