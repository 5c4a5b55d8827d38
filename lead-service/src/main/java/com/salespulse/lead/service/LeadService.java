package com.salespulse.lead.service;

import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.salespulse.contract.lead.LeadArchived;
import com.salespulse.contract.lead.LeadContactAttempted;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.contract.lead.LeadRestored;
import com.salespulse.contract.lead.LeadStatusChanged;
import com.salespulse.contract.lead.LeadUpdated;
import com.salespulse.lead.ContactAttempt;
import com.salespulse.lead.ContactAttemptRepository;
import com.salespulse.problem.Currencies;
import com.salespulse.lead.Lead;
import com.salespulse.lead.LeadRepository;
import com.salespulse.lead.RejectionReasons;
import com.salespulse.lead.assignment.Distributor;
import com.salespulse.lead.assignment.LeadAssignments;
import com.salespulse.lead.client.Client;
import com.salespulse.lead.client.ClientContact;
import com.salespulse.lead.client.ClientService;
import com.salespulse.lead.client.ContactNormalizer;
import com.salespulse.lead.roster.AbsenceRepository;
import com.salespulse.lead.roster.Manager;
import com.salespulse.lead.roster.ManagerRepository;
import com.salespulse.lead.settings.TenantSettings;
import com.salespulse.lead.settings.TenantSettingsRepository;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.NilUuid;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;

/** The lead lifecycle: intake, contact details, status, contact attempts, assignment, conversion, archiving. */
@ApplicationScoped
public class LeadService {

    private static final Logger LOG = Logger.getLogger(LeadService.class);

    static final String NO_SUCH_MANAGER = "names no manager of this tenant";

    private final LeadRepository leads;
    private final ContactAttemptRepository attempts;
    private final ManagerRepository managers;
    private final AbsenceRepository absences;
    private final TenantSettingsRepository settings;
    private final ContactNormalizer normalizer;
    private final ClientService clients;
    private final Distributor distributor;
    private final LeadAssignments assignments;
    private final Outbox outbox;
    private final Clock clock;

    public LeadService(LeadRepository leads, ContactAttemptRepository attempts, ManagerRepository managers,
            AbsenceRepository absences, TenantSettingsRepository settings, ContactNormalizer normalizer,
            ClientService clients, Distributor distributor, LeadAssignments assignments, Outbox outbox, Clock clock) {
        this.leads = leads;
        this.attempts = attempts;
        this.managers = managers;
        this.absences = absences;
        this.settings = settings;
        this.normalizer = normalizer;
        this.clients = clients;
        this.distributor = distributor;
        this.assignments = assignments;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What intake needs to create a lead, already validated field by field. */
    public record NewLead(String source, String channel, String campaign, LeadCreated.Utm utm, String clientName,
            String phone, String email, String comment, UUID managerId, String externalSystem, String externalId) {

        /** The first intake shape: source, contact, comment and an optional manager. */
        public NewLead(String source, String clientName, String phone, String email, String comment, UUID managerId) {
            this(source, null, null, null, clientName, phone, email, comment, managerId, null, null);
        }
    }

    /**
     * Stores the lead and its {@code LeadCreated} event in one transaction: contacts normalized, duplicates linked
     * to the existing client and flagged (or refused, by tenant setting), the owner chosen by the tenant's rule
     * unless one is named; when nobody qualifies the lead waits unassigned.
     *
     * @throws DuplicateLeadException when the tenant refuses duplicates, or the external reference is known
     */
    @Transactional
    public Lead create(String tenant, String actor, NewLead input) {
        return intake(tenant, actor, input);
    }

    /** One item of a batch: the lead taken in, or the duplicate refused (by the tenant's policy or external reference). */
    public record Intake(Lead lead, DuplicateLeadException refused) {
    }

    /**
     * Takes in every lead or none, in one transaction: a refused item (a field, an unknown manager, a value the
     * database will not store) refuses the batch with its fields named {@code items[i].field}. A duplicate the
     * tenant refuses is not a refusal of the batch: that item is answered as such and the others are taken in.
     */
    @Transactional
    public List<Intake> createAll(String tenant, String actor, List<NewLead> inputs) {
        List<Intake> taken = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            String item = "items[" + i + "]";
            try {
                Lead lead = intake(tenant, actor, inputs.get(i));
                // written now, so that a row the database refuses is refused as this item
                leads.flush();
                taken.add(new Intake(lead, null));
            } catch (DuplicateLeadException e) {
                // thrown before anything of the item is written
                taken.add(new Intake(null, e));
            } catch (ProblemException e) {
                throw within(item, e);
            } catch (PersistenceException e) {
                throw refusedByTheDatabase(item, e);
            }
        }
        return taken;
    }

