package com.salespulse.analytics.deals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;

import com.salespulse.analytics.ingest.Applying;
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
import com.salespulse.contract.deal.PlanChanged;
import com.salespulse.contract.deal.PlanSet;

/**
 * Keeps the deal side of the read model ({@code deal_fact}, its lines and stage visits, exchange rates, plans and
 * activities) in step with the deal events. Every method runs inside {@code EventApplier}'s transaction.
 * <p>
 * A deal's events share its key, so they arrive in order; still, {@link #won} and {@link #lost} carry enough to
 * write the deal if its opening was never seen (e.g. a topic trimmed by retention), so a win is never dropped.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DealProjection {

    private final EntityManager em;

    public DealProjection(EntityManager em) {
        this.em = em;
    }

    public void opened(Applying at, DealOpened e) {
        int inserted = sql("""
                insert into deal_fact (gen, tenant_id, deal_id, client_id, client_name, manager_id, pipeline_id, source,
                    stage_id, stage_probability, status, amount, currency, expected_close_date, repeat_sale,
                    referred_by_client_id, opened_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'OPEN', ?11, ?12, ?13, ?14, ?15, ?16)
                on conflict do nothing""", at)
                .setParameter(3, e.dealId()).setParameter(4, e.clientId()).setParameter(5, e.clientName(), String.class)
                .setParameter(6, e.managerId()).setParameter(7, e.pipelineId()).setParameter(8, e.source())
                .setParameter(9, e.stageId()).setParameter(10, e.stageProbability())
                .setParameter(11, e.terms().amount()).setParameter(12, e.terms().currency())
                .setParameter(13, e.terms().expectedCloseDate(), LocalDate.class).setParameter(14, e.repeatSale())
                .setParameter(15, e.referredByClientId(), UUID.class).setParameter(16, e.openedAt())
                .executeUpdate();
        if (inserted > 0) {
            replaceLines(at, e.dealId(), e.terms().lines());
            enterStage(at, e.dealId(), e.stageId(), e.openedAt());
        }
    }

    public void stageMoved(Applying at, DealStageMoved e) {
        sql("update deal_fact set stage_id = ?3, stage_probability = ?4, manager_id = ?5 "
                + "where gen = ?1 and tenant_id = ?2 and deal_id = ?6", at)
                .setParameter(3, e.toStageId()).setParameter(4, e.toProbability()).setParameter(5, e.managerId())
                .setParameter(6, e.dealId()).executeUpdate();
        leaveStage(at, e.dealId(), e.movedAt());
        enterStage(at, e.dealId(), e.toStageId(), e.movedAt());
    }

    public void updated(Applying at, DealUpdated e) {
        sql("update deal_fact set amount = ?3, currency = ?4, expected_close_date = ?5 "
                + "where gen = ?1 and tenant_id = ?2 and deal_id = ?6", at)
                .setParameter(3, e.after().amount()).setParameter(4, e.after().currency())
                .setParameter(5, e.after().expectedCloseDate(), LocalDate.class).setParameter(6, e.dealId())
                .executeUpdate();
        replaceLines(at, e.dealId(), e.after().lines());
    }

    public void won(Applying at, DealWon e) {
        // the win's own facts overwrite: the credited manager, the final amount and lines
        sql("""
                insert into deal_fact (gen, tenant_id, deal_id, client_id, manager_id, pipeline_id, stage_id,
                    stage_probability, status, amount, currency, repeat_sale, referred_by_client_id, opened_at, closed_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, 100, 'WON', ?8, ?9, ?10, ?11, ?12, ?13)
                on conflict (gen, tenant_id, deal_id) do update set manager_id = excluded.manager_id,
                    stage_id = excluded.stage_id, stage_probability = 100, status = 'WON', amount = excluded.amount,
                    currency = excluded.currency, repeat_sale = excluded.repeat_sale,
                    referred_by_client_id = coalesce(excluded.referred_by_client_id, deal_fact.referred_by_client_id),
                    closed_at = excluded.closed_at, loss_reason_kind = null""", at)
                .setParameter(3, e.dealId()).setParameter(4, e.clientId()).setParameter(5, e.managerId())
                .setParameter(6, e.pipelineId()).setParameter(7, e.wonStageId()).setParameter(8, e.finalAmount())
                .setParameter(9, e.currency()).setParameter(10, e.repeatSale())
                .setParameter(11, e.referredByClientId(), UUID.class).setParameter(12, e.openedAt())
                .setParameter(13, e.closedAt()).executeUpdate();
        replaceLines(at, e.dealId(), e.lines());
        leaveStage(at, e.dealId(), e.closedAt());
    }

    public void lost(Applying at, DealLost e) {
        sql("""
                insert into deal_fact (gen, tenant_id, deal_id, client_id, manager_id, pipeline_id, stage_id,
                    stage_probability, status, amount, currency, repeat_sale, opened_at, closed_at, loss_reason_kind)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 'LOST', ?8, ?9, false, ?10, ?10, ?11)
                on conflict (gen, tenant_id, deal_id) do update set manager_id = excluded.manager_id,
                    stage_id = excluded.stage_id, stage_probability = 0, status = 'LOST', amount = excluded.amount,
                    currency = excluded.currency, closed_at = excluded.closed_at,
                    loss_reason_kind = excluded.loss_reason_kind""", at)
                .setParameter(3, e.dealId()).setParameter(4, e.clientId()).setParameter(5, e.managerId())
                .setParameter(6, e.pipelineId()).setParameter(7, e.lostStageId()).setParameter(8, e.amount())
                .setParameter(9, e.currency()).setParameter(10, e.closedAt()).setParameter(11, e.reasonKind())
                .executeUpdate();
        leaveStage(at, e.dealId(), e.closedAt());
    }

    /** A reopened deal is open again: it no longer counts as won or lost until it closes again. */
    public void reopened(Applying at, DealReopened e) {
        sql("update deal_fact set status = 'OPEN', closed_at = null, loss_reason_kind = null, stage_id = ?3, "
                + "stage_probability = ?4 where gen = ?1 and tenant_id = ?2 and deal_id = ?5", at)
                .setParameter(3, e.toStageId()).setParameter(4, e.toProbability()).setParameter(5, e.dealId())
                .executeUpdate();
        enterStage(at, e.dealId(), e.toStageId(), e.reopenedAt());
    }

    public void reassigned(Applying at, DealReassigned e) {
        sql("update deal_fact set manager_id = ?3 where gen = ?1 and tenant_id = ?2 and deal_id = ?4", at)
                .setParameter(3, e.toManagerId()).setParameter(4, e.dealId()).executeUpdate();
    }

    public void exchangeRate(Applying at, ExchangeRateSet e) {
        sql("""
                insert into exchange_rate (gen, tenant_id, currency, rate_date, rate_to_base) values (?1, ?2, ?3, ?4, ?5)
                on conflict (gen, tenant_id, currency, rate_date) do update set rate_to_base = excluded.rate_to_base""", at)
                .setParameter(3, e.currency()).setParameter(4, e.rateDate()).setParameter(5, e.rateToBase())
                .executeUpdate();
    }

    public void planSet(Applying at, PlanSet e) {
        plan(at, e.planId(), e.month(), e.scope(), e.managerId(), e.teamId(), e.target().amount(), e.target().dealCount());
    }

    public void planChanged(Applying at, PlanChanged e) {
        plan(at, e.planId(), e.month(), e.scope(), e.managerId(), e.teamId(), e.after().amount(), e.after().dealCount());
    }

    public void activity(Applying at, ActivityLogged e) {
        sql("""
                insert into activity_fact (gen, tenant_id, activity_id, card_id, client_id, manager_id, discount_percent,
                    do_not_contact, occurred_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) on conflict do nothing""", at)
                .setParameter(3, e.activityId()).setParameter(4, e.cardId()).setParameter(5, e.clientId(), UUID.class)
                .setParameter(6, e.managerId()).setParameter(7, e.discountOfferedPercent(), BigDecimal.class)
                .setParameter(8, e.doNotContact()).setParameter(9, e.occurredAt()).executeUpdate();
    }

    private void plan(Applying at, UUID planId, String month, String scope, UUID managerId, UUID teamId,
            BigDecimal amount, int dealCount) {
        sql("""
                insert into sales_plan (gen, tenant_id, plan_id, month, scope, manager_id, team_id, amount, deal_count)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                on conflict (gen, tenant_id, plan_id) do update set amount = excluded.amount,
                    deal_count = excluded.deal_count""", at)
                .setParameter(3, planId).setParameter(4, month).setParameter(5, scope)
                .setParameter(6, managerId, UUID.class).setParameter(7, teamId, UUID.class)
                .setParameter(8, amount).setParameter(9, dealCount).executeUpdate();
    }

    private void replaceLines(Applying at, UUID dealId, List<DealLine> lines) {
        sql("delete from deal_line_fact where gen = ?1 and tenant_id = ?2 and deal_id = ?3", at)
                .setParameter(3, dealId).executeUpdate();
        int no = 1;
        for (DealLine line : lines) {
            sql("""
                    insert into deal_line_fact (gen, tenant_id, deal_id, line_no, product_id, product_name, category,
                        quantity, unit_price, discount_percent, amount) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""", at)
                    .setParameter(3, dealId).setParameter(4, no++).setParameter(5, line.productId())
                    .setParameter(6, line.productName()).setParameter(7, line.category())
                    .setParameter(8, line.quantity()).setParameter(9, line.unitPrice())
                    .setParameter(10, line.discountPercent()).setParameter(11, line.amount()).executeUpdate();
        }
    }

    private void enterStage(Applying at, UUID dealId, UUID stageId, Instant enteredAt) {
        sql("insert into deal_stage_visit (gen, tenant_id, deal_id, stage_id, entered_at) values (?1, ?2, ?3, ?4, ?5) "
                + "on conflict do nothing", at)
                .setParameter(3, dealId).setParameter(4, stageId).setParameter(5, enteredAt).executeUpdate();
    }

    private void leaveStage(Applying at, UUID dealId, Instant leftAt) {
        sql("update deal_stage_visit set left_at = ?3 where gen = ?1 and tenant_id = ?2 and deal_id = ?4 and left_at is null", at)
                .setParameter(3, leftAt).setParameter(4, dealId).executeUpdate();
    }

    @SuppressWarnings("rawtypes")
    private NativeQuery sql(String statement, Applying at) {
        return em.createNativeQuery(statement).unwrap(NativeQuery.class)
                .setParameter(1, at.gen()).setParameter(2, at.tenant());
    }
}
