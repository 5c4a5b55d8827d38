package com.salespulse.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, the body of every error answer.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "An error, as RFC 9457 problem details (application/problem+json).")
public record Problem(
        @Schema(
                description = "A stable URI naming the kind of problem; clients switch on it.",
                example = "urn:salespulse:problem:invalid-request")
        URI type,

        @Schema(description = "A short summary of the kind of problem.", example = "Invalid request")
        String title,

        @Schema(description = "The HTTP status code.", example = "400")
        int status,

        @Schema(description = "What went wrong in this occurrence, for a person.")
        String detail,

        @Schema(description = "The fields that were refused, with the reason for each.")
        List<InvalidField> invalidFields,

        @Schema(
                description = "The id of the request, as in the X-Request-Id response header and in every log line the "
                        + "request wrote; quote it when reporting an error.",
                example = "3f2b6c0e9a1d4f57b8e2c4a6d8f0b1c3")
        String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of the request being served: its id is filled in from {@link RequestId#current()}. */
    public Problem(URI type, String title, int status, String detail, List<InvalidField> invalidFields) {
        this(type, title, status, detail, invalidFields, RequestId.current());
    }

    /** One refused input field. */
    @Schema(name = "InvalidField", description = "An input field that was refused.")
    public record InvalidField(
            @Schema(
                    description = "The JSON path of the field as sent (`source`, `lines[0].quantity`), or the query "
                            + "parameter's name.",
                    example = "lines[0].quantity")
            String field,

            @Schema(description = "Why it was refused.", example = "must not be blank")
            String message) {}
}
