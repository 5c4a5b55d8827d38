package com.salespulse.notification.delivery;

/** Where a delivery is in its life. Only PENDING rows are ever sent. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (first, retry, or after quiet hours). */
    PENDING,
    /** The receiver accepted it. */
    DELIVERED,
    /** The retry budget ran out; it will not be sent again. */
    DEAD,
    /** Not sent: the same condition was sent to this subscription within the cooldown. */
    SUPPRESSED,
    /** Not sent: the subscription was deleted before it went out. */
    CANCELLED
}
