package com.salespulse.problem;

import java.util.UUID;

/**
 * The nil UUID (all zeros) is never an id in the suite: not of a lead, a client, a manager, a team or anything else,
 * in a body, a path or a query parameter. A client-chosen id (a manager's, from the identity provider) is refused
 * outright; a reference would be refused anyway as naming nothing, but this says why.
 */
public final class NilUuid {

    public static final UUID VALUE = new UUID(0L, 0L);

    private NilUuid() {}

    public static boolean is(UUID id) {
        return VALUE.equals(id);
    }

    /** @throws ProblemException 400 naming {@code field} when {@code id} is the nil UUID */
    public static UUID refuse(String field, UUID id) {
        if (is(id)) {
            throw ProblemException.invalidField(field, "must not be the nil UUID");
        }
        return id;
    }
}
