package com.salespulse.deal.product;

import com.salespulse.contract.deal.ProductDetails;
import com.salespulse.problem.CurrencyCode;
import com.salespulse.problem.ref.ExternalRef;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The product API's request and response records: the state sent ({@link ProductState}), a deactivation, and the view
 * answered ({@link ProductView}).
 */
public final class ProductApi {

    private ProductApi() {}

    @Schema(name = "ProductRequest", description = "A product's catalogue facts.")
    public record ProductState(
            @Schema(description = "The product's name.", example = "CRM licence, annual", required = true)
            @NotBlank
            @Size(max = 200)
            String name,

            @Schema(description = "The product category.", example = "Licences", required = true)
            @NotBlank
            @Size(max = 100)
            String category,

            @Schema(description = "The unit quantities are counted in.", example = "licence", required = true)
            @NotBlank
            @Size(max = 32)
            String unit,

            @Schema(description = "The list price of one unit.", example = "12000.00", required = true)
            @NotNull
            @DecimalMin("0")
            @Digits(integer = 15, fraction = 4)
            BigDecimal listPrice,

            @Schema(description = "ISO 4217 currency of the list price.", example = "RUB", required = true)
            @NotNull
            @Size(max = 3)
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB")
            @CurrencyCode
            String currency,

            @Schema(
                    description = "When changing a product: the version you read "
                            + "(optimistic concurrency); ignored on creation.")
            Long version,

            @Schema(
                    description = "Its reference system, lower case (e.g. amocrm); with externalId, unique per tenant.",
                    example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "Its id in that system.", example = "5512")
            @Size(max = 100)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String externalId,

            @Schema(
                    description =
                            "When it was added or changed (business time, ISO-8601 with offset); absent means now. "
                                    + "Not later than now + 60 s; a change not before the product was added.",
                    example = "2024-01-10T09:00:00+03:00")
            java.time.Instant occurredAt) {

        ExternalRef ref() {
            return ExternalRef.ofPair(externalSystem, externalId);
        }

        ProductDetails details() {
            return new ProductDetails(name, category, unit, listPrice, currency);
        }
    }

    @Schema(name = "Product", description = "A product of the catalogue.")
    public record ProductView(
            @Schema(description = "The product's id.") UUID id,
            @Schema(description = "The product's name.") String name,
            @Schema(description = "The product category.") String category,

            @Schema(description = "The unit quantities are counted in.")
            String unit,

            @Schema(description = "The list price of one unit.")
            BigDecimal listPrice,

            @Schema(description = "ISO 4217 currency of the list price.")
            String currency,

            @Schema(description = "False once deactivated: new deal lines cannot use it.")
            boolean active,

            @Schema(description = "When it was added (UTC).")
            Instant createdAt,

            @Schema(description = "The version for optimistic concurrency.")
            long version,

            @Schema(description = "Its reference system in the tenant's own system, when it has one.")
            String externalSystem,

            @Schema(description = "Its id in that system.") String externalId) {

        static ProductView of(Product p) {
            return new ProductView(
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

    /** Why a product was deactivated. */
    @Schema(name = "DeactivateProductRequest", description = "Why the product is taken out of sale.")
    public record Deactivate(
            @Schema(description = "Why, free text.") @Size(max = 500)
            String reason) {}

    /** The fields the products can be sorted by (?sort=field, or -field for descending). */
    public static final List<String> SORT = List.of("name", "category", "listPrice", "createdAt");

    @Schema(name = "ProductPage", description = "One page of products, in the order asked for.")
    public record ProductPage(
            @Schema(description = "The products on this page.")
            List<ProductView> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size asked for.")
            int size,

            @Schema(description = "How many products match in all.")
            long total) {}
}
