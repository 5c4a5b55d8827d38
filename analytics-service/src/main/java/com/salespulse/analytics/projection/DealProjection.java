package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.date;
import static com.salespulse.analytics.readmodel.Statements.number;
import static com.salespulse.analytics.readmodel.Statements.run;
import static com.salespulse.analytics.readmodel.Statements.text;
import static com.salespulse.analytics.readmodel.Statements.uuid;

import com.salespulse.analytics.readmodel.ClientAliases;
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
import java.util.List;
import java.util.UUID;

/**
 * The one projection of the deal topic: keeps {@code deal_fact} (one row per deal as it stands now: terms, stage and
 * since when, owner and since when, status, touches, the team it counts for), its lines, its stays per stage in
 * {@code card_stay} (card type DEAL, next to the leads' stays), the stages' names, the exchange rates, plans and
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
     * keys, so one may be applied before the deal's opening (in a statement whose ?1, ?2, ?3 are gen, tenant, deal).
     */
    private static final String TOUCHES_KEPT = CardTouches.latestKept("?1", "?2", "'DEAL'", "?3");

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

    public void opened(Applying at, DealOpened e) {
        int inserted = at.writes()
                .now(
                        List.of(e.dealId()),
                        """
                insert into deal_fact (gen, tenant_id, deal_id, client_id, client_name, manager_id, pipeline_id, source,
                    stage_id, stage_probability, status, amount, currency, expected_close_date, repeat_sale,
                    referred_by_client_id, opened_at, owner_since, stage_entered_at, last_touched_at, external_system,
                    external_id)
                values (?1, ?2, ?3, %s, ?5, ?6, ?7, ?8, ?9, ?10, 'OPEN', ?11, ?12, ?13, ?14, %s, ?16, ?16, ?16,
                    greatest(?16, %s), ?17, ?18)
                on conflict do nothing""".formatted(ClientAliases.survivorOf("?4"), ClientAliases.survivorOf("?15"), TOUCHES_KEPT),
                        at.gen(),
                        at.tenant(),
                        e.dealId(),
                        e.clientId(),
                        text(e.clientName()),
                        e.managerId(),
                        e.pipelineId(),
                        e.source(),
                        e.stageId(),
                        e.stageProbability(),
                        e.terms().amount(),
                        e.terms().currency(),
                        date(e.terms().expectedCloseDate()),
                        e.repeatSale(),
                        uuid(e.referredByClientId()),
                        e.openedAt(),
                        text(e.externalSystem()),
                        text(e.externalId()));
        if (inserted > 0) {
            replaceLines(at, e.dealId(), e.terms().lines());
            stays.move(at, DEAL, e.dealId(), e.stageId().toString(), e.openedAt());
        }
    }

    /**
     * A stage move is a touch. The event names the owner at the move, so a missed reassignment heals here, and the
     * pipeline of the stage entered, which is another one when an integrator landed the deal in its real pipeline.
     */
    public void stageMoved(Applying at, DealStageMoved e) {
        at.writes()
                .run(
                        List.of(e.dealId()),
                        """
                update deal_fact set stage_id = ?3, stage_probability = ?4, stage_entered_at = ?7,
                    owner_since = case when manager_id = ?5 then owner_since else ?7 end, manager_id = ?5,
                    pipeline_id = ?8
                where gen = ?1 and tenant_id = ?2 and deal_id = ?6""",
                        at.gen(),
                        at.tenant(),
                        e.toStageId(),
                        e.toProbability(),
                        e.managerId(),
                        e.dealId(),
                        e.movedAt(),
                        e.pipelineId());
        touches.touch(at, DEAL, e.dealId(), e.movedAt());
        stays.move(at, DEAL, e.dealId(), e.toStageId().toString(), e.movedAt());
    }

    public void updated(Applying at, DealUpdated e) {
        at.writes()
                .run(
                        List.of(e.dealId()),
                        "update deal_fact set amount = ?3, currency = ?4, expected_close_date = ?5 "
                                + "where gen = ?1 and tenant_id = ?2 and deal_id = ?6",
                        at.gen(),
                        at.tenant(),
                        e.after().amount(),
                        e.after().currency(),
                        date(e.after().expectedCloseDate()),
                        e.dealId());
        replaceLines(at, e.dealId(), e.after().lines());
    }

    public void won(Applying at, DealWon e) {
        // the win's own facts overwrite: the credited manager, the final amount and lines
        at.writes()
                .run(
                        List.of(e.dealId()),
                        """
                insert into deal_fact (gen, tenant_id, deal_id, client_id, manager_id, pipeline_id, stage_id,
                    stage_probability, status, amount, currency, repeat_sale, referred_by_client_id, opened_at, closed_at,
                    owner_since, stage_entered_at, last_touched_at)
                values (?1, ?2, ?3, %s, ?5, ?6, ?7, 100, 'WON', ?8, ?9, ?10, %s, ?12, ?13, ?12, ?13, greatest(?13, %s))
                on conflict (gen, tenant_id, deal_id) do update set""".formatted(ClientAliases.survivorOf("?4"), ClientAliases.survivorOf("?11"), TOUCHES_KEPT)
                                + " "
                                + ON_CLOSE + """
                    stage_probability = 100, status = 'WON', repeat_sale = excluded.repeat_sale,
                    referred_by_client_id = coalesce(excluded.referred_by_client_id, deal_fact.referred_by_client_id),
                    loss_reason_kind = null, loss_reason_code = null""",
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
                        uuid(e.referredByClientId()),
                        e.openedAt(),
                        e.closedAt());
        replaceLines(at, e.dealId(), e.lines());
        closed(at, e.dealId(), e.closedAt());
    }

    public void lost(Applying at, DealLost e) {
        at.writes()
                .run(
                        List.of(e.dealId()),
                        """
                insert into deal_fact (gen, tenant_id, deal_id, client_id, manager_id, pipeline_id, stage_id,
                    stage_probability, status, amount, currency, repeat_sale, opened_at, closed_at, loss_reason_kind,
                    owner_since, stage_entered_at, last_touched_at, loss_reason_code)
                values (?1, ?2, ?3, %s, ?5, ?6, ?7, 0, 'LOST', ?8, ?9, false, ?10, ?10, ?11, ?10, ?10,
                    greatest(?10, %s), ?12)
                on conflict (gen, tenant_id, deal_id) do update set""".formatted(ClientAliases.survivorOf("?4"), TOUCHES_KEPT) + " " + ON_CLOSE + """
                    stage_probability = 0, status = 'LOST', loss_reason_kind = excluded.loss_reason_kind,
                    loss_reason_code = excluded.loss_reason_code""",
                        at.gen(),
                        at.tenant(),
                        e.dealId(),
                        e.clientId(),
                        e.managerId(),
                        e.pipelineId(),
                        e.lostStageId(),
                        e.amount(),
                        e.currency(),
                        e.closedAt(),
                        e.reasonKind(),
                        e.reasonCode());
        closed(at, e.dealId(), e.closedAt());
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
                        """
                update deal_fact set status = 'OPEN', closed_at = null, loss_reason_kind = null, loss_reason_code = null, stage_id = ?3,
                    stage_probability = ?4, stage_entered_at = ?6, last_touched_at = greatest(last_touched_at, ?6)
                where gen = ?1 and tenant_id = ?2 and deal_id = ?5""",
                        at.gen(),
                        at.tenant(),
                        e.toStageId(),
                        e.toProbability(),
                        e.dealId(),
                        e.reopenedAt());
        stays.move(at, DEAL, e.dealId(), e.toStageId().toString(), e.reopenedAt());
    }

    /** A new owner, by hand or by a card transfer (then the deal joins the transfer's cohort, metric 12). */
    public void reassigned(Applying at, DealReassigned e) {
        at.writes()
                .run(
                        List.of(e.dealId()),
                        "update deal_fact set manager_id = ?3, owner_since = ?5 where gen = ?1 and tenant_id = ?2 and deal_id = ?4",
                        at.gen(),
                        at.tenant(),
                        e.toManagerId(),
                        e.dealId(),
                        e.reassignedAt());
        if (e.transferId() != null) {
            transfers.moved(at, e.transferId(), DEAL, e.dealId(), e.toManagerId(), e.reassignedAt());
        }
    }

    /** A pipeline's stages, for their names and order in the load metric; a change renames or reorders them. */
    public void pipeline(Applying at, UUID pipelineId, PipelineDefinition definition) {
        for (StageDefinition stage : definition.stages()) {
            run(em, """
                    insert into stage_name (gen, tenant_id, stage_id, pipeline_id, name, position, kind)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    on conflict (gen, tenant_id, stage_id) do update set name = excluded.name,
                        position = excluded.position, kind = excluded.kind""", at.gen(), at.tenant(), stage.stageId(), pipelineId, stage.name(), stage.order(), stage.kind());
        }
    }

    public void exchangeRate(Applying at, ExchangeRateSet e) {
        run(em, """
                insert into exchange_rate (gen, tenant_id, currency, rate_date, rate_to_base) values (?1, ?2, ?3, ?4, ?5)
                on conflict (gen, tenant_id, currency, rate_date) do update set rate_to_base = excluded.rate_to_base""", at.gen(), at.tenant(), e.currency(), e.rateDate(), e.rateToBase());
    }

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
                        """
                insert into activity_fact (gen, tenant_id, activity_id, card_id, client_id, manager_id, discount_percent,
                    do_not_contact, occurred_at) values (?1, ?2, ?3, ?4, %s, ?6, ?7, ?8, ?9)
                on conflict do nothing""".formatted(ClientAliases.survivorOf("?5")),
                        at.gen(),
                        at.tenant(),
                        e.activityId(),
                        e.cardId(),
                        uuid(e.clientId()),
                        e.managerId(),
                        number(e.discountOfferedPercent()),
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
        at.writes()
                .run(
                        List.of(dealId),
                        "delete from deal_line_fact where gen = ?1 and tenant_id = ?2 and deal_id = ?3",
                        at.gen(),
                        at.tenant(),
                        dealId);
        int no = 1;
        for (DealLine line : lines) {
            at.writes()
                    .run(
                            List.of(dealId),
                            """
                    insert into deal_line_fact (gen, tenant_id, deal_id, line_no, product_id, product_name, category,
                        quantity, unit_price, discount_percent, amount) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""",
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
                            line.amount());
        }
    }

    /** A won or lost deal leaves its last open stage; the team it counts for is fixed at its closing. */
    private void closed(Applying at, UUID dealId, Instant when) {
        stays.move(at, DEAL, dealId, null, when);
    }
}
