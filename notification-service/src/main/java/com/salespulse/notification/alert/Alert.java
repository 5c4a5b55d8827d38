package com.salespulse.notification.alert;

import com.salespulse.contract.alert.AlertType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** An alert analytics-service raised, as far as notifying is concerned: open until resolved. */
@Entity
@Table(name = "alert")
public class Alert {

    /** The alert id from the event. */
    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(name = "alert_type", nullable = false)
    public AlertType alertType;

    @Column(name = "condition_key", nullable = false)
    public String conditionKey;

    @Column(name = "manager_id")
    public UUID managerId;

    /** The manager's name as the event gave it, when it did. */
    @Column(name = "manager_name")
    public String managerName;

    @Column(name = "team_id")
    public UUID teamId;

    @Column(nullable = false)
    public String severity;

    @Column(nullable = false)
    public String title;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;
}
