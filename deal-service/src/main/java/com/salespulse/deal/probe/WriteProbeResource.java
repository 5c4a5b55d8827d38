package com.salespulse.deal.probe;

import com.salespulse.problem.ProblemException;
import com.salespulse.security.ActingScope;
import com.salespulse.security.Roles;
import com.salespulse.security.ServiceWide;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The write-path reference of issue 16: the least a write costs in this service (HTTP, the token check every
 * endpoint has, one Hibernate insert, one commit), so a benchmark can measure deal opening as a ratio to it in the
 * same run. No body, so nothing of it is parsing; off unless {@code salespulse.write-probe.enabled} is on, so a
 * production table does not grow by an ops script's mistake.
 */
@Path("/api/v1/ops/write-probe")
@Tag(name = "Operations", description = "Technical endpoints")
@Produces(MediaType.APPLICATION_JSON)
@ServiceWide // an ops token may name no tenant
public class WriteProbeResource {

    private final EntityManager entities;
    private final ActingScope acting;
    private final Clock clock;
    private final boolean enabled;

    public WriteProbeResource(
            EntityManager entities,
            ActingScope acting,
            Clock clock,
            @ConfigProperty(name = "salespulse.write-probe.enabled", defaultValue = "false") boolean enabled) {
        this.entities = entities;
        this.acting = acting;
        this.clock = clock;
        this.enabled = enabled;
    }

    @POST
    @RolesAllowed(Roles.OPS)
    @Transactional
    @Operation(
            summary = "Write one probe row (the write-path reference)",
            description = "Inserts one row into write_probe in one transaction and answers nothing: the reference "
                    + "the write-path benchmark sets deal opening beside. Off (404) unless the service runs with "
                    + "salespulse.write-probe.enabled=true. Role: ops.")
    @APIResponse(responseCode = "204", description = "The row is written.")
    @APIResponse(responseCode = "404", description = "The probe is off.")
    public void write() {
        if (!enabled) {
            throw ProblemException.notFound("The write probe (salespulse.write-probe.enabled is off)");
        }
        WriteProbe row = new WriteProbe();
        row.id = UUID.randomUUID();
        row.tenantId = acting.tenant();
        row.writtenAt = clock.instant();
        entities.persist(row);
    }
}
