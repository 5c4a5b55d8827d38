package com.salespulse.lead.roster;

import com.salespulse.contract.roster.ManagerAbsenceCleared;
import com.salespulse.contract.roster.ManagerAbsenceSet;
import com.salespulse.contract.roster.ManagerDismissed;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.ManagerUpdated;
import com.salespulse.contract.roster.TeamCreated;
import com.salespulse.contract.roster.TeamLeadChanged;
import com.salespulse.contract.roster.TeamRenamed;
import com.salespulse.lead.integration.DryRun;
import com.salespulse.lead.integration.References;
import com.salespulse.lead.settings.TenantSettings;
import com.salespulse.lead.settings.TenantSettingsRepository;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.NilUuid;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.problem.time.BusinessTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Teams and managers: hire, update, absence, dismissal. Every change emits one roster event. */
@ApplicationScoped
public class RosterService {

    /** What happens to a dismissed manager's open cards. */
    public enum CardsDecision {
        TRANSFER_TO_NAMED,
        DISTRIBUTE_BY_RULE,
        LEAVE_WITH_HEAD
    }

    private final TeamRepository teams;
    private final ManagerRepository managers;
    private final AbsenceRepository absences;
    private final OpenLeads leads;
    private final TenantSettingsRepository settings;
    private final Distributor distributor;
    private final CardHandover transfers;
    private final Outbox outbox;
    private final Clock clock;
    private final BusinessTime time;
    private final References references;
    private final DryRun dryRuns;

    public RosterService(
            TeamRepository teams,
            ManagerRepository managers,
            AbsenceRepository absences,
            OpenLeads leads,
            TenantSettingsRepository settings,
            Distributor distributor,
            CardHandover transfers,
            Outbox outbox,
            Clock clock,
            References references,
            DryRun dryRuns) {
        this.time = new BusinessTime(clock);
        this.references = references;
        this.dryRuns = dryRuns;
        this.teams = teams;
        this.managers = managers;
        this.absences = absences;
        this.leads = leads;
        this.settings = settings;
        this.distributor = distributor;
        this.transfers = transfers;
        this.outbox = outbox;
        this.clock = clock;
    }

    // ---- teams ----

    /** An entity's own external reference as sent: both or neither. */
    public record Ref(String externalSystem, String externalId) {

        public static final Ref NONE = new Ref(null, null);

        public Ref {
            externalSystem = trimmed(externalSystem);
            externalId = trimmed(externalId);
            References.requirePair(externalSystem, externalId, "externalSystem", "externalId");
        }
    }

    @Transactional
    public Team createTeam(String name) {
        return createTeam(name, Ref.NONE, null);
    }

    /** A new team, created at {@code occurredAt} (null: now). A known external reference is a 409. */
    @Transactional
    public Team createTeam(String name, Ref ref, Instant occurredAt) {
        Instant at = time.of(occurredAt);
        if (ref.externalSystem() != null) {
            teams.byExternalRef(ref.externalSystem(), ref.externalId()).ifPresent(known -> {
                throw ProblemException.conflict("A team with external reference " + ref.externalSystem() + "/"
                        + ref.externalId() + " exists: " + known.id);
            });
        }
        if (teams.nameTaken(name, null)) {
            throw ProblemException.invalidField("name", "a team with this name exists");
        }
        Team team = new Team();
        team.id = UUID.randomUUID();
        team.name = name.trim();
        team.externalSystem = ref.externalSystem();
        team.externalId = ref.externalId();
        team.createdAt = at;
        team.lastChangedAt = at;
        teams.persist(team);
        outbox.emit(new TeamCreated(team.id, team.name, team.createdAt, team.externalSystem, team.externalId));
        return team;
    }

    @Transactional
    public Team renameTeam(UUID id, long expectedVersion, String name, Instant occurredAt) {
        Team team = teams.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Team " + id));
        checkVersion("Team " + id, team.version, expectedVersion);
        rename(team, name, occurredAt);
        return team;
    }

