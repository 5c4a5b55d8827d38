package com.salespulse.deal.activity;

import com.salespulse.deal.decimal.Decimals;
import com.salespulse.deal.task.Task;
import com.salespulse.problem.ref.ExternalRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The activity API's request and response records: a touch to log ({@link NewActivity}) and the view answered ({@link
 * ActivityView}).
 */
public final class ActivityApi {

    private ActivityApi() {}

    @Schema(name = "LogActivityRequest", description = "A touch with a client.")
    public record NewActivity(
            @Schema(description = "LEAD or DEAL.", required = true) @NotNull
            Task.CardType cardType,

            @Schema(
                    description =
                            "The lead's or deal's id: a deal the caller may see, or a lead of the tenant (known here "
                                    + "within seconds of its intake in lead-service). Required unless cardRef.")
            UUID cardId,

            @Schema(description = "Instead of cardId: the deal or lead by its reference in the tenant's own system.")
            @Valid
            ExternalRef cardRef,

            @Schema(description = "The client; on a deal it is the deal's and may be left out.")
            UUID clientId,

            @Schema(description = "Instead of clientId: the client by its reference.") @Valid
            ExternalRef clientRef,

            @Schema(
                    description =
                            "Who made the touch: a manager of the tenant's roster (one dismissed since only for a "
                                    + "touch made before they left). A manager records "
                                    + "only their own and may leave it out.")
            UUID managerId,

            @Schema(description = "Instead of managerId: the manager by their reference.") @Valid
            ExternalRef managerRef,

            @Schema(description = "CALL, MEETING, MESSAGE or EMAIL.", required = true) @NotNull
            Activity.Type type,

            @Schema(description = "INBOUND or OUTBOUND.", required = true) @NotNull
            Activity.Direction direction,

            @Schema(description = "What came of it.", example = "reached, agreed to a demo", required = true)
            @NotBlank
            @Size(max = 2000)
            String outcome,

            @Schema(description = "How long it lasted, in seconds.", example = "420") @Min(0) @Max(86_400)
            Integer durationSeconds,

            @Schema(description = "The discount offered during the touch, 0-100.", example = "5")
            @DecimalMin("0")
            @DecimalMax("100")
            @Digits(integer = 3, fraction = 4)
            BigDecimal discountOfferedPercent,

            @Schema(description = "True when the client asked not to be contacted again.")
            boolean doNotContact,

            @Schema(
                    description = "When it happened (business time, ISO-8601 with offset); absent means now. Not later "
                            + "than now + 60 s, not before its card began (the deal's opening, the lead's intake).")
            Instant occurredAt,

            @Schema(
                    description = "The touch's reference system, lower case (e.g. amocrm); with externalId, unique per "
                            + "tenant.",
                    example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "The touch's id in that system (e.g. a call's id).", example = "note-5501")
            @Size(max = 100)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String externalId) {

        ActivityService.NewActivity newActivity(ExternalRef ref) {
            return new ActivityService.NewActivity(
                    cardType,
                    cardId,
                    cardRef,
                    clientId,
                    clientRef,
                    managerId,
                    managerRef,
                    type,
                    direction,
                    outcome,
                    durationSeconds,
                    discountOfferedPercent,
                    doNotContact,
                    occurredAt,
                    ref);
        }
    }

    @Schema(name = "Activity", description = "A touch as the API shows it.")
    public record ActivityView(
            @Schema(description = "The activity's id.") UUID id,
            @Schema(description = "LEAD or DEAL.") Task.CardType cardType,

            @Schema(description = "The lead's or deal's id.")
            UUID cardId,

            @Schema(description = "The client.") UUID clientId,
            @Schema(description = "Who made the touch.") UUID managerId,

            @Schema(description = "CALL, MEETING, MESSAGE or EMAIL.")
            Activity.Type type,

            @Schema(description = "INBOUND or OUTBOUND.") Activity.Direction direction,
            @Schema(description = "What came of it.") String outcome,

            @Schema(description = "How long it lasted, in seconds.")
            Integer durationSeconds,

            @Schema(description = "The discount offered, 0-100.")
            BigDecimal discountOfferedPercent,

            @Schema(description = "The client asked not to be contacted again.")
            boolean doNotContact,

            @Schema(description = "When it happened (UTC).") Instant occurredAt,

            @Schema(description = "The touch's reference system, when it has one.")
            String externalSystem,

            @Schema(description = "The touch's id in that system.")
            String externalId) {

        static ActivityView of(Activity a) {
            return new ActivityView(
                    a.id,
                    a.cardType,
                    a.cardId,
                    a.clientId,
                    a.managerId,
                    a.type,
                    a.direction,
                    a.outcome,
                    a.durationSeconds,
                    Decimals.plain(a.discountOfferedPercent),
                    a.doNotContact,
                    a.occurredAt,
                    a.externalSystem,
                    a.externalId);
        }
    }

    /** The fields the touches on a card can be sorted by (?sort=field, or -field for descending). */
    public static final List<String> SORT = List.of("occurredAt", "type", "recordedAt");

    @Schema(name = "ActivityPage", description = "One page of the touches on a card, in the order asked for.")
    public record ActivityPage(
            @Schema(description = "The touches on this page.")
            List<ActivityView> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size asked for.")
            int size,

            @Schema(description = "How many touches on the card the caller may see, in all.")
            long total) {}
}
