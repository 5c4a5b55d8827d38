package com.salespulse.analytics.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.salespulse.analytics.leadinflow.LeadInflowProjection;
import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.ReceivedEvent;
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
            // ---- end of lead events ----

            // ---- roster events ----
            case CARD_TRANSFER_STARTED -> NOTHING;
            // ---- end of roster events ----

            // ---- deal events ----
            case DEAL_CARDS_TRANSFERRED -> NOTHING;
            // ---- end of deal events ----

            // ---- alert and notification events: analytics raises alerts, it does not read them back ----
            case ALERT_RAISED, ALERT_RESOLVED -> NOTHING;
            // ---- end of alert and notification events ----
        };
        projection.run();
        positions.advance(gen, event.metadata());
        return new Applied(Outcome.APPLIED, event.metadata().tenant());
    }
}
