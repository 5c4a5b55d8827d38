package com.salespulse.contract.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A client's details were edited ({@code PATCH /api/v1/clients/{id}}): its kind, name and contacts before and after.
 * Contacts are normalized as in {@link ClientCreated}. Readers that show a client's name replace it with
 * {@code nameAfter}; applying the same event twice changes nothing.
 */
public record ClientUpdated(
        @JsonProperty(required = true) @JsonPropertyDescription("The client's id.")
        UUID clientId,

        @JsonProperty(required = true) @JsonPropertyDescription("PERSON or COMPANY, before the edit.")
        String kindBefore,

        @JsonProperty(required = true) @JsonPropertyDescription("PERSON or COMPANY, after the edit.")
        String kindAfter,

        @JsonPropertyDescription("The name before the edit; absent when the client had none.")
        String nameBefore,

        @JsonPropertyDescription("The name after the edit; absent when the client has none.")
        String nameAfter,

        @JsonProperty(required = true) @JsonPropertyDescription("The client's contacts before the edit.")
        List<ClientCreated.ClientContact> contactsBefore,

        @JsonProperty(required = true) @JsonPropertyDescription("The client's contacts after the edit.")
        List<ClientCreated.ClientContact> contactsAfter,

        @JsonPropertyDescription("The external reference's system (e.g. amocrm), when the client has one.")
        String externalSystem,

        @JsonPropertyDescription("The external reference's id in that system.")
        String externalId,

        @JsonProperty(required = true) @JsonPropertyDescription("When the client was edited (UTC).")
        Instant updatedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return clientId;
    }
}
