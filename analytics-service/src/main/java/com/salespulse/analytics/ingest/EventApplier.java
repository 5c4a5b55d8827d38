package com.salespulse.analytics.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.salespulse.analytics.deals.DealProjection;
import com.salespulse.analytics.leadinflow.LeadInflowProjection;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.deal.ActivityLogged;
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
import com.salespulse.contract.lead.LeadCreated;

/**
 * Applies one event to one generation of the read model: decode, skip if already applied to that generation,
 * update the projections, record the event as applied and advance the tenant's position, all in one transaction.
 * Either all of it commits or none does. The live consumer applies to the live generation, a replay to its own.
 */
@ApplicationScoped
public class EventApplier {

    public enum Outcome {
        APPLIED, DUPLICATE
    }

    /** What happened to an event, and whose it was. */
    public record Applied(Outcome outcome, String tenant) {
    }

    /** For event types no projection reads (yet); they still count as applied and advance {@code asOf}. */
    private static final Runnable NOTHING = () -> {
    };

    private final CloudEventCodec codec = new CloudEventCodec();
    private final AppliedEvents applied;
    private final ProjectionPositionRepository positions;
    private final LeadInflowProjection leadInflow;

    /** The deal side of the read model (metrics 4-10). */
    @Inject
    DealProjection deals;

    public EventApplier(AppliedEvents applied, ProjectionPositionRepository positions, LeadInflowProjection leadInflow) {
        this.applied = applied;
        this.positions = positions;
        this.leadInflow = leadInflow;
    }

    /**
     * @param gen the read-model generation to apply to
     * @throws com.salespulse.contract.MalformedEventException when the record is not a valid event; retrying
     *         cannot help
     */
    @Transactional
    public Applied apply(int gen, byte[] record) {
        ReceivedEvent event = codec.decode(record);
        if (!applied.firstDelivery(gen, event.metadata())) {
            return new Applied(Outcome.DUPLICATE, event.metadata().tenant());
        }
        Applying at = new Applying(gen, event.metadata());
        // a switch expression: adding an event type without deciding what it does here does not compile
        Runnable projection = switch (event.type()) {
            // ---- lead events ----
            case LEAD_CREATED -> () -> leadInflow.apply(at, event.dataAs(LeadCreated.class));
            // contact details feed no metric yet; the event still counts toward asOf
            case LEAD_UPDATED -> NOTHING;
            case LEAD_CONVERTED -> NOTHING;
            case LEAD_ASSIGNED, LEAD_STATUS_CHANGED, LEAD_CONTACT_ATTEMPTED, LEAD_ARCHIVED, LEAD_RESTORED -> NOTHING;
            case CLIENT_CREATED, CLIENTS_MERGED -> NOTHING;
            // ---- end of lead events ----

            // ---- roster events ----
            case CARD_TRANSFER_STARTED -> NOTHING;
            case TEAM_CREATED, TEAM_RENAMED, MANAGER_HIRED, MANAGER_UPDATED -> NOTHING;
            case MANAGER_ABSENCE_SET, MANAGER_ABSENCE_CLEARED, MANAGER_DISMISSED -> NOTHING;
            case LEAD_CARDS_TRANSFERRED, CARD_TRANSFER_COMPLETED, TENANT_SETTINGS_CHANGED -> NOTHING;
            // ---- end of roster events ----

            // ---- deal events ----
            case DEAL_CARDS_TRANSFERRED -> NOTHING;
            case PIPELINE_CREATED -> NOTHING;
            case PIPELINE_CHANGED -> NOTHING;
            case PRODUCT_CREATED -> NOTHING;
            case PRODUCT_CHANGED -> NOTHING;
            case PRODUCT_DEACTIVATED -> NOTHING;
            case BASE_CURRENCY_SET -> NOTHING;
            case EXCHANGE_RATE_SET -> () -> deals.exchangeRate(at, event.dataAs(ExchangeRateSet.class));
            case LOSS_REASON_ADDED -> NOTHING;
            case DEAL_OPENED -> () -> deals.opened(at, event.dataAs(DealOpened.class));
            case DEAL_STAGE_MOVED -> () -> deals.stageMoved(at, event.dataAs(DealStageMoved.class));
            case DEAL_UPDATED -> () -> deals.updated(at, event.dataAs(DealUpdated.class));
            case DEAL_WON -> () -> deals.won(at, event.dataAs(DealWon.class));
            case DEAL_LOST -> () -> deals.lost(at, event.dataAs(DealLost.class));
            case DEAL_REOPENED -> () -> deals.reopened(at, event.dataAs(DealReopened.class));
            case DEAL_REASSIGNED -> () -> deals.reassigned(at, event.dataAs(DealReassigned.class));
            case TASK_CREATED -> NOTHING;
            case TASK_RESCHEDULED -> NOTHING;
            case TASK_COMPLETED -> NOTHING;
            case TASK_CANCELLED -> NOTHING;
            case TASK_REASSIGNED -> NOTHING;
            case ACTIVITY_LOGGED -> () -> deals.activity(at, event.dataAs(ActivityLogged.class));
            case PLAN_SET -> () -> deals.planSet(at, event.dataAs(PlanSet.class));
            case PLAN_CHANGED -> () -> deals.planChanged(at, event.dataAs(PlanChanged.class));
            // ---- end of deal events ----

            // ---- alert and notification events: analytics raises alerts, it does not read them back ----
            case ALERT_RAISED, ALERT_RESOLVED -> NOTHING;
            case NOTIFICATION_DELIVERED, NOTIFICATION_DELIVERY_FAILED -> NOTHING;
            // ---- end of alert and notification events ----
        };
        projection.run();
        positions.advance(gen, event.metadata());
        return new Applied(Outcome.APPLIED, event.metadata().tenant());
    }
}
