package com.salespulse.problem.ref;

import com.salespulse.problem.ProblemException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An entity named by the reference it has in the tenant's own CRM: {@code {"externalSystem": "amocrm",
 * "externalId": "42"}}. Accepted wherever a body names a manager, client, pipeline, stage or product by id.
 */
@Schema(name = "ExternalRef", description = "An entity named by its reference in the tenant's own system.")
public record ExternalRef(
        @Schema(description = "The system, lower case: amocrm, bitrix24, 1c.", example = "amocrm", required = true)
        @NotNull
        @Size(max = 40)
        @Pattern(regexp = SYSTEM_PATTERN, message = SYSTEM_MESSAGE)
        String externalSystem,

        @Schema(description = "The entity's id in that system.", example = "42", required = true)
        @NotBlank
        @Size(max = 100)
        String externalId) {

    public static final String SYSTEM_PATTERN = "[a-z0-9][a-z0-9._-]{0,39}";
    public static final String SYSTEM_MESSAGE = "must be lower case letters, digits, '.', '_' or '-' (e.g. amocrm)";

    /**
     * The reference of an entity sent with optional {@code externalSystem} and {@code externalId}: both or neither
     * (a 400 naming the missing one); null for neither.
     */
    public static ExternalRef ofPair(String externalSystem, String externalId) {
        return ofPair(externalSystem, externalId, "");
    }

    /** {@link #ofPair(String, String)} for a nested object, {@code at} its path with a trailing dot. */
    public static ExternalRef ofPair(String externalSystem, String externalId, String at) {
        if (externalSystem == null && externalId == null) {
            return null;
        }
        if (externalSystem == null) {
            throw ProblemException.invalidField(at + "externalSystem", "is required with externalId");
        }
        if (externalId == null) {
            throw ProblemException.invalidField(at + "externalId", "is required with externalSystem");
        }
        return new ExternalRef(externalSystem, externalId.trim());
    }

    /** An entity named by id or by reference, not both (a 400 naming the reference). */
    public static <T> void notBoth(Object id, ExternalRef ref, String refField) {
        if (id != null && ref != null) {
            throw ProblemException.invalidField(refField, "name it by id or by reference, not both");
        }
    }

    /** The 400 for a reference naming nothing of the tenant. */
    public static ProblemException unknown(String refField, String what) {
        return ProblemException.invalidField(refField + ".externalId", "names no " + what + " of this tenant");
    }

    /** The reference in a by-ref path: the same rules as in a body, naming the path parameter. */
    public static ExternalRef ofPath(String externalSystem, String externalId) {
        if (externalSystem == null || externalSystem.length() > 40 || !externalSystem.matches(SYSTEM_PATTERN)) {
            throw ProblemException.invalidField("externalSystem", SYSTEM_MESSAGE);
        }
        if (externalId == null || externalId.isBlank() || externalId.length() > 100) {
            throw ProblemException.invalidField("externalId", "must be 1 to 100 characters, not blank");
        }
        return new ExternalRef(externalSystem, externalId);
    }

    /**
     * A by-ref body may repeat its own {@code externalSystem}/{@code externalId}: each one sent must be this, the
     * path's reference (a 400 naming the one that differs).
     */
    public void mustMatchBody(String externalSystem, String externalId) {
        if (externalSystem != null && !externalSystem.equals(this.externalSystem)) {
            throw ProblemException.invalidField("externalSystem", "differs from the reference in the path");
        }
        if (externalId != null && !externalId.trim().equals(this.externalId)) {
            throw ProblemException.invalidField("externalId", "differs from the reference in the path");
        }
    }

    /** {@code amocrm/42}: how a message names the reference. */
    @Override
    public String toString() {
        return externalSystem + "/" + externalId;
    }
}