    /**
     * Sets (or, with null, clears) the team's lead: a manager of the tenant, not dismissed, else 400 naming
     * {@code leadManagerId} (another tenant's manager is unknown here, as everywhere). The same lead again changes
     * nothing and emits nothing.
     */
    @Transactional
    public Team setTeamLead(UUID id, long expectedVersion, UUID lead) {
        Team team = teams.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Team " + id));
        checkVersion("Team " + id, team.version, expectedVersion);
        if (lead != null) {
            NilUuid.refuse("leadManagerId", lead);
            Manager manager = managers.findByIdOptional(lead)
                    .orElseThrow(() -> ProblemException.invalidField("leadManagerId", "names no manager"));
            if (manager.dismissed()) {
                throw ProblemException.invalidField("leadManagerId", "names a dismissed manager");
            }
        }
        UUID before = team.leadManagerId;
        if (java.util.Objects.equals(before, lead)) {
            return team;
        }
        Instant at = clock.instant();
        team.leadManagerId = lead;
        team.lastChangedAt = at.isAfter(team.lastChangedAt) ? at : team.lastChangedAt;
        teams.flush();
        outbox.emit(new TeamLeadChanged(team.id, before, lead, team.version, at));
        return team;
    }

    private boolean rename(Team team, String name, Instant occurredAt) {
        Instant at = time.of(occurredAt);
        if (teams.nameTaken(name, team.id)) {
            throw ProblemException.invalidField("name", "a team with this name exists");
        }
        String before = team.name;
        if (before.equals(name.trim())) {
            return false;
        }
        if (occurredAt != null) {
            BusinessTime.notBefore(at, team.createdAt, "team " + team.id + " was created");
            BusinessTime.notStale(at, team.lastChangedAt, "Team " + team.id);
        }
        team.name = name.trim();
        team.lastChangedAt = at.isAfter(team.lastChangedAt) ? at : team.lastChangedAt;
        teams.flush();
        outbox.emit(
                new TeamRenamed(team.id, before, team.name, team.version, at, team.externalSystem, team.externalId));
        return true;
    }

    /** What an upsert did: the entity, whether it created it, whether it changed anything. */
    public record Upserted<T>(T entity, boolean created, boolean changed) {}

    /** The team with this reference: created, renamed, or left as it is; {@code dryRun} rolls it all back. */
    @Transactional
    public Upserted<Team> upsertTeam(ExternalRef ref, String name, Instant occurredAt, boolean dryRun) {
        Optional<Team> known = teams.byExternalRef(ref.externalSystem(), ref.externalId());
        Upserted<Team> result = known.isPresent()
                ? new Upserted<>(known.get(), false, rename(known.get(), name, occurredAt))
                : new Upserted<>(
                        createTeam(name, new Ref(ref.externalSystem(), ref.externalId()), occurredAt), true, true);
        dryRuns.rollBackIf(dryRun);
        return result;
    }

    @Transactional
    public Optional<Team> teamByRef(ExternalRef ref) {
        return teams.byExternalRef(ref.externalSystem(), ref.externalId());
    }

    /** One page of the teams and how many there are in all. */
    @Transactional
    public TeamPage teams(SortOrder order, int page, int size) {
        return new TeamPage(teams.page(order, page, size), teams.count());
    }

    public record TeamPage(List<Team> items, long total) {}

    // ---- managers ----

    /** A manager's profile as sent; the team by id or by reference. */
    public record Profile(String name, UUID teamId, Integer capacity, List<Shift> shifts, ExternalRef teamRef) {

        public Profile(String name, UUID teamId, Integer capacity, List<Shift> shifts) {
            this(name, teamId, capacity, shifts, null);
        }
    }

    @Transactional
    public Manager hire(UUID id, Profile profile) {
        return hire(id, profile, Ref.NONE, null);
    }

