package com.salespulse.contract;

import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.contract.alert.AlertResolved;
import com.salespulse.contract.deal.ActivityLogged;
import com.salespulse.contract.deal.BaseCurrencySet;
import com.salespulse.contract.deal.CardSnoozed;
import com.salespulse.contract.deal.CardUnsnoozed;
import com.salespulse.contract.deal.DealArchived;
import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.contract.deal.DealLost;
import com.salespulse.contract.deal.DealOpened;
import com.salespulse.contract.deal.DealReassigned;
import com.salespulse.contract.deal.DealReopened;
import com.salespulse.contract.deal.DealRestored;
import com.salespulse.contract.deal.DealStageMoved;
import com.salespulse.contract.deal.DealUpdated;
import com.salespulse.contract.deal.DealWon;
import com.salespulse.contract.deal.ExchangeRateSet;
import com.salespulse.contract.deal.LossReasonAdded;
import com.salespulse.contract.deal.LossReasonChanged;
import com.salespulse.contract.deal.PipelineChanged;
import com.salespulse.contract.deal.PipelineCreated;
import com.salespulse.contract.deal.PlanChanged;
import com.salespulse.contract.deal.PlanSet;
import com.salespulse.contract.deal.ProductChanged;
import com.salespulse.contract.deal.ProductCreated;
import com.salespulse.contract.deal.ProductDeactivated;
import com.salespulse.contract.deal.TaskCancelled;
import com.salespulse.contract.deal.TaskCompleted;
import com.salespulse.contract.deal.TaskCreated;
import com.salespulse.contract.deal.TaskReassigned;
import com.salespulse.contract.deal.TaskRescheduled;
import com.salespulse.contract.lead.ClientCreated;
import com.salespulse.contract.lead.ClientUpdated;
import com.salespulse.contract.lead.ClientsMerged;
import com.salespulse.contract.lead.LeadArchived;
import com.salespulse.contract.lead.LeadAssigned;
import com.salespulse.contract.lead.LeadContactAttempted;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.contract.lead.LeadRestored;
import com.salespulse.contract.lead.LeadStatusChanged;
import com.salespulse.contract.lead.LeadUpdated;
import com.salespulse.contract.lead.RejectionReasonChanged;
import com.salespulse.contract.notification.NotificationDelivered;
import com.salespulse.contract.notification.NotificationDeliveryFailed;
import com.salespulse.contract.notification.SubscriptionCreated;
import com.salespulse.contract.notification.SubscriptionDeleted;
import com.salespulse.contract.notification.WebhookSecretRotated;
import com.salespulse.contract.roster.CardTransferCompleted;
import com.salespulse.contract.roster.CardTransferStarted;
import com.salespulse.contract.roster.LeadCardsTransferred;
import com.salespulse.contract.roster.ManagerAbsenceCleared;
import com.salespulse.contract.roster.ManagerAbsenceSet;
import com.salespulse.contract.roster.ManagerDismissed;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.ManagerUpdated;
import com.salespulse.contract.roster.TeamCreated;
import com.salespulse.contract.roster.TeamLeadChanged;
import com.salespulse.contract.roster.TeamRenamed;
import com.salespulse.contract.roster.TenantSettingsChanged;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The catalogue of event types: the CloudEvent {@code type}, the record that carries its data, the topic
 * it is published to. A consumer dispatches on this enum, never on string comparisons.
 */
public enum EventType {

    // Each family has its own section, and every constant ends with a comma (Java allows one before the ';'),
    // so work on different families never touches the same lines.

    // ---- lead events (lead-service, salespulse.lead.events) ----
    LEAD_CREATED("salespulse.lead.created", LeadCreated.class, Topics.LEAD_EVENTS),
    LEAD_UPDATED("salespulse.lead.updated", LeadUpdated.class, Topics.LEAD_EVENTS),
    LEAD_CONVERTED("salespulse.lead.converted", LeadConverted.class, Topics.LEAD_EVENTS),
    LEAD_ASSIGNED("salespulse.lead.assigned", LeadAssigned.class, Topics.LEAD_EVENTS),
    LEAD_STATUS_CHANGED("salespulse.lead.status-changed", LeadStatusChanged.class, Topics.LEAD_EVENTS),
    LEAD_CONTACT_ATTEMPTED("salespulse.lead.contact-attempted", LeadContactAttempted.class, Topics.LEAD_EVENTS),
    LEAD_ARCHIVED("salespulse.lead.archived", LeadArchived.class, Topics.LEAD_EVENTS),
    LEAD_RESTORED("salespulse.lead.restored", LeadRestored.class, Topics.LEAD_EVENTS),
    // the client base lives with the leads: a client is created or linked at intake (record key: the client id)
    CLIENT_CREATED("salespulse.lead.client-created", ClientCreated.class, Topics.LEAD_EVENTS),
    CLIENTS_MERGED("salespulse.lead.clients-merged", ClientsMerged.class, Topics.LEAD_EVENTS),
    CLIENT_UPDATED("salespulse.lead.client-updated", ClientUpdated.class, Topics.LEAD_EVENTS),
    REJECTION_REASON_CHANGED(
            "salespulse.lead.rejection-reason-changed", RejectionReasonChanged.class, Topics.LEAD_EVENTS),
    // ---- end of lead events ----

