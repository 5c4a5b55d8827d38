package com.salespulse.testsupport;

import java.util.UUID;

/**
 * A tenant of its own for each test, so tests sharing one running service (and one database) never see each
 * other's data. The value is a valid {@code tenant} claim.
 */
public final class TestTenants {

    private TestTenants() {}

    /** A tenant no other test uses: {@code t-} and eight hex digits. */
    public static String fresh() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
