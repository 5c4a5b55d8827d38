package com.salespulse.analytics.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.salespulse.analytics.leadinflow.LeadInflowProjection;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.messaging.inbox.ConsumedEvents;

/**
 * Applies one event to the read model: decode, skip if already applied, update the projections, record the event
 * as consumed and advance the tenant's position, all in one transaction. Either all of it commits or none does.
 */
@ApplicationScoped
public class EventApplier {

    public enum Outcome {
        APPLIED, DUPLICATE
    }

    /** For event types no projection reads (yet); they still count as consumed and advance {@code asOf}. */
    private static final Runnable NOTHING = () -> {
    };

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ConsumedEvents consumed;
    private final ProjectionPositionRepository positions;
    private final LeadInflowProjection leadInflow;

    public EventApplier(ConsumedEvents consumed, ProjectionPositionRepository positions, LeadInflowProjection leadInflow) {
        this.consumed = consumed;
        this.positions = positions;
        this.leadInflow = leadInflow;
    }

    /**
     * @throws com.salespulse.contract.MalformedEventException when the record is not a valid event; retrying
     *         cannot help
     */
    @Transactional
    public Outcome apply(byte[] record) {
        ReceivedEvent event = codec.decode(record);
        if (!consumed.firstDelivery(event.metadata(), event.type())) {
            return Outcome.DUPLICATE;
        }
        // a switch expression: adding an event type without deciding what it does here does not compile
        Runnable projection = switch (event.type()) {
            // ---- lead events ----
            case LEAD_CREATED -> () -> leadInflow.apply(event.metadata(), event.dataAs(LeadCreated.class));
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
            case EXCHANGE_RATE_SET -> NOTHING;
            case LOSS_REASON_ADDED -> NOTHING;
            case DEAL_OPENED -> NOTHING;
            case DEAL_STAGE_MOVED -> NOTHING;
            case DEAL_UPDATED -> NOTHING;
            case DEAL_WON -> NOTHING;
            case DEAL_LOST -> NOTHING;
            case DEAL_REOPENED -> NOTHING;
            case DEAL_REASSIGNED -> NOTHING;
            case TASK_CREATED -> NOTHING;
            case TASK_RESCHEDULED -> NOTHING;
            case TASK_COMPLETED -> NOTHING;
            case TASK_CANCELLED -> NOTHING;
            case TASK_REASSIGNED -> NOTHING;
            case ACTIVITY_LOGGED -> NOTHING;
            case PLAN_SET -> NOTHING;
            case PLAN_CHANGED -> NOTHING;
            // ---- end of deal events ----

            // ---- alert and notification events: analytics raises alerts, it does not read them back ----
            case ALERT_RAISED, ALERT_RESOLVED -> NOTHING;
            case NOTIFICATION_DELIVERED, NOTIFICATION_DELIVERY_FAILED -> NOTHING;
            // ---- end of alert and notification events ----
        };
        projection.run();
        positions.advance(event.metadata());
        return Outcome.APPLIED;
    }
}
