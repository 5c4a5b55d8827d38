package com.salespulse.lead.client;

import com.salespulse.lead.integration.NotBlankWhenGiven;
import com.salespulse.problem.ref.ExternalRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The client feature's request and response bodies. */
public final class ClientApi {

    private ClientApi() {}

    @Schema(name = "ContactInput", description = "A way to reach a client.")
    public record ContactInput(
            @Schema(description = "PHONE, EMAIL or MESSENGER.", required = true) @NotNull
            ClientContact.Kind kind,

            @Schema(description = "The value in any common notation.", required = true, example = "8 912 345 67 89")
            @NotBlank
            @Size(max = 254)
            String value) {}

    @Schema(name = "CreateClientRequest", description = "A client entered directly (intake creates clients by itself).")
    public record NewClient(
            @Schema(description = "PERSON or COMPANY.", required = true) @NotNull
            Client.Kind kind,

            @Schema(
                    description = "The name; leave it out when it is not known (a blank one is refused).",
                    example = "ООО Ромашка")
            @Size(max = 200)
            @NotBlankWhenGiven
            String name,

            @Schema(description = "Contacts.") @Size(max = 20)
            List<@NotNull @Valid ContactInput> contacts,

            @Schema(
                    description =
                            "The integrating system, with externalId; a known reference is a 409 here (PUT "
                                    + "/api/v1/clients/by-ref/{externalSystem}/{externalId} upserts). In the PUT: absent or the path's.",
                    example = "bitrix24")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "The client's id there, unique per tenant and system.", example = "c-1001")
            @Size(max = 100)
            @NotBlankWhenGiven
            String externalId,

            @Schema(
                    description = "When the client entered the base, ISO-8601 with offset; absent: now. Not later "
                            + "than now + 60 s.",
                    example = "2024-05-20T12:00:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "MergeClientsRequest", description = "Merge another client into this one.")
    public record Merge(
            @Schema(
                    description = "The client that is merged away, of the caller's tenant; its contacts and leads move "
                            + "here. Or mergedClientRef.")
            UUID mergedClientId,

            @Schema(description = "Why.") @Size(max = 500) String reason,

            @Schema(description = "The client merged away by external reference, instead of mergedClientId.") @Valid
            ExternalRef mergedClientRef) {}

    @Schema(name = "ClientContact", description = "A contact, normalized.")
    public record ContactView(
            @Schema(description = "PHONE, EMAIL or MESSENGER.")
            String kind,

            @Schema(description = "Normalized: E.164 for phones, lower case for e-mails.")
            String value,

            @Schema(description = "As entered.") String raw) {}

    @Schema(name = "Client", description = "A client.")
    public record ClientView(
            @Schema(description = "The id.") UUID id,
            @Schema(description = "PERSON or COMPANY.") String kind,
            @Schema(description = "The name.") String name,
            @Schema(description = "Contacts.") List<ContactView> contacts,
            @Schema(description = "The integrating system.") String externalSystem,
            @Schema(description = "The id there.") String externalId,

            @Schema(description = "Set when this client was merged into another; read that one instead.")
            UUID mergedIntoId,

            @Schema(description = "When the client entered the base (UTC): occurredAt when sent.")
            Instant createdAt,

            @Schema(description = "The version.") long version) {}

    @Schema(
            name = "UpdateClientRequest",
            description = "An edit of a client: a field left out stays as it is; contacts, when given, replace the "
                    + "client's contacts as a whole.")
    public record ClientUpdate(
            @Schema(description = "The version you read; a client changed since answers 409.", required = true) @NotNull
            Long version,

            @Schema(description = "PERSON or COMPANY.") Client.Kind kind,

            @Schema(description = "The new name (a blank one is refused).", example = "ООО Ромашка")
            @Size(max = 200)
            @NotBlankWhenGiven
            String name,

            @Schema(description = "The client's contacts from now on, normalized as at intake.") @Size(max = 20)
            List<@NotNull @Valid ContactInput> contacts) {}

    /** The fields the clients can be sorted by (?sort=field, or -field for descending). */
    public static final List<String> SORT = List.of("name", "createdAt");

    @Schema(name = "ClientPage", description = "One page of clients, in the order asked for.")
    public record ClientPage(
            @Schema(description = "The clients on this page.")
            List<ClientView> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size asked for.")
            int size,

            @Schema(description = "How many clients match in all.")
            long total) {}
}
