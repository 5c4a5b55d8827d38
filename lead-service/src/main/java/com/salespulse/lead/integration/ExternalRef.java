package com.salespulse.lead.integration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Another entity named by its reference in the integrating system instead of by its Sales Pulse id. */
@Schema(
        name = "ExternalRef",
        description =
                "An entity named by its reference in the integrating system: the "
                        + "externalSystem and externalId it was created or upserted with (PUT .../by-ref/{externalSystem}/{externalId}).")
public record ExternalRef(
        @Schema(
                description = "The integrating system, lower case: letters, digits, '.', '_', '-'.",
                required = true,
                example = "amocrm")
        @NotNull
        @Size(max = 40)
        @Pattern(regexp = ExternalRef.SYSTEM, message = ExternalRef.SYSTEM_MESSAGE)
        String externalSystem,

        @Schema(description = "The entity's id in that system.", required = true, example = "42")
        @NotBlank
        @Size(max = 100)
        String externalId) {

    /** What an external system's name may be: {@code amocrm}, {@code bitrix24}, {@code 1c}. */
    public static final String SYSTEM = "[a-z0-9][a-z0-9._-]{0,39}";

    public static final String SYSTEM_MESSAGE = "must be a lower-case system name such as amocrm, bitrix24 or 1c";

    @Override
    public String toString() {
        return externalSystem + "/" + externalId;
    }
}
