package com.salespulse.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TenantPaceTest {

    private final AtomicLong nanos = new AtomicLong(1_000);

    private void wait(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** One evaluation of the tenant that takes {@code took}. */
    private void evaluation(TenantPace pace, String tenant, Duration took) {
        long started = pace.start();
        wait(took);
        pace.evaluated(tenant, started);
    }

    @Test
    void a_tenant_rests_nine_times_its_evaluation_at_a_share_of_a_tenth() {
        TenantPace pace = new TenantPace(0.1, nanos::get);
        evaluation(pace, "big", Duration.ofSeconds(30));

        assertThat(pace.resting("big")).isTrue();
        assertThat(pace.restingNow()).isEqualTo(1);
        wait(Duration.ofSeconds(269));
        assertThat(pace.resting("big")).isTrue();
        wait(Duration.ofSeconds(1));
        assertThat(pace.resting("big")).isFalse();
        assertThat(pace.restingNow()).isZero();
    }

    @Test
    void the_tenants_rest_each_for_their_own_evaluation_and_a_quick_one_barely_at_all() {
        TenantPace pace = new TenantPace(0.1, nanos::get);
        evaluation(pace, "big", Duration.ofSeconds(10));
        evaluation(pace, "small", Duration.ofMillis(5));

        wait(Duration.ofMillis(45));
        assertThat(pace.resting("small")).isFalse();
        assertThat(pace.resting("big")).isTrue();
        assertThat(pace.resting("never-evaluated")).isFalse();
    }

    @Test
    void the_latest_evaluation_sets_the_rest_and_a_share_of_one_never_rests() {
        TenantPace pace = new TenantPace(0.5, nanos::get);
        evaluation(pace, "big", Duration.ofSeconds(60));
        wait(Duration.ofSeconds(60));
        // the rest follows the latest evaluation: a quick one after a slow one rests as briefly
        evaluation(pace, "big", Duration.ofSeconds(1));
        wait(Duration.ofSeconds(1));
        assertThat(pace.resting("big")).isFalse();

        TenantPace never = new TenantPace(1, nanos::get);
        evaluation(never, "big", Duration.ofMinutes(5));
        assertThat(never.resting("big")).isFalse();
    }

    @Test
    void a_share_outside_zero_to_one_is_refused_by_its_property_name() {
        assertThatThrownBy(() -> new TenantPace(0, nanos::get))
                .hasMessageContaining("salespulse.alerts.max-tenant-share");
        assertThatThrownBy(() -> new TenantPace(1.5, nanos::get))
                .hasMessageContaining("salespulse.alerts.max-tenant-share");
    }
}
