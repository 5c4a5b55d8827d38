package com.salespulse.notification.digest;

import com.salespulse.contract.alert.AlertType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a daily digest says, fixed when it is composed: the open alerts and the key figures of the day. It is the
 * {@code data} of a digest webhook and the source of the e-mail and bot texts. {@code managerNames} gives the name of
 * each manager of {@code openByManager} whose name is known (from the alert or the roster replica).
 */
public record DigestContent(
        LocalDate date,
        String timeZone,
        int openAlertCount,
        long raisedToday,
        long resolvedToday,
        Map<AlertType, Long> openByType,
        Map<String, Long> openByManager,
        List<OpenAlert> openAlerts,
        Map<String, String> managerNames) {

    /** One open alert as the digest lists it. */
    public record OpenAlert(
            UUID alertId, AlertType alertType, UUID managerId, String severity, String title, Instant raisedAt) {}

    /** The key of {@link #openByManager()} for alerts about no single manager (a team, the tenant). */
    public static final String NO_MANAGER = "none";
}
