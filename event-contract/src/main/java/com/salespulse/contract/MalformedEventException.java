package com.salespulse.contract;

/**
 * A record that is not a valid Sales Pulse CloudEvent: broken JSON, a missing attribute, an unknown type or
 * data that does not match the type's record. Retrying cannot help; such records go to a dead-letter topic.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