    // not intercepted: a refused duplicate thrown from here does not mark a batch's transaction for rollback
    private Lead intake(String tenant, String actor, NewLead input) {
        TenantSettings tenantSettings = settings.current();
        Instant now = clock.instant();
        String phone = normalizer.phone(input.phone(), tenantSettings.phoneRegion, "phone");
        String email = normalizer.email(input.email());
        String externalSystem = blankToNull(input.externalSystem());
        String externalId = blankToNull(input.externalId());
        if ((externalSystem == null) != (externalId == null)) {
            throw ProblemException.invalidField(externalSystem == null ? "externalSystem" : "externalId",
                    "externalSystem and externalId come together");
        }
        if (externalSystem != null) {
            Optional<Lead> known = leads.find("externalSystem = ?1 and externalId = ?2", externalSystem, externalId)
                    .firstResultOptional();
            if (known.isPresent()) {
                throw new DuplicateLeadException("A lead with external reference " + externalSystem + "/" + externalId
                        + " exists: " + known.get().id, leadUri(known.get().id));
            }
        }
        Optional<Lead> sameContactLead = leads.openWithContact(phone, email);
        Optional<Client> sameContactClient = clients.matching(phone, email);
        boolean duplicate = sameContactLead.isPresent() || sameContactClient.isPresent();
        if (duplicate && tenantSettings.duplicatePolicy == TenantSettings.DuplicatePolicy.REFUSE) {
            URI existing = sameContactLead.map(l -> leadUri(l.id))
                    .orElseGet(() -> URI.create("/api/v1/clients/" + sameContactClient.get().id));
            throw new DuplicateLeadException("The phone or e-mail belongs to an existing card: " + existing, existing);
        }

        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.tenantId = tenant;
        lead.source = input.source().trim();
        lead.channel = blankToNull(input.channel());
        lead.campaign = blankToNull(input.campaign());
        if (input.utm() != null) {
            lead.utmSource = blankToNull(input.utm().source());
            lead.utmMedium = blankToNull(input.utm().medium());
            lead.utmCampaign = blankToNull(input.utm().campaign());
            lead.utmTerm = blankToNull(input.utm().term());
            lead.utmContent = blankToNull(input.utm().content());
        }
        lead.clientName = blankToNull(input.clientName());
        lead.phone = blankToNull(input.phone());
        lead.email = blankToNull(input.email());
        lead.phoneNormalized = phone;
        lead.emailNormalized = email;
        lead.comment = blankToNull(input.comment());
        lead.externalSystem = externalSystem;
        lead.externalId = externalId;
        lead.duplicate = duplicate;
        lead.duplicateOfLeadId = sameContactLead.map(l -> l.id).orElse(null);
        lead.status = Lead.Status.NEW;
        lead.createdAt = now;
        lead.lastChangedAt = now;

        String mode = assignAtIntake(tenant, lead, input.managerId(), tenantSettings, now);

        lead.clientId = sameContactClient.map(c -> c.id)
                .or(() -> sameContactLead.map(l -> l.clientId))
                .orElse(null);
        if (lead.clientId == null) {
            // a new client first, so the lead row is written once, already linked (version 0)
            List<ClientService.Contact> contacts = new ArrayList<>();
            if (phone != null) {
                contacts.add(new ClientService.Contact(ClientContact.Kind.PHONE, phone, lead.phone));
            }
            if (email != null) {
                contacts.add(new ClientService.Contact(ClientContact.Kind.EMAIL, email, lead.email));
            }
            lead.clientId = clients.create(tenant, actor, new ClientService.NewClient(Client.Kind.PERSON,
                    lead.clientName, contacts, null, null, lead.id)).id;
        }
        leads.persist(lead);
        leads.flush();
        outbox.emit(tenant, actor, new LeadCreated(lead.id, lead.source, lead.managerId, lead.clientName, lead.phone,
                lead.email, lead.createdAt, lead.channel, lead.campaign, utm(lead), lead.clientId, lead.teamId,
                lead.duplicate, lead.duplicateOfLeadId, mode, lead.phoneNormalized, lead.emailNormalized, lead.comment,
                lead.externalSystem, lead.externalId, lead.status.name()));
        return lead;
    }

