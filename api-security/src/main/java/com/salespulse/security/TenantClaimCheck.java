package com.salespulse.security;

import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses (403) every API request whose token names no valid tenant ({@link TenantClaim}), reads included, once
 * for every operation of every service; puts the tenant into the MDC so the request's log lines carry it. Runs
 * after authentication and the role check: no token is still 401, a role that may not call the operation 403.
 */
public class TenantClaimCheck {

    /** The MDC key, also the field name in JSON log lines. */
    public static final String MDC_KEY = "tenant";

    private static final Logger LOG = Logger.getLogger(TenantClaimCheck.class);

    private final CurrentIdentityAssociation identities;

    public TenantClaimCheck(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Void> requireTenant(ResourceInfo resource) {
        return identities
                .getDeferredIdentity()
                .invoke(identity -> {
                    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                        return; // the operation's own security answers 401 where a token is needed
                    }
                    var tenant = TenantClaim.tenantOf(token.getClaim(CallerClaims.TENANT));
                    if (tenant.isPresent()) {
                        MDC.put(MDC_KEY, tenant.get());
                    } else if (!serviceWide(resource)) {
                        LOG.infof("Refused a token of %s naming no valid tenant", token.getSubject());
                        throw new ProblemException(
                                ProblemType.FORBIDDEN,
                                "The token names no valid tenant: the tenant claim " + "must be a string matching "
                                        + TenantClaim.PATTERN.pattern(),
                                List.of());
                    }
                })
                .replaceWithVoid();
    }

    private static boolean serviceWide(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        return method != null
                && (method.isAnnotationPresent(ServiceWide.class)
                        || method.getDeclaringClass().isAnnotationPresent(ServiceWide.class));
    }
}
