package com.salespulse.lead.integration;

import com.salespulse.problem.ref.ExternalRef;
import java.util.Optional;
import java.util.UUID;

/**
 * An entity kind a body may name by id or by external reference; each feature's repository answers for its own kind,
 * so {@link References} needs no feature package.
 */
public interface Referable {

    References.Kind kind();

    /** The id of the entity with this reference in the caller's tenant. */
    Optional<UUID> idByRef(ExternalRef ref);

    /** Whether this id names an entity of the caller's tenant. */
    boolean exists(UUID id);
}
