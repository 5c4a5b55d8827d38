package com.salespulse.lead.transfer;

import com.salespulse.problem.ref.ExternalRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The transfer feature's request and response bodies. */
public final class TransferApi {

    private TransferApi() {}

    @Schema(name = "StartTransferRequest", description = "Move a manager's open cards to others.")
    public record NewTransfer(
            @Schema(
                    description =
                            "The manager whose open cards move (e.g. one dismissed with LEAVE_WITH_HEAD): a manager "
                                    + "of the caller's tenant. Or fromManagerRef.")
            UUID fromManagerId,

            @Schema(
                    description = "The receivers in the order they are handed cards, each a manager of the caller's "
                            + "tenant, neither dismissed nor absent; absent or empty: by the tenant's rule.")
            @Size(max = 100)
            List<@NotNull UUID> toManagerIds,

            @Schema(description = "Why.") @Size(max = 500) String reason,

            @Schema(description = "The manager whose cards move, by external reference, instead of fromManagerId.")
            @Valid
            ExternalRef fromManagerRef,

            @Schema(description = "The receivers by external reference, instead of toManagerIds (not both).")
            @Size(max = 100)
            List<@NotNull @Valid ExternalRef> toManagerRefs) {}

    @Schema(name = "TransferPart", description = "What one service moved in the transfer.")
    public record TransferPart(
            @Schema(description = "Whether this part has been done (deal-service reports asynchronously).")
            boolean done,

            @Schema(description = "When it was done (UTC).") Instant completedAt,
            @Schema(description = "Cards moved.") int moved,

            @Schema(description = "Cards that could not be moved.")
            int failed) {}

    @Schema(name = "TransferItem", description = "One card the transfer touched.")
    public record TransferItem(
            @Schema(description = "LEAD, DEAL or TASK.") String cardType,
            @Schema(description = "The card's id.") UUID cardId,
            @Schema(description = "MOVED or FAILED.") String outcome,

            @Schema(description = "The new owner, when moved.")
            UUID toManagerId,

            @Schema(description = "Why it failed, when it did.")
            String reason) {}

    @Schema(name = "Transfer", description = "A card transfer's progress and outcome.")
    public record TransferView(
            @Schema(description = "The transfer's id.") UUID id,
            @Schema(description = "Whose cards.") UUID fromManagerId,

            @Schema(description = "The receivers, in order.")
            List<UUID> toManagerIds,

            @Schema(description = "NAMED or RULE.") String mode,
            @Schema(description = "Why.") String reason,

            @Schema(
                    description = "IN_PROGRESS (deal-service's part not reported yet), COMPLETED, "
                            + "COMPLETED_WITH_FAILURES, or TIMED_OUT (deal-service's part not reported within the "
                            + "configured time; POST /api/v1/transfers/{id}/retry sends the request again).")
            String status,

            @Schema(description = "Why the transfer is in its status, when that needs saying: a time-out's reason.")
            String statusReason,

            @Schema(description = "How many times deal-service was asked for its part: 1, and one more per retry.")
            int attempts,

            @Schema(description = "When the request to deal-service was last sent (UTC).")
            Instant requestedAt,

            @Schema(description = "When it timed out (UTC), while TIMED_OUT.")
            Instant timedOutAt,

            @Schema(description = "When it began (UTC).") Instant startedAt,

            @Schema(description = "When both parts were done (UTC).")
            Instant completedAt,

            @Schema(description = "lead-service's part: the leads.")
            TransferPart leads,

            @Schema(description = "deal-service's part: deals.")
            TransferPart deals,

            @Schema(description = "deal-service's part: open tasks.")
            TransferPart tasks,

            @Schema(description = "Every card, moved or failed.")
            List<TransferItem> items) {}
}
