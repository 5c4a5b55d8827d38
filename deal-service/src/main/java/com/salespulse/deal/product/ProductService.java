package com.salespulse.deal.product;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.salespulse.contract.deal.ProductChanged;
import com.salespulse.contract.deal.ProductCreated;
import com.salespulse.contract.deal.ProductDeactivated;
import com.salespulse.contract.deal.ProductDetails;
import com.salespulse.deal.Decimals;
import com.salespulse.deal.ExternalRef;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;

/** The product catalogue. There is no deletion: a product deals refer to is deactivated, never removed. */
@ApplicationScoped
public class ProductService {

    private final ProductRepository products;
    private final Outbox outbox;
    private final Clock clock;

    public ProductService(ProductRepository products, Outbox outbox, Clock clock) {
        this.products = products;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Product create(String tenant, String actor, ProductDetails details, ExternalRef ref) {
        Product product = new Product();
        setRef(product, ref);
        product.id = UUID.randomUUID();
        product.tenantId = tenant;
        apply(product, details);
        product.active = true;
        product.createdAt = clock.instant();
        products.persist(product);
        outbox.emit(tenant, actor, new ProductCreated(product.id, product.details(), product.createdAt));
        return product;
    }

    /** Emits {@code ProductChanged} with before and after, or nothing when nothing changed. */
    @Transactional
    public Optional<Product> change(String tenant, String actor, UUID id, long expectedVersion, ProductDetails details,
            ExternalRef ref) {
        Optional<Product> found = products.findByIdOptional(id);
        found.ifPresent(product -> {
            setRef(product, ref);
            if (product.version != expectedVersion) {
                throw ProblemException.conflict("Product " + id + " is at version " + product.version + ", not "
                        + expectedVersion + ": read it again and retry");
            }
            ProductDetails before = product.details();
            apply(product, details);
            if (!before.equals(product.details())) {
                products.flush();
                outbox.emit(tenant, actor, new ProductChanged(product.id, before, product.details(), clock.instant()));
            }
        });
        return found;
    }

    /** Takes a product out of sale. Deactivating twice answers 409. */
    @Transactional
    public Optional<Product> deactivate(String tenant, String actor, UUID id, String reason) {
        Optional<Product> found = products.findByIdOptional(id);
        found.ifPresent(product -> {
            if (!product.active) {
                throw ProblemException.conflict("Product " + id + " is already deactivated");
            }
            product.active = false;
            outbox.emit(tenant, actor, new ProductDeactivated(product.id, blankToNull(reason), clock.instant()));
        });
        return found;
    }

    @Transactional
    public Optional<Product> find(UUID id) {
        return products.findByIdOptional(id);
    }

    @Transactional
    public List<Product> list(boolean activeOnly) {
        return products.list(activeOnly);
    }

    /** Gives the product a reference (none: keeps its own); one another product has answers 409. */
    private void setRef(Product product, ExternalRef ref) {
        if (ref == null) {
            return;
        }
        products.findByRef(ref).filter(other -> !other.id.equals(product.id)).ifPresent(other -> {
            throw ProblemException.conflict("Product " + other.id + " has the reference " + ref.externalSystem() + "/"
                    + ref.externalId() + " already");
        });
        product.externalSystem = ref.externalSystem();
        product.externalId = ref.externalId();
    }

    private static void apply(Product product, ProductDetails details) {
        product.name = details.name().trim();
        product.category = details.category().trim();
        product.unit = details.unit().trim();
        product.listPrice = Decimals.plain(details.listPrice());
        product.currency = details.currency();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
