package com.salespulse.notification.subscription;

import com.salespulse.contract.alert.AlertType;
import com.salespulse.notification.channel.Channel;
import com.salespulse.notification.channel.Recipient;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** Who gets which alerts, over which channel, in which language, and when not to disturb them. */
@Entity
@Table(name = "subscription")
public class Subscription {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    /** The roster person it is for, when it names one. */
    @Column(name = "person_id")
    public UUID personId;

    /** Set when a manager created it: it then covers only that manager's alerts. */
    @Column(name = "owner_manager_id")
    public UUID ownerManagerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(name = "webhook_url")
    public String webhookUrl;

    /** Newest first, space-separated; two while a rotation is under way. */
    @Column(name = "webhook_secrets")
    public String webhookSecrets;

    public String email;

    @Column(name = "bot_chat_id")
    public String botChatId;

    /** Empty: every type. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "alert_types", nullable = false)
    public List<AlertType> alertTypes;

    /** Empty: every manager. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "manager_ids", nullable = false)
    public List<UUID> managerIds;

    /** Empty: every team. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "team_ids", nullable = false)
    public List<UUID> teamIds;

    /** Null: the tenant's language (lead-service's settings), whatever it is when a message is written. */
    @Enumerated(EnumType.STRING)
    public Language language;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "quiet_from")
    public LocalTime quietFrom;

    @Column(name = "quiet_to")
    public LocalTime quietTo;

    @Column(name = "daily_digest", nullable = false)
    public boolean dailyDigest;

    /** False once deleted; kept so the delivery log still names it. */
    @Column(nullable = false)
    public boolean active;

    /** Set after N dead deliveries in a row; cleared by the next successful delivery. */
    @Column(nullable = false)
    public boolean failing;

    @Column(name = "consecutive_dead", nullable = false)
    public int consecutiveDead;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Version
    public long version;

    public List<String> secrets() {
        return webhookSecrets == null ? List.of() : Arrays.asList(webhookSecrets.split(" "));
    }

    /** Where its messages go. */
    public Recipient recipient() {
        return new Recipient(webhookUrl, secrets(), email, botChatId);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Optional<QuietHours> quietHours() {
        return quietFrom == null ? Optional.empty() : Optional.of(new QuietHours(quietFrom, quietTo, zone()));
    }

    /** Whether an alert about this manager and team, of this type, is for this subscription. */
    public boolean covers(AlertType type, UUID managerId, UUID teamId) {
        if (ownerManagerId != null && !ownerManagerId.equals(managerId)) {
            return false;
        }
        return (alertTypes.isEmpty() || alertTypes.contains(type))
                && (managerIds.isEmpty() || managerIds.contains(managerId))
                && (teamIds.isEmpty() || teamIds.contains(teamId));
    }
}
