package com.salespulse.notification.subscription;

import com.salespulse.contract.alert.AlertType;
import com.salespulse.notification.channel.Channel;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The records of the subscription API: a new subscription, and a subscription as stored. */
public final class SubscriptionApi {

    private SubscriptionApi() {}

    @Schema(
            name = "CreateSubscriptionRequest",
            description = "Who gets which alerts, over which channel, and when not to "
                    + "disturb them. Fill the address field of the chosen channel: webhookUrl, email or botChatId.")
    public record NewSubscription(
            @Schema(
                    description =
                            "The roster manager the subscription is for, when it is a person (optional): a manager of "
                                    + "the caller's tenant who has not been dismissed; a manager may name only themselves. The roster is "
                                    + "replicated from lead-service's events, so a manager hired a moment ago may be unknown for a few "
                                    + "seconds (400 naming the field; retry).")
            UUID personId,

            @Schema(description = "How the subscriber is reached.", required = true)
            @NotNull(message = "is required: WEBHOOK, EMAIL or BOT")
            Channel channel,

            @Schema(
                    description =
                            "WEBHOOK: the https URL to POST to. It must resolve to public addresses only. Only for "
                                    + "a WEBHOOK subscription.",
                    example = "https://crm.example.com/hooks/sales-pulse")
            @Size(max = 2000)
            String webhookUrl,

            @Schema(
                    description = "EMAIL: the address to write to, with a domain. Only for an EMAIL subscription.",
                    example = "head@example.com")
            @Size(max = 254)
            @Email
            String email,

            @Schema(
                    description = "BOT: the chat id the bot writes to: a number (negative for a group) or a channel's "
                            + "@username. Only for a BOT subscription.",
                    example = "123456789",
                    pattern = "^(-?[1-9][0-9]{0,19}|@[A-Za-z][A-Za-z0-9_]{4,31})$")
            @Size(max = 64)
            String botChatId,

            @Schema(description = "Which alert types, each listed once; empty or absent for all.") @Size(max = 20)
            List<@NotNull AlertType> alertTypes,

            @Schema(
                    description =
                            "Only alerts about these managers; empty or absent for all. Each must be a manager of "
                                    + "the caller's tenant (a dismissed one too: their base still raises alerts), each listed once; a "
                                    + "manager hired a moment ago may be unknown for a few seconds. A manager's subscription always covers "
                                    + "only their own alerts.")
            @Size(max = 500)
            List<@NotNull UUID> managerIds,

            @Schema(
                    description =
                            "Only alerts about these teams; empty or absent for all. Each must be a team of the "
                                    + "caller's tenant, listed once; a team created a moment ago may be unknown for a few seconds.")
            @Size(max = 100)
            List<@NotNull UUID> teamIds,

            @Schema(
                    description = "The language of the messages: ru or en. Absent: the tenant's language as set in "
                            + "lead-service's settings, followed when it changes.")
            Language language,

            @Schema(
                    description =
                            "The subscriber's IANA time zone (a region id like Europe/Moscow, or UTC; not an offset), "
                                    + "for quiet hours and the digest hour.",
                    example = "Europe/Moscow",
                    required = true)
            @Size(max = 64)
            String timeZone,

            @Schema(
                    description = "Start of the daily quiet hours, local time (inclusive). Messages due in them wait "
                            + "until they end; none is dropped.",
                    example = "22:00",
                    type = SchemaType.STRING,
                    format = "partial-time",
                    maxLength = 18)
            LocalTime quietFrom,

            @Schema(
                    description =
                            "End of the quiet hours, local time (exclusive); may be earlier than quietFrom to span "
                                    + "midnight.",
                    example = "08:00",
                    type = SchemaType.STRING,
                    format = "partial-time",
                    maxLength = 18)
            LocalTime quietTo,

            @Schema(description = "Also send the daily digest of open alerts here (head of sales only).")
            Boolean dailyDigest) {}

    @Schema(name = "Subscription", description = "A subscription as stored.")
    public record SubscriptionView(
            @Schema(description = "Its id.") UUID id,

            @Schema(description = "The roster person it is for, if any.")
            UUID personId,

            @Schema(
                    description =
                            "The manager who created it; it then covers only their alerts. Absent for the head's.")
            UUID ownerManagerId,

            @Schema(description = "How the subscriber is reached.")
            Channel channel,

            @Schema(description = "WEBHOOK: the URL.") String webhookUrl,
            @Schema(description = "EMAIL: the address.") String email,
            @Schema(description = "BOT: the chat id.") String botChatId,

            @Schema(description = "The alert types covered; empty for all.")
            List<AlertType> alertTypes,

            @Schema(description = "The managers covered; empty for all.")
            List<UUID> managerIds,

            @Schema(description = "The teams covered; empty for all.")
            List<UUID> teamIds,

            @Schema(description = "The language of the messages; absent when they follow the tenant's language.")
            Language language,

            @Schema(description = "The subscriber's time zone.")
            String timeZone,

            @Schema(description = "Start of the quiet hours, local time.", type = SchemaType.STRING, example = "22:00")
            LocalTime quietFrom,

            @Schema(description = "End of the quiet hours, local time.", type = SchemaType.STRING, example = "08:00")
            LocalTime quietTo,

            @Schema(description = "Whether the daily digest goes here too.")
            boolean dailyDigest,

            @Schema(
                    description = "True after several dead deliveries in a row; the next delivered message clears it. "
                            + "Deliveries go on meanwhile.")
            boolean failing,

            @Schema(description = "Dead deliveries in a row so far.")
            int consecutiveDeadDeliveries,

            @Schema(description = "WEBHOOK: how many secrets sign each message now (2 during a rotation).")
            int activeSecrets,

            @Schema(
                    description = "WEBHOOK: the new signing secret ('whsec_' + base64). Shown only in the answer to "
                            + "creation and to a rotation: keep it then.")
            String newWebhookSecret,

            @Schema(description = "When it was created.") Instant createdAt) {

        static SubscriptionView of(Subscription s, String newSecret) {
            return new SubscriptionView(
                    s.id,
                    s.personId,
                    s.ownerManagerId,
                    s.channel,
                    s.webhookUrl,
                    s.email,
                    s.botChatId,
                    s.alertTypes,
                    s.managerIds,
                    s.teamIds,
                    s.language,
                    s.timeZone,
                    s.quietFrom,
                    s.quietTo,
                    s.dailyDigest,
                    s.failing,
                    s.consecutiveDead,
                    s.secrets().size(),
                    newSecret,
                    s.createdAt);
        }
    }

    /** The fields the subscriptions can be sorted by (?sort=field, or -field for descending). */
    public static final List<String> SORT = List.of("createdAt", "channel");

    @Schema(name = "SubscriptionPage", description = "One page of subscriptions, in the order asked for.")
    public record SubscriptionPage(
            @Schema(description = "The subscriptions on this page.")
            List<SubscriptionView> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size asked for.")
            int size,

            @Schema(description = "How many subscriptions the caller may see in all.")
            long total) {}
}
