package com.salespulse.problem;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Reads query parameters with a clear 400 naming the parameter. JAX-RS would answer 404 for a query parameter
 * that fails conversion, which tells the caller nothing.
 */
public final class QueryParams {

    private QueryParams() {}

    public static LocalDate requiredDate(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(name, "is required (a date like 2026-11-01)");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be a date like 2026-11-01");
        }
    }

    public static UUID optionalUuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "must be a UUID");
        }
    }
}
