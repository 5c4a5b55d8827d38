package com.salespulse.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import java.util.Set;

/** Everything about delivering notifications that an operator may tune (application.properties, docs/notifications.md). */
@ConfigMapping(prefix = "salespulse.notification")
public interface NotificationConfig {

    /**
     * The actor of what the service does on its own: applying the events it consumes, sending deliveries, queueing
     * digests, ending a dismissed manager's subscriptions.
     */
    String SYSTEM_ACTOR = "system:notification-service";

    Webhook webhook();

    Delivery delivery();

    Digest digest();

    Bot bot();

    interface Webhook {

        /**
         * Lets every tenant's webhooks target loopback, private, link-local and similar addresses. Off in production:
         * a subscriber must not make this service call into our own network (SSRF). The tests turn it on for their
         * local receivers.
         */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** Tenants allowed private targets even when {@link #allowPrivateTargets()} is off (an on-premise CRM, say). */
        Optional<Set<String>> privateTargetsAllowedTenants();

        /** How long one POST may take, connect and answer together. */
        @WithDefault("10s")
        Duration timeout();

        /** How long connecting to the receiver may take (within {@link #timeout()}). */
        @WithDefault("5s")
        Duration connectTimeout();
    }

    interface Delivery {

        /** How often the sender looks for due deliveries. */
        @WithDefault("1s")
        String pollInterval();

        /** How many due deliveries of one receiver a sender thread sends one after another before it takes another. */
        @WithDefault("50")
        int batchSize();

        /**
         * How many receivers are sent to at once, each on its own thread: a receiver that hangs until its timeout holds
         * one of them, never the others' deliveries.
         */
        @WithDefault("8")
        int senders();

        /**
         * How long a delivery being sent is held for its sender (its next attempt moved this far ahead): a little longer
         * than the longest a channel may take (the bot API's 5 s connect and 10 s read), and renewed every {@link
         * #leaseRenewal()} while the send is in flight. Should the instance die mid-send, nothing renews it, and the
         * delivery is due again, for any instance, when it ends.
         */
        @WithDefault("20s")
        Duration lease();

        /** How often the leases of the sends in flight are moved on by a whole {@link #lease()}. */
        @WithDefault("5s")
        String leaseRenewal();

        /** Retry budget: attempts in all, the first one included. */
        @WithDefault("8")
        int maxAttempts();

        /** Retry budget: how long after it first became due a delivery may still be retried. */
        @WithDefault("24h")
        Duration maxAge();

        /** The wait after the first failed attempt; it doubles with every further failure. */
        @WithDefault("5s")
        Duration baseDelay();

        /** The longest wait between two attempts. */
        @WithDefault("1h")
        Duration maxDelay();

        /** The share of each wait that is random (0 to 1), so failed receivers are not hit by synchronised bursts. */
        @WithDefault("0.3")
        double jitter();

        /** A subscription is marked failing after this many dead deliveries in a row. */
        @WithDefault("3")
        int failingAfter();

        /** The same condition (alert condition key) is not sent again to a subscription within this time. */
        @WithDefault("6h")
        Duration cooldown();
    }

    interface Digest {

        /**
         * The tenant's local time at which the daily digest is sent, on the tenant's working days (both from
         * lead-service's tenant settings).
         */
        @WithDefault("09:00")
        LocalTime localTime();

        /** How often the digest scheduler checks whether a digest is due. */
        @WithDefault("60s")
        String checkInterval();
    }

    interface Bot {

        /** The bot's token; the base URL is quarkus.rest-client.bot-api.url. Without a token BOT deliveries fail. */
        Optional<String> token();
    }
}
