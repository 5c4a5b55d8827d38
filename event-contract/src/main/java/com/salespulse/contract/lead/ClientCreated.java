package com.salespulse.contract.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A client entered the client base: at lead intake (no existing client matched) or created directly. Contacts are
 * normalized: phones in E.164, e-mails trimmed and lower-cased.
 */
public record ClientCreated(
        @JsonProperty(required = true) @JsonPropertyDescription("The client's id.")
        UUID clientId,

        @JsonProperty(required = true) @JsonPropertyDescription("PERSON or COMPANY.")
        String kind,

        @JsonPropertyDescription("The client's name.") String name,

        @JsonProperty(required = true) @JsonPropertyDescription("The client's contacts, normalized.")
        List<ClientContact> contacts,

        @JsonPropertyDescription("The external reference's system (e.g. amocrm), when given.")
        String externalSystem,

        @JsonPropertyDescription("The external reference's id in that system, unique per tenant and system.")
        String externalId,

        @JsonPropertyDescription("The lead whose intake created the client, when it was created at intake.")
        UUID createdFromLeadId,

        @JsonProperty(required = true) @JsonPropertyDescription("When the client was created (UTC).")
        Instant createdAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return clientId;
    }

    /** One way to reach a client. */
    public record ClientContact(
            @JsonProperty(required = true) @JsonPropertyDescription("PHONE, EMAIL or MESSENGER.")
            String kind,

            @JsonProperty(required = true)
            @JsonPropertyDescription(
                    "The normalized value: E.164 for a phone (+79123456789), lower case for an e-mail, as given for a messenger handle.")
            String value,

            @JsonPropertyDescription("The value as it was entered.")
            String raw) {}
}
