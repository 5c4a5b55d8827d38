package com.salespulse.security;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Whose cards and figures the caller may see within their tenant: the whole tenant (a head of sales, an
 * integrator), or a set of managers (a manager: themselves; a team lead: themselves and the managers now in the
 * teams they lead). Never empty when narrowed: a narrowed scope always holds the caller's own id.
 *
 * <p>Filter SQL with {@code manager_id = any(:scope)} over {@link #managerIds()}, or ask {@link #includes(UUID)};
 * a card outside the scope answers 404, exactly as one that does not exist.
 *
 * @param managers null for the whole tenant, else the managers in scope
 * @param own the caller's own roster id when narrowed (the manager or team lead), else null
 * @param teams the teams the caller leads (empty for everyone but a team lead of at least one team)
 */
public record CallerScope(Set<UUID> managers, UUID own, Set<UUID> teams) {

    public CallerScope {
        managers = managers == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(managers));
        teams = teams == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(teams));
        if (managers != null && (own == null || !managers.contains(own))) {
            throw new IllegalArgumentException("a narrowed scope holds the caller's own id");
        }
    }

    /** A head of sales or an integrator: every card of the tenant. */
    public static CallerScope wholeTenant() {
        return new CallerScope(null, null, Set.of());
    }

    /** A manager, or a team lead leading no team: their own cards only. */
    public static CallerScope own(UUID manager) {
        return new CallerScope(Set.of(manager), manager, Set.of());
    }

    /** A team lead: their own cards and those of the managers now in the teams they lead. */
    public static CallerScope team(UUID lead, Set<UUID> teams, Set<UUID> members) {
        Set<UUID> managers = new LinkedHashSet<>();
        managers.add(lead);
        managers.addAll(members);
        return new CallerScope(managers, lead, teams);
    }

    public boolean isWholeTenant() {
        return managers == null;
    }

    /** Whether a card owned by this manager is in scope (a card with no owner is the whole tenant's only). */
    public boolean includes(UUID manager) {
        return managers == null || (manager != null && managers.contains(manager));
    }

    /** The managers in scope as an array for {@code = any(:scope)}; null for the whole tenant. */
    public UUID[] managerIds() {
        return managers == null ? null : managers.toArray(UUID[]::new);
    }

    /** Whether the caller leads at least one team (a team lead's scope wider than their own cards). */
    public boolean leadsATeam() {
        return !teams.isEmpty();
    }

    /**
     * The one manager the scope is narrowed to, for the places that filter by a single owner: present for a
     * manager's scope (and a team lead leading no team), empty for the whole tenant. A team lead's scope of several
     * managers has no single one: those places must use {@link #managerIds()}; asking here fails loudly rather than
     * widening the scope.
     */
    public Optional<UUID> singleManager() {
        if (managers == null) {
            return Optional.empty();
        }
        if (managers.size() != 1) {
            throw new IllegalStateException("a team lead's scope is several managers: filter by managerIds()");
        }
        return Optional.of(own);
    }
}
