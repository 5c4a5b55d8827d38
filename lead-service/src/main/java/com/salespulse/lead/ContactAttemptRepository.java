package com.salespulse.lead;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ContactAttemptRepository implements PanacheRepositoryBase<ContactAttempt, UUID> {

    public List<ContactAttempt> ofLead(UUID leadId) {
        return list("leadId", Sort.by("attemptNumber"), leadId);
    }

    public Optional<ContactAttempt> byExternalRef(String system, String id) {
        return find("externalSystem = ?1 and externalId = ?2", system, id).firstResultOptional();
    }
}
