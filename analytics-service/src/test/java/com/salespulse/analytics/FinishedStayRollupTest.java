package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.metric.load.LoadQuery;
import com.salespulse.analytics.metric.load.StaleCards;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, the finished stays' rollup {@code card_stay_hour} (migration V2026_12_18_20): after deals moved on, won,
 * lost, moved back, reopened, and leads worked, with a move and a win delivered twice, and again after more moves and
 * after the tenant's rebuild (a replay of its topics into a scratch generation, moved to the live one), the rollup's
 * rows are a GROUP BY of the finished stays in {@code card_stay}, and the figures read from it are the ones the stays
 * give: each stage's usual days (manager-load) exactly, and the rotting limit's 80th percentile (manager-load,
 * forgotten-cards, the DEALS_ROTTING alert) equal to {@code percentile_cont} over every finished stay in whole hours,
 * and within an hour of the exact one.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class FinishedStayRollupTest {

    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000a1816");
    private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

    /** The rollup's rows and the same from the finished stays. */
    private static final String ROLLUP = """
            select concat_ws('|', card_type, stage, hours, stays, seconds) from card_stay_hour
            where gen = (select live_gen from read_model_generation) and tenant_id = ? order by 1""";

    private static final String FROM_STAYS = """
            select concat_ws('|', card_type, stage, floor(extract(epoch from (left_at - entered_at)) / 3600)::int,
                             count(*), sum(extract(epoch from (left_at - entered_at))))
            from card_stay where gen = (select live_gen from read_model_generation) and tenant_id = ?
              and left_at is not null
            group by card_type, stage, floor(extract(epoch from (left_at - entered_at)) / 3600) order by 1""";

    /** The rotting limit's percentile over every finished deal stay, in whole hours and exact. */
    private static final String PERCENTILE_FROM_STAYS = """
            select stage, percentile_cont(0.8) within group (order by %s) from card_stay
            where gen = :gen and tenant_id = :tenant and card_type = 'DEAL' and left_at is not null
            group by stage having count(*) >= 5""";

    private static final String USUAL_DAYS_FROM_STAYS = """
            select stage, avg(extract(epoch from (left_at - entered_at))) / 86400 from card_stay
            where gen = :gen and tenant_id = :tenant and left_at is not null group by 1""";

    @InjectKafka
    KafkaCompanion kafka;

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager em;

    @Test
    void theRollupGivesTheUsualDaysAndRottingLimitsOfTheFinishedStays() throws Exception {
        DealEvents t = new DealEvents(kafka);
        EventPublisher leads = new EventPublisher(kafka, t.tenant);
        Instant start = Instant.parse("2026-09-01T08:00:00Z");
        List<byte[]> events = new ArrayList<>();
        List<UUID> deals = new ArrayList<>();
        // 12 deals opened in New, each moved to Proposal after its own length (hours and odd minutes)
        for (int i = 0; i < 12; i++) {
            UUID deal = UUID.randomUUID();
            deals.add(deal);
            Instant opened = start.plus(i * 37L, ChronoUnit.MINUTES);
            events.add(t.opened(deal, UUID.randomUUID(), ANNA, "1000", opened.toString(), List.of()));
            events.add(move(t, deal, DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, plus(opened, i * 7 + 3, i * 11)));
        }
        Instant later = start.plus(10, ChronoUnit.DAYS);
        // six won after their own time in Proposal; the win of deal 4 delivered twice
        for (int i = 0; i < 6; i++) {
            byte[] win = t.won(
                    deals.get(i),
                    UUID.randomUUID(),
                    ANNA,
                    "1000",
                    start.toString(),
                    plus(later, i * 13 + 5, 17 * i).toString(),
                    List.of());
            events.add(win);
            if (i == 4) {
                events.add(win);
            }
        }
        // three moved back to New and on to Proposal again
        for (int i = 6; i < 9; i++) {
            events.add(move(t, deals.get(i), DealEvents.STAGE_PROPOSAL, DealEvents.STAGE_NEW, plus(later, i, 0)));
            events.add(
                    move(t, deals.get(i), DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, plus(later, 30 + i * 2, 5)));
        }
        // one lost, reopened into Proposal, and moved back to New
        events.add(t.lost(deals.get(9), ANNA, "1000", plus(later, 50, 0).toString()));
        events.add(t.reopened(deals.get(9), ANNA, plus(later, 60, 0).toString()));
        events.add(move(t, deals.get(9), DealEvents.STAGE_PROPOSAL, DealEvents.STAGE_NEW, plus(later, 75, 31)));
        // one moved back to New, that move delivered twice
        byte[] back = move(t, deals.get(10), DealEvents.STAGE_PROPOSAL, DealEvents.STAGE_NEW, plus(later, 90, 45));
        events.add(back);
        events.add(back);
        t.publish(events.toArray(byte[][]::new));
        int distinct = events.size() - 2;

        // leads: six worked after their own time as new, three of them qualified
        for (int i = 0; i < 6; i++) {
            UUID lead = UUID.randomUUID();
            Instant created = start.plus(i, ChronoUnit.HOURS);
            leads.publish(
                    LeadEvents.lead(lead, "web", ANNA, "Lead " + i, created.toString()),
                    LeadEvents.status(
                            lead,
                            "NEW",
                            "IN_WORK",
                            ANNA,
                            plus(created, i * 5 + 2, i * 7).toString()));
            distinct += 2;
            if (i % 2 == 0) {
                leads.publish(LeadEvents.status(
                        lead,
                        "IN_WORK",
                        "QUALIFIED",
                        ANNA,
                        plus(created, 40 + i * 9, 3).toString()));
                distinct++;
            }
        }
        ReadModelKit.awaitApplied(dataSource, t.tenant, distinct);

        Map<String, Long> finished = finishedDealStays(t.tenant);
        assertThat(finished)
                .as("finished stays: 12 + 3 in New; 6 won, 3 moved back, 2 of the lost one, 1 moved back in Proposal")
                .containsEntry(DealEvents.STAGE_NEW.toString(), 15L)
                .containsEntry(DealEvents.STAGE_PROPOSAL.toString(), 12L);
        List<String> rollup = ReadModelKit.firstColumn(dataSource, ROLLUP, t.tenant);
        assertFiguresOfTheStays(t.tenant);

        // more moves later: the rows grow by exactly those stays
        UUID open = deals.get(11);
        t.publish(
                move(t, open, DealEvents.STAGE_PROPOSAL, DealEvents.STAGE_NEW, plus(later, 120, 13)),
                move(t, open, DealEvents.STAGE_NEW, DealEvents.STAGE_PROPOSAL, plus(later, 121, 0)));
        ReadModelKit.awaitApplied(dataSource, t.tenant, distinct + 2);
        assertThat(finishedDealStays(t.tenant))
                .containsEntry(DealEvents.STAGE_NEW.toString(), 16L)
                .containsEntry(DealEvents.STAGE_PROPOSAL.toString(), 13L);
        assertThat(ReadModelKit.firstColumn(dataSource, ROLLUP, t.tenant)).isNotEqualTo(rollup);
        rollup = ReadModelKit.firstColumn(dataSource, ROLLUP, t.tenant);
        assertFiguresOfTheStays(t.tenant);

        // the tenant's rebuild replays its topics into a scratch generation and moves the rows: the same rollup
        ReadModelKit.rebuildTenant(t.tenant);
        assertThat(ReadModelKit.firstColumn(dataSource, ROLLUP, t.tenant))
                .as("the rollup after the tenant's rebuild")
                .isEqualTo(rollup);
        assertFiguresOfTheStays(t.tenant);
        assertThat(ReadModelKit.firstColumn(
                        dataSource,
                        "select concat_ws('|', gen, stage) from card_stay_hour where tenant_id = ? and gen <> "
                                + "(select live_gen from read_model_generation)",
                        t.tenant))
                .as("no row left in the rebuild's scratch generation")
                .isEmpty();
    }

    /**
     * The rollup's rows are the finished stays grouped; the usual days read from it are the mean of the stays; the
     * rotting limit read from it is percentile_cont over the stays in whole hours (the past branch's reading of
     * card_stay gives it too) and within an hour of the exact one.
     */
    private void assertFiguresOfTheStays(String tenant) throws Exception {
        assertThat(ReadModelKit.firstColumn(dataSource, ROLLUP, tenant))
                .as("the rollup's rows")
                .isEqualTo(ReadModelKit.firstColumn(dataSource, FROM_STAYS, tenant));

        Map<String, Double> limits = figures(StaleCards.usualSeconds(false), tenant);
        assertThat(limits)
                .as("a rotting limit for both stages with 5 finished stays or more")
                .containsOnlyKeys(DealEvents.STAGE_NEW.toString(), DealEvents.STAGE_PROPOSAL.toString());
        assertThat(limits)
                .as("the rotting limits, against percentile_cont over every finished stay in whole hours")
                .isEqualTo(figures(
                        PERCENTILE_FROM_STAYS.formatted(
                                "floor(extract(epoch from (left_at - entered_at)) / 3600) * 3600"),
                        tenant))
                .as("and against the past branch's reading of card_stay")
                .isEqualTo(figures(StaleCards.usualSeconds(true), tenant));
        Map<String, Double> exact =
                figures(PERCENTILE_FROM_STAYS.formatted("extract(epoch from (left_at - entered_at))"), tenant);
        limits.forEach((stage, seconds) -> assertThat(exact.get(stage) - seconds)
                .as("within the hour of the exact percentile")
                .isBetween(-1e-6, 3600.0));

        Map<String, Double> usual = figures(LoadQuery.usualDays(false), tenant);
        Map<String, Double> mean = figures(USUAL_DAYS_FROM_STAYS, tenant);
        assertThat(usual.keySet())
                .as("usual days for the deal stages and the leads' statuses left")
                .contains("LEAD:NEW", "LEAD:IN_WORK")
                .isEqualTo(mean.keySet());
        usual.forEach((stage, days) -> assertThat(days)
                .as("usual days in " + stage)
                .isCloseTo(mean.get(stage), org.assertj.core.api.Assertions.within(1e-9)));
    }

    /** A statement of the metrics (named parameters) in the live generation: (stage, figure) per row. */
    private Map<String, Double> figures(String sql, String tenant) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            Map<String, Object> params = Map.of(
                    "gen",
                    ((Number) em.createNativeQuery("select live_gen from read_model_generation")
                                    .getSingleResult())
                            .intValue(),
                    "tenant",
                    tenant,
                    "now",
                    FAR,
                    "rotPercentile",
                    StaleCards.PERCENTILE,
                    "rotMinHistory",
                    StaleCards.MIN_HISTORY);
            params.forEach((name, value) -> {
                if (sql.contains(":" + name)) {
                    query.setParameter(name, value);
                }
            });
            Map<String, Double> figures = new TreeMap<>();
            for (Object row : query.getResultList()) {
                Object[] columns = (Object[]) row;
                figures.put((String) columns[0], ((Number) columns[1]).doubleValue());
            }
            return figures;
        });
    }

    private Map<String, Long> finishedDealStays(String tenant) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (String row : ReadModelKit.firstColumn(
                dataSource,
                "select concat_ws('|', stage, sum(stays)) from card_stay_hour where gen = (select live_gen from "
                        + "read_model_generation) and tenant_id = ? and card_type = 'DEAL' group by stage",
                tenant)) {
            counts.put(row.split("\\|")[0], Long.parseLong(row.split("\\|")[1]));
        }
        return counts;
    }

    private static byte[] move(DealEvents t, UUID deal, UUID from, UUID to, Instant at) {
        return t.moved(deal, ANNA, from, to, 40, at.toString());
    }

    private static Instant plus(Instant from, long hours, long minutes) {
        return from.plus(hours, ChronoUnit.HOURS).plus(minutes, ChronoUnit.MINUTES);
    }
}
