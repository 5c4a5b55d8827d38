package com.salespulse.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches the REST layer into {@code application/problem+json}. Clients get the field
 * and the reason; stack traces, SQL and class names stay in the server log.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response answer = respond(e.toProblem());
        e.retryAfter()
                .ifPresent(wait -> answer.getHeaders()
                        .putSingle(HttpHeaders.RETRY_AFTER, Math.max(1, (wait.toMillis() + 999) / 1000)));
        return answer;
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e) {
        List<Problem.InvalidField> fields = e.getConstraintViolations().stream()
                .map(v -> new Problem.InvalidField(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.InvalidField::field))
                .toList();
        String detail = fields.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem(
                ProblemType.INVALID_REQUEST.uri(), ProblemType.INVALID_REQUEST.title(), 400, detail, fields));
    }

    /** Declared for the narrower type too: quarkus-rest-jackson ships its own mapper for it, in plain JSON. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        JsonParseException duplicate = duplicateKey(e);
        if (duplicate != null) {
            String field = duplicatePath(duplicate);
            return respond(ProblemException.invalidField(field, "is given more than once")
                    .toProblem());
        }
        if (e instanceof JsonParseException) {
            return respond(new Problem(
                    ProblemType.INVALID_REQUEST.uri(),
                    ProblemType.INVALID_REQUEST.title(),
                    400,
                    "The body is not well-formed JSON",
                    List.of()));
        }
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : "";
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            field = jsonPath(unknown);
            message = "is not a known field";
        } else if (e instanceof RefusedValueException refused) {
            message = refused.reason();
        } else if (e instanceof InvalidFormatException invalid) {
            message = "cannot be read as " + describe(invalid.getTargetType());
        } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            message = "must be " + describe(mismatched.getTargetType());
        } else {
            message = "cannot be read";
        }
        if (field.isEmpty()) {
            return respond(new Problem(
                    ProblemType.INVALID_REQUEST.uri(),
                    ProblemType.INVALID_REQUEST.title(),
                    400,
                    "The body " + message,
                    List.of()));
        }
        return respond(ProblemException.invalidField(field, message).toProblem());
    }

    /** Two writers raced on the same row and this one lost: the caller must re-read and retry. */
    @ServerExceptionMapper
    public Response optimisticLock(jakarta.persistence.OptimisticLockException e) {
        return respond(ProblemException.conflict("The record was changed by someone else meanwhile; read it again "
                        + "and retry with its current version")
                .toProblem());
    }

    /** A body without a declared length that turned out larger than the limit, found while reading it. */
    @ServerExceptionMapper
    public Response bodyTooLarge(BodySizeLimit.BodyTooLargeException e) {
        return respond(new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage(), List.of()).toProblem());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // a body the JSON reader could not parse arrives wrapped in a 400
            return unreadableJson(json);
        }
        if (e.getCause() instanceof ProblemException problem) {
            // a parameter converter's refusal (StrictParamConverters), which JAX-RS lets through only as a WAE
            return problem(problem);
        }
        if (e.getCause() instanceof BodySizeLimit.BodyTooLargeException tooLarge) {
            return bodyTooLarge(tooLarge);
        }
        int status = e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        String detail = status >= 500 ? null : e.getMessage();
        return respond(new Problem(type.uri(), type.title(), status, detail, List.of()));
    }

    /**
     * How long a caller is asked to wait ({@code Retry-After}) when the service's database cannot be used: about what
     * a database restart or a failover takes, and what a pool needs to connect again.
     */
    static final java.time.Duration DATABASE_RETRY_AFTER = java.time.Duration.ofSeconds(5);

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        if (databaseUnavailable(e)) {
            if (lostWhileCommitting(e)) {
                // the connection went away while the transaction committed: the database may have stored the change
                // before it was lost, so the caller is told to read it back instead of being told nothing changed
                // (the fault suite's T4 and T8b/c answered these 500)
                LOG.warn("The database went away while a change was committed; answering 503: " + e);
                return problem(ProblemException.unavailable(
                        "The service lost its database while storing the change, which may or may not have been"
                                + " stored; read it back before you retry",
                        DATABASE_RETRY_AFTER));
            }
            // the request met a database that is down, refusing connections, or out of connections: nothing was
            // written, and the same request may well succeed in a moment (issue 17's T4 saw 500s here)
            LOG.warn("The database cannot be used; answering 503: " + e);
            return problem(ProblemException.unavailable(
                    "The service's database cannot be used right now; nothing was changed, retry later",
                    DATABASE_RETRY_AFTER));
        }
        String sqlState = sqlState(e);
        if (sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"))) {
            // the database refused a value (22: too long, out of range, bad encoding) or a row (23: a key another
            // request took meanwhile, a rule of the schema): the caller's input, not the server, so a 4xx; logged
            // because a refusal that reaches the database means a check is missing above it
            LOG.warn("The database refused a request's data (SQL state " + sqlState + ")", e);
            return sqlState.startsWith("22")
                    ? respond(new Problem(
                            ProblemType.INVALID_REQUEST.uri(),
                            ProblemType.INVALID_REQUEST.title(),
                            400,
                            "A value of the request cannot be stored; check lengths, ranges and characters",
                            List.of()))
                    : respond(ProblemException.conflict(
                                    "The request conflicts with data stored meanwhile; read it " + "again and retry")
                            .toProblem());
        }
        LOG.error("Unexpected error", e);
        return respond(new Problem(
                ProblemType.INTERNAL_ERROR.uri(),
                ProblemType.INTERNAL_ERROR.title(),
                500,
                "The request could not be completed; it has been logged.",
                List.of()));
    }

    /**
     * Whether the cause chain says the database could not be used at all, rather than that it refused this request:
     * a lost or refused connection (SQL state class 08), insufficient resources such as too many connections (53),
     * an operator's intervention such as a shutdown (57), a database that does not accept connections (55000 from a
     * FATAL server message), a connection attempt the pool gave up on (the driver's 99999 for an interrupted connect),
     * a timeout waiting for a pooled connection (an {@link java.sql.SQLException} without a state, as Agroal throws
     * it) or a {@link java.sql.SQLTransientConnectionException}. The chain includes suppressed exceptions: a failed
     * commit arrives as the transaction manager's rollback exception with the driver's failure suppressed in it. The
     * same classes as reliable-messaging's {@code TransientFailure} for connections; deadlocks and serialization
     * failures are not among them here (their request is answered 500 and is safe to retry, but not because the
     * database is away).
     */
    static boolean databaseUnavailable(Throwable e) {
        boolean sqlFailure = false;
        for (Throwable cause : chain(e)) {
            if (cause instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql) {
                sqlFailure = true;
                String state = sql.getSQLState();
                if (state != null && !state.isBlank()) {
                    // the first state the server (or driver) gave decides
                    return state.startsWith("08")
                            || state.startsWith("53")
                            || state.startsWith("57")
                            || (state.equals("55000")
                                    && sql.getMessage() != null
                                    && sql.getMessage().startsWith("FATAL"))
                            || (state.equals("99999") && interruptedConnecting(sql));
                }
            }
        }
        return sqlFailure;
    }

    /**
     * Whether the failure came out of a transaction's commit ({@link javax.transaction.xa.XAException}, as Agroal
     * reports a local commit that failed, or the transaction manager's rollback and heuristic exceptions): then the
     * server may have stored the change before the connection was lost.
     */
    static boolean lostWhileCommitting(Throwable e) {
        for (Throwable cause : chain(e)) {
            String name = cause.getClass().getSimpleName();
            if (cause instanceof javax.transaction.xa.XAException
                    || name.equals("RollbackException")
                    || name.startsWith("Heuristic")) {
                return true;
            }
        }
        return false;
    }

    /** The driver's "unexpected error" when the pool interrupted its connection attempt (a half-open server). */
    private static boolean interruptedConnecting(java.sql.SQLException sql) {
        for (Throwable cause = sql.getCause();
                cause != null;
                cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null
                    && cause.getMessage().startsWith("Interrupted while attempting to connect")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exception, its suppressed exceptions and causes, depth first (an exception's suppressed ones before its
     * cause), each once, at most 64.
     */
    private static List<Throwable> chain(Throwable e) {
        List<Throwable> seen = new java.util.ArrayList<>();
        java.util.Deque<Throwable> next = new java.util.ArrayDeque<>();
        next.push(e);
        while (!next.isEmpty() && seen.size() < 64) {
            Throwable t = next.pop();
            if (seen.stream().anyMatch(s -> s == t)) {
                continue;
            }
            seen.add(t);
            if (t.getCause() != null) {
                next.push(t.getCause());
            }
            Throwable[] suppressed = t.getSuppressed();
            for (int i = suppressed.length - 1; i >= 0; i--) {
                next.push(suppressed[i]);
            }
        }
        return seen;
    }

    /** The SQL state of the first {@link java.sql.SQLException} in the cause chain, if any. */
    static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    /**
     * The JSON path of the violating field as the client sent it: {@code create.request.lines[0].quantity} becomes
     * {@code lines[0].quantity}, {@code create.request.source} becomes {@code source}; a constrained query
     * parameter ({@code list.size}) is named by itself.
     */
    static String fieldName(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        String parameter = "";
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> {
                    continue;
                }
                case PARAMETER -> {
                    parameter = node.getName() == null ? "" : node.getName();
                    continue;
                }
                default -> {}
            }
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    path.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    path.append('[').append(node.getKey()).append(']');
                }
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(node.getName());
            }
        }
        return path.isEmpty() ? parameter : path.toString();
    }

    /** The parser's refusal of a key given twice, itself or wrapped by databind inside a list. */
    private static JsonParseException duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException parse
                    && parse.getOriginalMessage() != null
                    && parse.getOriginalMessage().startsWith("Duplicate field")) {
                return parse;
            }
        }
        return null;
    }

    /** The path of a key given twice: the parser stands on it when it notices. */
    private static String duplicatePath(JsonParseException e) {
        com.fasterxml.jackson.core.JsonParser parser = e.getProcessor();
        if (parser == null) {
            return "";
        }
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext context = parser.getParsingContext();
                context != null && !context.inRoot();
                context = context.getParent()) {
            if (context.inArray()) {
                parts.push("[" + Math.max(context.getCurrentIndex(), 0) + "]");
            } else if (context.getCurrentName() != null) {
                parts.push(context.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (!path.isEmpty() && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.toString();
    }

    /** The JSON path of the failing field, {@code lines[2].price} style. */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
