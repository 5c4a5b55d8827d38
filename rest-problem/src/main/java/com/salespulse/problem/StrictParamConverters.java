package com.salespulse.problem;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads typed parameters strictly, answering a problem that names the parameter: {@code ?archived=maybe} is a 400
 * naming {@code archived}, not {@code false}; a malformed UUID, date, month or enum constant likewise. (JAX-RS
 * would answer a bare 404 for a query parameter that fails conversion.) A path id ({@link UUID}) that cannot be read
 * names no resource: 404, as for an unknown id; a path value (a date, month, instant, boolean or enum, as in
 * {@code /rates/USD/{date}}) that cannot be read is a 400 naming it, as in a query. Types handled: {@code boolean}/{@link Boolean}, {@link UUID},
 * {@link Instant}, {@link LocalDate} and {@link YearMonth} (years {@value ApiJsonReader#MIN_YEAR}..{@value ApiJsonReader#MAX_YEAR}),
 * enums (their constant names, exactly). Other types, {@code String} among them, convert as before.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER) // not the REST clients' readers
public class StrictParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Annotation[] safe = annotations == null ? new Annotation[0] : annotations;
        String name = nameOf(safe);
        boolean inPath = Arrays.stream(safe).anyMatch(a -> a instanceof PathParam);
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) new Strict<>(name, false, "must be true or false", text -> switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> null;
            });
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) new Strict<>(name, inPath, "must be a UUID", StrictParamConverters::uuid);
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) new Strict<>(
                    name,
                    false,
                    "must be a date like 2026-11-01 within the years " + ApiJsonReader.MIN_YEAR + " to "
                            + ApiJsonReader.MAX_YEAR,
                    StrictParamConverters::date);
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) new Strict<>(
                    name,
                    false,
                    "must be an instant like 2026-11-01T00:00:00Z within the years " + ApiJsonReader.MIN_YEAR + " to "
                            + ApiJsonReader.MAX_YEAR,
                    StrictParamConverters::instant);
        }
        if (rawType == YearMonth.class) {
            return (ParamConverter<T>) new Strict<>(
                    name,
                    false,
                    "must be a month like 2026-11 within the years " + ApiJsonReader.MIN_YEAR + " to "
                            + ApiJsonReader.MAX_YEAR,
                    StrictParamConverters::month);
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> enumType = (Class<? extends Enum>) rawType;
            return (ParamConverter<T>) new Strict<>(
                    name,
                    false,
                    "must be one of " + Arrays.toString(rawType.getEnumConstants()),
                    text -> constant(enumType, text));
        }
        return null;
    }

    private static String nameOf(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam q) {
                return q.value();
            } else if (annotation instanceof PathParam p) {
                return p.value();
            } else if (annotation instanceof HeaderParam h) {
                return h.value();
            } else if (annotation instanceof FormParam f) {
                return f.value();
            } else if (annotation instanceof CookieParam c) {
                return c.value();
            }
        }
        return "parameter";
    }

    private static UUID uuid(String text) {
        // UUID.fromString accepts shortened groups like 1-1-1-1-1; only the canonical 36-character form is a UUID here
        if (text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate date(String text) {
        try {
            LocalDate date = LocalDate.parse(text);
            return inRange(date.getYear()) ? date : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant instant(String text) {
        try {
            Instant instant = Instant.parse(text);
            return inRange(instant.atOffset(ZoneOffset.UTC).getYear()) ? instant : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static YearMonth month(String text) {
        try {
            YearMonth month = YearMonth.parse(text);
            return inRange(month.getYear()) ? month : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object constant(Class<? extends Enum> type, String text) {
        for (Enum constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        return null;
    }

    private static boolean inRange(int year) {
        return year >= ApiJsonReader.MIN_YEAR && year <= ApiJsonReader.MAX_YEAR;
    }

    /**
     * Converts with {@code read}, which answers null for text it refuses; {@code namesResource}: a refusal is a 404
     * (an id in the path), not a 400.
     */
    private record Strict<T>(String name, boolean namesResource, String rule, Function<String, T> read)
            implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            T converted = value == null ? null : read.apply(value.trim());
            if (converted == null) {
                ProblemException problem = namesResource
                        ? ProblemException.notFound("The resource named by " + name)
                        : ProblemException.invalidField(name, rule);
                throw new WebApplicationException(problem, problem.toProblem().status());
            }
            return converted;
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString();
        }
    }
}
