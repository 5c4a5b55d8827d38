package com.salespulse.problem;

import java.util.List;

/**
 * Thrown by resources and services to answer with a problem: a refused field, a missing card, a conflict.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.InvalidField> invalidFields;

    public ProblemException(ProblemType type, String detail, List<Problem.InvalidField> invalidFields) {
        super(detail);
        this.type = type;
        this.invalidFields = List.copyOf(invalidFields);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST, field + ": " + message,
                List.of(new Problem.InvalidField(field, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " was not found", List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail, List.of());
    }

    public Problem toProblem() {
        return new Problem(type.uri(), type.title(), type.status(), getMessage(), invalidFields);
    }
}
