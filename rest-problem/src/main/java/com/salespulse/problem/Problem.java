package com.salespulse.problem;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error answer.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "An error, as RFC 9457 problem details (application/problem+json).")
public record Problem(
        @Schema(description = "A stable URI naming the kind of problem; clients switch on it.", example = "urn:salespulse:problem:invalid-request") URI type,
        @Schema(description = "A short summary of the kind of problem.", example = "Invalid request") String title,
        @Schema(description = "The HTTP status code.", example = "400") int status,
        @Schema(description = "What went wrong in this occurrence, for a person.") String detail,
        @Schema(description = "The fields that were refused, with the reason for each.") List<InvalidField> invalidFields) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One refused input field. */
    @Schema(name = "InvalidField", description = "An input field that was refused.")
    public record InvalidField(
            @Schema(description = "The field's name or JSON path, or the query parameter's name.", example = "source") String field,
            @Schema(description = "Why it was refused.", example = "must not be blank") String message) {
    }
}
