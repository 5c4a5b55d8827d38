package com.salespulse.security;

import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
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
    private final Instance<TeamMembership> membership;
    private CallerScope scope;

    public CurrentCaller(JsonWebToken token, Instance<TeamMembership> membership) {
        this.token = token;
        this.membership = membership;
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
        return token.getGroups().contains(Roles.MANAGER) && !isHead() && !isTeamLead();
    }

    /** A team lead's token (and no head's): the cards of the teams they lead ({@link #scope()}). */
    public boolean isTeamLead() {
        return token.getGroups().contains(Roles.TEAM_LEAD) && !isHead();
    }

    /**
     * Whose cards and figures the caller may see: the whole tenant (head, integrator), the manager's own, or a team
     * lead's own and their teams' managers' (from the service's {@link TeamMembership}; without one, their own).
     * Resolved once per request.
     */
    public CallerScope scope() {
        if (scope == null) {
            scope = resolveScope();
        }
        return scope;
    }

    private CallerScope resolveScope() {
        if (isTeamLead()) {
            UUID lead = ownId();
            if (!membership.isResolvable()) {
                return CallerScope.own(lead);
            }
            TeamMembership roster = membership.get();
            String tenant = tenant();
            java.util.Set<UUID> teams = roster.teamsLedBy(tenant, lead);
            return teams.isEmpty()
                    ? CallerScope.own(lead)
                    : CallerScope.team(lead, teams, roster.managersIn(tenant, teams));
        }
        if (isManager()) {
            return CallerScope.own(ownId());
        }
        return CallerScope.wholeTenant();
    }

    /**
     * The one manager whose cards and figures the caller may see, for the places not migrated to {@link #scope()}:
     * present for a manager (their own id) and for a team lead (their own id: narrower than their scope, never
     * wider), empty for a head of sales or an integrator, who see the whole tenant.
     */
    public Optional<UUID> managerScope() {
        if (!isManager() && !isTeamLead()) {
            return Optional.empty();
        }
        return Optional.of(ownId());
    }

    /** The caller's roster id from the token's {@code manager_id} (a manager or a team lead). */
    private UUID ownId() {
        Object claim = token.getClaim(CallerClaims.MANAGER_ID);
        try {
            return UUID.fromString(String.valueOf(claim));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    ProblemType.FORBIDDEN, "A manager's token must carry a manager_id", java.util.List.of());
        }
    }
}
