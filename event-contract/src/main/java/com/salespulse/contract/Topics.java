package com.salespulse.contract;

/**
 * Every Kafka topic of the suite, named in one place. One topic per aggregate family; the record key is
 * the aggregate id, so all events of one aggregate land in one partition, in order.
 */
public final class Topics {

    /** Lead lifecycle events, emitted by lead-service. */
    public static final String LEAD_EVENTS = "salespulse.lead.events";
    /** Team roster events (managers, teams, absences, dismissals), emitted by lead-service. */
    public static final String ROSTER_EVENTS = "salespulse.roster.events";
    /** Deal, task, activity and plan events, emitted by deal-service. */
    public static final String DEAL_EVENTS = "salespulse.deal.events";
    /** Alerts raised and resolved by analytics-service, consumed by notification-service. */
    public static final String ALERT_EVENTS = "salespulse.alert.events";
    /** Delivery outcomes (delivered, dead-lettered) of alert notifications, emitted by notification-service. */
    public static final String NOTIFICATION_EVENTS = "salespulse.notification.events";
    /** Records lead-service could not apply (deal-service's answers to card transfers), with the reason in the headers. */
    public static final String LEAD_DEAD_LETTER = "salespulse.lead.dead-letter";
    /** Records analytics-service could not apply, with the reason in the record headers. */
    public static final String ANALYTICS_DEAD_LETTER = "salespulse.analytics.dead-letter";
    /** Records deal-service could not apply (lead conversions, card transfers), with the reason in the headers. */
    public static final String DEAL_DEAD_LETTER = "salespulse.deal.dead-letter";
    /** Records notification-service could not apply, with the reason in the record headers. */
    public static final String NOTIFICATION_DEAD_LETTER = "salespulse.notification.dead-letter";

    /** Every topic above, for provisioning. */
    public static java.util.List<String> all() {
        return java.util.List.of(
                LEAD_EVENTS,
                ROSTER_EVENTS,
                DEAL_EVENTS,
                ALERT_EVENTS,
                NOTIFICATION_EVENTS,
                LEAD_DEAD_LETTER,
                ANALYTICS_DEAD_LETTER,
                DEAL_DEAD_LETTER,
                NOTIFICATION_DEAD_LETTER);
    }

    private Topics() {}
}
