package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.metric.Stats;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, deal-cycle's time per stage read from {@code won_deal_stay} (migration V2026_12_23_40): after deals moved,
 * won (a win delivered twice, a deal moved twice and won in one batch), lost, won then reopened, moved and won again,
 * after later moves and after the tenant's rebuild, the rows of each won deal's current win are exactly its finished
 * stays in {@code card_stay}, and the answer's figures per stage are the ones the stays give.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class WonDealStaysTest {

    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000a2340");
    private static final String PATH = "/api/v1/metrics/deal-cycle";

    /** The rows of each won deal's current win. */
    private static final String ROWS = """
            select concat_ws('|', w.deal_id, w.stage, w.entered_at, w.minutes) from won_deal_stay w
            join deal_fact d on d.gen = w.gen and d.tenant_id = w.tenant_id and d.deal_id = w.deal_id
                and d.closed_at = w.closed_at and d.status = 'WON'
            where w.gen = (select live_gen from read_model_generation) and w.tenant_id = ? order by 1""";

    /** The finished stays of the won deals, with their whole minutes. */
    private static final String FROM_STAYS = """
            select concat_ws('|', s.card_id, s.stage, s.entered_at,
                div(floor(extract(epoch from s.left_at) - extract(epoch from s.entered_at)), 60))
            from card_stay s
            join deal_fact d on d.gen = s.gen and d.tenant_id = s.tenant_id and d.deal_id = s.card_id
                and d.status = 'WON'
            where s.gen = (select live_gen from read_model_generation) and s.tenant_id = ? and s.card_type = 'DEAL'
              and s.left_at is not null order by 1""";

    /**
     * The time per stage as the definition gives it, from the won deals' finished stays: whole minutes in days, six
     * decimals; count, sum and the two middle values, per stage in the order of its first stay.
     */
    private static final String FIGURES_FROM_STAYS = """
            with stay as (select s.stage, s.entered_at,
                    round(div(floor(extract(epoch from s.left_at) - extract(epoch from s.entered_at)), 60) / 1440.0, 6)
                        as days
                from card_stay s join deal_fact d on d.gen = s.gen and d.tenant_id = s.tenant_id
                    and d.deal_id = s.card_id and d.status = 'WON'
                where s.gen = (select live_gen from read_model_generation) and s.tenant_id = ?
                  and s.card_type = 'DEAL' and s.left_at is not null)
            select concat_ws('|', stage, count(*), sum(days), percentile_disc(0.5) within group (order by days),
                percentile_disc(0.5) within group (order by days desc))
            from stay group by stage order by min(entered_at), stage""";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    @Test
    void theRowsOfEachWinAreTheWonDealsFinishedStaysAndGiveTheFiguresOfTheStays() throws Exception {
        DealEvents t = new DealEvents(kafka);
        Instant start = Instant.parse("2026-09-01T08:00:00Z");
        Instant later = start.plus(10, ChronoUnit.DAYS);
        List<byte[]> events = new ArrayList<>();
        List<UUID> deals = new ArrayList<>();
        // 9 deals opened in New, each moved to Proposal after its own length (hours, odd minutes and seconds)
        for (int i = 0; i < 9; i++) {
            UUID deal = UUID.randomUUID();
            deals.add(deal);
            Instant opened = start.plus(i * 37L, ChronoUnit.MINUTES);
            events.add(t.opened(deal, UUID.randomUUID(), ANNA, "1000", opened.toString(), List.of()));
            events.add(move(
                    t,
                    deal,
                    DealEvents.STAGE_NEW,
                    DealEvents.STAGE_PROPOSAL,
                    plus(opened, i * 7 + 3, i * 11).plusSeconds(i * 13L)));
        }
        // five won after their own time in Proposal; the win of deal 2 delivered twice
        for (int i = 0; i < 5; i++) {
            byte[] win = win(t, deals.get(i), plus(later, i * 13 + 5, 17 * i));
            events.add(win);
            if (i == 2) {
                events.add(win);
            }
        }
        // deal 5: moved back to New and on to Proposal, then won, all in this batch
        events.add(move(t, deals.get(5), DealEvents.STAGE_PROPOSAL, DealEvents.STAGE_NEW, plus(later, 5, 1)));
        events.add(move(t, deals.get(5), DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, plus(later, 29, 2)));
        events.add(win(t, deals.get(5), plus(later, 40, 3)));
        // deal 6: lost
        events.add(t.lost(deals.get(6), ANNA, "1000", plus(later, 50, 0).toString()));
        // deal 7: won, reopened into Proposal, moved to New, won again (its first win's rows match no win now)
        events.add(win(t, deals.get(7), plus(later, 20, 0)));
        events.add(t.reopened(deals.get(7), ANNA, plus(later, 60, 0).toString()));
        events.add(move(t, deals.get(7), DealEvents.STAGE_PROPOSAL, DealEvents.STAGE_NEW, plus(later, 75, 31)));
        events.add(win(t, deals.get(7), plus(later, 99, 9)));
        t.publish(events.toArray(byte[][]::new));
        int distinct = events.size() - 1;
        ReadModelKit.awaitApplied(dataSource, t.tenant, distinct);

        List<String> rows = ReadModelKit.firstColumn(dataSource, ROWS, t.tenant);
        assertThat(rows)
                .as("finished stays of the won deals: 2 each of deals 0-4, 4 of deal 5, 4 of deal 7")
                .hasSize(18)
                .isEqualTo(ReadModelKit.firstColumn(dataSource, FROM_STAYS, t.tenant));
        assertFiguresOfTheStays(t);

        // later: deal 8 moved back and won, deal 7 reopened (its stays leave the figures until it is won again)
        t.publish(
                move(t, deals.get(8), DealEvents.STAGE_PROPOSAL, DealEvents.STAGE_NEW, plus(later, 120, 13)),
                win(t, deals.get(8), plus(later, 130, 0)),
                t.reopened(deals.get(7), ANNA, plus(later, 140, 0).toString()));
        ReadModelKit.awaitApplied(dataSource, t.tenant, distinct + 3);
        rows = ReadModelKit.firstColumn(dataSource, ROWS, t.tenant);
        assertThat(rows).hasSize(17).isEqualTo(ReadModelKit.firstColumn(dataSource, FROM_STAYS, t.tenant));
        assertFiguresOfTheStays(t);

        // the tenant's rebuild replays its topics into a scratch generation and moves the rows: the same rows
        ReadModelKit.rebuildTenant(t.tenant);
        assertThat(ReadModelKit.firstColumn(dataSource, ROWS, t.tenant))
                .as("the rows after the tenant's rebuild")
                .isEqualTo(rows);
        assertFiguresOfTheStays(t);
        assertThat(ReadModelKit.firstColumn(
                        dataSource,
                        "select concat_ws('|', gen, deal_id) from won_deal_stay where tenant_id = ? and gen <> "
                                + "(select live_gen from read_model_generation)",
                        t.tenant))
                .as("no row left in the rebuild's scratch generation")
                .isEmpty();
    }

    /** The answer's time per stage, against the definition computed from the won deals' finished stays. */
    private void assertFiguresOfTheStays(DealEvents t) throws Exception {
        List<String> expected = new ArrayList<>();
        for (String row : ReadModelKit.firstColumn(dataSource, FIGURES_FROM_STAYS, t.tenant)) {
            String[] c = row.split("\\|");
            long count = Long.parseLong(c[1]);
            expected.add(String.join(
                    "|",
                    c[0],
                    c[1],
                    String.valueOf(Stats.mean(new BigDecimal(c[2]), count)),
                    String.valueOf(Stats.median(new BigDecimal(c[3]), new BigDecimal(c[4])))));
        }
        assertThat(expected).as("stages with finished stays of won deals").hasSize(2);
        JsonPath answer = t.get(PATH, "from", "2026-09-01", "to", "2026-10-31");
        List<String> actual = new ArrayList<>();
        List<String> ids = answer.getList("figures.byStage.stageId");
        for (int i = 0; i < ids.size(); i++) {
            String at = "figures.byStage[" + i + "].";
            actual.add(String.join(
                    "|",
                    ids.get(i),
                    answer.getString(at + "stays"),
                    new BigDecimal(answer.getString(at + "meanDays"))
                            .setScale(2)
                            .toString(),
                    new BigDecimal(answer.getString(at + "medianDays"))
                            .setScale(2)
                            .toString()));
        }
        assertThat(actual).as("the answer's time per stage").isEqualTo(expected);
    }

    private static byte[] win(DealEvents t, UUID deal, Instant at) {
        return t.won(deal, UUID.randomUUID(), ANNA, "1000", "2026-09-01T08:00:00Z", at.toString(), List.of());
    }

    private static byte[] move(DealEvents t, UUID deal, UUID from, UUID to, Instant at) {
        return t.moved(deal, ANNA, from, to, 40, at.toString());
    }

    private static Instant plus(Instant from, long hours, long minutes) {
        return from.plus(hours, ChronoUnit.HOURS).plus(minutes, ChronoUnit.MINUTES);
    }
}
