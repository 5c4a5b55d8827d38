package com.salespulse.lead.rest;

import java.util.UUID;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

@Schema(name = "CreateLeadRequest", description = "A lead as it comes in: where from and how to reach the client.")
public record CreateLeadRequest(
        @Schema(description = "Channel the lead came from, e.g. website, call, referral.", example = "website", required = true)
        @NotBlank @Size(max = 64) String source,
        @Schema(description = "The client's name.", example = "Anna Petrova")
        @Size(max = 200) String clientName,
        @Schema(description = "The client's phone, in any common notation.", example = "+7 912 345-67-89")
        @Size(max = 32) @Pattern(regexp = "[+0-9 ()\\-]{5,32}", message = "must be a phone number such as +7 912 345-67-89") String phone,
        @Schema(description = "The client's e-mail.", example = "anna@example.com")
        @Size(max = 254) @Email String email,
        @Schema(description = "Free text from the client or the integrator.")
        @Size(max = 2000) String comment,
        @Schema(description = "The manager to give the lead to; absent to leave it unassigned.")
        UUID managerId) {

    /** A lead nobody can reach is junk at the door. */
    @JsonIgnore
    @AssertTrue(message = "a phone or an e-mail is required")
    public boolean isContact() {
        return (phone != null && !phone.isBlank()) || (email != null && !email.isBlank());
    }
}
