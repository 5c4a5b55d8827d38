package com.salespulse.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeliveryAttemptRepository implements PanacheRepositoryBase<DeliveryAttempt, UUID> {

    public List<DeliveryAttempt> ofDeliveries(Collection<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        return list("deliveryId in ?1", Sort.ascending("deliveryId", "number"), deliveryIds);
    }
}
