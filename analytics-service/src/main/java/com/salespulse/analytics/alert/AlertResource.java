package com.salespulse.analytics.alert;

import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.CallerScope;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/alerts")
@Tag(name = "Alerts", description = "Alerts raised from the metrics, and the tenant's thresholds")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final EntityManager em;
    private final AlertThresholds thresholds;
    private final CurrentCaller caller;

    public AlertResource(EntityManager em, AlertThresholds thresholds, CurrentCaller caller) {
        this.em = em;
        this.thresholds = thresholds;
        this.caller = caller;
    }

    @GET
    @Transactional
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "The tenant's alerts",
            description =
                    "Open alerts (default) or every alert, newest first, at "
                            + "most 500. A manager sees only the alerts about them. Roles: head, team-lead (their teams), manager.")
    @APIResponse(
            responseCode = "200",
            description = "The alerts.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            implementation = AlertView.class,
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .ARRAY)))
    @APIResponse(responseCode = "400", description = "The state is invalid.")
    public List<AlertView> alerts(
            @Parameter(description = "open (default) or all.") @QueryParam("state") String state) {
        boolean all;
        if (state == null || state.isBlank() || "open".equalsIgnoreCase(state.trim())) {
            all = false;
        } else if ("all".equalsIgnoreCase(state.trim())) {
            all = true;
        } else {
            throw ProblemException.invalidField("state", "must be open or all");
        }
        CallerScope scope = caller.scope();
        String sql =
                "select alert_id, alert_type, condition_key, manager_id, severity, title, drill_down, raised_at, resolved_at "
                        + "from alert where tenant_id = :tenant" + (all ? "" : " and resolved_at is null")
                        + (scope.isWholeTenant() ? "" : " and manager_id in (:scope)")
                        + " order by raised_at desc, alert_id limit 500";
        var query = em.createNativeQuery(sql).setParameter("tenant", caller.tenant());
        if (!scope.isWholeTenant()) {
            query.setParameter("scope", scope.managers());
        }
        return ((List<?>) query.getResultList())
                .stream()
                        .map(Object[].class::cast)
                        .map(row -> new AlertView(
                                (UUID) row[0],
                                (String) row[1],
                                (String) row[2],
                                (UUID) row[3],
                                (String) row[4],
                                (String) row[5],
                                (String) row[6],
                                Columns.instant(row[7]),
                                Columns.instant(row[8])))
                        .toList();
    }

    @GET
    @Path("/thresholds")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "The tenant's alert thresholds",
            description =
                    "Every threshold with the value in force and its default. Roles: head, team-lead (their teams), manager.")
    @APIResponse(
            responseCode = "200",
            description = "The thresholds.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            implementation = ThresholdView.class,
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .ARRAY)))
    public List<ThresholdView> thresholds() {
        Map<Threshold, BigDecimal> values = thresholds.current();
        return values.entrySet().stream()
                .map(e -> new ThresholdView(
                        e.getKey(),
                        e.getValue(),
                        e.getKey().defaultValue(),
                        e.getKey().min(),
                        e.getKey().max(),
                        e.getKey().description()))
                .toList();
    }

    @PUT
    @Path("/thresholds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Set some of the tenant's alert thresholds",
            description =
                    "Takes an object of threshold name to value, e.g. {\"OVERDUE_TASKS_PER_MANAGER\": 3}; the others keep "
                            + "their value. The next evaluation uses them. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "Every threshold after the change.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            implementation = ThresholdView.class,
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .ARRAY)))
    @APIResponse(
            responseCode = "400",
            description = "An unknown threshold or a value out of range; the problem names it.")
    public List<ThresholdView> setThresholds(Map<String, BigDecimal> changes) {
        if (changes == null || changes.isEmpty()) {
            throw ProblemException.invalidField("body", "name at least one threshold");
        }
        Map<Threshold, BigDecimal> valid = new EnumMap<>(Threshold.class);
        changes.forEach((name, value) -> {
            Threshold threshold;
            try {
                threshold = Threshold.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField(name, "is not a threshold");
            }
            if (value == null || value.compareTo(threshold.min()) < 0 || value.compareTo(threshold.max()) > 0) {
                throw ProblemException.invalidField(name, "must be from " + threshold.min() + " to " + threshold.max());
            }
            valid.put(threshold, value);
        });
        thresholds.set(valid);
        return thresholds();
    }
}
