package com.salespulse.problem;

import java.net.URI;

/** The stable problem types of the suite. */
public enum ProblemType {
    INVALID_REQUEST(400, "Invalid request"),
    NOT_FOUND(404, "Not found"),
    CONFLICT(409, "Conflict"),
    /** A change older than the card's last recorded one (history is sent in time order per card). */
    STALE_CHANGE(409, "Stale change"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    UNAUTHORIZED(401, "Unauthorized"),
    /** A rate limit: the answer's {@code Retry-After} says when to try again. */
    TOO_MANY_REQUESTS(429, "Too many requests"),
    FORBIDDEN(403, "Forbidden"),
    INTERNAL_ERROR(500, "Internal error"),
    UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create("urn:salespulse:problem:" + name().toLowerCase().replace('_', '-'));
    }

    static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    }
}
