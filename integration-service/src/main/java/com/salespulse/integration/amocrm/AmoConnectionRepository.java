package com.salespulse.integration.amocrm;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * amoCRM connections. Reads for a caller name the tenant (this service has no ambient tenant filter: the worker and
 * the webhook intake serve every tenant's connections), so the tenant is a genuine parameter here.
 */
@ApplicationScoped
public class AmoConnectionRepository implements PanacheRepositoryBase<AmoConnection, UUID> {

    public Optional<AmoConnection> findOfTenant(String tenant, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenant).firstResultOptional();
    }

    public List<AmoConnection> listOfTenant(String tenant) {
        return list("tenantId = ?1 order by createdAt", tenant);
    }

    public boolean systemTaken(String tenant, String externalSystem) {
        return count("tenantId = ?1 and externalSystem = ?2", tenant, externalSystem) > 0;
    }
}