    /** Sets the owner at intake; answers the distribution mode used, or null when the lead is queued. */
    private String assignAtIntake(String tenant, Lead lead, UUID named, TenantSettings tenantSettings, Instant now) {
        Manager owner;
        String mode;
        if (named != null) {
            owner = managers.findByIdOptional(named)
                    .orElseThrow(() -> ProblemException.invalidField("managerId", NO_SUCH_MANAGER));
            requireAvailable(owner, now, "managerId");
            mode = LeadAssignments.Mode.MANUAL.name();
        } else {
            distributor.lockTenant(tenant);
            Optional<Manager> chosen = distributor.choose(tenantSettings, now);
            if (chosen.isEmpty()) {
                return null;
            }
            owner = chosen.get();
            owner.lastAssignedAt = now;
            mode = tenantSettings.distributionMode.name();
        }
        lead.managerId = owner.id;
        lead.teamId = owner.teamId;
        lead.assignedAt = now;
        return mode;
    }

    private void requireAvailable(Manager manager, Instant now, String field) {
        if (manager.dismissed()) {
            throw ProblemException.invalidField(field, "manager " + manager.id + " was dismissed");
        }
        if (absences.absentAt(now).contains(manager.id)) {
            throw ProblemException.invalidField(field, "manager " + manager.id + " is absent");
        }
    }

    /** New contact details; a null field keeps its value. */
    public record LeadChanges(long expectedVersion, String clientName, String phone, String email, String comment) {
    }

    /**
     * Changes a lead's contact details and emits {@code salespulse.lead.updated} with the details before and after,
     * in one transaction. Nothing changes and nothing is emitted when the new values equal the old ones.
     *
     * @return the lead as it is now, or empty when the caller may not see it
     * @throws ProblemException 409 when the lead's version is no longer {@code expectedVersion}
     */
    @Transactional
    public Optional<Lead> update(String tenant, String actor, UUID id, Optional<UUID> managerScope, LeadChanges changes) {
        Optional<Lead> found = leads.findVisible(id, managerScope);
        if (found.isEmpty()) {
            return found;
        }
        Lead lead = found.get();
        checkVersion(lead, changes.expectedVersion());
        LeadUpdated.LeadDetails before = details(lead);
        lead.clientName = keepOrReplace(lead.clientName, changes.clientName());
        lead.phone = keepOrReplace(lead.phone, changes.phone());
        lead.email = keepOrReplace(lead.email, changes.email());
        lead.comment = keepOrReplace(lead.comment, changes.comment());
        if (lead.phone == null && lead.email == null) {
            throw ProblemException.invalidField("email", "a lead keeps a phone or an e-mail; this would remove the last");
        }
        LeadUpdated.LeadDetails after = details(lead);
        if (!before.equals(after)) {
            lead.phoneNormalized = normalizer.phone(lead.phone, settings.current().phoneRegion, "phone");
            lead.emailNormalized = normalizer.email(lead.email);
            lead.lastChangedAt = clock.instant();
            // flush now so the version in the event is the one the row gets
            leads.flush();
            outbox.emit(tenant, actor, new LeadUpdated(lead.id, before, after, lead.version));
        }
        return Optional.of(lead);
    }

    /**
     * Moves a lead in its lifecycle (not to CONVERTED: that is {@link #convert}). A rejection needs a reason code from
     * the catalogue.
     *
     * @throws ProblemException 409 listing the allowed statuses when the move is not allowed
     */
    @Transactional
    public Optional<Lead> changeStatus(String tenant, String actor, UUID id, Optional<UUID> managerScope,
            Lead.Status to, String reasonCode, String comment) {
        Optional<Lead> found = leads.findVisible(id, managerScope);
        if (found.isEmpty()) {
            return found;
        }
        Lead lead = found.get();
        requireNotArchived(lead);
        if (to == Lead.Status.CONVERTED) {
            throw ProblemException.invalidField("status", "use POST /api/v1/leads/{id}/convert to convert a lead");
        }
        requireAllowed(lead, to);
        if (to == Lead.Status.REJECTED) {
            if (reasonCode == null || reasonCode.isBlank()) {
                throw ProblemException.invalidField("reasonCode", "a rejection needs a reason from the catalogue");
            }
            if (RejectionReasons.byCode(reasonCode).isEmpty()) {
                throw ProblemException.invalidField("reasonCode", "is not in the catalogue (GET /api/v1/rejection-reasons)");
            }
        } else if (reasonCode != null) {
            throw ProblemException.invalidField("reasonCode", "only a rejection takes a reason code");
        }
        Lead.Status before = lead.status;
        lead.status = to;
        lead.rejectionReason = to == Lead.Status.REJECTED ? reasonCode : null;
        lead.statusComment = blankToNull(comment);
        lead.lastChangedAt = clock.instant();
        leads.flush();
        outbox.emit(tenant, actor, new LeadStatusChanged(lead.id, before.name(), to.name(), lead.rejectionReason,
                lead.statusComment, lead.managerId, lead.teamId, lead.source, lead.version, lead.lastChangedAt));
        return Optional.of(lead);
    }

