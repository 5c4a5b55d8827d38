package com.salespulse.lead.client;

import com.salespulse.contract.lead.ClientCreated;
import com.salespulse.contract.lead.ClientUpdated;
import com.salespulse.contract.lead.ClientsMerged;
import com.salespulse.lead.integration.DryRun;
import com.salespulse.lead.integration.References;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ExternalRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The client base: creation (directly or at intake), lookup by normalized contact, merging. */
@ApplicationScoped
public class ClientService {

    private final ClientRepository clients;
    private final ClientLeads leads;
    private final Outbox outbox;
    private final Clock clock;
    private final References references;

    public ClientService(
            ClientRepository clients, ClientLeads leads, Outbox outbox, Clock clock, References references) {
        this.references = references;
        this.clients = clients;
        this.leads = leads;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A contact as given, with its normalized value. */
    public record Contact(ClientContact.Kind kind, String value, String raw) {}

    /** A client to create; {@code createdAt} is the business time (null: now). */
    public record NewClient(
            Client.Kind kind,
            String name,
            List<Contact> contacts,
            String externalSystem,
            String externalId,
            UUID createdFromLeadId,
            java.time.Instant createdAt) {

        public NewClient(
                Client.Kind kind,
                String name,
                List<Contact> contacts,
                String externalSystem,
                String externalId,
                UUID createdFromLeadId) {
            this(kind, name, contacts, externalSystem, externalId, createdFromLeadId, null);
        }
    }

    /** Stores a client with its contacts and emits {@code client-created}. */
    @Transactional
    public Client create(NewClient input) {
        if (input.externalSystem() != null
                && input.externalId() != null
                && clients.byExternalRef(input.externalSystem(), input.externalId())
                        .isPresent()) {
            throw ProblemException.conflict("A client with external reference " + input.externalSystem() + "/"
                    + input.externalId() + " exists: "
                    + clients.byExternalRef(input.externalSystem(), input.externalId())
                            .get()
                            .id);
        }
        Client client = new Client();
        client.id = UUID.randomUUID();
        client.kind = input.kind();
        client.name = input.name();
        client.externalSystem = input.externalSystem();
        client.externalId = input.externalId();
        client.createdAt = input.createdAt() == null ? clock.instant() : input.createdAt();
        clients.persist(client);
        List<Contact> distinct = input.contacts().stream().distinct().toList();
        List<ClientContact> rows = new ArrayList<>();
        for (Contact contact : distinct) {
            rows.add(addContact(client.id, contact));
        }
        outbox.emit(new ClientCreated(
                client.id,
                client.kind.name(),
                client.name,
                eventContacts(inStoredOrder(rows, client.id)),
                client.externalSystem,
                client.externalId,
                input.createdFromLeadId(),
                client.createdAt));
        return client;
    }

    /**
     * Merges {@code mergedId} into {@code survivorId}: contacts the survivor lacks and every lead move over, the
     * merged client stays as "merged into" the survivor. Emits one {@code clients-merged}.
     */
    @Transactional
    public Client merge(UUID survivorId, UUID mergedId, ExternalRef mergedRef, String reason) {
        Client survivorFound = live(survivorId, "Client " + survivorId);
        mergedId = references.resolve(References.Kind.CLIENT, "mergedClientId", mergedId, "mergedClientRef", mergedRef);
        if (mergedId == null) {
            throw ProblemException.invalidField(
                    "mergedClientId", "name the client merged away by mergedClientId or " + "mergedClientRef");
        }
        if (survivorId.equals(mergedId)) {
            throw ProblemException.invalidField("mergedClientId", "must differ from the surviving client");
        }
        Client survivor = survivorFound;
        Client merged = clients.findByIdOptional(mergedId)
                .orElseThrow(() -> ProblemException.invalidField("mergedClientId", "names no client of this tenant"));
        if (merged.mergedIntoId != null) {
            throw ProblemException.conflict("Client " + mergedId + " was already merged into " + merged.mergedIntoId);
        }
        List<ClientContact> before = clients.contactsOf(survivor.id);
        for (ClientContact contact : clients.contactsOf(merged.id)) {
            boolean known = before.stream().anyMatch(c -> c.kind == contact.kind && c.value.equals(contact.value));
            if (!known) {
                addContact(survivor.id, new Contact(contact.kind, contact.value, contact.raw));
            }
        }
        List<UUID> moved = leads.moveLeads(merged.id, survivor.id);
        merged.mergedIntoId = survivor.id;
        if (survivor.name == null) {
            survivor.name = merged.name;
        }
        clients.flush();
        outbox.emit(new ClientsMerged(
                survivor.id,
                merged.id,
                eventContacts(before),
                eventContacts(clients.contactsOf(survivor.id)),
                moved,
                reason,
                clock.instant()));
        return survivor;
    }

    /** What a client upsert did: the client, and whether it created it. */
    public record Upserted(Client client, List<ClientContact> contacts, boolean created) {}

    /**
     * Creates the client with this external reference unless the tenant has it; a known client is brought to the
     * state sent by the edit ({@link #update}: kind and name, and the contacts when {@code contactsGiven}, replaced as
     * a whole), which emits {@code client-updated} only when something changed, so the same state twice changes
     * nothing. A merge stays the head's call: a merged client is answered as stored. With {@code dryRun} the
     * change is checked and done, then rolled back.
     */
    @Transactional
    public Upserted upsert(NewClient input, boolean contactsGiven, boolean dryRun, DryRun dryRuns) {
        Optional<Client> known = clients.byExternalRef(input.externalSystem(), input.externalId());
        // a client merged into another is answered as stored: the survivor is edited by its own reference or id
        Client client = known.map(c -> c.mergedIntoId != null
                        ? c
                        : update(
                                c.id,
                                new Edit(
                                        c.version,
                                        input.kind(),
                                        input.name(),
                                        contactsGiven ? input.contacts() : null)))
                .orElseGet(() -> create(input));
        // read before a dry run rolls back: the answer is what the real call would answer
        Upserted result = new Upserted(client, clients.contactsOf(client.id), known.isEmpty());
        dryRuns.rollBackIf(dryRun);
        return result;
    }

    /** An edit of a client: each part null when left as it is; {@code contacts} replaces them all. */
    public record Edit(long version, Client.Kind kind, String name, List<Contact> contacts) {}

    /**
     * Edits a live client: kind, name, contacts (replaced as a whole). A contact another live client owns is refused
     * with 409 naming it (merging is the way to make two clients one), as intake links or refuses a duplicate. Emits
     * {@code client-updated} with before and after, in the same transaction; an edit that changes nothing emits
     * nothing.
     */
    @Transactional
    public Client update(UUID id, Edit edit) {
        Client client = live(id, "Client " + id);
        if (client.version != edit.version()) {
            throw ProblemException.conflict("Client " + id + " changed since version " + edit.version() + " (now "
                    + client.version + "); read it again");
        }
        List<ClientContact> before = clients.contactsOf(id);
        Client.Kind kindBefore = client.kind;
        String nameBefore = client.name;
        boolean changed = false;
        boolean contactsChanged = false;
        if (edit.kind() != null && edit.kind() != client.kind) {
            client.kind = edit.kind();
            changed = true;
        }
        if (edit.name() != null && !edit.name().equals(client.name)) {
            client.name = edit.name();
            changed = true;
        }
        if (edit.contacts() != null) {
            List<Contact> distinct = edit.contacts().stream().distinct().toList();
            for (int i = 0; i < edit.contacts().size(); i++) {
                Contact contact = edit.contacts().get(i);
                if (contact.kind() == ClientContact.Kind.MESSENGER) {
                    continue;
                }
                Optional<UUID> owner = clients.liveByContact(ContactMatch.of(contact.kind(), contact.value()));
                if (owner.isPresent() && !owner.get().equals(id)) {
                    String field = "contacts[" + i + "].value";
                    throw new ProblemException(
                            ProblemType.CONFLICT,
                            field + ": belongs to client " + owner.get() + "; merge the two clients instead",
                            List.of(new Problem.InvalidField(field, "belongs to client " + owner.get())));
                }
            }
            List<String> was = before.stream()
                    .map(c -> c.kind + " " + c.value + " " + c.raw)
                    .sorted()
                    .toList();
            List<String> now = distinct.stream()
                    .map(c -> c.kind() + " " + c.value() + " " + c.raw())
                    .sorted()
                    .toList();
            if (!was.equals(now)) {
                clients.deleteContacts(id);
                for (Contact contact : distinct) {
                    addContact(id, contact);
                }
                contactsChanged = true;
            }
        }
        if (!changed && !contactsChanged) {
            return client;
        }
        if (!changed) {
            // contacts are rows of their own: the client's version counts their change too
            clients.getEntityManager().lock(client, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        }
        clients.flush();
        outbox.emit(new ClientUpdated(
                client.id,
                kindBefore.name(),
                client.kind.name(),
                nameBefore,
                client.name,
                eventContacts(before),
                eventContacts(clients.contactsOf(id)),
                client.externalSystem,
                client.externalId,
                clock.instant()));
        return client;
    }

    /** One page of live clients and how many match in all. */
    @Transactional
    public ClientPage page(ClientRepository.Search search, SortOrder order, int page, int size) {
        long total = clients.count(search);
        return new ClientPage(clients.page(search, order, page, size), total);
    }

    public record ClientPage(List<Client> items, long total) {}

    @Transactional
    public Optional<Client> byRef(String system, String id) {
        return clients.byExternalRef(system, id);
    }

    @Transactional
    public Optional<Client> find(UUID id) {
        return clients.findByIdOptional(id);
    }

    /**
     * A client the caller may see: any of the tenant's for a head of sales or an integrator; for a manager, one they
     * hold a lead of, in any status and archived included (the leads they may read). A merged client's leads moved
     * to the client it was merged into, so a merged client is seen through that one.
     */
    @Transactional
    public Optional<Client> findVisible(UUID id, Optional<UUID> managerScope) {
        Optional<Client> found = clients.findByIdOptional(id);
        if (found.isEmpty() || managerScope.isEmpty()) {
            return found;
        }
        Client survivor = found.get();
        // merges form a chain, never a cycle; the bound only guards against a broken row
        for (int hops = 0; survivor.mergedIntoId != null && hops < 100; hops++) {
            survivor = clients.findById(survivor.mergedIntoId);
        }
        return leads.anyOfClientHeldBy(survivor.id, managerScope.get()) ? found : Optional.empty();
    }

    @Transactional
    public List<ClientContact> contactsOf(UUID id) {
        return clients.contactsOf(id);
    }

    private Client live(UUID id, String what) {
        Client client = clients.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound(what));
        if (client.mergedIntoId != null) {
            throw ProblemException.conflict(what + " was merged into " + client.mergedIntoId);
        }
        return client;
    }

    private ClientContact addContact(UUID clientId, Contact contact) {
        ClientContact row = new ClientContact();
        row.id = UUID.randomUUID();
        row.clientId = clientId;
        row.kind = contact.kind();
        row.value = Objects.requireNonNull(contact.value());
        row.raw = contact.raw();
        clients.persistContact(row);
        return row;
    }

    /**
     * The contacts just written, in {@link ClientRepository#contactsOf}'s order (kind, then value): sorted here when
     * no two share a kind (an intake's phone and e-mail), read back otherwise (the database's collation orders values).
     */
    private List<ClientContact> inStoredOrder(List<ClientContact> rows, UUID clientId) {
        if (rows.stream().map(c -> c.kind).distinct().count() < rows.size()) {
            return clients.contactsOf(clientId);
        }
        return rows.stream().sorted(Comparator.comparing(c -> c.kind.name())).toList();
    }

    private static List<ClientCreated.ClientContact> eventContacts(List<ClientContact> contacts) {
        return contacts.stream()
                .map(c -> new ClientCreated.ClientContact(c.kind.name(), c.value, c.raw))
                .toList();
    }
}
