package com.salespulse.notification.subscription.rest;

import com.salespulse.contract.alert.AlertType;
import com.salespulse.notification.subscription.Channel;
import com.salespulse.notification.subscription.Language;
import com.salespulse.notification.subscription.Subscription;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Subscription", description = "A subscription as stored.")
public record SubscriptionResponse(
        @Schema(description = "Its id.") UUID id,

        @Schema(description = "The roster person it is for, if any.")
        UUID personId,

        @Schema(description = "The manager who created it; it then covers only their alerts. Absent for the head's.")
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

        @Schema(description = "The language of the messages.")
        Language language,

        @Schema(description = "The subscriber's time zone.") String timeZone,

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

    static SubscriptionResponse of(Subscription s, String newSecret) {
        return new SubscriptionResponse(
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
