package com.salespulse.lead.client;

import com.salespulse.lead.integration.Referable;
import com.salespulse.lead.integration.References;
import com.salespulse.problem.ref.ExternalRef;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<Client, UUID>, Referable {

    public Optional<Client> byExternalRef(String system, String id) {
        return find("externalSystem = ?1 and externalId = ?2", system, id).firstResultOptional();
    }

    /** The contacts of a client, in a stable order. */
    public List<ClientContact> contactsOf(UUID clientId) {
        return getEntityManager()
                .createQuery("from ClientContact where clientId = ?1 order by kind, value", ClientContact.class)
                .setParameter(1, clientId)
                .getResultList();
    }

    /** The first live (not merged) client with this normalized contact. */
    public Optional<Client> liveByContact(ClientContact.Kind kind, String value) {
        return getEntityManager()
                .createQuery("""
                select c from Client c where c.mergedIntoId is null and c.id in
                  (select cc.clientId from ClientContact cc where cc.kind = ?1 and cc.value = ?2)
                order by c.createdAt, c.id""", Client.class)
                .setParameter(1, kind)
                .setParameter(2, value)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    public void persistContact(ClientContact contact) {
        getEntityManager().persist(contact);
    }

    @Override
    public References.Kind kind() {
        return References.Kind.CLIENT;
    }

    @Override
    public Optional<UUID> idByRef(ExternalRef ref) {
        return byExternalRef(ref.externalSystem(), ref.externalId()).map(c -> c.id);
    }

    @Override
    public boolean exists(UUID id) {
        return findByIdOptional(id).isPresent();
    }
}
