package com.salespulse.security;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Objects;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tenant the current unit of work acts for. In an HTTP request that is the caller's {@code tenant} claim. Work
 * without a caller (a Kafka consumer applying an event, a scheduler) says whom it acts for with
 * {@link #actAs(String)} inside its own request context ({@code @ActivateRequestContext}); everywhere else the
 * answer is {@link #NO_TENANT}, a value no token can carry, so tenant-filtered queries find nothing.
 *
 * <p>A service's Hibernate {@code TenantResolver} delegates to {@link #currentTenant()}.
 */
@ApplicationScoped
public class TenantScope {

    /** Not a valid tenant claim value for any caller ({@link TenantClaim#PATTERN} refuses it). */
    public static final String NO_TENANT = "-";

    private final Instance<JsonWebToken> token;
    private final Instance<ActingTenant> acting;

    public TenantScope(Instance<JsonWebToken> token, Instance<ActingTenant> acting) {
        this.token = token;
        this.acting = acting;
    }

    /** Makes the rest of the current request context act for {@code tenant}. Needs an active request context. */
    public void actAs(String tenant) {
        if (!Arc.container().requestContext().isActive()) {
            throw new IllegalStateException("actAs needs an active request context (use @ActivateRequestContext)");
        }
        acting.get().set(Objects.requireNonNull(tenant, "tenant"));
    }

    /** The tenant acted for: the one set by {@link #actAs(String)}, else the caller's claim, else {@link #NO_TENANT}. */
    public String currentTenant() {
        if (!Arc.container().requestContext().isActive()) {
            return NO_TENANT;
        }
        String set = acting.get().get();
        if (set != null) {
            return set;
        }
        try {
            // any type: a number or an array in the claim is no tenant, not a ClassCastException
            Object claim = token.get().getClaim(CallerClaims.TENANT);
            return TenantClaim.tenantOf(claim).orElse(NO_TENANT);
        } catch (RuntimeException e) {
            // a request context without an HTTP request behind it: no caller
            return NO_TENANT;
        }
    }

    /**
     * Holds the tenant set by {@link TenantScope#actAs(String)} for one request context. Reached only through its
     * methods: a field read or written through the client proxy would hit the proxy's own field, shared by every
     * request context, and leak one consumer's tenant into every later HTTP request.
     */
    @RequestScoped
    public static class ActingTenant {
        private String tenant;

        public String get() {
            return tenant;
        }

        public void set(String tenant) {
            this.tenant = tenant;
        }
    }
}
