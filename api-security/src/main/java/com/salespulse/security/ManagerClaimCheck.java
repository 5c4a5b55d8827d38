package com.salespulse.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses (401) a manager's or a team lead's token without a {@code manager_id} naming a roster id (a UUID): such a token cannot be
 * scoped to anyone's cards, so it is no valid token at all, refused at authentication for every operation rather
 * than only where an operation asks for the manager's scope. A head's token may carry the manager role too; it is a
 * head's ({@link CurrentCaller#isManager()}).
 */
@ApplicationScoped
public class ManagerClaimCheck implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token
                && (token.getGroups().contains(Roles.MANAGER)
                        || token.getGroups().contains(Roles.TEAM_LEAD))
                && !token.getGroups().contains(Roles.HEAD)
                && !namesARosterId(token.getClaim(CallerClaims.MANAGER_ID))) {
            return Uni.createFrom()
                    .failure(new AuthenticationFailedException(
                            "A manager's or team lead's token must carry a manager_id"));
        }
        return Uni.createFrom().item(identity);
    }

    private static boolean namesARosterId(Object claim) {
        String value =
                claim instanceof jakarta.json.JsonString json ? json.getString() : claim instanceof String s ? s : null;
        if (value == null) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
