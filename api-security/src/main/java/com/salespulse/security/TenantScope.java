package com.salespulse.security;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tenant-only face of {@link ActingScope}, kept while the services move to it; removed when none uses it.
 *
 * @deprecated use {@link ActingScope}, which also knows who acts
 */
@Deprecated(forRemoval = true)
@ApplicationScoped
public class TenantScope {

    public static final String NO_TENANT = ActingScope.NO_TENANT;

    private final ActingScope acting;
    private final jakarta.enterprise.inject.Instance<ActingScope.Acting> holder;

    public TenantScope(ActingScope acting, jakarta.enterprise.inject.Instance<ActingScope.Acting> holder) {
        this.acting = acting;
        this.holder = holder;
    }

    /** Acts for {@code tenant}, keeping an actor set before (none if none was). */
    public void actAs(String tenant) {
        if (!io.quarkus.arc.Arc.container().requestContext().isActive()) {
            throw new IllegalStateException("actAs needs an active request context (use @ActivateRequestContext)");
        }
        ActingScope.Acting acting = holder.get();
        acting.set(java.util.Objects.requireNonNull(tenant, "tenant"), acting.actor());
    }

    public String currentTenant() {
        return acting.tenant();
    }
}
