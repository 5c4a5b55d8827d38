package com.salespulse.notification.subscription;

import java.util.UUID;

/**
 * The deliveries still waiting to go to a subscription, as far as ending it is concerned. The delivery queue
 * implements it; a subscription that ends cancels them in its own transaction.
 */
public interface PendingDeliveries {

    /**
     * Cancels every pending delivery of the subscription, noting why.
     *
     * @return how many were cancelled
     */
    int cancel(UUID subscriptionId, String note);
}
