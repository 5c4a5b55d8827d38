package com.salespulse.deal.product;

import com.salespulse.contract.deal.ProductChanged;
import com.salespulse.contract.deal.ProductCreated;
import com.salespulse.contract.deal.ProductDeactivated;
import com.salespulse.contract.deal.ProductDetails;
import com.salespulse.deal.decimal.Decimals;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.problem.time.BusinessTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The product catalogue. There is no deletion: a product deals refer to is deactivated, never removed. */
@ApplicationScoped
public class ProductService {

    private final ProductRepository products;
    private final Outbox outbox;
    private final Clock clock;
    private final BusinessTime time;
    private final TransactionManager transactions;

    public ProductService(ProductRepository products, Outbox outbox, Clock clock, TransactionManager transactions) {
        this.products = products;
        this.outbox = outbox;
        this.clock = clock;
        this.time = new BusinessTime(clock);
        this.transactions = transactions;
    }

    @Transactional
    public Product create(ProductDetails details, ExternalRef ref, Instant occurredAt) {
        Product product = new Product();
        setRef(product, ref);
        product.id = UUID.randomUUID();
        apply(product, details);
        product.active = true;
        product.createdAt = time.of(occurredAt);
        products.persist(product);
        outbox.emit(new ProductCreated(
                product.id, product.details(), product.createdAt, product.externalSystem, product.externalId));
        return product;
    }

    /** Emits {@code ProductChanged} with before and after, or nothing when nothing changed. */
    @Transactional
    public Optional<Product> change(
            UUID id, Long expectedVersion, ProductDetails details, ExternalRef ref, Instant occurredAt) {
        Optional<Product> found = products.findByIdOptional(id);
        found.ifPresent(product -> {
            setRef(product, ref);
            if (expectedVersion != null && product.version != expectedVersion) {
                throw ProblemException.conflict("Product " + id + " is at version " + product.version + ", not "
                        + expectedVersion + ": read it again and retry");
            }
            Instant at = time.of(occurredAt);
            ProductDetails before = product.details();
            apply(product, details);
            if (!before.equals(product.details())) {
                BusinessTime.notBefore(at, product.createdAt, "the product was added");
                products.flush();
                outbox.emit(new ProductChanged(
                        product.id, before, product.details(), at, product.externalSystem, product.externalId));
            }
        });
        return found;
    }

    public record Upserted(Product product, boolean created) {}

    /**
     * The product with this reference: added when new, changed when its facts differ (one event either way), left
     * as it is when they are the same (no event). A dry run rolls back.
     */
    @Transactional
    public Upserted upsert(ExternalRef ref, ProductDetails details, Instant occurredAt, boolean dryRun) {
        Optional<Product> existing = products.findByRef(ref);
        Upserted result = existing.isPresent()
                ? new Upserted(
                        change(existing.get().id, null, details, null, occurredAt)
                                .orElseThrow(),
                        false)
                : new Upserted(create(details, ref, occurredAt), true);
        if (dryRun) {
            try {
                transactions.setRollbackOnly();
            } catch (jakarta.transaction.SystemException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    @Transactional
    public Optional<Product> findByRef(ExternalRef ref) {
        return products.findByRef(ref);
    }

    /** Takes a product out of sale. Deactivating twice answers 409. */
    @Transactional
    public Optional<Product> deactivate(UUID id, String reason) {
        Optional<Product> found = products.findByIdOptional(id);
        found.ifPresent(product -> {
            if (!product.active) {
                throw ProblemException.conflict("Product " + id + " is already deactivated");
            }
            product.active = false;
            outbox.emit(new ProductDeactivated(product.id, blankToNull(reason), clock.instant()));
        });
        return found;
    }

    @Transactional
    public Optional<Product> find(UUID id) {
        return products.findByIdOptional(id);
    }

    @Transactional
    public ProductPage page(boolean activeOnly, SortOrder order, int page, int size) {
        return new ProductPage(products.page(activeOnly, order, page, size), products.count(activeOnly));
    }

    public record ProductPage(List<Product> items, long total) {}

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
