package com.salespulse.notification.subscription;

import com.salespulse.problem.page.SortOrder;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Subscriptions of the current tenant (Hibernate adds the tenant to every query). The manager scope, when given,
 * narrows to the subscriptions that manager created.
 */
@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

    public List<Subscription> active() {
        return list("active", Sort.ascending("createdAt", "id"), true);
    }

    /** The active subscriptions a manager made or that are for them (personId). */
    public List<Subscription> activeOfPerson(UUID managerId) {
        return list(
                "active = true and (ownerManagerId = ?1 or personId = ?1)",
                Sort.ascending("createdAt", "id"),
                managerId);
    }

    public Optional<Subscription> findVisible(UUID id, Optional<UUID> managerScope) {
        return managerScope
                .map(manager -> find("id = ?1 and ownerManagerId = ?2 and active = true", id, manager)
                        .firstResultOptional())
                .orElseGet(() -> find("id = ?1 and active = true", id).firstResultOptional());
    }

    /** One page of the active subscriptions the caller may see, the id breaking ties in the sort's direction. */
    public List<Subscription> pageVisible(Optional<UUID> managerScope, SortOrder order, int page, int size) {
        Sort.Direction direction = order.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
        Sort sort = Sort.by(order.field(), direction).and("id", direction);
        return managerScope
                .map(manager -> find("ownerManagerId = ?1 and active = true", sort, manager))
                .orElseGet(() -> find("active = true", sort))
                .page(page, size)
                .list();
    }

    public long countVisible(Optional<UUID> managerScope) {
        return managerScope
                .map(manager -> count("ownerManagerId = ?1 and active = true", manager))
                .orElseGet(() -> count("active = true"));
    }

    /** For the delivery log: deleted subscriptions still own their past deliveries. */
    public List<Subscription> listVisibleIncludingDeleted(Optional<UUID> managerScope) {
        return managerScope.map(manager -> list("ownerManagerId", manager)).orElseGet(this::listAll);
    }

    /** Every tenant's subscriptions that want a daily digest: tenant and id only, read without a tenant filter. */
    public List<Object[]> digestSubscribersOfAllTenants() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager()
                .createNativeQuery("select tenant_id, id from subscription where active and daily_digest")
                .getResultList();
        return rows;
    }

    /**
     * Counts a dead delivery against the subscription; it is marked failing at {@code failingAfter} in a row. A plain
     * row update under a row lock rather than a versioned entity change: two senders finishing deliveries of the same
     * subscription must not make one of them roll back after its message went out.
     *
     * @return whether it was failing before, and whether it is now
     */
    public boolean[] countDead(UUID id, int failingAfter) {
        Object before = getEntityManager()
                .createNativeQuery("select failing from subscription where id = ?1 for update")
                .setParameter(1, id)
                .getSingleResult();
        Object after = getEntityManager()
                .createNativeQuery("""
                update subscription set consecutive_dead = consecutive_dead + 1,
                    failing = failing or consecutive_dead + 1 >= ?2
                where id = ?1 returning failing""")
                .setParameter(1, id)
                .setParameter(2, failingAfter)
                .getSingleResult();
        return new boolean[] {(Boolean) before, (Boolean) after};
    }

    /**
     * A delivery got through: the run of dead deliveries is over and the subscription is healthy again.
     *
     * @return whether it was failing before
     */
    public boolean countDelivered(UUID id) {
        Object before = getEntityManager()
                .createNativeQuery("select failing from subscription where id = ?1 for update")
                .setParameter(1, id)
                .getSingleResult();
        getEntityManager()
                .createNativeQuery(
                        "update subscription set consecutive_dead = 0, failing = false where id = ?1 and (consecutive_dead <> 0 or failing)")
                .setParameter(1, id)
                .executeUpdate();
        return (Boolean) before;
    }
}