    /** Records a contact attempt; the lead becomes unreached when failed attempts reach the tenant's threshold. */
    @Transactional
    public Optional<ContactAttempt> recordAttempt(String tenant, String actor, UUID id, Optional<UUID> managerScope,
            ContactAttempt.Outcome outcome, String comment) {
        Optional<Lead> found = leads.findVisible(id, managerScope);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Lead lead = found.get();
        requireNotArchived(lead);
        if (!lead.status.open()) {
            throw ProblemException.conflict("Lead " + id + " is " + lead.status + "; contact attempts are for open leads");
        }
        int threshold = settings.current().unreachedThreshold;
        Instant now = clock.instant();
        int failedBefore = lead.failedAttempts;
        boolean unreachedBefore = lead.unreached;
        lead.contactAttempts++;
        if (outcome.failed()) {
            lead.failedAttempts++;
            lead.unreached = lead.failedAttempts >= threshold;
        } else {
            lead.unreached = false;
        }
        lead.lastChangedAt = now;
        ContactAttempt attempt = new ContactAttempt();
        attempt.id = UUID.randomUUID();
        attempt.tenantId = tenant;
        attempt.leadId = lead.id;
        attempt.outcome = outcome;
        attempt.attemptNumber = lead.contactAttempts;
        attempt.comment = blankToNull(comment);
        attempt.managerId = lead.managerId;
        attempt.attemptedAt = now;
        attempts.persist(attempt);
        leads.flush();
        outbox.emit(tenant, actor, new LeadContactAttempted(lead.id, attempt.id, outcome.name(), attempt.attemptNumber,
                failedBefore, lead.failedAttempts, unreachedBefore, lead.unreached, !unreachedBefore && lead.unreached,
                threshold, attempt.comment, lead.managerId, lead.teamId, lead.version, now));
        return Optional.of(attempt);
    }

    @Transactional
    public List<ContactAttempt> attemptsOf(UUID leadId) {
        return attempts.ofLead(leadId);
    }

    public record Conversion(UUID pipelineId, java.math.BigDecimal expectedAmount, String currency,
            UUID referredByClientId, String comment) {
    }

    /** QUALIFIED → CONVERTED; emits {@code lead.converted}, from which deal-service opens the deal. */
    @Transactional
    public Optional<Lead> convert(String tenant, String actor, UUID id, Optional<UUID> managerScope, Conversion input) {
        Optional<Lead> found = leads.findVisible(id, managerScope);
        if (found.isEmpty()) {
            return found;
        }
        Lead lead = found.get();
        requireNotArchived(lead);
        requireAllowed(lead, Lead.Status.CONVERTED);
        if (lead.managerId == null) {
            throw ProblemException.conflict("Lead " + id + " has no manager: assign it before converting");
        }
        if ((input.expectedAmount() == null) != (input.currency() == null)) {
            throw ProblemException.invalidField(input.currency() == null ? "currency" : "expectedAmount",
                    "expectedAmount and currency come together");
        }
        if (input.currency() != null && !Currencies.isReal(input.currency())) {
            throw ProblemException.invalidField("currency", "must be the ISO 4217 code of a real currency, such as RUB");
        }
        NilUuid.refuse("pipelineId", input.pipelineId());
        if (input.referredByClientId() != null && clients.find(input.referredByClientId()).isEmpty()) {
            throw ProblemException.invalidField("referredByClientId", "names no client of this tenant");
        }
        Lead.Status before = lead.status;
        Instant now = clock.instant();
        lead.status = Lead.Status.CONVERTED;
        lead.pipelineId = input.pipelineId();
        lead.convertedAt = now;
        lead.statusComment = blankToNull(input.comment());
        lead.lastChangedAt = now;
        leads.flush();
        outbox.emit(tenant, actor, new LeadConverted(lead.id, lead.clientId, lead.managerId, lead.pipelineId,
                lead.source, lead.clientName, input.expectedAmount(), input.currency(), input.referredByClientId(),
                lead.statusComment, before.name(), lead.version, now));
        return Optional.of(lead);
    }

