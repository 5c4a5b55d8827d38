package com.salespulse.lead.roster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A sales team. */
@Entity
@Table(name = "team")
public class Team {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "external_system")
    public String externalSystem;

    @Column(name = "external_id")
    public String externalId;

    /**
     * The manager who leads the team (role {@code team-lead}: sees and works the cards of the team's managers);
     * null for none. Set and cleared by the head of sales.
     */
    @Column(name = "lead_manager_id")
    public UUID leadManagerId;

    /** The business time of the last change (creation, rename); an older change is stale (409). */
    @Column(name = "last_changed_at", nullable = false)
    public Instant lastChangedAt;

    @Version
    public long version;
}
