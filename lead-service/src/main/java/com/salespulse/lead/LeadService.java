package com.salespulse.lead;

import com.salespulse.contract.lead.LeadArchived;
import com.salespulse.contract.lead.LeadContactAttempted;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.contract.lead.LeadRestored;
import com.salespulse.contract.lead.LeadStatusChanged;
import com.salespulse.contract.lead.LeadUpdated;
import com.salespulse.lead.client.Client;
import com.salespulse.lead.client.ClientContact;
import com.salespulse.lead.client.ClientService;
import com.salespulse.lead.client.ContactMatch;
import com.salespulse.lead.client.ContactNormalizer;
import com.salespulse.lead.integration.DryRun;
import com.salespulse.lead.integration.References;
import com.salespulse.lead.roster.AbsenceRepository;
import com.salespulse.lead.roster.Distributor;
import com.salespulse.lead.roster.Manager;
import com.salespulse.lead.roster.ManagerRepository;
import com.salespulse.lead.settings.TenantSettings;
import com.salespulse.lead.settings.TenantSettingsRepository;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.Currencies;
import com.salespulse.problem.NilUuid;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.problem.time.BusinessTime;
import com.salespulse.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

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
    private final BusinessTime time;
    private final References references;
    private final DryRun dryRuns;

    private final RejectionReasonService rejectionReasons;

    public LeadService(
            LeadRepository leads,
            ContactAttemptRepository attempts,
            ManagerRepository managers,
            AbsenceRepository absences,
            TenantSettingsRepository settings,
            ContactNormalizer normalizer,
            ClientService clients,
            Distributor distributor,
            LeadAssignments assignments,
            Outbox outbox,
            Clock clock,
            References references,
            DryRun dryRuns,
            RejectionReasonService rejectionReasons) {
        this.rejectionReasons = rejectionReasons;
        this.time = new BusinessTime(clock);
        this.references = references;
        this.dryRuns = dryRuns;
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
    public record NewLead(
            String source,
            String channel,
            String campaign,
            LeadCreated.Utm utm,
            String clientName,
            String phone,
            String email,
            String comment,
            UUID managerId,
            String externalSystem,
            String externalId,
            ExternalRef managerRef,
            UUID clientId,
            ExternalRef clientRef,
            Instant occurredAt) {

        /** The first intake shape: source, contact, comment and an optional manager. */
        public NewLead(String source, String clientName, String phone, String email, String comment, UUID managerId) {
            this(
                    source,
                    null,
                    null,
                    null,
                    clientName,
                    phone,
                    email,
                    comment,
                    managerId,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }

        NewLead withReference(ExternalRef ref) {
            return new NewLead(
                    source,
                    channel,
                    campaign,
                    utm,
                    clientName,
                    phone,
                    email,
                    comment,
                    managerId,
                    ref.externalSystem(),
                    ref.externalId(),
                    managerRef,
                    clientId,
                    clientRef,
                    occurredAt);
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
    public Lead create(NewLead input) {
        return intake(input, true, false);
    }

    /** One item of a batch: the lead taken in, or the duplicate refused (by the tenant's policy or external reference). */
    public record Intake(Lead lead, DuplicateLeadException refused) {}

    /**
     * Takes in every lead or none, in one transaction: a refused item (a field, an unknown manager, a value the
     * database will not store) refuses the batch with its fields named {@code items[i].field}. A duplicate the
     * tenant refuses is not a refusal of the batch: that item is answered as such and the others are taken in.
     */
    @Transactional
    public List<Intake> createAll(List<NewLead> inputs) {
        List<Intake> taken = new ArrayList<>();
        // a batch may claim several managers: it takes the tenant's lock before the first (see Distributor)
        distributor.lockTenant();
        for (int i = 0; i < inputs.size(); i++) {
            String item = "items[" + i + "]";
            try {
                Lead lead = intake(inputs.get(i), true, true);
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
    private Lead intake(NewLead input, boolean distribute, boolean holdingTenantLock) {
        TenantSettings tenantSettings = settings.current();
        Instant now = clock.instant();
        Instant at = time.of(input.occurredAt());
        UUID namedManager = references.resolve(
                References.Kind.MANAGER, "managerId", input.managerId(), "managerRef", input.managerRef());
        UUID namedClient = references.resolve(
                References.Kind.CLIENT, "clientId", input.clientId(), "clientRef", input.clientRef());
        String phone = normalizer.phone(input.phone(), tenantSettings.phoneRegion, "phone");
        String email = normalizer.email(input.email());
        String externalSystem = blankToNull(input.externalSystem());
        String externalId = blankToNull(input.externalId());
        References.requirePair(externalSystem, externalId, "externalSystem", "externalId");
        if (externalSystem != null) {
            Optional<Lead> known = leads.find("externalSystem = ?1 and externalId = ?2", externalSystem, externalId)
                    .firstResultOptional();
            if (known.isPresent()) {
                throw new DuplicateLeadException(
                        "A lead with external reference " + externalSystem + "/" + externalId + " exists: "
                                + known.get().id,
                        leadUri(known.get().id));
            }
        }
        ContactMatch sameContact = new ContactMatch(phone, email);
        LeadRepository.Duplicates found = leads.withContact(sameContact);
        Optional<LeadRepository.SameContact> sameContactLead = found.lead();
        Optional<UUID> sameContactClient = found.client();
        boolean duplicate = found.any();
        if (duplicate && tenantSettings.duplicatePolicy == TenantSettings.DuplicatePolicy.REFUSE) {
            URI existing = sameContactLead
                    .map(l -> leadUri(l.id()))
                    .orElseGet(() -> URI.create("/api/v1/clients/" + sameContactClient.get()));
            throw new DuplicateLeadException("The phone or e-mail belongs to an existing card: " + existing, existing);
        }

        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
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
        lead.duplicateOfLeadId =
                sameContactLead.map(LeadRepository.SameContact::id).orElse(null);
        lead.status = Lead.Status.NEW;
        lead.createdAt = at;
        lead.recordedAt = now;
        lead.changed(at, now);

        String mode = assignAtIntake(
                lead,
                namedManager,
                input.managerRef() != null ? "managerRef" : "managerId",
                tenantSettings,
                now,
                input.occurredAt() == null ? null : at,
                distribute,
                holdingTenantLock);

        lead.clientId = namedClient != null
                ? namedClient
                : sameContactClient
                        .or(() -> sameContactLead.map(LeadRepository.SameContact::clientId))
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
            lead.clientId = clients.create(new ClientService.NewClient(
                            Client.Kind.PERSON, lead.clientName, contacts, null, null, lead.id, at))
                    .id;
        }
        leads.persist(lead);
        leads.flush();
        outbox.emit(new LeadCreated(
                lead.id,
                lead.source,
                lead.managerId,
                lead.clientName,
                lead.phone,
                lead.email,
                lead.createdAt,
                lead.channel,
                lead.campaign,
                utm(lead),
                lead.clientId,
                lead.teamId,
                lead.duplicate,
                lead.duplicateOfLeadId,
                mode,
                lead.phoneNormalized,
                lead.emailNormalized,
                lead.comment,
                lead.externalSystem,
                lead.externalId,
                lead.status.name()));
        return lead;
    }

    /**
     * Sets the owner at intake; answers the distribution mode used, or null when the lead is queued. A lead taken in
     * with a business time of its own ({@code occurredAt}) and a named manager is theirs from that time: the manager
     * must not have been dismissed by then, and absences (which are about now) are not checked. Without a named
     * manager, distribution chooses as for a lead arriving now (shifts, load and turns are those of now), unless the
     * lead is created closed by a state upsert ({@code distribute} false), which gives it no owner.
     */
    private String assignAtIntake(
            Lead lead,
            UUID named,
            String field,
            TenantSettings tenantSettings,
            Instant now,
            Instant occurredAt,
            boolean distribute,
            boolean holdingTenantLock) {
        Manager owner;
        String mode;
        if (named != null) {
            owner = managers.findById(named);
            if (occurredAt == null) {
                requireAvailable(owner, now, field);
            } else if (owner.dismissed() && !owner.dismissedAt.isAfter(occurredAt)) {
                throw ProblemException.invalidField(
                        field,
                        "manager " + owner.id + " was dismissed at " + owner.dismissedAt + ", before " + occurredAt);
            }
            mode = LeadAssignments.Mode.MANUAL.name();
            lead.managerId = owner.id;
            lead.teamId = owner.teamId;
            lead.ownerNameAtIntake = owner.name;
            lead.assignedAt = occurredAt == null ? now : occurredAt;
            return mode;
        } else if (!distribute) {
            return null;
        } else {
            // holds the chosen manager's row, not the tenant: leads arriving together are taken in side by side
            Optional<Manager> chosen = holdingTenantLock
                    ? distributor.claimHoldingTenantLock(tenantSettings, now)
                    : distributor.claim(tenantSettings, now);
            if (chosen.isEmpty()) {
                return null;
            }
            // the claim gave them the turn
            owner = chosen.get();
            mode = tenantSettings.distributionMode.name();
        }
        lead.managerId = owner.id;
        lead.teamId = owner.teamId;
        // the claim read the roster row whose version it checked when it held the row: the name is current
        lead.ownerNameAtIntake = owner.name;
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
    public record LeadChanges(long expectedVersion, String clientName, String phone, String email, String comment) {}

    /**
     * Changes a lead's contact details and emits {@code salespulse.lead.updated} with the details before and after,
     * in one transaction. Nothing changes and nothing is emitted when the new values equal the old ones.
     *
     * @return the lead as it is now, or empty when the caller may not see it
     * @throws ProblemException 409 when the lead's version is no longer {@code expectedVersion}
     */
    @Transactional
    public Optional<Lead> update(UUID id, CallerScope managerScope, LeadChanges changes) {
        Optional<Lead> found = leads.findVisible(id, managerScope);
        if (found.isEmpty()) {
            return found;
        }
        Lead lead = found.get();
        checkVersion(lead, changes.expectedVersion());
        changeDetails(lead, changes, clock.instant());
        return Optional.of(lead);
    }

    /** Applies new contact details at business time {@code at}; emits one lead.updated when something changed. */
    private boolean changeDetails(Lead lead, LeadChanges changes, Instant at) {
        LeadUpdated.LeadDetails before = details(lead);
        lead.clientName = keepOrReplace(lead.clientName, changes.clientName());
        lead.phone = keepOrReplace(lead.phone, changes.phone());
        lead.email = keepOrReplace(lead.email, changes.email());
        lead.comment = keepOrReplace(lead.comment, changes.comment());
        if (lead.phone == null && lead.email == null) {
            throw ProblemException.invalidField(
                    "email", "a lead keeps a phone or an e-mail; this would remove the last");
        }
        LeadUpdated.LeadDetails after = details(lead);
        if (before.equals(after)) {
            return false;
        }
        lead.phoneNormalized = normalizer.phone(lead.phone, settings.current().phoneRegion, "phone");
        lead.emailNormalized = normalizer.email(lead.email);
        lead.changed(at, clock.instant());
        // flush now so the version in the event is the one the row gets
        leads.flush();
        outbox.emit(new LeadUpdated(lead.id, before, after, lead.version, at, lead.externalSystem, lead.externalId));
        return true;
    }

    /**
     * Moves a lead in its lifecycle (not to CONVERTED: that is {@link #convert}). A rejection needs a reason code from
     * the catalogue.
     *
     * @throws ProblemException 409 listing the allowed statuses when the move is not allowed
     */
    @Transactional
    public Optional<Lead> changeStatus(
            UUID id, CallerScope managerScope, Lead.Status to, String reasonCode, String comment, Instant occurredAt) {
        Optional<Lead> found = leads.findVisible(id, managerScope);
        if (found.isEmpty()) {
            return found;
        }
        Lead lead = found.get();
        Instant at = time.of(occurredAt);
        requireNotArchived(lead);
        if (to == Lead.Status.CONVERTED) {
            throw ProblemException.invalidField("status", "use POST /api/v1/leads/{id}/convert to convert a lead");
        }
        requireAllowed(lead, to);
        checkReason(to, reasonCode, "reasonCode");
        requireInOrder(lead, occurredAt, at);
        moveStatus(lead, to, reasonCode, comment, at);
        return Optional.of(lead);
    }

    private void checkReason(Lead.Status to, String reasonCode, String field) {
        if (to == Lead.Status.REJECTED) {
            if (reasonCode == null || reasonCode.isBlank()) {
                throw ProblemException.invalidField(field, "a rejection needs a reason from the catalogue");
            }
            Optional<RejectionReasonService.Reason> reason = rejectionReasons.byCode(reasonCode);
            if (reason.isEmpty()) {
                throw ProblemException.invalidField(field, "is not in the catalogue (GET /api/v1/rejection-reasons)");
            }
            if (!reason.get().active()) {
                throw ProblemException.invalidField(field, "is deactivated in the tenant's catalogue");
            }
        } else if (reasonCode != null) {
            throw ProblemException.invalidField(field, "only a rejection takes a reason code");
        }
    }

    /** One allowed step, already checked: emits lead.status-changed at business time {@code at}. */
    private void moveStatus(Lead lead, Lead.Status to, String reasonCode, String comment, Instant at) {
        Lead.Status before = lead.status;
        lead.status = to;
        lead.rejectionReason = to == Lead.Status.REJECTED ? reasonCode : null;
        lead.statusComment = blankToNull(comment);
        lead.changed(at, clock.instant());
        leads.flush();
        outbox.emit(new LeadStatusChanged(
                lead.id,
                before.name(),
                to.name(),
                lead.rejectionReason,
                lead.statusComment,
                lead.managerId,
                lead.teamId,
                lead.source,
                lead.version,
                at,
                lead.externalSystem,
                lead.externalId));
    }

    /**
     * A change at {@code at}: not before the lead came in (400), not before its last change (409 stale-change). A
     * change without occurredAt happened now and is never out of order.
     */
    private static void requireInOrder(Lead lead, Instant occurredAt, Instant at) {
        if (occurredAt == null) {
            return;
        }
        BusinessTime.notBefore(at, lead.createdAt, "lead " + lead.id + " came in");
        BusinessTime.notStale(at, lead.lastChangedAt, "Lead " + lead.id);
    }

    /** A recorded attempt, and whether this call recorded it (false: its reference was already recorded). */
    public record Attempt(ContactAttempt attempt, boolean created) {}

    /** A contact attempt as sent: what happened, when, and the integrating system's reference to it. */
    public record NewAttempt(
            ContactAttempt.Outcome outcome,
            String comment,
            Instant occurredAt,
            String externalSystem,
            String externalId) {}

    /**
     * Records a contact attempt; the lead becomes unreached when failed attempts reach the tenant's threshold. An
     * attempt whose reference is already recorded on the lead records nothing and answers the recorded one.
     */
    @Transactional
    public Optional<Attempt> recordAttempt(UUID id, CallerScope managerScope, NewAttempt input) {
        Optional<Lead> found = leads.findVisible(id, managerScope);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Lead lead = found.get();
        Instant at = time.of(input.occurredAt());
        String externalSystem = blankToNull(input.externalSystem());
        String externalId = blankToNull(input.externalId());
        References.requirePair(externalSystem, externalId, "externalSystem", "externalId");
        if (externalSystem != null) {
            Optional<ContactAttempt> known = attempts.byExternalRef(externalSystem, externalId);
            if (known.isPresent()) {
                if (!known.get().leadId.equals(lead.id)) {
                    throw ProblemException.invalidField(
                            "externalId", "is the reference of an attempt on lead " + known.get().leadId);
                }
                return Optional.of(new Attempt(known.get(), false));
            }
        }
        ContactAttempt.Outcome outcome = input.outcome();
        String comment = input.comment();
        // the order first: an attempt dated before the lead's close is older than its last change, so it is the
        // documented stale change (history per card in time order), not a refusal for the lead being closed
        requireInOrder(lead, input.occurredAt(), at);
        requireNotArchived(lead);
        if (!lead.status.open()) {
            throw ProblemException.conflict(
                    "Lead " + id + " is " + lead.status + "; contact attempts are for open leads");
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
        lead.changed(at, now);
        ContactAttempt attempt = new ContactAttempt();
        attempt.id = UUID.randomUUID();
        attempt.leadId = lead.id;
        attempt.outcome = outcome;
        attempt.attemptNumber = lead.contactAttempts;
        attempt.comment = blankToNull(comment);
        attempt.managerId = lead.managerId;
        attempt.attemptedAt = at;
        attempt.recordedAt = now;
        attempt.externalSystem = externalSystem;
        attempt.externalId = externalId;
        attempts.persist(attempt);
        leads.flush();
        outbox.emit(new LeadContactAttempted(
                lead.id,
                attempt.id,
                outcome.name(),
                attempt.attemptNumber,
                failedBefore,
                lead.failedAttempts,
                unreachedBefore,
                lead.unreached,
                !unreachedBefore && lead.unreached,
                threshold,
                attempt.comment,
                lead.managerId,
                lead.teamId,
                lead.version,
                at,
                lead.externalSystem,
                lead.externalId,
                externalSystem,
                externalId));
        return Optional.of(new Attempt(attempt, true));
    }

    /**
     * The contact attempt with this external reference, on the lead named by id or reference: recorded when unknown
     * (as {@link #recordAttempt}), answered as recorded when known (attempts are facts; a known one is not changed).
     * With {@code dryRun} everything is checked and done, then rolled back.
     */
    @Transactional
    public Attempt upsertAttempt(
            ExternalRef ref,
            UUID leadId,
            ExternalRef leadRef,
            ContactAttempt.Outcome outcome,
            String comment,
            Instant occurredAt,
            boolean dryRun) {
        UUID lead = references.resolve(References.Kind.LEAD, "leadId", leadId, "leadRef", leadRef);
        if (lead == null) {
            throw ProblemException.invalidField("leadId", "name the lead by leadId or leadRef");
        }
        Attempt result = recordAttempt(
                        lead,
                        CallerScope.wholeTenant(),
                        new NewAttempt(outcome, comment, occurredAt, ref.externalSystem(), ref.externalId()))
                .orElseThrow();
        dryRuns.rollBackIf(dryRun);
        return result;
    }

    @Transactional
    public List<ContactAttempt> attemptsOf(UUID leadId) {
        return attempts.ofLead(leadId);
    }

    public record Conversion(
            UUID pipelineId,
            java.math.BigDecimal expectedAmount,
            String currency,
            UUID referredByClientId,
            String comment,
            ExternalRef referredByClientRef,
            ExternalRef dealRef,
            Instant occurredAt) {

        public Conversion(
                UUID pipelineId,
                java.math.BigDecimal expectedAmount,
                String currency,
                UUID referredByClientId,
                String comment) {
            this(pipelineId, expectedAmount, currency, referredByClientId, comment, null, null, null);
        }
    }

    /** QUALIFIED → CONVERTED; emits {@code lead.converted}, from which deal-service opens the deal. */
    @Transactional
    public Optional<Lead> convert(UUID id, CallerScope managerScope, Conversion input) {
        Optional<Lead> found = leads.findVisible(id, managerScope);
        if (found.isEmpty()) {
            return found;
        }
        Lead lead = found.get();
        Instant at = time.of(input.occurredAt());
        ExternalRef dealRef = input.dealRef();
        if (lead.status == Lead.Status.CONVERTED
                && dealRef != null
                && dealRef.externalSystem().equals(lead.dealExternalSystem)
                && dealRef.externalId().equals(lead.dealExternalId)) {
            // the same conversion sent again (an import resumed, a webhook repeated): nothing new
            return found;
        }
        requireNotArchived(lead);
        requireAllowed(lead, Lead.Status.CONVERTED);
        if (lead.managerId == null) {
            throw ProblemException.conflict("Lead " + id + " has no manager: assign it before converting");
        }
        if ((input.expectedAmount() == null) != (input.currency() == null)) {
            throw ProblemException.invalidField(
                    input.currency() == null ? "currency" : "expectedAmount",
                    "expectedAmount and currency come together");
        }
        if (input.currency() != null && !Currencies.isReal(input.currency())) {
            throw ProblemException.invalidField(
                    "currency", "must be the ISO 4217 code of a real currency, such as RUB");
        }
        NilUuid.refuse("pipelineId", input.pipelineId());
        UUID referredBy = references.resolve(
                References.Kind.CLIENT,
                "referredByClientId",
                input.referredByClientId(),
                "referredByClientRef",
                input.referredByClientRef());
        requireInOrder(lead, input.occurredAt(), at);
        Lead.Status before = lead.status;
        Instant now = clock.instant();
        lead.status = Lead.Status.CONVERTED;
        lead.pipelineId = input.pipelineId();
        lead.convertedAt = at;
        lead.statusComment = blankToNull(input.comment());
        lead.dealExternalSystem = dealRef == null ? null : dealRef.externalSystem();
        lead.dealExternalId = dealRef == null ? null : dealRef.externalId();
        lead.changed(at, now);
        leads.flush();
        outbox.emit(new LeadConverted(
                lead.id,
                lead.clientId,
                lead.managerId,
                lead.pipelineId,
                lead.source,
                lead.clientName,
                input.expectedAmount(),
                input.currency(),
                referredBy,
                lead.statusComment,
                before.name(),
                lead.version,
                at,
                lead.dealExternalSystem,
                lead.dealExternalId,
                lead.externalSystem,
                lead.externalId));
        return Optional.of(lead);
    }

    /** The state of a lead as an integrating system holds it: the intake body, its status and its owner. */
    public record LeadState(NewLead lead, Lead.Status status, String rejectionReason, String statusComment) {}

    /** What a state upsert did: the lead, whether it created it, whether it changed anything. */
    public record Upserted(Lead lead, boolean created, boolean changed) {}

    /**
     * The state upsert of a lead by its external reference. Unknown: the lead is taken in (lead.created at the
     * business time) and walked to the status sent (one lead.status-changed per step, NEW → IN_WORK → QUALIFIED, or
     * to REJECTED). Known: the contact details, the owner and the status sent are compared with the lead's, and
     * each difference is applied as the single operation would apply it (lead.updated, lead.assigned,
     * lead.status-changed), at the business time; a field left out keeps its value, and the intake-only fields
     * (source, channel, campaign, utm) are not changed. Nothing different: nothing written, nothing emitted, whatever
     * the business time. With {@code dryRun} everything is checked and done, then rolled back.
     */
    @Transactional
    public Upserted upsert(ExternalRef ref, LeadState state, boolean dryRun) {
        NewLead input = state.lead().withReference(ref);
        Lead.Status target = state.status();
        Instant at = time.of(input.occurredAt());
        Optional<Lead> known = leads.byExternalRef(ref.externalSystem(), ref.externalId());
        Upserted result;
        if (known.isEmpty()) {
            Lead.Status to = target == null ? Lead.Status.NEW : target;
            if (to == Lead.Status.CONVERTED) {
                throw ProblemException.invalidField(
                        "status",
                        "a lead is converted with POST "
                                + "/api/v1/leads/by-ref/{externalSystem}/{externalId}/convert once it is QUALIFIED");
            }
            checkReason(to, state.rejectionReason(), "rejectionReason");
            if (blankToNull(input.phone()) == null && blankToNull(input.email()) == null) {
                // only here: a later state of a known lead may leave both out and keep the lead's
                throw ProblemException.invalidField("contact", "a phone or an e-mail is required");
            }
            Lead lead = intake(input, to.open(), false);
            walk(lead, to, state.rejectionReason(), state.statusComment(), at);
            result = new Upserted(lead, true, true);
        } else {
            result = new Upserted(known.get(), false, applyState(known.get(), input, state, at));
        }
        dryRuns.rollBackIf(dryRun);
        return result;
    }

    private boolean applyState(Lead lead, NewLead input, LeadState state, Instant at) {
        UUID manager = references.resolve(
                References.Kind.MANAGER, "managerId", input.managerId(), "managerRef", input.managerRef());
        references.resolve(References.Kind.CLIENT, "clientId", input.clientId(), "clientRef", input.clientRef());
        normalizer.phone(input.phone(), settings.current().phoneRegion, "phone");
        normalizer.email(input.email());
        Lead.Status target = state.status();
        boolean detailsDiffer = differs(lead.clientName, input.clientName())
                || differs(lead.phone, input.phone())
                || differs(lead.email, input.email())
                || differs(lead.comment, input.comment());
        boolean ownerDiffers = manager != null && !manager.equals(lead.managerId);
        boolean statusDiffers = target != null && target != lead.status;
        if (statusDiffers && target == Lead.Status.CONVERTED) {
            throw ProblemException.invalidField(
                    "status",
                    "a lead is converted with POST " + "/api/v1/leads/by-ref/{externalSystem}/{externalId}/convert");
        }
        if (statusDiffers) {
            checkReason(target, state.rejectionReason(), "rejectionReason");
        }
        if (!statusDiffers
                && state.rejectionReason() != null
                && !(lead.status == Lead.Status.REJECTED
                        && state.rejectionReason().equals(lead.rejectionReason))) {
            throw ProblemException.invalidField(
                    "rejectionReason",
                    lead.status == Lead.Status.REJECTED
                            ? "differs from the lead's; a rejected lead keeps its reason"
                            : "only a rejection takes a reason");
        }
        if (!detailsDiffer && !ownerDiffers && !statusDiffers) {
            return false;
        }
        requireNotArchived(lead);
        requireInOrder(lead, input.occurredAt(), at);
        if (detailsDiffer) {
            changeDetails(
                    lead,
                    new LeadChanges(lead.version, input.clientName(), input.phone(), input.email(), input.comment()),
                    at);
        }
        if (ownerDiffers) {
            if (!lead.status.open()) {
                throw ProblemException.conflict(
                        "Lead " + lead.id + " is " + lead.status + "; only open leads change " + "owner");
            }
            Manager to = managers.findById(manager);
            if (to.dismissed() && !to.dismissedAt.isAfter(at)) {
                throw ProblemException.invalidField(
                        input.managerRef() != null ? "managerRef" : "managerId",
                        "manager " + to.id + " was dismissed at " + to.dismissedAt);
            }
            assignments.assign(
                    lead,
                    to,
                    LeadAssignments.Mode.MANUAL,
                    lead.managerId == null ? LeadAssignments.Trigger.QUEUE_DRAIN : LeadAssignments.Trigger.REASSIGNMENT,
                    "changed in " + lead.externalSystem,
                    null,
                    at);
        }
        if (statusDiffers) {
            walk(lead, target, state.rejectionReason(), state.statusComment(), at);
        }
        return true;
    }

    /**
     * Moves a lead forward to {@code to} one allowed step at a time (NEW → IN_WORK → QUALIFIED; REJECTED from any open
     * status), each a lead.status-changed at {@code at}. Backwards, or out of a final status: 409 listing the allowed.
     */
    private void walk(Lead lead, Lead.Status to, String reason, String comment, Instant at) {
        while (lead.status != to) {
            boolean forward = lead.status.open() && to != Lead.Status.REJECTED && to.ordinal() > lead.status.ordinal();
            Lead.Status step = lead.status.next().contains(to)
                    ? to
                    : forward ? lead.status.next().get(0) : null;
            if (step == null) {
                requireAllowed(lead, to);
                return;
            }
            moveStatus(lead, step, step == Lead.Status.REJECTED ? reason : null, step == to ? comment : null, at);
        }
    }

    /** The lead with this external reference, as the caller may see it. */
    @Transactional
    public Optional<Lead> findByRef(ExternalRef ref, CallerScope managerScope) {
        return leads.byExternalRef(ref.externalSystem(), ref.externalId())
                .filter(l -> managerScope.includes(l.managerId));
    }

    /** Whether a sent value (null: left out) differs from the stored one. */
    private static boolean differs(String stored, String sent) {
        return sent != null && !java.util.Objects.equals(stored, blankToNull(sent));
    }

    /**
     * Gives a lead to a manager by hand; a lead that had an owner needs a reason. A team lead gives their teams'
     * leads to their teams' managers only: another lead (the queue's included) is not found, another manager is a
     * 400 naming the field.
     */
    @Transactional
    public Optional<Lead> reassign(UUID id, CallerScope scope, UUID managerId, ExternalRef managerRef, String reason) {
        Optional<Lead> found = leads.findVisible(id, scope);
        if (found.isEmpty()) {
            return found;
        }
        Lead lead = found.get();
        String field = managerRef != null && managerId == null ? "managerRef" : "managerId";
        managerId = references.resolve(References.Kind.MANAGER, "managerId", managerId, "managerRef", managerRef);
        if (managerId == null) {
            throw ProblemException.invalidField("managerId", "name the new owner by managerId or managerRef");
        }
        if (!scope.includes(managerId)) {
            throw ProblemException.invalidField(field, "a team lead gives leads only to the managers of their teams");
        }
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
        Manager to = managers.findById(managerId);
        requireAvailable(to, clock.instant(), field);
        LeadAssignments.Trigger trigger =
                lead.managerId == null ? LeadAssignments.Trigger.QUEUE_DRAIN : LeadAssignments.Trigger.REASSIGNMENT;
        assignments.assign(lead, to, LeadAssignments.Mode.MANUAL, trigger, blankToNull(reason), null);
        return found;
    }

    /**
     * Gives queued leads, oldest first, to the managers who qualify now. Stops at the first lead nobody can take.
     *
     * @return how many leads were assigned
     */
    @Transactional
    public int drainQueue() {
        TenantSettings tenantSettings = settings.current();
        if (tenantSettings.distributionMode == TenantSettings.DistributionMode.MANUAL) {
            return 0;
        }
        distributor.lockTenant();
        int assigned = 0;
        for (Lead lead : leads.queue(500)) {
            Optional<Manager> chosen = distributor.claimHoldingTenantLock(tenantSettings, clock.instant());
            if (chosen.isEmpty()) {
                break;
            }
            LeadAssignments.Mode mode = LeadAssignments.Mode.valueOf(tenantSettings.distributionMode.name());
            assignments.assign(lead, chosen.get(), mode, LeadAssignments.Trigger.QUEUE_DRAIN, null, null);
            assigned++;
        }
        return assigned;
    }

    @Transactional
    public Optional<Lead> archive(UUID id, String reason, Instant occurredAt) {
        Optional<Lead> found = leads.findVisible(id, CallerScope.wholeTenant());
        found.ifPresent(lead -> {
            Instant at = time.of(occurredAt);
            if (lead.archivedAt != null) {
                throw ProblemException.conflict("Lead " + id + " is already archived");
            }
            requireInOrder(lead, occurredAt, at);
            archive(lead, "MANUAL", blankToNull(reason), at);
        });
        return found;
    }

    /** Archives every open lead with no change for the tenant's stale days. */
    @Transactional
    public int archiveStale() {
        int days = settings.current().staleDays;
        Instant before = clock.instant().minus(Duration.ofDays(days));
        List<Lead> stale = leads.staleSince(before);
        stale.forEach(lead -> archive(lead, "STALE_RULE", "no change for " + days + " days", clock.instant()));
        return stale.size();
    }

    private void archive(Lead lead, String trigger, String reason, Instant at) {
        Instant lastChanged = lead.lastChangedAt;
        lead.archivedAt = at;
        lead.changed(at, clock.instant());
        leads.flush();
        outbox.emit(new LeadArchived(
                lead.id,
                trigger,
                reason,
                lead.status.name(),
                lead.managerId,
                lastChanged,
                lead.version,
                at,
                lead.externalSystem,
                lead.externalId));
    }

    @Transactional
    public Optional<Lead> restore(UUID id, String reason, Instant occurredAt) {
        Optional<Lead> found = leads.findVisible(id, CallerScope.wholeTenant());
        found.ifPresent(lead -> {
            Instant at = time.of(occurredAt);
            if (lead.archivedAt == null) {
                throw ProblemException.conflict("Lead " + id + " is not archived");
            }
            requireInOrder(lead, occurredAt, at);
            Instant archivedAt = lead.archivedAt;
            lead.archivedAt = null;
            lead.changed(at, clock.instant());
            leads.flush();
            outbox.emit(new LeadRestored(
                    lead.id,
                    lead.status.name(),
                    blankToNull(reason),
                    lead.managerId,
                    archivedAt,
                    lead.version,
                    at,
                    lead.externalSystem,
                    lead.externalId));
        });
        return found;
    }

    /** A lead the caller may see: in their tenant, and their own when they are a manager. */
    @Transactional
    public Optional<Lead> find(UUID id, CallerScope managerScope) {
        return leads.findVisible(id, managerScope);
    }

    public record LeadPage(List<Lead> items, int page, int size, long total) {}

    @Transactional
    public LeadPage list(LeadRepository.Filter filter, int page, int size) {
        return new LeadPage(leads.list(filter, page, size), page, size, leads.count(filter));
    }

    @Transactional
    public LeadPage list(LeadRepository.Filter filter, SortOrder order, int page, int size) {
        long total = leads.count(filter);
        return new LeadPage(leads.list(filter, order, page, size), page, size, total);
    }

    private static void requireAllowed(Lead lead, Lead.Status to) {
        List<Lead.Status> allowed = lead.status.next();
        if (!allowed.contains(to)) {
            String list = allowed.isEmpty()
                    ? "none, " + lead.status + " is final"
                    : String.join(", ", allowed.stream().map(Enum::name).toList());
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "A lead in " + lead.status + " cannot become " + to + "; allowed: " + list,
                    List.of(new Problem.InvalidField("status", "allowed from " + lead.status + ": " + list)));
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
        if (lead.utmSource == null
                && lead.utmMedium == null
                && lead.utmCampaign == null
                && lead.utmTerm == null
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
        List<Problem.InvalidField> fields =
                problem.invalidFields() == null || problem.invalidFields().isEmpty()
                        ? List.of(new Problem.InvalidField(item, problem.detail()))
                        : problem.invalidFields().stream()
                                .map(f -> new Problem.InvalidField(item + "." + f.field(), f.message()))
                                .toList();
        ProblemType type =
                problem.status() == ProblemType.CONFLICT.status() ? ProblemType.CONFLICT : ProblemType.INVALID_REQUEST;
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
        LOG.warnf(
                "The database refused %s of a lead batch (SQL state %s); nothing of the batch was stored", item, state);
        if (state.equals("23505")) {
            return new ProblemException(
                    ProblemType.CONFLICT,
                    item + " collides with a card written meanwhile; nothing " + "was stored",
                    List.of(new Problem.InvalidField(item, "collides with a card written meanwhile")));
        }
        return new ProblemException(
                ProblemType.INVALID_REQUEST,
                item + " holds a value that cannot be stored; nothing " + "was stored",
                List.of(new Problem.InvalidField(item, "holds a value that cannot be stored")));
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
