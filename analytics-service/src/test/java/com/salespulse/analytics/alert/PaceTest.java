package com.salespulse.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PaceTest {

    private static final String TENANT_SHARE = "salespulse.alerts.max-tenant-share";
    private static final String ENGINE_SHARE = "salespulse.alerts.max-engine-share";

    private final AtomicLong nanos = new AtomicLong(1_000);

    private void wait(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** One evaluation of the tenant that takes {@code took}. */
    private void evaluation(Pace pace, String tenant, Duration took) {
        long started = pace.start();
        wait(took);
        pace.busy(tenant, started);
    }

    @Test
    void a_tenant_rests_nine_times_its_evaluation_at_a_share_of_a_tenth() {
        Pace pace = new Pace(TENANT_SHARE, 0.1, nanos::get);
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
        Pace pace = new Pace(TENANT_SHARE, 0.1, nanos::get);
        evaluation(pace, "big", Duration.ofSeconds(10));
        evaluation(pace, "small", Duration.ofMillis(5));

        wait(Duration.ofMillis(45));
        assertThat(pace.resting("small")).isFalse();
        assertThat(pace.resting("big")).isTrue();
        assertThat(pace.resting("never-evaluated")).isFalse();
    }

    @Test
    void the_latest_evaluation_sets_the_rest_and_a_share_of_one_never_rests() {
        Pace pace = new Pace(TENANT_SHARE, 0.5, nanos::get);
        evaluation(pace, "big", Duration.ofSeconds(60));
        wait(Duration.ofSeconds(60));
        // the rest follows the latest evaluation: a quick one after a slow one rests as briefly
        evaluation(pace, "big", Duration.ofSeconds(1));
        wait(Duration.ofSeconds(1));
        assertThat(pace.resting("big")).isFalse();

        Pace never = new Pace(TENANT_SHARE, 1, nanos::get);
        evaluation(never, "big", Duration.ofMinutes(5));
        assertThat(never.resting("big")).isFalse();
    }

    @Test
    void a_share_outside_zero_to_one_is_refused_by_its_property_name() {
        assertThatThrownBy(() -> new Pace(TENANT_SHARE, 0, nanos::get))
                .hasMessageContaining("salespulse.alerts.max-tenant-share");
        assertThatThrownBy(() -> new Pace(ENGINE_SHARE, 1.5, nanos::get))
                .hasMessageContaining("salespulse.alerts.max-engine-share");
    }

    /**
     * The engine's own pace, as its ticks keep it at a quarter: a thousand small tenants' sweep, 68 evaluations of
     * 200 ms in a tick on a loaded machine, 13.6 s busy, then 40.8 s of ticks passed by; the sweep stretches, and the
     * engine is busy a quarter of the time, not back to back.
     */
    @Test
    void the_engine_busy_for_a_tick_of_the_sweep_passes_three_times_as_long_at_a_quarter() {
        Pace engine = new Pace(ENGINE_SHARE, 0.25, nanos::get);
        long busy = 0;
        long ticks = 0;
        long start = nanos.get();
        while (nanos.get() - start < Duration.ofMinutes(10).toNanos()) {
            wait(Duration.ofSeconds(2));
            if (engine.resting("engine")) {
                continue;
            }
            ticks++;
            evaluation(engine, "engine", Duration.ofMillis(68 * 200));
            busy += Duration.ofMillis(68 * 200).toNanos();
        }

        double share = (double) busy / (nanos.get() - start);
        assertThat(share).isBetween(0.22, 0.25);
        assertThat(ticks).as("ticks that evaluated in ten minutes").isBetween(10L, 11L);
    }
}
