package com.salespulse.security;

import jakarta.json.JsonString;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code tenant} claim must be to name a tenant: a string of 1 to 63 letters, digits, dots, underscores and
 * hyphens, starting with a letter or digit. Anything else — no claim, a blank, a number, an array, an object, the
 * {@link ActingScope#NO_TENANT} sentinel — names none, and the caller is refused (403) rather than served a tenant
 * that two customers might share.
 */
public final class TenantClaim {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private TenantClaim() {}

    /** The tenant the claim value names, or empty. Takes the raw claim of any type. */
    public static Optional<String> tenantOf(Object claim) {
        String text;
        if (claim instanceof String s) {
            text = s;
        } else if (claim instanceof JsonString json) {
            text = json.getString();
        } else {
            return Optional.empty();
        }
        return PATTERN.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    }
}
