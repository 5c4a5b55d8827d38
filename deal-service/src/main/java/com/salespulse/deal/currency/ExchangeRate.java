package com.salespulse.deal.currency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** How many units of the base currency one unit of {@link #currency} is worth from {@link #rateDate} on. */
@Entity
@Table(name = "exchange_rate")
public class ExchangeRate {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String currency;

    @Column(name = "rate_date", nullable = false)
    public LocalDate rateDate;

    @Column(name = "rate_to_base", nullable = false)
    public BigDecimal rateToBase;

    @Column(name = "set_at", nullable = false)
    public Instant setAt;
}
