package com.salespulse.deal.product;

import com.salespulse.contract.deal.ProductDetails;
import com.salespulse.deal.decimal.Decimals;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A product of the tenant's catalogue. Never deleted: deals keep referring to it; it is deactivated instead. */
@Entity
@Table(name = "product")
public class Product {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public String unit;

    @Column(name = "list_price", nullable = false)
    public BigDecimal listPrice;

    @Column(nullable = false)
    public String currency;

    /** False once deactivated: new deal lines cannot use it. */
    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "external_system")
    public String externalSystem;

    @Column(name = "external_id")
    public String externalId;

    @Version
    public long version;

    public ProductDetails details() {
        return new ProductDetails(name, category, unit, Decimals.plain(listPrice), currency);
    }
}
