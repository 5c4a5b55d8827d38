package com.salespulse.deal.plan;

import com.salespulse.deal.decimal.Decimals;
import com.salespulse.problem.ref.ExternalRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The plan API's request and response records: a month's targets, the by-ref state ({@link PlanState}) and the view
 * answered ({@link PlanView}).
 */
public final class PlanApi {

    private PlanApi() {}

    @Schema(name = "PlanRequest", description = "A month's targets.")
    public record PlanTargets(
            @Schema(
                    description = "The sales amount to reach, in the tenant's base currency.",
                    example = "1500000",
                    required = true)
            @NotNull
            @DecimalMin("0")
            @Digits(integer = 15, fraction = 4)
            BigDecimal amount,

            @Schema(description = "The number of won deals to reach.", example = "12", required = true)
            @NotNull
            @Min(0)
            @Max(1_000_000)
            Integer dealCount,

            @Schema(description = "Why the plan changes (when it does).") @Size(max = 500)
            String reason,

            @Schema(
                    description = "When it was set or changed (business time, ISO-8601 with offset); absent means now. "
                            + "Not later than now + 60 s; a change not before the "
                            + "plan's last one (409 stale-change). A plan "
                            + "set as history may name a manager dismissed since.",
                    example = "2025-01-01T09:00:00+03:00")
            java.time.Instant occurredAt) {}

    @Schema(name = "Plan", description = "A month's plan for a manager or a team.")
    public record PlanView(
            @Schema(description = "The plan's id.") UUID id,
            @Schema(description = "The month, yyyy-MM.") String month,
            @Schema(description = "MANAGER or TEAM.") SalesPlan.Scope scope,

            @Schema(description = "The manager's or the team's id.")
            UUID ownerId,

            @Schema(description = "The amount to reach, in the base currency.")
            BigDecimal amount,

            @Schema(description = "The number of won deals to reach.")
            int dealCount,

            @Schema(description = "When it was last set (UTC).")
            Instant updatedAt,

            @Schema(description = "The plan's reference system, when it has one.", example = "amocrm")
            String externalSystem,

            @Schema(description = "The plan's id in that system.", example = "plan-2026-12-7")
            String externalId) {

        static PlanView of(SalesPlan p) {
            return new PlanView(
                    p.id,
                    p.month,
                    p.scope,
                    p.ownerId,
                    Decimals.plain(p.amount),
                    p.dealCount,
                    p.updatedAt,
                    p.externalSystem,
                    p.externalId);
        }
    }

    @Schema(
            name = "PlanStateRequest",
            description = "A plan by its external reference: whose, which month, the targets.")
    public record PlanState(
            @Schema(description = "The month, yyyy-MM.", example = "2026-12", required = true) @NotNull @Size(max = 7)
            String month,

            @Schema(description = "The manager whose plan it is (or managerRef, teamId, teamRef: exactly one).")
            UUID managerId,

            @Schema(description = "The manager by reference.") @Valid
            ExternalRef managerRef,

            @Schema(description = "The team whose plan it is.")
            UUID teamId,

            @Schema(description = "The team by reference.") @Valid
            ExternalRef teamRef,

            @Schema(
                    description = "The sales amount to reach, in the tenant's base currency.",
                    example = "1500000",
                    required = true)
            @NotNull
            @DecimalMin("0")
            @Digits(integer = 15, fraction = 4)
            BigDecimal amount,

            @Schema(description = "The number of won deals to reach.", example = "12", required = true)
            @NotNull
            @Min(0)
            @Max(1_000_000)
            Integer dealCount,

            @Schema(description = "Why the plan changes (when it does).") @Size(max = 500)
            String reason,

            @Schema(
                    description = "When it was set or changed (business time, ISO-8601 with offset); absent means now. "
                            + "Not later than now + 60 s; a change not before the plan's last one (409 stale-change).",
                    example = "2025-01-01T09:00:00+03:00")
            Instant occurredAt,

            @Schema(description = "Optional; when given, equal to the path's.") @Size(max = 40)
            String externalSystem,

            @Schema(description = "Optional; when given, equal to the path's.") @Size(max = 100)
            String externalId) {}
}
