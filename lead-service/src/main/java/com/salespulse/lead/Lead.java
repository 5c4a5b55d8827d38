package com.salespulse.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

/** A lead: a possible client's first contact with the company, from intake until it is converted or rejected. */
@Entity
@Table(name = "lead")
public class Lead {

    public enum Status {
        NEW
    }

    @Id
    public UUID id;

    /** Set by Hibernate from the caller's tenant; every query on leads is filtered by it (see CallerTenantResolver). */
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String source;

    @Column(name = "client_name")
    public String clientName;

    public String phone;

    public String email;

    public String comment;

    @Column(name = "manager_id")
    public UUID managerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;
}