    /** Hires at {@code occurredAt} (null: now). A known external reference is a 409. */
    @Transactional
    public Manager hire(UUID id, Profile given, Ref ref, Instant occurredAt) {
        Instant at = time.of(occurredAt);
        NilUuid.refuse("id", id);
        Profile profile = withTeam(given);
        if (ref.externalSystem() != null) {
            managers.byExternalRef(ref.externalSystem(), ref.externalId()).ifPresent(known -> {
                throw ProblemException.conflict("A manager with external reference " + ref.externalSystem() + "/"
                        + ref.externalId() + " exists: " + known.id);
            });
        }
        // ids come from the identity provider and are unique across tenants; native SQL sees every tenant's rows
        if (id != null
                && ((Number) managers.getEntityManager()
                                        .createNativeQuery("select count(*) from manager where id = ?1")
                                        .setParameter(1, id)
                                        .getSingleResult())
                                .longValue()
                        > 0) {
            throw ProblemException.conflict("Manager id " + id + " is already in use");
        }
        checkTeam(profile.teamId());
        checkShifts(profile.shifts());
        Manager manager = new Manager();
        manager.id = id == null ? UUID.randomUUID() : id;
        manager.name = profile.name().trim();
        manager.teamId = profile.teamId();
        manager.capacity = profile.capacity();
        manager.shifts = new ArrayList<>(profile.shifts());
        manager.status = Manager.Status.ACTIVE;
        manager.hiredAt = at;
        manager.lastChangedAt = at;
        manager.externalSystem = ref.externalSystem();
        manager.externalId = ref.externalId();
        managers.persist(manager);
        outbox.emit(new ManagerHired(
                manager.id, profile(manager), manager.hiredAt, manager.externalSystem, manager.externalId));
        return manager;
    }

    /** The profile with its team named by id: a teamRef resolved in the caller's tenant. */
    private Profile withTeam(Profile profile) {
        UUID team = references.resolve(References.Kind.TEAM, "teamId", profile.teamId(), "teamRef", profile.teamRef());
        return new Profile(profile.name(), team, profile.capacity(), profile.shifts(), null);
    }

    /**
     * The manager with this reference: hired, changed (name, team, capacity, shifts as the PATCH does, a field left
     * out keeping its value), or left as it is; {@code dryRun} rolls it all back.
     */
    @Transactional
    public Upserted<Manager> upsertManager(
            ExternalRef ref, UUID id, Profile profile, Instant occurredAt, boolean dryRun) {
        Optional<Manager> known = managers.byExternalRef(ref.externalSystem(), ref.externalId());
        Upserted<Manager> result;
        if (known.isEmpty()) {
            result = new Upserted<>(
                    hire(id, profile, new Ref(ref.externalSystem(), ref.externalId()), occurredAt), true, true);
        } else {
            Manager manager = known.get();
            if (id != null && !id.equals(manager.id)) {
                throw ProblemException.invalidField(
                        "id", "differs from the id of the manager with this reference (" + manager.id + ")");
            }
            result = new Upserted<>(manager, false, change(manager, profile, false, occurredAt));
        }
        dryRuns.rollBackIf(dryRun);
        return result;
    }

    @Transactional
    public Optional<Manager> managerByRef(ExternalRef ref) {
        return managers.byExternalRef(ref.externalSystem(), ref.externalId());
    }

    /** A null field keeps its value; a changed profile emits {@code manager-updated} with before and after. */
    @Transactional
    public Manager update(UUID id, long expectedVersion, Profile changes, boolean clearTeam, Instant occurredAt) {
        Manager manager = found(id);
        checkVersion("Manager " + id, manager.version, expectedVersion);
        if (manager.dismissed()) {
            throw ProblemException.conflict("Manager " + id + " was dismissed; the roster entry is read-only");
        }
        change(manager, changes, clearTeam, occurredAt);
        return manager;
    }

    private boolean change(Manager manager, Profile given, boolean clearTeam, Instant occurredAt) {
        Instant at = time.of(occurredAt);
        Profile changes = withTeam(given);
        checkTeam(changes.teamId());
        if (changes.shifts() != null) {
            checkShifts(changes.shifts());
        }
        ManagerHired.ManagerProfile before = profile(manager);
        if (changes.name() != null) {
            manager.name = changes.name().trim();
        }
        if (clearTeam) {
            manager.teamId = null;
        } else if (changes.teamId() != null) {
            manager.teamId = changes.teamId();
        }
        if (changes.capacity() != null) {
            manager.capacity = changes.capacity();
        }
        if (changes.shifts() != null) {
            manager.shifts.clear();
            manager.shifts.addAll(changes.shifts());
        }
        ManagerHired.ManagerProfile after = profile(manager);
        if (before.equals(after)) {
            return false;
        }
        if (manager.dismissed()) {
            throw ProblemException.conflict("Manager " + manager.id + " was dismissed; the roster entry is read-only");
        }
        requireInOrder(manager, occurredAt, at);
        manager.lastChangedAt = latest(manager.lastChangedAt, at);
        managers.flush();
        outbox.emit(new ManagerUpdated(
                manager.id, before, after, manager.version, at, manager.externalSystem, manager.externalId));
        return true;
    }