    // ---- roster events (lead-service, salespulse.roster.events) ----
    CARD_TRANSFER_STARTED("salespulse.roster.card-transfer-started", CardTransferStarted.class, Topics.ROSTER_EVENTS),
    TEAM_CREATED("salespulse.roster.team-created", TeamCreated.class, Topics.ROSTER_EVENTS),
    TEAM_RENAMED("salespulse.roster.team-renamed", TeamRenamed.class, Topics.ROSTER_EVENTS),
    TEAM_LEAD_CHANGED("salespulse.roster.team-lead-changed", TeamLeadChanged.class, Topics.ROSTER_EVENTS),
    MANAGER_HIRED("salespulse.roster.manager-hired", ManagerHired.class, Topics.ROSTER_EVENTS),
    MANAGER_UPDATED("salespulse.roster.manager-updated", ManagerUpdated.class, Topics.ROSTER_EVENTS),
    MANAGER_ABSENCE_SET("salespulse.roster.manager-absence-set", ManagerAbsenceSet.class, Topics.ROSTER_EVENTS),
    MANAGER_ABSENCE_CLEARED(
            "salespulse.roster.manager-absence-cleared", ManagerAbsenceCleared.class, Topics.ROSTER_EVENTS),
    MANAGER_DISMISSED("salespulse.roster.manager-dismissed", ManagerDismissed.class, Topics.ROSTER_EVENTS),
    LEAD_CARDS_TRANSFERRED(
            "salespulse.roster.lead-cards-transferred", LeadCardsTransferred.class, Topics.ROSTER_EVENTS),
    CARD_TRANSFER_COMPLETED(
            "salespulse.roster.card-transfer-completed", CardTransferCompleted.class, Topics.ROSTER_EVENTS),
    TENANT_SETTINGS_CHANGED(
            "salespulse.roster.tenant-settings-changed", TenantSettingsChanged.class, Topics.ROSTER_EVENTS),
    // ---- end of roster events ----

