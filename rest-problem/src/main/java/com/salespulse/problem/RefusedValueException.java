package com.salespulse.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON value the API reader refuses although it is well-formed: the message is for the client and names no
 * class. Jackson adds the field's path as the exception travels up, so the answer names {@code lines[0].dueDate}.
 */
public class RefusedValueException extends JsonMappingException {

    private final String reason;

    public RefusedValueException(JsonParser parser, String reason) {
        super(parser, reason);
        this.reason = reason;
    }

    /** Why the value was refused, without the path. */
    public String reason() {
        return reason;
    }
}
