package com.salespulse.lead.client;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** One way to reach a client; {@link #value} is normalized so duplicates match whatever the notation. */
@Entity
@Table(name = "client_contact")
public class ClientContact {

    public enum Kind {
        PHONE,
        EMAIL,
        MESSENGER
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String value;

    /** As entered. */
    public String raw;
}
