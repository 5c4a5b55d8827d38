package com.salespulse.security;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whom the current unit of work acts for, and who acts: the tenant and the actor every change, query and event is
 * recorded under. Code below a resource or a consumer never passes them along; it asks here (the outbox, Hibernate's
 * tenant filter through {@link CallerTenantResolver}, an audit column).
 *
 * <ul>
 *   <li>In an HTTP request: the caller's verified {@code tenant} claim, and {@code user:<subject>}.
 *   <li>Work without a caller (a Kafka consumer applying an event, a scheduler) says for whom it acts with
 *       {@link #actAs(String, String)} inside a request context of its own, or runs through
 *       {@link #call(String, String, Supplier)}, which opens and closes that context around the work.
 *   <li>Anywhere else the tenant is {@link #NO_TENANT}, a value no token can carry, so tenant-filtered queries find
 *       nothing, and there is no actor, so nothing can be emitted.
 * </ul>
 */
@ApplicationScoped
public class ActingScope {

    /** Not a valid tenant claim value for any caller ({@link TenantClaim#PATTERN} refuses it). */
    public static final String NO_TENANT = "-";

    private final Instance<JsonWebToken> token;
    private final Instance<Acting> acting;

    public ActingScope(Instance<JsonWebToken> token, Instance<Acting> acting) {
        this.token = token;
        this.acting = acting;
    }

    /**
     * Makes the rest of the current request context act for {@code tenant}, as {@code actor} (for example
     * {@code system:lead-queue}, or the actor of the event being applied). Needs an active request context.
     */
    public void actAs(String tenant, String actor) {
        if (!Arc.container().requestContext().isActive()) {
            throw new IllegalStateException("actAs needs an active request context (use @ActivateRequestContext)");
        }
        Acting holder = acting.get();
        holder.set(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(actor, "actor"));
    }

    /**
     * Runs {@code work} in a fresh request context acting for {@code tenant} as {@code actor}; the context ends with
     * the work, so the tenant never outlives it, and an enclosing request context is restored afterwards. The work
     * opens its own transaction.
     */
    public <T> T call(String tenant, String actor, Supplier<T> work) {
        ManagedContext requestContext = Arc.container().requestContext();
        InjectableContext.ContextState outer = requestContext.isActive() ? requestContext.getState() : null;
        requestContext.activate();
        try {
            actAs(tenant, actor);
            return work.get();
        } finally {
            requestContext.terminate();
            if (outer != null) {
                requestContext.activate(outer);
            }
        }
    }

    /** {@link #call(String, String, Supplier)} for work without an answer. */
    public void run(String tenant, String actor, Runnable work) {
        call(tenant, actor, () -> {
            work.run();
            return null;
        });
    }

    /** The tenant acted for: the one set by {@link #actAs}, else the caller's claim, else {@link #NO_TENANT}. */
    public String tenant() {
        if (!Arc.container().requestContext().isActive()) {
            return NO_TENANT;
        }
        String set = acting.get().tenant();
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
     * Who acts: the actor set by {@link #actAs}, else {@code user:<subject>} of the caller's token.
     *
     * @throws IllegalStateException when nobody acts (no caller, nothing acted for): a change must name its actor
     */
    public String actor() {
        if (Arc.container().requestContext().isActive()) {
            String set = acting.get().actor();
            if (set != null) {
                return set;
            }
            try {
                String subject = token.get().getSubject();
                if (subject != null) {
                    return "user:" + subject;
                }
            } catch (RuntimeException e) {
                // a request context without an HTTP request behind it: no caller
            }
        }
        throw new IllegalStateException("nobody acts here: no caller, and no actAs(tenant, actor)");
    }

    /** The tenant that {@link #tenant()} names, or an error when it is {@link #NO_TENANT}: for code that must write. */
    public String requireTenant() {
        String tenant = tenant();
        if (NO_TENANT.equals(tenant)) {
            throw new IllegalStateException("no tenant acted for: no caller, and no actAs(tenant, actor)");
        }
        return tenant;
    }

    /**
     * Holds the tenant and actor set by {@link ActingScope#actAs} for one request context. Reached only through its
     * methods: a field read or written through the client proxy would hit the proxy's own field, shared by every
     * request context, and leak one consumer's tenant into every later HTTP request.
     */
    @RequestScoped
    public static class Acting {
        private String tenant;
        private String actor;

        public String tenant() {
            return tenant;
        }

        public String actor() {
            return actor;
        }

        public void set(String tenant, String actor) {
            this.tenant = tenant;
            this.actor = actor;
        }
    }
}
