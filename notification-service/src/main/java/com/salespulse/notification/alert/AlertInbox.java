package com.salespulse.notification.alert;

import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.contract.alert.AlertResolved;
import com.salespulse.messaging.inbox.ConsumedEvents;
import com.salespulse.notification.delivery.Delivery;
import com.salespulse.notification.delivery.DeliveryKind;
import com.salespulse.notification.delivery.DeliveryPlanner;
import com.salespulse.notification.delivery.DeliveryRepository;
import com.salespulse.notification.delivery.DeliveryStatus;
import com.salespulse.notification.roster.Roster;
import com.salespulse.notification.subscription.Subscription;
import com.salespulse.notification.subscription.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Takes in one alert event for the tenant the consumer acts for: records it as consumed and queues its deliveries
 * in one transaction, so a redelivered event (same event id) queues nothing, and neither does a second raise of an
 * alert id already known.
 */
@ApplicationScoped
public class AlertInbox {

    private static final Logger LOG = Logger.getLogger(AlertInbox.class);

    private final ConsumedEvents consumed;
    private final AlertRepository alerts;
    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final DeliveryPlanner planner;
    private final Roster roster;

    public AlertInbox(
            ConsumedEvents consumed,
            AlertRepository alerts,
            SubscriptionRepository subscriptions,
            DeliveryRepository deliveries,
            DeliveryPlanner planner,
            Roster roster) {
        this.roster = roster;
        this.consumed = consumed;
        this.alerts = alerts;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.planner = planner;
    }

    @Transactional
    public void receive(ReceivedEvent event) {
        if (!consumed.firstDelivery(event.metadata(), event.type())) {
            return;
        }
        switch (event.type()) {
            case ALERT_RAISED -> raised(event.dataAs(AlertRaised.class));
            case ALERT_RESOLVED -> resolved(event.dataAs(AlertResolved.class));
            default ->
                throw new IllegalArgumentException(
                        "not an alert event: " + event.type().type());
        }
    }

    private void raised(AlertRaised event) {
        AlertRaised raised = withManagerName(event);
        if (alerts.findByIdOptional(raised.alertId()).isPresent()) {
            LOG.infof("Alert %s raised again; its deliveries are already queued", raised.alertId());
            return;
        }
        Alert alert = new Alert();
        alert.id = raised.alertId();
        alert.alertType = raised.alertType();
        alert.conditionKey = raised.conditionKey();
        alert.managerId = raised.managerId();
        alert.managerName = raised.managerName();
        alert.teamId = raised.teamId();
        alert.severity = raised.severity();
        alert.title = raised.title();
        alert.raisedAt = raised.raisedAt();
        alerts.persist(alert);
        // the alert row first: deliveries refer to it
        alerts.flush();
        for (Subscription subscription : subscriptions.active()) {
            if (subscription.covers(raised.alertType(), raised.managerId(), raised.teamId())) {
                planner.planRaised(subscription, raised.alertId(), raised.conditionKey(), raised);
            }
        }
    }

    /**
     * The event as it is queued (and sent to webhooks): without a manager's name from analytics-service, with the one
     * the roster replica knows, so a receiver gets a name whenever this service has one.
     */
    private AlertRaised withManagerName(AlertRaised raised) {
        if (raised.managerId() == null
                || (raised.managerName() != null && !raised.managerName().isBlank())) {
            return raised;
        }
        return roster.managerName(raised.managerId())
                .map(name -> new AlertRaised(
                        raised.alertId(),
                        raised.alertType(),
                        raised.conditionKey(),
                        raised.managerId(),
                        raised.teamId(),
                        raised.severity(),
                        raised.title(),
                        raised.message(),
                        raised.figures(),
                        raised.drillDownPath(),
                        raised.raisedAt(),
                        name))
                .orElse(raised);
    }

    /** A resolution goes to every subscription that was (or will be) told about the alert. */
    private void resolved(AlertResolved resolved) {
        Alert alert = alerts.findById(resolved.alertId());
        if (alert == null) {
            LOG.warnf("Alert %s resolved, but it was never raised here; nothing to tell", resolved.alertId());
            return;
        }
        if (alert.resolvedAt != null) {
            return;
        }
        alert.resolvedAt = resolved.resolvedAt();
        List<Delivery> raisedDeliveries = deliveries.raisedFor(alert.id);
        for (Delivery raised : raisedDeliveries) {
            if (raised.status == DeliveryStatus.SUPPRESSED || raised.status == DeliveryStatus.CANCELLED) {
                continue;
            }
            subscriptions
                    .findByIdOptional(raised.subscriptionId)
                    .filter(subscription -> subscription.active)
                    .filter(subscription -> deliveries
                            .find(alert.id, subscription.id, DeliveryKind.RESOLVED)
                            .isEmpty())
                    .ifPresent(
                            subscription -> planner.planResolved(subscription, alert.id, alert.conditionKey, resolved));
        }
    }
}
