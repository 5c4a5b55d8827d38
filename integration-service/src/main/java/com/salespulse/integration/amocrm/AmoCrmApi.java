package com.salespulse.integration.amocrm;

import com.salespulse.problem.CurrencyCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The requests and answers of the amoCRM adapter's API (docs/amocrm.md). */
public final class AmoCrmApi {

    /** The reference systems the suite accepts (docs/integrations.md). */
    static final String SYSTEM_PATTERN = "[a-z0-9][a-z0-9._-]{0,39}";

    static final String SYSTEM_MESSAGE = "must be lower case letters, digits, '.', '_' or '-' (e.g. amocrm)";
    /** amoCRM's ids are positive integers. */
    static final long MAX_AMO_ID = 999_999_999_999L;

    private AmoCrmApi() {}

    @Schema(name = "AmoCrmNewConnection", description = "An amoCRM (Kommo) account to take webhooks from.")
    public record NewConnection(
            @Schema(description = "A name for people, e.g. the account's subdomain.", example = "acme", required = true)
            @NotBlank
            @Size(max = 100)
            String name,

            @Schema(
                    description = "The reference system of the deals, clients and tasks it sends; absent: amocrm. "
                            + "Give a second account of the same tenant its own, e.g. amocrm.acme.",
                    example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = SYSTEM_PATTERN, message = SYSTEM_MESSAGE)
            String externalSystem) {}

    @Schema(name = "AmoCrmConnection", description = "An amoCRM account the tenant takes webhooks from.")
    public record ConnectionView(
            @Schema(description = "The id; part of the webhook URL.")
            UUID id,

            @Schema(description = "The name.") String name,

            @Schema(description = "The reference system of everything it sends.")
            String externalSystem,

            @Schema(description = "When it was created (UTC).")
            Instant createdAt,

            @Schema(description = "When its secret was last set (UTC).")
            Instant secretRotatedAt,

            @Schema(description = "Entries by state: PENDING, APPLIED, PARKED, SUPERSEDED, FAILED, IGNORED.")
            java.util.Map<String, Long> entries) {}

    @Schema(
            name = "AmoCrmConnectionSecret",
            description =
                    "The webhook URL with its secret: shown this once. Paste " + "it into amoCRM's webhook settings.")
    public record ConnectionSecret(
            @Schema(description = "The connection.") ConnectionView connection,

            @Schema(
                    description = "The webhook URL to paste into amoCRM.",
                    example = "https://pulse.example.com/api/v1/amocrm/webhooks/6f1c.../Zk3...")
            String webhookUrl,

            @Schema(description = "The secret alone (the URL's last segment).")
            String secret) {}

    @Schema(name = "AmoCrmRef", description = "An entity of Sales Pulse by its external reference.")
    public record Ref(
            @Schema(description = "Its reference system.", example = "amocrm", required = true)
            @NotNull
            @Size(max = 40)
            @Pattern(regexp = SYSTEM_PATTERN, message = SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "Its id there.", example = "st-negotiation", required = true)
            @NotBlank
            @Size(max = 100)
            String externalId) {}

    @Schema(
            name = "AmoCrmMapping",
            description = "How amoCRM's pipelines, statuses and users become Sales Pulse "
                    + "pipelines, stages and managers. A lead whose pipeline, status or responsible user is not mapped is "
                    + "parked, and applied once the mapping names it.")
    public record Mapping(
            @Schema(description = "The currency of amoCRM's prices (ISO 4217); absent: RUB.", example = "RUB")
            @Size(max = 3)
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB")
            @CurrencyCode
            String currency,

            @Schema(description = "The deals' source; absent: amocrm.", example = "amocrm")
            @Size(max = 64)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String source,

            @Schema(
                    description = "The loss reason code (deal-service's catalogue) of a lead closed as not "
                            + "realized (status 143); absent: OTHER.",
                    example = "OTHER")
            @Size(max = 64)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String lossReason,

            @Schema(description = "amoCRM pipelines.") @Size(max = 100)
            List<@NotNull @Valid PipelineMap> pipelines,

            @Schema(
                    description = "amoCRM statuses of open leads (142 and 143 come from the pipeline's wonStage and "
                            + "lostStage).")
            @Size(max = 2000)
            List<@NotNull @Valid StatusMap> statuses,

            @Schema(description = "amoCRM users.") @Size(max = 2000)
            List<@NotNull @Valid UserMap> users) {

        static Mapping empty() {
            return new Mapping(null, null, null, List.of(), List.of(), List.of());
        }

        String currencyOrDefault() {
            return currency == null ? "RUB" : currency;
        }

        String sourceOrDefault() {
            return source == null ? "amocrm" : source.trim();
        }

        String lossReasonOrDefault() {
            return lossReason == null ? "OTHER" : lossReason.trim();
        }

        List<PipelineMap> pipelinesOrEmpty() {
            return pipelines == null ? List.of() : pipelines;
        }

        List<StatusMap> statusesOrEmpty() {
            return statuses == null ? List.of() : statuses;
        }

        List<UserMap> usersOrEmpty() {
            return users == null ? List.of() : users;
        }
    }

