package com.salespulse.notification.delivery;

/** What a delivery tells its subscriber. */
public enum DeliveryKind {
    /** An alert was raised. */
    RAISED,
    /** A raised alert was resolved: the resolution message. */
    RESOLVED,
    /** The daily digest of open alerts and key figures. */
    DIGEST
}
