package com.salespulse.analytics.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A lead that came in, as the read model keeps it. */
@Entity
@Table(name = "lead_fact")
@IdClass(LeadFact.Key.class)
public class LeadFact {

    public record Key(String tenantId, UUID leadId) implements Serializable {}

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Column(name = "lead_id")
    public UUID leadId;

    @Column(nullable = false)
    public String source;

    @Column(name = "manager_id")
    public UUID managerId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
