package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.run;
import static com.salespulse.analytics.readmodel.Statements.text;
import static com.salespulse.analytics.readmodel.Statements.uuid;

import com.salespulse.contract.deal.ActivityLogged;
import com.salespulse.contract.deal.DealLine;
import com.salespulse.contract.deal.DealLost;
import com.salespulse.contract.deal.DealOpened;
import com.salespulse.contract.deal.DealReassigned;
import com.salespulse.contract.deal.DealReopened;
import com.salespulse.contract.deal.DealStageMoved;
import com.salespulse.contract.deal.DealUpdated;
import com.salespulse.contract.deal.DealWon;
import com.salespulse.contract.deal.ExchangeRateSet;
import com.salespulse.contract.deal.LossReasonAdded;
import com.salespulse.contract.deal.PipelineDefinition;
import com.salespulse.contract.deal.PlanChanged;
import com.salespulse.contract.deal.PlanSet;
import com.salespulse.contract.deal.StageDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The one projection of the deal topic: keeps {@code deal_fact} (one row per deal as it stands now: terms, stage and
 * since when, owner and since when, status, touches, the team it counts for), its lines, the lines of the open deals
 * again in {@code open_line} (migration V2026_12_23_30: written by the same statements that change a deal's status or
 * lines, so popular-products reads the open deals' lines without reading every line of the tenant; with the deal's
 * owner, pipeline, source and opening, V2026_12_24_10, so it reads no deal either: the stage moves and reassignments,
 * which change the owner or pipeline, write them there in the same statement), its stays per stage
 * in {@code card_stay} (card type DEAL, next to the leads' stays), the stages' names, the exchange rates, plans and
 * activities. Every method runs inside {@code EventApplier}'s transaction.
 * <p>
 * A deal's events share its key, so they arrive in order; still, {@link #won} and {@link #lost} carry enough to
 * write the deal if its opening was never seen (e.g. a topic trimmed by retention), so a win is never dropped.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DealProjection {

    private static final String DEAL = "DEAL";

    /**
     * What a win or a loss overwrites on a known deal: the closing's own facts win over what was seen before, the
     * pipeline included (an integrator may land a deal in another pipeline's stage, see docs/events/deal.md).
     */
    private static final String ON_CLOSE = """
            manager_id = excluded.manager_id, pipeline_id = excluded.pipeline_id,
                owner_since = case when deal_fact.manager_id = excluded.manager_id then deal_fact.owner_since
                    else excluded.closed_at end,
                stage_id = excluded.stage_id, stage_entered_at = excluded.closed_at, amount = excluded.amount,
                currency = excluded.currency, closed_at = excluded.closed_at,
                last_touched_at = greatest(deal_fact.last_touched_at, excluded.closed_at),""";

    /**
     * A new deal row's last touch starts from the touches already kept for it: activities and tasks have their own
     * keys, so one may be applied before the deal's opening (a set-based statement reading its rows as {@code v}).
     */
    private static final String TOUCHES_KEPT_V = CardTouches.latestKept("v.gen", "v.tenant_id", "'DEAL'", "v.deal_id");

    /**
     * An open line's two flags (migration V2026_12_27_20), worked out over the statement's lines of its deal read as
     * {@code alias}: whether it is its product's first line in the deal (by category, then line) and its category's
     * first (by product, then line), which open_line_tally counts as the open deals per product and per category. Every
     * statement that inserts open lines inserts all of a deal's lines at once (its opening, its reopening, its lines
     * replaced after their delete), and the updates of open_line move only the owner or the pipeline.
     */
    private static String firstLines(String alias) {
        return ("row_number() over (partition by %1$s.gen, %1$s.tenant_id, %1$s.deal_id, %1$s.product_id "
                        + "order by %1$s.category, %1$s.line_no) = 1, "
                        + "row_number() over (partition by %1$s.gen, %1$s.tenant_id, %1$s.deal_id, %1$s.category "
                        + "order by %1$s.product_id, %1$s.line_no) = 1")
                .formatted(alias);
    }

    /**
     * The openings of a step, one statement: a row per line of each deal (one row with null line columns for a deal
     * without lines), the deal's columns repeated on each. The deal is inserted once ({@code line_no} 1 or null) unless
     * its row exists; for the deals inserted now ({@code deal}'s answer) the same statement writes the lines (over any
     * left by an update applied before the opening, those beyond the opening's count deleted) and the same lines as
     * open lines ({@code open_line}: the deal has none yet, it had no row), leaves any open stay
     * (noting the stays it finishes for the rollup {@code card_stay_hour}, {@link CardStays#FINISHED}) and enters the
     * first stage, and records the OPENED change from the row as inserted. A repeated opening inserts
     * no deal, so it writes nothing else either. The sub-statements read one snapshot and write different rows.
     */
    private static final String OPENED =
            """
            with v as (
                select * from unnest(?::int[], ?::text[], ?::uuid[], ?::uuid[], ?::text[], ?::uuid[], ?::uuid[],
                        ?::text[], ?::uuid[], ?::int[], ?::numeric[], ?::text[], ?::date[], ?::boolean[], ?::uuid[],
                        ?::timestamptz[], ?::text[], ?::text[], ?::uuid[], ?::int[], ?::int[], ?::uuid[], ?::text[],
                        ?::text[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[])
                    v(gen, tenant_id, deal_id, client_id, client_name, manager_id, pipeline_id, source, stage_id,
                      stage_probability, amount, currency, expected_close_date, repeat_sale, referred_by_client_id,
                      opened_at, external_system, external_id, event_id, line_count, line_no, product_id,
                      product_name, category, quantity, unit_price, discount_percent, line_amount)
            ), opening as (
                select * from v where coalesce(line_no, 1) = 1
            ), deal as (
                insert into deal_fact (gen, tenant_id, deal_id, client_id, client_name, manager_id, pipeline_id, source,
                    stage_id, stage_probability, status, amount, currency, expected_close_date, repeat_sale,
                    referred_by_client_id, opened_at, owner_since, stage_entered_at, last_touched_at, external_system,
                    external_id)
                select gen, tenant_id, deal_id, survivor_of(gen, tenant_id, client_id), client_name, manager_id,
                    pipeline_id, source, stage_id, stage_probability, 'OPEN', amount, currency, expected_close_date,
                    repeat_sale, survivor_of(gen, tenant_id, referred_by_client_id), opened_at, opened_at, opened_at,
                    greatest(opened_at, %1$s), external_system, external_id
                from opening v
                on conflict do nothing
                returning gen, tenant_id, deal_id, status, manager_id, stage_id, amount, currency,
                    expected_close_date, opened_at
            ), lines_beyond as (
                delete from deal_line_fact l using deal d
                join opening o on o.gen = d.gen and o.tenant_id = d.tenant_id and o.deal_id = d.deal_id
                where l.gen = d.gen and l.tenant_id = d.tenant_id and l.deal_id = d.deal_id
                  and l.line_no > o.line_count
            ), lines as (
                insert into deal_line_fact (gen, tenant_id, deal_id, line_no, product_id, product_name, category,
                    quantity, unit_price, discount_percent, amount)
                select v.gen, v.tenant_id, v.deal_id, v.line_no, v.product_id, v.product_name, v.category, v.quantity,
                    v.unit_price, v.discount_percent, v.line_amount
                from v join deal d on d.gen = v.gen and d.tenant_id = v.tenant_id and d.deal_id = v.deal_id
                where v.line_no is not null
                on conflict (gen, tenant_id, deal_id, line_no) do update set product_id = excluded.product_id,
                    product_name = excluded.product_name, category = excluded.category, quantity = excluded.quantity,
                    unit_price = excluded.unit_price, discount_percent = excluded.discount_percent,
                    amount = excluded.amount
            ), open_lines as (
                insert into open_line (gen, tenant_id, deal_id, line_no, product_id, product_name, category, quantity,
                    manager_id, pipeline_id, source, opened_at, product_first, category_first)
                select v.gen, v.tenant_id, v.deal_id, v.line_no, v.product_id, v.product_name, v.category, v.quantity,
                    v.manager_id, v.pipeline_id, v.source, v.opened_at, %3$s
                from v join deal d on d.gen = v.gen and d.tenant_id = v.tenant_id and d.deal_id = v.deal_id
                where v.line_no is not null
                on conflict (gen, tenant_id, deal_id, line_no) do update set product_id = excluded.product_id,
                    product_name = excluded.product_name, category = excluded.category, quantity = excluded.quantity,
                    manager_id = excluded.manager_id, pipeline_id = excluded.pipeline_id, source = excluded.source,
                    opened_at = excluded.opened_at, product_first = excluded.product_first,
                    category_first = excluded.category_first
            ), leaving as (
                update card_stay s set left_at = d.opened_at from deal d
                where s.gen = d.gen and s.tenant_id = d.tenant_id and s.card_type = 'DEAL' and s.card_id = d.deal_id
                  and s.left_at is null
                returning s.gen, s.tenant_id, s.card_type, s.stage, s.entered_at, s.left_at
            ), finished as (
                %2$s
            ), stay as (
                insert into card_stay (gen, tenant_id, card_type, card_id, stage, entered_at)
                select gen, tenant_id, 'DEAL', deal_id, stage_id::text, opened_at from deal
                on conflict do nothing
            )
            insert into deal_change (gen, tenant_id, deal_id, event_id, kind, changed_at, status, manager_id, stage_id,
                amount, currency, expected_close_date)
            select d.gen, d.tenant_id, d.deal_id, o.event_id, 'OPENED', d.opened_at, d.status, d.manager_id, d.stage_id,
                d.amount, d.currency, d.expected_close_date
            from deal d join opening o on o.gen = d.gen and o.tenant_id = d.tenant_id and o.deal_id = d.deal_id
            on conflict do nothing""".formatted(TOUCHES_KEPT_V, CardStays.FINISHED.formatted("select * from leaving"), firstLines("v"));

    /**
     * A stage move: the stage, and the owner and pipeline the event names, on the deal; the same owner and pipeline on
     * its open lines ({@code open_line} keeps them for popular-products' filters, migration V2026_12_24_10), in the
     * same statement, written only where one of them changed (most moves change neither: a probe of the key, no
     * write).
     */
    private static final String STAGE_MOVED = """
            with v as (
                select * from unnest(?::int[], ?::text[], ?::uuid[], ?::uuid[], ?::int[], ?::uuid[], ?::timestamptz[],
                        ?::uuid[])
                    v(gen, tenant_id, deal_id, stage_id, probability, manager_id, moved_at, pipeline_id)
            ), open_lines_moved as (
                update open_line o set manager_id = v.manager_id, pipeline_id = v.pipeline_id from v
                where o.gen = v.gen and o.tenant_id = v.tenant_id and o.deal_id = v.deal_id
                  and (o.manager_id <> v.manager_id or o.pipeline_id <> v.pipeline_id)
            )
            update deal_fact d set stage_id = v.stage_id, stage_probability = v.probability,
                stage_entered_at = v.moved_at,
                owner_since = case when d.manager_id = v.manager_id then d.owner_since else v.moved_at end,
                manager_id = v.manager_id, pipeline_id = v.pipeline_id,
                last_touched_at = greatest(d.last_touched_at, v.moved_at)
            from v
            where d.gen = v.gen and d.tenant_id = v.tenant_id and d.deal_id = v.deal_id""";

    private static final String UPDATED = """
            update deal_fact d set amount = v.amount, currency = v.currency, expected_close_date = v.close_date
            from unnest(?::int[], ?::text[], ?::uuid[], ?::numeric[], ?::text[], ?::date[])
                v(gen, tenant_id, deal_id, amount, currency, close_date)
            where d.gen = v.gen and d.tenant_id = v.tenant_id and d.deal_id = v.deal_id""";

    /**
     * A win's or a loss's row of the deal as the closing tells it: inserted when the deal is not known yet, else
     * overwritten by {@link #ON_CLOSE} and the closing's own columns (formatted: probability, status, owner since,
     * touches kept); in the same statement the deal's open lines go ({@code open_line}: a closed deal offers nothing).
     */
    private static final String CLOSING = """
            with v as (
                select * from unnest(?::int[], ?::text[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[],
                        ?::numeric[], ?::text[], ?::boolean[], ?::uuid[], ?::timestamptz[], ?::timestamptz[],
                        ?::text[], ?::text[])
                    v(gen, tenant_id, deal_id, client_id, manager_id, pipeline_id, stage_id, amount, currency,
                      repeat_sale, referred_by_client_id, opened_at, closed_at, loss_reason_kind, loss_reason_code)
            ), open_lines_gone as (
                delete from open_line o using v
                where o.gen = v.gen and o.tenant_id = v.tenant_id and o.deal_id = v.deal_id
            )
            insert into deal_fact (gen, tenant_id, deal_id, client_id, manager_id, pipeline_id, stage_id,
                stage_probability, status, amount, currency, repeat_sale, referred_by_client_id, opened_at, closed_at,
                owner_since, stage_entered_at, last_touched_at, loss_reason_kind, loss_reason_code)
            select gen, tenant_id, deal_id, survivor_of(gen, tenant_id, client_id), manager_id, pipeline_id, stage_id,
                %1$s, '%2$s', amount, currency, repeat_sale, survivor_of(gen, tenant_id, referred_by_client_id),
                opened_at, closed_at, %3$s, closed_at, greatest(closed_at, %4$s), loss_reason_kind, loss_reason_code
            from v
            on conflict (gen, tenant_id, deal_id) do update set""";

    private static final String WON =
            CLOSING.formatted("100", "WON", "opened_at", TOUCHES_KEPT_V) + " " + ON_CLOSE + """
                stage_probability = 100, status = 'WON', repeat_sale = excluded.repeat_sale,
                referred_by_client_id = coalesce(excluded.referred_by_client_id, deal_fact.referred_by_client_id),
                loss_reason_kind = null, loss_reason_code = null""";

    private static final String LOST =
            CLOSING.formatted("0", "LOST", "closed_at", TOUCHES_KEPT_V) + " " + ON_CLOSE + """
                stage_probability = 0, status = 'LOST', loss_reason_kind = excluded.loss_reason_kind,
                loss_reason_code = excluded.loss_reason_code""";

    /**
     * A reopening: the deal is open again, and its lines (as deal_line_fact keeps them since the closing) are open lines
     * again, copied in the same statement ({@code open_line}, migration V2026_12_23_30), by a probe of deal_line_fact's
     * key per deal ({@code offset 0}: never a hash of the whole table).
     */
    private static final String REOPENED = """
            with reopened as (
                update deal_fact d set status = 'OPEN', closed_at = null, loss_reason_kind = null,
                    loss_reason_code = null, stage_id = v.stage_id, stage_probability = v.probability,
                    stage_entered_at = v.reopened_at, last_touched_at = greatest(d.last_touched_at, v.reopened_at)
                from unnest(?::int[], ?::text[], ?::uuid[], ?::uuid[], ?::int[], ?::timestamptz[])
                    v(gen, tenant_id, deal_id, stage_id, probability, reopened_at)
                where d.gen = v.gen and d.tenant_id = v.tenant_id and d.deal_id = v.deal_id
                returning d.gen, d.tenant_id, d.deal_id, d.manager_id, d.pipeline_id, d.source, d.opened_at
            )
            insert into open_line (gen, tenant_id, deal_id, line_no, product_id, product_name, category, quantity,
                manager_id, pipeline_id, source, opened_at, product_first, category_first)
            select l.gen, l.tenant_id, l.deal_id, l.line_no, l.product_id, l.product_name, l.category, l.quantity,
                r.manager_id, r.pipeline_id, r.source, r.opened_at, %s
            from reopened r
            cross join lateral (select l.* from deal_line_fact l
                where l.gen = r.gen and l.tenant_id = r.tenant_id and l.deal_id = r.deal_id offset 0) l
            on conflict (gen, tenant_id, deal_id, line_no) do update set manager_id = excluded.manager_id,
                pipeline_id = excluded.pipeline_id, source = excluded.source, opened_at = excluded.opened_at,
                product_first = excluded.product_first, category_first = excluded.category_first""".formatted(firstLines("l"));

    /**
     * A reassignment: the new owner on the deal and, in the same statement, on its open lines ({@code open_line} keeps
     * the owner for popular-products' manager and team filters, migration V2026_12_24_10).
     */
    private static final String REASSIGNED = """
            with v as (
                select * from unnest(?::int[], ?::text[], ?::uuid[], ?::uuid[], ?::timestamptz[])
                    v(gen, tenant_id, deal_id, manager_id, reassigned_at)
            ), open_lines_moved as (
                update open_line o set manager_id = v.manager_id from v
                where o.gen = v.gen and o.tenant_id = v.tenant_id and o.deal_id = v.deal_id
                  and o.manager_id <> v.manager_id
            )
            update deal_fact d set manager_id = v.manager_id, owner_since = v.reassigned_at
            from v
            where d.gen = v.gen and d.tenant_id = v.tenant_id and d.deal_id = v.deal_id""";

    private static final String ACTIVITY = """
            insert into activity_fact (gen, tenant_id, activity_id, card_id, client_id, manager_id, discount_percent,
                do_not_contact, occurred_at)
            select gen, tenant_id, activity_id, card_id, survivor_of(gen, tenant_id, client_id), manager_id,
                discount_percent, do_not_contact, occurred_at
            from unnest(?::int[], ?::text[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::numeric[], ?::boolean[],
                    ?::timestamptz[])
                v(gen, tenant_id, activity_id, card_id, client_id, manager_id, discount_percent, do_not_contact,
                  occurred_at)
            on conflict do nothing""";

    /** A deal's lines replaced, first step: its lines go, and its open lines with them ({@code open_line}). */
    private static final String LINES_DELETED = """
            with v as (select * from unnest(?::int[], ?::text[], ?::uuid[]) v(gen, tenant_id, deal_id)),
            open_lines_gone as (
                delete from open_line o using v
                where o.gen = v.gen and o.tenant_id = v.tenant_id and o.deal_id = v.deal_id
            )
            delete from deal_line_fact l using v
            where l.gen = v.gen and l.tenant_id = v.tenant_id and l.deal_id = v.deal_id""";

    /**
     * A deal's lines replaced, second step: the new lines, and the same as open lines if the deal is open now (not
     * after its win, whose final lines go through here too; not before its opening, which writes them itself).
     * <p>
     * The deal's status is read by a probe of deal_fact's key per line, and tested outside the probe: written as a
     * join on {@code status = 'OPEN'}, the condition let the planner read the deal through the partial indexes of the
     * open deals (deal_fact_manager_open, deal_fact_newest) by tenant, and on a young table without statistics it did
     * (the scale 0.01 benchmark: 1 381 buffers a call against the plain insert's 225; a scratch generic plan, 43 368
     * buffers for 30 lines). {@code offset 0} keeps the condition out of the probe.
     */
    private static final String LINES_INSERTED = """
            with v as (
                select * from unnest(?::int[], ?::text[], ?::uuid[], ?::int[], ?::uuid[], ?::text[], ?::text[],
                        ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[])
                    v(gen, tenant_id, deal_id, line_no, product_id, product_name, category, quantity, unit_price,
                      discount_percent, amount)
            ), open_lines as (
                insert into open_line (gen, tenant_id, deal_id, line_no, product_id, product_name, category, quantity,
                    manager_id, pipeline_id, source, opened_at, product_first, category_first)
                select v.gen, v.tenant_id, v.deal_id, v.line_no, v.product_id, v.product_name, v.category, v.quantity,
                    d.manager_id, d.pipeline_id, d.source, d.opened_at, %s
                from v cross join lateral (select d.status, d.manager_id, d.pipeline_id, d.source, d.opened_at
                    from deal_fact d
                    where d.gen = v.gen and d.tenant_id = v.tenant_id and d.deal_id = v.deal_id offset 0) d
                where d.status = 'OPEN'
            )
            insert into deal_line_fact (gen, tenant_id, deal_id, line_no, product_id, product_name, category, quantity,
                unit_price, discount_percent, amount)
            select * from v""".formatted(firstLines("v"));

    /**
     * The deal's state right after an event, as one row of its history ({@code deal_change}, metric 13): read from
     * the deal's row the event's own statement has just written (the row runs one step after it), at the event's
     * business time; {@code stage_id} given overrides the deal's (a win or a loss: the open stage it closed from).
     * Keyed by the event, so a repeat writes nothing.
     */
    private static final String CHANGE = """
            insert into deal_change (gen, tenant_id, deal_id, event_id, kind, changed_at, status, manager_id, stage_id,
                amount, currency, expected_close_date)
            select v.gen, v.tenant_id, v.deal_id, v.event_id, v.kind, v.changed_at, d.status, d.manager_id,
                coalesce(v.stage_id, d.stage_id), d.amount, d.currency, d.expected_close_date
            from unnest(?::int[], ?::text[], ?::uuid[], ?::uuid[], ?::text[], ?::timestamptz[], ?::uuid[])
                v(gen, tenant_id, deal_id, event_id, kind, changed_at, stage_id)
            join deal_fact d on d.gen = v.gen and d.tenant_id = v.tenant_id and d.deal_id = v.deal_id
            on conflict do nothing""";

    private final EntityManager em;
    private final CardStays stays;
    private final CardTouches touches;
    private final TransferProjection transfers;

    public DealProjection(EntityManager em, CardStays stays, CardTouches touches, TransferProjection transfers) {
        this.em = em;
        this.stays = stays;
        this.touches = touches;
        this.transfers = transfers;
    }

    /**
     * A deal's opening, set-based with the batch's other openings of the same step: the deal is inserted unless it is
     * known already (a repeat, or a win or a loss written before it), and only a deal inserted now gets the opening's
     * lines, its first stay and its OPENED change, all in the same statement ({@link #OPENED}).
     */
    public void opened(Applying at, DealOpened e) {
        List<DealLine> lines = e.terms().lines() == null ? List.of() : e.terms().lines();
        Object[] deal = {
            at.gen(),
            at.tenant(),
            e.dealId(),
            e.clientId(),
            e.clientName(),
            e.managerId(),
            e.pipelineId(),
            e.source(),
            e.stageId(),
            e.stageProbability(),
            e.terms().amount(),
            e.terms().currency(),
            e.terms().expectedCloseDate(),
            e.repeatSale(),
            e.referredByClientId(),
            e.openedAt(),
            e.externalSystem(),
            e.externalId(),
            at.metadata().id(),
            lines.size()
        };
        List<Object[]> rows = new ArrayList<>(Math.max(1, lines.size()));
        if (lines.isEmpty()) {
            rows.add(openingRow(deal, null, null));
        }
        int no = 1;
        for (DealLine line : lines) {
            rows.add(openingRow(deal, no++, line));
        }
        at.writes().runAll(List.of(e.dealId()), OPENED, rows);
    }

    /** One row of {@link #OPENED}: the deal's columns, then one line's (all null for a deal without lines). */
    private static Object[] openingRow(Object[] deal, Integer no, DealLine line) {
        Object[] row = Arrays.copyOf(deal, deal.length + 8);
        if (line != null) {
            row[deal.length] = no;
            row[deal.length + 1] = line.productId();
            row[deal.length + 2] = line.productName();
            row[deal.length + 3] = line.category();
            row[deal.length + 4] = line.quantity();
            row[deal.length + 5] = line.unitPrice();
            row[deal.length + 6] = line.discountPercent();
            row[deal.length + 7] = line.amount();
        }
        return row;
    }

    /**
     * A stage move is a touch, written by the move's own update (the row once a batch, not twice) and kept in
     * {@code card_touch}. The event names the owner at the move, so a missed reassignment heals here, and the
     * pipeline of the stage entered, which is another one when an integrator landed the deal in its real pipeline.
     */
    public void stageMoved(Applying at, DealStageMoved e) {
        at.writes()
                .run(
                        List.of(e.dealId()),
                        STAGE_MOVED,
                        at.gen(),
                        at.tenant(),
                        e.dealId(),
                        e.toStageId(),
                        e.toProbability(),
                        e.managerId(),
                        e.movedAt(),
                        e.pipelineId());
        touches.kept(at, DEAL, e.dealId(), e.movedAt());
        stays.move(at, DEAL, e.dealId(), e.toStageId().toString(), e.movedAt());
        changed(at, e.dealId(), "STAGE_MOVED", e.movedAt(), null);
    }

    public void updated(Applying at, DealUpdated e) {
        at.writes()
                .run(
                        List.of(e.dealId()),
                        UPDATED,
                        at.gen(),
                        at.tenant(),
                        e.dealId(),
                        e.after().amount(),
                        e.after().currency(),
                        e.after().expectedCloseDate());
        replaceLines(at, e.dealId(), e.after().lines());
        changed(at, e.dealId(), "UPDATED", e.updatedAt(), null);
    }

    public void won(Applying at, DealWon e) {
        // the win's own facts overwrite: the credited manager, the final amount and lines
        at.writes()
                .run(
                        List.of(e.dealId()),
                        WON,
                        at.gen(),
                        at.tenant(),
                        e.dealId(),
                        e.clientId(),
                        e.managerId(),
                        e.pipelineId(),
                        e.wonStageId(),
                        e.finalAmount(),
                        e.currency(),
                        e.repeatSale(),
                        e.referredByClientId(),
                        e.openedAt(),
                        e.closedAt(),
                        null,
                        null);
        replaceLines(at, e.dealId(), e.lines());
        closed(at, e.dealId(), e.closedAt());
        changed(at, e.dealId(), "WON", e.closedAt(), e.fromStageId());
    }

    public void lost(Applying at, DealLost e) {
        at.writes()
                .run(
                        List.of(e.dealId()),
                        LOST,
                        at.gen(),
                        at.tenant(),
                        e.dealId(),
                        e.clientId(),
                        e.managerId(),
                        e.pipelineId(),
                        e.lostStageId(),
                        e.amount(),
                        e.currency(),
                        false,
                        null,
                        e.closedAt(),
                        e.closedAt(),
                        e.reasonKind(),
                        e.reasonCode());
        closed(at, e.dealId(), e.closedAt());
        changed(at, e.dealId(), "LOST", e.closedAt(), e.fromStageId());
    }

    /**
     * A loss reason of the tenant's catalogue, kept to show a lost deal's reason by its label: by language when
     * deal-service sent labels ({@code labels}, "ru" and "en"), else the one {@code label}.
     */
    public void lossReasonAdded(Applying at, LossReasonAdded e) {
        java.util.Map<String, String> labels = e.labels() == null ? java.util.Map.of() : e.labels();
        run(
                em,
                """
                insert into loss_reason (gen, tenant_id, code, kind, label, label_ru, label_en)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (gen, tenant_id, code) do update set kind = excluded.kind, label = excluded.label,
                    label_ru = excluded.label_ru, label_en = excluded.label_en""",
                at.gen(),
                at.tenant(),
                e.code(),
                e.kind(),
                e.label(),
                text(labels.get("ru")),
                text(labels.get("en")));
    }

    /** A reopened deal is open again: it no longer counts as won or lost until it closes again. */
    public void reopened(Applying at, DealReopened e) {
        at.writes()
                .run(
                        List.of(e.dealId()),
                        REOPENED,
                        at.gen(),
                        at.tenant(),
                        e.dealId(),
                        e.toStageId(),
                        e.toProbability(),
                        e.reopenedAt());
        stays.move(at, DEAL, e.dealId(), e.toStageId().toString(), e.reopenedAt());
        changed(at, e.dealId(), "REOPENED", e.reopenedAt(), null);
    }

    /** A new owner, by hand or by a card transfer (then the deal joins the transfer's cohort, metric 12). */
    public void reassigned(Applying at, DealReassigned e) {
        at.writes()
                .run(
                        List.of(e.dealId()),
                        REASSIGNED,
                        at.gen(),
                        at.tenant(),
                        e.dealId(),
                        e.toManagerId(),
                        e.reassignedAt());
        changed(at, e.dealId(), "REASSIGNED", e.reassignedAt(), null);
        if (e.transferId() != null) {
            transfers.moved(at, e.transferId(), DEAL, e.dealId(), e.toManagerId(), e.reassignedAt());
        }
    }

    /** A pipeline's stages, for their names and order in the load metric; a change renames or reorders them. */
    public void pipeline(Applying at, UUID pipelineId, PipelineDefinition definition) {
        for (StageDefinition stage : definition.stages()) {
            run(
                    em,
                    """
                    insert into stage_name (gen, tenant_id, stage_id, pipeline_id, name, position, kind, rot_after_days)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                    on conflict (gen, tenant_id, stage_id) do update set name = excluded.name,
                        position = excluded.position, kind = excluded.kind,
                        rot_after_days = excluded.rot_after_days""",
                    at.gen(),
                    at.tenant(),
                    stage.stageId(),
                    pipelineId,
                    stage.name(),
                    stage.order(),
                    stage.kind(),
                    stage.rotAfterDays());
        }
    }

    /**
     * A rate (or a day's correction) and the days it holds in the kept table rate_day (migration V2026_12_21_10), in
     * this transaction: the days from the currency's rate before it up to the day before its next rate (its own day
     * when it is the newest) are rewritten from exchange_rate, each at the rate of its span. The rate before is
     * rewritten too, so that a rate after a gap fills the gap's days; the rates after the next one keep their days.
     * It reads the currency's other rates, so two rates of one currency never apply side by side: their batches hold
     * the currency ({@link EventApplier#currency}).
     */
    public void exchangeRate(Applying at, ExchangeRateSet e) {
        run(em, """
                insert into exchange_rate (gen, tenant_id, currency, rate_date, rate_to_base) values (?1, ?2, ?3, ?4, ?5)
                on conflict (gen, tenant_id, currency, rate_date) do update set rate_to_base = excluded.rate_to_base""", at.gen(), at.tenant(), e.currency(), e.rateDate(), e.rateToBase());
        run(em, RATE_DAYS, at.gen(), at.tenant(), e.currency(), e.rateDate());
    }

    /**
     * The days of the rate of {@code ?4} and of the rate before it: the (at most) three rates from the one before on,
     * each with the date of the next (lead), each of the first two spanning its date up to the day before the next.
     */
    private static final String RATE_DAYS = """
            insert into rate_day (gen, tenant_id, currency, day, rate_to_base)
            select e.gen, e.tenant_id, e.currency, cast(g.day as date), e.rate_to_base
            from (select e.*, lead(e.rate_date) over (order by e.rate_date) as next_date
                from (select e.* from exchange_rate e
                    where e.gen = ?1 and e.tenant_id = ?2 and e.currency = ?3
                      and e.rate_date >= coalesce((select max(p.rate_date) from exchange_rate p where p.gen = ?1
                          and p.tenant_id = ?2 and p.currency = ?3 and p.rate_date < ?4), ?4)
                    order by e.rate_date limit 3) e) e
            cross join generate_series(cast(e.rate_date as timestamp),
                cast(coalesce(e.next_date - 1, e.rate_date) as timestamp), interval '1 day') g(day)
            where e.rate_date <= ?4
            on conflict (gen, tenant_id, currency, day) do update set rate_to_base = excluded.rate_to_base""";

    public void planSet(Applying at, PlanSet e) {
        plan(
                at,
                e.planId(),
                e.month(),
                e.scope(),
                e.managerId(),
                e.teamId(),
                e.target().amount(),
                e.target().dealCount());
    }

    public void planChanged(Applying at, PlanChanged e) {
        plan(
                at,
                e.planId(),
                e.month(),
                e.scope(),
                e.managerId(),
                e.teamId(),
                e.after().amount(),
                e.after().dealCount());
    }

    public void activity(Applying at, ActivityLogged e) {
        at.writes()
                .run(
                        List.of(e.activityId()),
                        ACTIVITY,
                        at.gen(),
                        at.tenant(),
                        e.activityId(),
                        e.cardId(),
                        e.clientId(),
                        e.managerId(),
                        e.discountOfferedPercent(),
                        e.doNotContact(),
                        e.occurredAt());
    }

    private void plan(
            Applying at,
            UUID planId,
            String month,
            String scope,
            UUID managerId,
            UUID teamId,
            BigDecimal amount,
            int dealCount) {
        run(em, """
                insert into sales_plan (gen, tenant_id, plan_id, month, scope, manager_id, team_id, amount, deal_count)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                on conflict (gen, tenant_id, plan_id) do update set amount = excluded.amount,
                    deal_count = excluded.deal_count""", at.gen(), at.tenant(), planId, month, scope, uuid(managerId), uuid(teamId), amount, dealCount);
    }

    private void replaceLines(Applying at, UUID dealId, List<DealLine> lines) {
        at.writes().run(List.of(dealId), LINES_DELETED, at.gen(), at.tenant(), dealId);
        List<Object[]> rows = new ArrayList<>(lines.size());
        int no = 1;
        for (DealLine line : lines) {
            rows.add(new Object[] {
                at.gen(),
                at.tenant(),
                dealId,
                no++,
                line.productId(),
                line.productName(),
                line.category(),
                line.quantity(),
                line.unitPrice(),
                line.discountPercent(),
                line.amount()
            });
        }
        at.writes().runAll(List.of(dealId), LINES_INSERTED, rows);
    }

    /** Records the deal's state after this event in its history (a deal not known yet records nothing). */
    private void changed(Applying at, UUID dealId, String kind, Instant when, UUID stage) {
        at.writes()
                .run(
                        List.of(dealId),
                        CHANGE,
                        at.gen(),
                        at.tenant(),
                        dealId,
                        at.metadata().id(),
                        kind,
                        when,
                        stage);
    }

    /** A won or lost deal leaves its last open stage; the team it counts for is fixed at its closing. */
    private void closed(Applying at, UUID dealId, Instant when) {
        stays.move(at, DEAL, dealId, null, when);
    }
}
