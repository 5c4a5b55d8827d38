package com.salespulse.lead;

import com.salespulse.lead.integration.NotBlankWhenGiven;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        name = "UpdateLeadRequest",
        description = "New contact details for a lead. A field left out (or null) keeps "
                + "its value. The version is the one the caller last read: if the lead changed since, the update is refused "
                + "with 409.")
public record UpdateLeadRequest(
        @Schema(description = "The version the caller last read.", required = true, example = "0")
        @NotNull
        @PositiveOrZero
        Long version,

        @Schema(description = "The client's name; not blank.", example = "Anna Petrova")
        @Size(max = 200)
        @NotBlankWhenGiven
        String clientName,

        @Schema(description = "The client's phone, in any common notation.", example = "+7 912 345-67-89")
        @Size(max = 32)
        @Pattern(regexp = "[+0-9 ()\\-]{5,32}", message = "must be a phone number such as +7 912 345-67-89")
        String phone,

        @Schema(
                description = "The client's e-mail; an empty one removes it while the lead keeps a phone.",
                example = "anna@example.com")
        @Size(max = 254)
        @Email
        String email,

        @Schema(description = "Free text about the lead.") @Size(max = 2000)
        String comment) {}