    /** Gives a lead to a manager by hand; a lead that had an owner needs a reason. */
    @Transactional
    public Optional<Lead> reassign(String tenant, String actor, UUID id, UUID managerId, String reason) {
        Optional<Lead> found = leads.findVisible(id, Optional.empty());
        if (found.isEmpty()) {
            return found;
        }
        Lead lead = found.get();
        requireNotArchived(lead);
        if (!lead.status.open()) {
            throw ProblemException.conflict("Lead " + id + " is " + lead.status + "; only open leads change owner");
        }
        if (managerId.equals(lead.managerId)) {
            return found;
        }
        if (lead.managerId != null && (reason == null || reason.isBlank())) {
            throw ProblemException.invalidField("reason", "reassigning a lead needs a reason");
        }
        Manager to = managers.findByIdOptional(managerId)
                .orElseThrow(() -> ProblemException.invalidField("managerId", NO_SUCH_MANAGER));
        requireAvailable(to, clock.instant(), "managerId");
        LeadAssignments.Trigger trigger = lead.managerId == null ? LeadAssignments.Trigger.QUEUE_DRAIN
                : LeadAssignments.Trigger.REASSIGNMENT;
        assignments.assign(tenant, actor, lead, to, LeadAssignments.Mode.MANUAL, trigger, blankToNull(reason), null);
        return found;
    }

    /**
     * Gives queued leads, oldest first, to the managers who qualify now. Stops at the first lead nobody can take.
     *
     * @return how many leads were assigned
     */
    @Transactional
    public int drainQueue(String tenant, String actor) {
        TenantSettings tenantSettings = settings.current();
        if (tenantSettings.distributionMode == TenantSettings.DistributionMode.MANUAL) {
            return 0;
        }
        distributor.lockTenant(tenant);
        int assigned = 0;
        for (Lead lead : leads.queue(500)) {
            Optional<Manager> chosen = distributor.choose(tenantSettings, clock.instant());
            if (chosen.isEmpty()) {
                break;
            }
            LeadAssignments.Mode mode = LeadAssignments.Mode.valueOf(tenantSettings.distributionMode.name());
            assignments.assign(tenant, actor, lead, chosen.get(), mode, LeadAssignments.Trigger.QUEUE_DRAIN, null, null);
            assigned++;
        }
        return assigned;
    }

    @Transactional
    public Optional<Lead> archive(String tenant, String actor, UUID id, String reason) {
        Optional<Lead> found = leads.findVisible(id, Optional.empty());
        found.ifPresent(lead -> {
            if (lead.archivedAt != null) {
                throw ProblemException.conflict("Lead " + id + " is already archived");
            }
            archive(tenant, actor, lead, "MANUAL", blankToNull(reason));
        });
        return found;
    }

    /** Archives every open lead with no change for the tenant's stale days. */
    @Transactional
    public int archiveStale(String tenant, String actor) {
        int days = settings.current().staleDays;
        Instant before = clock.instant().minus(Duration.ofDays(days));
        List<Lead> stale = leads.staleSince(before);
        stale.forEach(lead -> archive(tenant, actor, lead, "STALE_RULE", "no change for " + days + " days"));
        return stale.size();
    }

    private void archive(String tenant, String actor, Lead lead, String trigger, String reason) {
        Instant lastChanged = lead.lastChangedAt;
        Instant now = clock.instant();
        lead.archivedAt = now;
        lead.lastChangedAt = now;
        leads.flush();
        outbox.emit(tenant, actor, new LeadArchived(lead.id, trigger, reason, lead.status.name(), lead.managerId,
                lastChanged, lead.version, now));
    }

    @Transactional
    public Optional<Lead> restore(String tenant, String actor, UUID id, String reason) {
        Optional<Lead> found = leads.findVisible(id, Optional.empty());
        found.ifPresent(lead -> {
            if (lead.archivedAt == null) {
                throw ProblemException.conflict("Lead " + id + " is not archived");
            }
            Instant archivedAt = lead.archivedAt;
            Instant now = clock.instant();
            lead.archivedAt = null;
            lead.lastChangedAt = now;
            leads.flush();
            outbox.emit(tenant, actor, new LeadRestored(lead.id, lead.status.name(), blankToNull(reason), lead.managerId,
                    archivedAt, lead.version, now));
        });
        return found;
    }

