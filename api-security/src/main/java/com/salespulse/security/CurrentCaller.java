package com.salespulse.security;

import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the verified bearer token only: never from a request body or a header the caller chooses.
 * Every service reads the tenant, the actor and the manager scope here.
 */
@RequestScoped
public class CurrentCaller {

    private final JsonWebToken token;

    public CurrentCaller(JsonWebToken token) {
        this.token = token;
    }

    /** The caller's tenant. A token without a valid one ({@link TenantClaim}) is refused (403): it cannot be scoped. */
    public String tenant() {
        Object claim = token.getClaim(CallerClaims.TENANT);
        return TenantClaim.tenantOf(claim)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.FORBIDDEN, "The token names no valid tenant", java.util.List.of()));
    }

    /** Recorded on every change and event: {@code user:<subject>}. */
    public String actor() {
        return "user:" + token.getSubject();
    }

    public boolean isHead() {
        return token.getGroups().contains(Roles.HEAD);
    }

    public boolean isManager() {
        return token.getGroups().contains(Roles.MANAGER) && !isHead();
    }

    /**
     * The manager whose cards and figures the caller may see: present for a manager (their own id), empty for a
     * head of sales or an integrator, who see the whole tenant.
     */
    public Optional<UUID> managerScope() {
        if (!isManager()) {
            return Optional.empty();
        }
        Object claim = token.getClaim(CallerClaims.MANAGER_ID);
        try {
            return Optional.of(UUID.fromString(String.valueOf(claim)));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    ProblemType.FORBIDDEN, "A manager's token must carry a manager_id", java.util.List.of());
        }
    }
}
