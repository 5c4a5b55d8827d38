package com.salespulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerScopeTest {

    private static final UUID LEAD = UUID.randomUUID();
    private static final UUID MEMBER = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    private static final UUID TEAM = UUID.randomUUID();

    @Test
    void aTeamLeadsScopeIsThemselvesAndTheirTeamsManagersNoOneElse() {
        CallerScope scope = CallerScope.team(LEAD, Set.of(TEAM), Set.of(MEMBER));
        assertThat(scope.includes(LEAD)).isTrue();
        assertThat(scope.includes(MEMBER)).isTrue();
        assertThat(scope.includes(OTHER)).isFalse();
        assertThat(scope.includes(null)).isFalse();
        assertThat(scope.managerIds()).containsExactlyInAnyOrder(LEAD, MEMBER);
        assertThat(scope.leadsATeam()).isTrue();
        assertThat(scope.isWholeTenant()).isFalse();
    }

    @Test
    void aPlaceFilteringByOneManagerFailsForATeamRatherThanWidening() {
        assertThat(CallerScope.own(LEAD).singleManager()).contains(LEAD);
        assertThat(CallerScope.wholeTenant().singleManager()).isEmpty();
        assertThatThrownBy(() ->
                        CallerScope.team(LEAD, Set.of(TEAM), Set.of(MEMBER)).singleManager())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theWholeTenantIncludesEveryCardAndANarrowedScopeAlwaysHoldsTheCaller() {
        assertThat(CallerScope.wholeTenant().includes(OTHER)).isTrue();
        assertThat(CallerScope.wholeTenant().managerIds()).isNull();
        assertThatThrownBy(() -> new CallerScope(Set.of(MEMBER), LEAD, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
