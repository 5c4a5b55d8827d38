package com.salespulse.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChangedTenantsTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final ChangedTenants tenants = new ChangedTenants(Duration.ofSeconds(30), nanos::get, tenant -> false);

    private void wait(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void a_changed_tenant_never_evaluated_is_due_at_once_and_only_once() {
        tenants.changed("acme");
        tenants.changed("acme");

        assertThat(tenants.due()).containsExactly("acme");
        assertThat(tenants.due()).isEmpty();
    }

    @Test
    void a_tenant_that_keeps_changing_is_evaluated_once_per_interval() {
        tenants.changed("acme");
        tenants.due().forEach(tenants::evaluated);

        tenants.changed("acme");
        wait(Duration.ofSeconds(29));
        assertThat(tenants.due()).isEmpty();
        tenants.changed("acme");
        wait(Duration.ofSeconds(1));
        assertThat(tenants.due()).containsExactly("acme");
    }

    @Test
    void a_change_is_not_lost_while_the_tenant_waits() {
        tenants.evaluated("acme");
        tenants.changed("acme");
        wait(Duration.ofSeconds(10));
        assertThat(tenants.due()).isEmpty();

        wait(Duration.ofSeconds(20));
        assertThat(tenants.due()).containsExactly("acme");
    }

    @Test
    void an_unchanged_tenant_is_never_due_and_tenants_wait_each_for_themselves() {
        tenants.evaluated("acme");
        wait(Duration.ofMinutes(5));
        assertThat(tenants.due()).isEmpty();

        tenants.evaluated("acme");
        tenants.changed("acme");
        tenants.changed("globex");
        assertThat(tenants.due()).containsExactly("globex");
    }

    @Test
    void without_an_interval_every_change_is_due_at_the_next_tick() {
        ChangedTenants eager = new ChangedTenants(Duration.ZERO, nanos::get, tenant -> false);
        eager.changed("acme");
        eager.due().forEach(eager::evaluated);
        eager.changed("acme");

        assertThat(eager.due()).containsExactly("acme");
    }

    @Test
    void a_tenant_that_rests_after_a_long_evaluation_stays_changed_until_the_rest_is_over() {
        Pace pace = new Pace("salespulse.alerts.max-tenant-share", 0.1, nanos::get);
        ChangedTenants paced = new ChangedTenants(Duration.ofSeconds(30), nanos::get, pace::resting);
        paced.changed("acme");
        paced.changed("globex");
        assertThat(paced.due()).containsExactlyInAnyOrder("acme", "globex");
        // acme's evaluation takes 20 s: it rests 180 s after it, well past the 30 s interval; globex's takes 10 ms
        paced.evaluated("acme");
        long started = pace.start();
        wait(Duration.ofSeconds(20));
        pace.busy("acme", started);
        paced.evaluated("globex");
        started = pace.start();
        wait(Duration.ofMillis(10));
        pace.busy("globex", started);

        paced.changed("acme");
        paced.changed("globex");
        wait(Duration.ofSeconds(30));
        assertThat(paced.due()).containsExactly("globex");
        wait(Duration.ofSeconds(149));
        assertThat(paced.due()).isEmpty();
        wait(Duration.ofSeconds(1));
        assertThat(paced.due()).containsExactly("acme");
    }
}
