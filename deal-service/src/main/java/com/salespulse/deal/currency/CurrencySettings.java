package com.salespulse.deal.currency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** The tenant's base currency: what plans are set in and what analytics reports in. One row per tenant. */
@Entity
@Table(name = "currency_settings")
public class CurrencySettings {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "base_currency", nullable = false)
    public String baseCurrency;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
