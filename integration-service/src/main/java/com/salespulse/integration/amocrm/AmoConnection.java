package com.salespulse.integration.amocrm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/** One amoCRM account of a tenant: where its webhooks come in, and how its entities map to Sales Pulse's. */
@Entity
@DynamicUpdate
@Table(name = "amocrm_connection")
public class AmoConnection {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    /** The reference system of the deals, clients and tasks this account sends. */
    @Column(name = "external_system", nullable = false, updatable = false)
    public String externalSystem;

    /** Hex SHA-256 of the secret in the webhook URL; the secret itself is shown once and never stored. */
    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    /** {@link AmoCrmApi.Mapping} as JSON. */
    @Column(nullable = false)
    public String mapping;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "secret_rotated_at", nullable = false)
    public Instant secretRotatedAt;

    @Column(name = "mapping_changed_at")
    public Instant mappingChangedAt;

    @Version
    public long version;
}
