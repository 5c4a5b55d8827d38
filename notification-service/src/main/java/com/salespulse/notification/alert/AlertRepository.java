package com.salespulse.notification.alert;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Alerts of the current tenant. */
@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

    /** Open alerts, oldest first. */
    public List<Alert> open() {
        return list("resolvedAt is null", Sort.ascending("raisedAt", "id"));
    }
}