    @Schema(
            name = "AmoCrmPipelineMap",
            description = "An amoCRM pipeline: the Sales Pulse pipeline its leads go to "
                    + "(neither id nor ref: the tenant's default pipeline) and its WON and LOST stages, where amoCRM's "
                    + "statuses 142 (won) and 143 (lost) take a lead.")
    public record PipelineMap(
            @Schema(description = "The pipeline's id in amoCRM.", example = "678", required = true)
            @NotNull
            @Positive
            @Max(MAX_AMO_ID)
            Long amoPipelineId,

            @Schema(description = "The Sales Pulse pipeline.")
            UUID pipelineId,

            @Schema(description = "Or the pipeline by reference.") @Valid
            Ref pipelineRef,

            @Schema(description = "Its WON stage (status 142).")
            UUID wonStageId,

            @Schema(description = "Or the WON stage by reference.") @Valid
            Ref wonStageRef,

            @Schema(description = "Its LOST stage (status 143).")
            UUID lostStageId,

            @Schema(description = "Or the LOST stage by reference.") @Valid
            Ref lostStageRef) {}

    @Schema(
            name = "AmoCrmStatusMap",
            description =
                    "An amoCRM status of a pipeline: the Sales Pulse stage (id or " + "reference) a lead in it is in.")
    public record StatusMap(
            @Schema(description = "The pipeline's id in amoCRM.", example = "678", required = true)
            @NotNull
            @Positive
            @Max(MAX_AMO_ID)
            Long amoPipelineId,

            @Schema(description = "The status's id in amoCRM.", example = "12345", required = true)
            @NotNull
            @Positive
            @Max(MAX_AMO_ID)
            Long amoStatusId,

            @Schema(description = "The stage.") UUID stageId,

            @Schema(description = "Or the stage by reference.") @Valid
            Ref stageRef) {}

    @Schema(name = "AmoCrmUserMap", description = "An amoCRM user: the Sales Pulse manager (id or reference).")
    public record UserMap(
            @Schema(description = "The user's id in amoCRM.", example = "999", required = true)
            @NotNull
            @Positive
            @Max(MAX_AMO_ID)
            Long amoUserId,

            @Schema(description = "The manager.") UUID managerId,

            @Schema(description = "Or the manager by reference.") @Valid
            Ref managerRef) {}

    @Schema(
            name = "AmoCrmEntry",
            description = "One change amoCRM sent (one leads[status][0], contacts[add][1], "
                    + "task[update][0], ...) and what became of it.")
    public record Entry(
            @Schema(description = "The entry's id, in order of arrival.")
            long id,

            @Schema(description = "amoCRM's entity key: leads, contacts, task, ...")
            String entity,

            @Schema(description = "amoCRM's action key: add, update, status, responsible, delete, note, ...")
            String action,

            @Schema(description = "The entity's id in amoCRM.")
            String amoId,

            @Schema(description = "When it happened in amoCRM (UTC).")
            Instant occurredAt,

            @Schema(description = "PENDING, APPLIED, PARKED, SUPERSEDED, FAILED or IGNORED.")
            String state,

            @Schema(
                    description = "Why it is parked, failed or ignored.",
                    example = "status 12345 of pipeline 678 has no mapping")
            String reason,

            @Schema(description = "The owner's last HTTP status, if it was sent.")
            Integer ownerStatus,

            @Schema(description = "When the delivery came (UTC).")
            Instant receivedAt) {}

    @Schema(name = "AmoCrmEntryPage", description = "A page of entries, oldest change first.")
    public record EntryPage(
            @Schema(description = "The entries.") List<Entry> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size.") int size,

            @Schema(description = "All entries in this state.")
            long total) {}

    @Schema(name = "AmoCrmDeliveryAnswer", description = "What the webhook took in.")
    public record DeliveryAnswer(
            @Schema(description = "Changes stored to apply.")
            int accepted,

            @Schema(description = "Changes that were stored already from an earlier delivery (a repeat).")
            int repeats) {}
}
