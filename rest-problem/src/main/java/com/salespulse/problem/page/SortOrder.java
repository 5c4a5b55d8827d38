package com.salespulse.problem.page;

import com.salespulse.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/**
 * The order a list is read in, from its {@code ?sort=} query parameter: a field of the list's allow-list, ascending
 * ({@code sort=name}) or descending ({@code sort=-name}). Left out, the list's default; given blank or naming a field
 * outside the allow-list, a 400 naming {@code sort} and listing the accepted values. The list's repository adds its
 * unique key (the id, in the same direction) after the field, so equal values keep one order and pages never overlap.
 *
 * @param field the field, one of the list's allow-list
 * @param descending true for {@code -field}
 */
public record SortOrder(String field, boolean descending) {

    /** The query parameter's name. */
    public static final String PARAM = "sort";

    /**
     * Reads {@code ?sort=}.
     *
     * @param text the parameter as read by {@code @QueryParam}, null when left out or given empty
     * @param query the query as sent, telling {@code ?sort=} (refused) from a sort left out (the default)
     * @param fallback the list's default, e.g. {@code name} or {@code -createdAt}
     * @param allowed the fields the list can be sorted by
     */
    public static SortOrder parse(
            String text, MultivaluedMap<String, String> query, String fallback, List<String> allowed) {
        String given = text != null ? text : query.containsKey(PARAM) ? "" : fallback;
        boolean descending = given.startsWith("-");
        String field = descending ? given.substring(1) : given;
        if (!allowed.contains(field)) {
            throw ProblemException.invalidField(
                    PARAM,
                    "must be one of " + String.join(", ", allowed) + ", each optionally "
                            + "prefixed with - for descending");
        }
        return new SortOrder(field, descending);
    }
}