    /**
     * A change of a manager at {@code at}: not before hiring (400), not before the last change (409 stale). A change
     * without occurredAt happened now and is never out of order.
     */
    private static void requireInOrder(Manager manager, Instant occurredAt, Instant at) {
        if (occurredAt == null) {
            return;
        }
        BusinessTime.notBefore(at, manager.hiredAt, "manager " + manager.id + " was hired");
        BusinessTime.notStale(at, manager.lastChangedAt, "Manager " + manager.id);
    }

    private static Instant latest(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    @Transactional
    public Absence setAbsence(
            UUID managerId, Absence.Kind kind, Instant from, Instant to, String comment, Instant occurredAt) {
        Manager manager = found(managerId);
        Instant at = time.of(occurredAt);
        if (occurredAt != null) {
            BusinessTime.notBefore(at, manager.hiredAt, "manager " + managerId + " was hired");
        }
        if (manager.dismissed()) {
            throw ProblemException.conflict("Manager " + managerId + " was dismissed");
        }
        if (!to.isAfter(from)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        Absence absence = new Absence();
        absence.id = UUID.randomUUID();
        absence.managerId = managerId;
        absence.kind = kind;
        absence.startsAt = from;
        absence.endsAt = to;
        absence.comment = trimmed(comment);
        absence.createdAt = at;
        absences.persist(absence);
        outbox.emit(new ManagerAbsenceSet(
                managerId, absence.id, kind.name(), from, to, absence.comment, absence.createdAt));
        return absence;
    }

    /** Ends an absence now (or cancels one that has not begun). */
    @Transactional
    public Absence clearAbsence(UUID managerId, UUID absenceId) {
        Absence absence = absences.findByIdOptional(absenceId)
                .filter(a -> a.managerId.equals(managerId))
                .orElseThrow(() -> ProblemException.notFound("Absence " + absenceId));
        Instant now = clock.instant();
        if (!absence.endsAt.isAfter(now)) {
            throw ProblemException.conflict("Absence " + absenceId + " is already over");
        }
        Instant toBefore = absence.endsAt;
        absence.endsAt = absence.startsAt.isAfter(now) ? absence.startsAt : now;
        absence.clearedAt = now;
        outbox.emit(new ManagerAbsenceCleared(
                managerId, absence.id, absence.kind.name(), absence.startsAt, toBefore, absence.endsAt, now));
        return absence;
    }

    public record Dismissal(Manager manager, Optional<UUID> transferId) {}

    /**
     * Dismisses a manager and, unless the cards stay with the head of sales, starts the transfer of their open cards
     * in the same transaction: lead-service's leads move now, deal-service follows the transfer event.
     */
    @Transactional
    public Dismissal dismiss(
            UUID managerId,
            CardsDecision decision,
            List<UUID> namedIds,
            List<ExternalRef> namedRefs,
            String givenReason,
            Instant occurredAt) {
        String reason = trimmed(givenReason);
        Manager manager = found(managerId);
        String receiversField = namedRefs != null && !namedRefs.isEmpty() ? "toManagerRefs" : "toManagerIds";
        List<UUID> namedReceivers = receivers(namedIds, namedRefs);
        Instant at = time.of(occurredAt);
        if (manager.dismissed()) {
            throw ProblemException.conflict("Manager " + managerId + " was already dismissed");
        }
        if (decision != CardsDecision.TRANSFER_TO_NAMED && namedReceivers != null && !namedReceivers.isEmpty()) {
            throw ProblemException.invalidField(
                    receiversField, "only TRANSFER_TO_NAMED takes receivers; " + decision + " chooses none");
        }
        Instant now = clock.instant();
        boolean absent = absences.absentAt(now).contains(managerId);
        List<UUID> receivers = switch (decision) {
            case TRANSFER_TO_NAMED -> checkReceivers(managerId, namedReceivers, now, receiversField);
            case DISTRIBUTE_BY_RULE -> ruleReceivers(managerId, now);
            case LEAVE_WITH_HEAD -> List.of();
        };
        requireInOrder(manager, occurredAt, at);
        int openLeads = leads.openCountOf(managerId);
        manager.status = Manager.Status.DISMISSED;
        manager.dismissedAt = at;
        manager.lastChangedAt = latest(manager.lastChangedAt, at);
        UUID transferId = decision == CardsDecision.LEAVE_WITH_HEAD ? null : UUID.randomUUID();
        outbox.emit(new ManagerDismissed(
                managerId,
                manager.teamId,
                absent ? "ABSENT" : "ACTIVE",
                decision.name(),
                transferId,
                receivers,
                openLeads,
                reason,
                at,
                manager.externalSystem,
                manager.externalId));
        for (Team led : teams.ledBy(managerId)) {
            led.leadManagerId = null;
            teams.flush();
            outbox.emit(new TeamLeadChanged(led.id, managerId, null, led.version, now));
        }
        if (transferId != null) {
            transfers.handOver(
                    transferId,
                    managerId,
                    receivers,
                    decision == CardsDecision.TRANSFER_TO_NAMED,
                    reason == null ? "dismissal" : reason,
                    at);
        }
        return new Dismissal(manager, Optional.ofNullable(transferId));
    }

    /**
     * The dismissal of the manager with this reference, for integrators: as {@link #dismiss}, and idempotent. The
     * same dismissal again (the manager already dismissed at this {@code occurredAt}) changes and emits nothing and
     * answers the dismissal as it is; another dismissal of a dismissed manager stays a 409. {@code dryRun} rolls it
     * all back.
     */
    @Transactional
    public Dismissal dismissByRef(
            ExternalRef ref,
            CardsDecision decision,
            List<UUID> namedIds,
            List<ExternalRef> namedRefs,
            String reason,
            Instant occurredAt,
            boolean dryRun) {
        Manager manager = managerByRef(ref).orElseThrow(() -> ProblemException.notFound("Manager " + ref));
        receivers(namedIds, namedRefs);
        if (manager.dismissed() && occurredAt != null && sameMoment(manager.dismissedAt, time.of(occurredAt))) {
            return new Dismissal(manager, transfers.handedOverAt(manager.id, manager.dismissedAt));
        }
        Dismissal dismissal = dismiss(manager.id, decision, namedIds, namedRefs, reason, occurredAt);
        dryRuns.rollBackIf(dryRun);
        return dismissal;
    }

    /** Equal as stored: the database keeps microseconds. */
    private static boolean sameMoment(Instant stored, Instant given) {
        return stored != null && stored.truncatedTo(ChronoUnit.MICROS).equals(given.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * Starts a transfer of a manager's open cards by hand, e.g. for cards left with the head of sales at dismissal.
     * An empty receiver list means "by the tenant's rule".
     */
    @Transactional
    public UUID transfer(
            UUID fromId, ExternalRef fromRef, List<UUID> namedIds, List<ExternalRef> namedRefs, String givenReason) {
        String reason = trimmed(givenReason);
        UUID fromManagerId =
                references.resolve(References.Kind.MANAGER, "fromManagerId", fromId, "fromManagerRef", fromRef);
        if (fromManagerId == null) {
            throw ProblemException.invalidField("fromManagerId", "name the manager by fromManagerId or fromManagerRef");
        }
        String receiversField = namedRefs != null && !namedRefs.isEmpty() ? "toManagerRefs" : "toManagerIds";
        List<UUID> namedReceivers = receivers(namedIds, namedRefs);
        Instant now = clock.instant();
        boolean named = namedReceivers != null && !namedReceivers.isEmpty();
        List<UUID> receivers = named
                ? checkReceivers(fromManagerId, namedReceivers, now, receiversField)
                : ruleReceivers(fromManagerId, now);
        UUID transferId = UUID.randomUUID();
        transfers.handOver(transferId, fromManagerId, receivers, named, reason, now);
        return transferId;
    }

    @Transactional
    public Optional<Manager> find(UUID id) {
        return managers.findByIdOptional(id);
    }

    /** A manager's name, read alone (without their shifts), e.g. for the one lead an answer shows. */
    @Transactional
    public Optional<String> nameOf(UUID id) {
        return managers.nameOf(id);
    }

    @Transactional
    public List<Manager> list() {
        return managers.all();
    }

    /**
     * Receivers named by id or by reference (not both), as ids; refs naming nobody: 400 toManagerRefs[i]. Both given:
     * a bad id is named first (toManagerIds[i]), as a single id beside its ref is, then the refs.
     */
    private List<UUID> receivers(List<UUID> ids, List<ExternalRef> refs) {
        if (refs == null || refs.isEmpty()) {
            return ids;
        }
        if (ids != null && !ids.isEmpty()) {
            for (int i = 0; i < ids.size(); i++) {
                references.resolve(References.Kind.MANAGER, "toManagerIds[" + i + "]", ids.get(i), null, null);
            }
            throw ProblemException.invalidField("toManagerRefs", "give toManagerIds or toManagerRefs, not both");
        }
        List<UUID> resolved = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            resolved.add(references.resolve(
                    References.Kind.MANAGER, "toManagerIds", null, "toManagerRefs[" + i + "]", refs.get(i)));
        }
        return resolved;
    }

    /** Named receivers: each on the roster, neither dismissed nor absent, not the giver; named in order, once. */
    private List<UUID> checkReceivers(UUID from, List<UUID> named, Instant now, String listField) {
        if (named == null || named.isEmpty()) {
            throw ProblemException.invalidField(listField, "name at least one manager to receive the cards");
        }
        var absent = absences.absentAt(now);
        LinkedHashSet<UUID> distinct = new LinkedHashSet<>();
        for (int i = 0; i < named.size(); i++) {
            UUID id = named.get(i);
            String field = listField + "[" + i + "]";
            if (!distinct.add(id)) {
                continue;
            }
            if (id.equals(from)) {
                throw ProblemException.invalidField(field, "cannot be the manager the cards leave");
            }
            Manager receiver = managers.findByIdOptional(id)
                    .orElseThrow(() -> ProblemException.invalidField(field, "names no manager of this tenant"));
            if (receiver.dismissed()) {
                throw ProblemException.invalidField(field, "manager " + id + " was dismissed");
            }
            if (absent.contains(id)) {
                throw ProblemException.invalidField(field, "manager " + id + " is absent");
            }
        }
        return new ArrayList<>(distinct);
    }

    private List<UUID> ruleReceivers(UUID from, Instant now) {
        TenantSettings current = settings.current();
        if (current.distributionMode == TenantSettings.DistributionMode.MANUAL) {
            throw ProblemException.invalidField(
                    "cards", "the tenant distributes leads by hand: name the managers (TRANSFER_TO_NAMED)");
        }
        List<UUID> receivers = distributor.present(current.distributionMode, now, from).stream()
                .map(c -> c.manager().id)
                .toList();
        if (receivers.isEmpty()) {
            throw ProblemException.conflict("No active, present manager can receive the cards");
        }
        return receivers;
    }

    private Manager found(UUID id) {
        return managers.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Manager " + id));
    }

    private void checkTeam(UUID teamId) {
        if (teamId != null && teams.findByIdOptional(teamId).isEmpty()) {
            throw ProblemException.invalidField("teamId", "names no team of this tenant");
        }
    }

    private static void checkShifts(List<Shift> shifts) {
        for (int i = 0; i < shifts.size(); i++) {
            Shift shift = shifts.get(i);
            if (shift.end.equals(shift.start)) {
                throw ProblemException.invalidField(
                        "shifts[" + i + "].end",
                        "must differ from start (an end before the start is a night shift ending the next day)");
            }
        }
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static void checkVersion(String what, long actual, long expected) {
        if (actual != expected) {
            throw ProblemException.conflict(
                    what + " is at version " + actual + ", not " + expected + ": read it again and retry");
        }
    }

    private ManagerHired.ManagerProfile profile(Manager m) {
        List<ManagerHired.Shift> shifts = m.shifts.stream()
                .sorted(java.util.Comparator.comparing((Shift s) -> s.day).thenComparing(s -> s.start))
                .map(s -> new ManagerHired.Shift(s.day, s.start, s.end))
                .toList();
        return new ManagerHired.ManagerProfile(m.name, m.teamId, m.capacity, settings.current().timeZone, shifts);
    }
}