    /** A lead the caller may see: in their tenant, and their own when they are a manager. */
    @Transactional
    public Optional<Lead> find(UUID id, Optional<UUID> managerScope) {
        return leads.findVisible(id, managerScope);
    }

    public record LeadPage(List<Lead> items, int page, int size, long total) {
    }

    @Transactional
    public LeadPage list(LeadRepository.Filter filter, int page, int size) {
        return new LeadPage(leads.list(filter, page, size), page, size, leads.count(filter));
    }

    private static void requireAllowed(Lead lead, Lead.Status to) {
        List<Lead.Status> allowed = lead.status.next();
        if (!allowed.contains(to)) {
            String list = allowed.isEmpty() ? "none, " + lead.status + " is final"
                    : String.join(", ", allowed.stream().map(Enum::name).toList());
            throw new ProblemException(ProblemType.CONFLICT, "A lead in " + lead.status + " cannot become " + to
                    + "; allowed: " + list, List.of(new Problem.InvalidField("status", "allowed from " + lead.status
                            + ": " + list)));
        }
    }

    private static void requireNotArchived(Lead lead) {
        if (lead.archivedAt != null) {
            throw ProblemException.conflict("Lead " + lead.id + " is archived: restore it first");
        }
    }

    private static void checkVersion(Lead lead, long expected) {
        if (lead.version != expected) {
            throw ProblemException.conflict("Lead " + lead.id + " is at version " + lead.version + ", not " + expected
                    + ": read it again and retry");
        }
    }

    private static LeadCreated.Utm utm(Lead lead) {
        if (lead.utmSource == null && lead.utmMedium == null && lead.utmCampaign == null && lead.utmTerm == null
                && lead.utmContent == null) {
            return null;
        }
        return new LeadCreated.Utm(lead.utmSource, lead.utmMedium, lead.utmCampaign, lead.utmTerm, lead.utmContent);
    }

    private static LeadUpdated.LeadDetails details(Lead lead) {
        return new LeadUpdated.LeadDetails(lead.clientName, lead.phone, lead.email, lead.comment);
    }

    private static URI leadUri(UUID id) {
        return URI.create("/api/v1/leads/" + id);
    }

    private static String keepOrReplace(String current, String replacement) {
        return replacement == null ? current : blankToNull(replacement);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A refusal of one batch item, its fields named from the item: {@code phone} becomes {@code items[1].phone}. */
    private static ProblemException within(String item, ProblemException e) {
        Problem problem = e.toProblem();
        List<Problem.InvalidField> fields = problem.invalidFields() == null || problem.invalidFields().isEmpty()
                ? List.of(new Problem.InvalidField(item, problem.detail()))
                : problem.invalidFields().stream()
                        .map(f -> new Problem.InvalidField(item + "." + f.field(), f.message())).toList();
        ProblemType type = problem.status() == ProblemType.CONFLICT.status() ? ProblemType.CONFLICT
                : ProblemType.INVALID_REQUEST;
        return new ProblemException(type, item + ": " + problem.detail(), fields);
    }

    /**
     * A row of one batch item refused by PostgreSQL. A data exception (class 22, e.g. a character it cannot store)
     * or a broken constraint (class 23) is the item's content: 400 naming the item (409 for a unique key another
     * writer took meanwhile). Anything else is the server's and stays a 5xx; either way the transaction rolls back.
     */
    private static RuntimeException refusedByTheDatabase(String item, PersistenceException e) {
        String state = sqlState(e);
        if (state == null || !(state.startsWith("22") || state.startsWith("23"))) {
            return e;
        }
        LOG.warnf("The database refused %s of a lead batch (SQL state %s); nothing of the batch was stored", item, state);
        if (state.equals("23505")) {
            return new ProblemException(ProblemType.CONFLICT, item + " collides with a card written meanwhile; nothing "
                    + "was stored", List.of(new Problem.InvalidField(item, "collides with a card written meanwhile")));
        }
        return new ProblemException(ProblemType.INVALID_REQUEST, item + " holds a value that cannot be stored; nothing "
                + "was stored", List.of(new Problem.InvalidField(item, "holds a value that cannot be stored")));
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