    // ---- deal, task, activity, plan events (deal-service, salespulse.deal.events) ----
    DEAL_CARDS_TRANSFERRED("salespulse.deal.cards-transferred", DealCardsTransferred.class, Topics.DEAL_EVENTS),
    PIPELINE_CREATED("salespulse.pipeline.created", PipelineCreated.class, Topics.DEAL_EVENTS),
    PIPELINE_CHANGED("salespulse.pipeline.changed", PipelineChanged.class, Topics.DEAL_EVENTS),
    PRODUCT_CREATED("salespulse.product.created", ProductCreated.class, Topics.DEAL_EVENTS),
    PRODUCT_CHANGED("salespulse.product.changed", ProductChanged.class, Topics.DEAL_EVENTS),
    PRODUCT_DEACTIVATED("salespulse.product.deactivated", ProductDeactivated.class, Topics.DEAL_EVENTS),
    BASE_CURRENCY_SET("salespulse.currency.base-currency-set", BaseCurrencySet.class, Topics.DEAL_EVENTS),
    EXCHANGE_RATE_SET("salespulse.currency.exchange-rate-set", ExchangeRateSet.class, Topics.DEAL_EVENTS),
    LOSS_REASON_ADDED("salespulse.deal.loss-reason-added", LossReasonAdded.class, Topics.DEAL_EVENTS),
    LOSS_REASON_CHANGED("salespulse.deal.loss-reason-changed", LossReasonChanged.class, Topics.DEAL_EVENTS),
    DEAL_OPENED("salespulse.deal.opened", DealOpened.class, Topics.DEAL_EVENTS),
    DEAL_STAGE_MOVED("salespulse.deal.stage-moved", DealStageMoved.class, Topics.DEAL_EVENTS),
    DEAL_UPDATED("salespulse.deal.updated", DealUpdated.class, Topics.DEAL_EVENTS),
    DEAL_WON("salespulse.deal.won", DealWon.class, Topics.DEAL_EVENTS),
    DEAL_LOST("salespulse.deal.lost", DealLost.class, Topics.DEAL_EVENTS),
    DEAL_REOPENED("salespulse.deal.reopened", DealReopened.class, Topics.DEAL_EVENTS),
    DEAL_REASSIGNED("salespulse.deal.reassigned", DealReassigned.class, Topics.DEAL_EVENTS),
    DEAL_ARCHIVED("salespulse.deal.archived", DealArchived.class, Topics.DEAL_EVENTS),
    DEAL_RESTORED("salespulse.deal.restored", DealRestored.class, Topics.DEAL_EVENTS),
    // a card (lead or deal) snoozed or woken in deal-service, which keeps the tasks of both (record key: the card id)
    CARD_SNOOZED("salespulse.card.snoozed", CardSnoozed.class, Topics.DEAL_EVENTS),
    CARD_UNSNOOZED("salespulse.card.unsnoozed", CardUnsnoozed.class, Topics.DEAL_EVENTS),
    TASK_CREATED("salespulse.task.created", TaskCreated.class, Topics.DEAL_EVENTS),
    TASK_RESCHEDULED("salespulse.task.rescheduled", TaskRescheduled.class, Topics.DEAL_EVENTS),
    TASK_COMPLETED("salespulse.task.completed", TaskCompleted.class, Topics.DEAL_EVENTS),
    TASK_CANCELLED("salespulse.task.cancelled", TaskCancelled.class, Topics.DEAL_EVENTS),
    TASK_REASSIGNED("salespulse.task.reassigned", TaskReassigned.class, Topics.DEAL_EVENTS),
    ACTIVITY_LOGGED("salespulse.activity.logged", ActivityLogged.class, Topics.DEAL_EVENTS),
    PLAN_SET("salespulse.plan.set", PlanSet.class, Topics.DEAL_EVENTS),
    PLAN_CHANGED("salespulse.plan.changed", PlanChanged.class, Topics.DEAL_EVENTS),
    // ---- end of deal events ----

    // ---- alert events (analytics-service, salespulse.alert.events) ----
    ALERT_RAISED("salespulse.alert.raised", AlertRaised.class, Topics.ALERT_EVENTS),
    ALERT_RESOLVED("salespulse.alert.resolved", AlertResolved.class, Topics.ALERT_EVENTS),
    // ---- end of alert events ----

    // ---- notification events (notification-service) ----
    NOTIFICATION_DELIVERED(
            "salespulse.notification.delivered", NotificationDelivered.class, Topics.NOTIFICATION_EVENTS),
    NOTIFICATION_DELIVERY_FAILED(
            "salespulse.notification.delivery-failed", NotificationDeliveryFailed.class, Topics.NOTIFICATION_EVENTS),
    SUBSCRIPTION_CREATED(
            "salespulse.notification.subscription-created", SubscriptionCreated.class, Topics.NOTIFICATION_EVENTS),
    SUBSCRIPTION_DELETED(
            "salespulse.notification.subscription-deleted", SubscriptionDeleted.class, Topics.NOTIFICATION_EVENTS),
    WEBHOOK_SECRET_ROTATED(
            "salespulse.notification.webhook-secret-rotated", WebhookSecretRotated.class, Topics.NOTIFICATION_EVENTS),
// ---- end of notification events ----
;

    private final String type;
    private final Class<? extends DomainEvent> dataClass;
    private final String topic;

    EventType(String type, Class<? extends DomainEvent> dataClass, String topic) {
        this.type = type;
        this.dataClass = dataClass;
        this.topic = topic;
    }

    /** The CloudEvent {@code type} attribute. */
    public String type() {
        return type;
    }

    /** The aggregate family, the middle part of the type: {@code lead} for {@code salespulse.lead.created}. */
    public String aggregateType() {
        return type.split("\\.")[1];
    }

    public Class<? extends DomainEvent> dataClass() {
        return dataClass;
    }

    public String topic() {
        return topic;
    }

    /** The file name of this type's JSON Schema under {@code schemas/} on the classpath. */
    public String schemaResource() {
        return "schemas/" + type + ".schema.json";
    }

    public static Optional<EventType> ofType(String type) {
        return type == null ? Optional.empty() : Optional.ofNullable(BY_TYPE.get(type));
    }

    /** Looked up for every event a consumer decodes: a map rather than a scan of the values. */
    private static final Map<String, EventType> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(t -> t.type, t -> t));

    public static EventType of(DomainEvent data) {
        return Arrays.stream(values())
                .filter(t -> t.dataClass.equals(data.getClass()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No event type is registered for " + data.getClass()));
    }
}
