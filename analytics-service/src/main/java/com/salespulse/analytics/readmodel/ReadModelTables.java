package com.salespulse.analytics.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tables that make up the read model: each has a {@code gen} column. A replay empties its generation in all of
 * them before it starts and drops the old generation after the swap. A new projection table must be listed here, with
 * a {@code tenant_id} column: a tenant's rebuild moves the tenant's rows by it ({@link #moveTenant}).
 */
@ApplicationScoped
public class ReadModelTables {

    /**
     * The tables the projections write, every one with a {@code gen} column: what a generation's events make of the
     * read model (its inbox and positions aside).
     */
    public static final List<String> FACT_TABLES = List.of(
            "lead_fact",
            "card_stay",
            // the finished stays per stage and whole hour of their length, written with card_stay's stays
            // (projection/CardStays, migration V2026_12_18_20)
            "card_stay_hour",
            "card_touch",
            "stage_name",
            "task_fact",
            "manager_fact",
            "transfer_fact",
            "transfer_card",
            // the deals (projection/DealProjection, TeamStayProjection, ClientAliasProjection)
            "deal_fact",
            "deal_line_fact",
            // the open deals' lines, written with deal_fact's status and deal_line_fact (DealProjection, migration
            // V2026_12_23_30)
            "open_line",
            // the open lines summed per owner, pipeline, product, source and category, recomputed at the commit for
            // the keys a statement on open_line changed (migration V2026_12_26_10); after open_line
            "open_line_tally",
            // each won deal's finished stays under its closing, written with card_stay's stays (projection/CardStays,
            // migration V2026_12_23_40)
            "won_deal_stay",
            // the won deals summed per closing hour, kept by triggers on deal_fact (migration V2026_12_13_30); after
            // deal_fact, so a generation's facts are cleared or moved before the rows they made
            "won_deal_hour",
            // won_deal_hour summed per closing hour and currency for the whole tenant, kept by triggers on
            // won_deal_hour (migration V2026_12_26_20); after it
            "won_tenant_hour",
            // won_deal_hour's deals summed per UTC month and owner, kept by triggers on won_deal_hour (migration
            // V2026_12_27_10); after it
            "won_owner_month",
            // the won deals' product lines summed per closing hour, recomputed by triggers on deal_fact and
            // deal_line_fact (migration V2026_12_18_32); after both
            "won_line_hour",
            // won_line_hour's amounts summed per UTC month, owner and currency, kept by won_line_hour's recompute
            // (migration V2026_12_27_10); after it
            "won_line_owner_month",
            // each won deal's lines summed per category, recomputed with won_line_hour's hours (migration
            // V2026_12_25_10); after deal_fact and deal_line_fact, as won_line_hour
            "won_deal_category",
            // the leads counted per creation hour, kept by triggers on lead_fact (migration V2026_12_18_30)
            "lead_hour",
            // the open cards, kept by triggers on lead_fact and deal_fact (migration V2026_12_17_10); after both
            "open_card",
            // the dismissed base's baseline cards, kept by triggers on lead_fact, deal_fact, card_touch and
            // transfer_card (migration V2026_12_17_20); after them, as won_deal_hour
            "dismissed_baseline_card",
            "exchange_rate",
            // the rate of every day from a currency's first rate to its newest, written with exchange_rate
            // (DealProjection.exchangeRate, migration V2026_12_21_10)
            "rate_day",
            "sales_plan",
            "activity_fact",
            "manager_team_stay",
            "client_alias",
            "loss_reason",
            // the tenants' own rejection reason labels (projection/ReasonCatalogueProjection)
            "rejection_reason",
            // each deal's state after each of its events, for the pipeline waterfall (metric 13)
            "deal_change",
            // the managers' shift windows over time (projection/ShiftScheduleProjection)
            "shift_window",
            // team and pipeline names for the dashboard's pickers (projection/FilterNames)
            "filter_name",
            // cards snoozed until a moment (projection/StaleCardProjection, issue 20)
            "card_snooze",
            // the tenant's time zone, calendar and language from lead-service (projection/TenantCalendarProjection)
            "tenant_calendar",
            "tenant_calendar_day",
            // the history of each card's, task's and snooze's state, for the "now" metrics asked asOf= a past moment
            // (triggers on lead_fact, deal_fact, task_fact; StaleCardProjection: migration V2026_12_12_40)
            "card_state_span",
            "task_span",
            "card_snooze_span",
            // who leads each team now (projection/RosterProjection, issue 20: the team-lead scope)
            "team_lead");

    /** Every table with a {@code gen} column: the generation's inbox and positions, and its fact tables. */
    static final List<String> TABLES = Stream.concat(
                    Stream.of("applied_event", "projection_position"), FACT_TABLES.stream())
            .toList();

    private final EntityManager em;

    public ReadModelTables(EntityManager em) {
        this.em = em;
    }

    /** A generation no rebuild uses yet, for one tenant's rebuild: negative, so never a live one. */
    @Transactional
    public int scratchGeneration() {
        return -((Number) em.createNativeQuery("select nextval('read_model_scratch_generation')")
                        .getSingleResult())
                .intValue();
    }

    /**
     * In one transaction, the tenant's rows of generation {@code to} are replaced by those of generation {@code from}
     * (a tenant's rebuild, built from the tenant's events only), in every fact table and the tenant's position; the
     * event ids applied in {@code from} are marked applied in {@code to}. Other tenants' rows are not touched.
     */
    @Transactional
    public void moveTenant(int from, int to, String tenant) {
        for (String table : Stream.concat(Stream.of("projection_position"), FACT_TABLES.stream())
                .toList()) {
            em.createNativeQuery("delete from " + table + " where gen = ?1 and tenant_id = ?2")
                    .setParameter(1, to)
                    .setParameter(2, tenant)
                    .executeUpdate();
            em.createNativeQuery("update " + table + " set gen = ?1 where gen = ?2 and tenant_id = ?3")
                    .setParameter(1, to)
                    .setParameter(2, from)
                    .setParameter(3, tenant)
                    .executeUpdate();
        }
        // applied_event has no tenant: the scratch generation holds only this tenant's event ids
        em.createNativeQuery("delete from applied_event where gen = ?1 and event_id in "
                        + "(select event_id from applied_event where gen = ?2)")
                .setParameter(1, to)
                .setParameter(2, from)
                .executeUpdate();
        em.createNativeQuery("update applied_event set gen = ?1 where gen = ?2")
                .setParameter(1, to)
                .setParameter(2, from)
                .executeUpdate();
    }

    /**
     * Empties generation {@code gen} in every table, in one transaction. The generation is named in the
     * transaction-local setting {@code salespulse.cleared_generation}, so the rollup's trigger on {@code deal_fact}
     * does not subtract the deleted deals from {@code won_deal_hour} rows this clear deletes anyway (migration
     * V2026_12_15_50).
     */
    @Transactional
    public void clear(int gen) {
        em.createNativeQuery("select set_config('salespulse.cleared_generation', ?1, true)")
                .setParameter(1, Integer.toString(gen))
                .getSingleResult();
        for (String table : TABLES) {
            em.createNativeQuery("delete from " + table + " where gen = ?1")
                    .setParameter(1, gen)
                    .executeUpdate();
        }
    }
}
