package com.salespulse.deal.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Product", description = "A product of the catalogue.")
public record ProductResponse(
        @Schema(description = "The product's id.") UUID id,
        @Schema(description = "The product's name.") String name,
        @Schema(description = "The product category.") String category,

        @Schema(description = "The unit quantities are counted in.")
        String unit,

        @Schema(description = "The list price of one unit.") BigDecimal listPrice,

        @Schema(description = "ISO 4217 currency of the list price.")
        String currency,

        @Schema(description = "False once deactivated: new deal lines cannot use it.")
        boolean active,

        @Schema(description = "When it was added (UTC).") Instant createdAt,

        @Schema(description = "The version for optimistic concurrency.")
        long version,

        @Schema(description = "Its reference system in the tenant's own system, when it has one.")
        String externalSystem,

        @Schema(description = "Its id in that system.") String externalId) {

    static ProductResponse of(Product p) {
        return new ProductResponse(
                p.id,
                p.name,
                p.category,
                p.unit,
                p.listPrice,
                p.currency,
                p.active,
                p.createdAt,
                p.version,
                p.externalSystem,
                p.externalId);
    }
}
