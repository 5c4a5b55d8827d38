package com.salespulse.lead.roster;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class AbsenceRepository implements PanacheRepositoryBase<Absence, UUID> {

    /** The managers absent at {@code at}. */
    public Set<UUID> absentAt(Instant at) {
        return list("startsAt <= ?1 and endsAt > ?1", at).stream()
                .map(a -> a.managerId)
                .collect(Collectors.toSet());
    }

    public List<Absence> ofManager(UUID managerId) {
        return list("managerId", Sort.by("startsAt"), managerId);
    }
}
