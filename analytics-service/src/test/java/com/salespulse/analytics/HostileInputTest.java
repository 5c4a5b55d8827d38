package com.salespulse.analytics;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import com.salespulse.testsupport.hostile.HostileInput;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * analytics-service's few write endpoints (settings, calendar days, alert thresholds; the rebuild takes no body)
 * against test-support's generated hostile input: every refusal a 4xx problem naming the field, nothing written.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class HostileInputTest {

    @TestFactory
    Stream<DynamicNode> everyWriteEndpointRefusesHostileInputAndWritesNothing() {
        String head = TestTokens.head("hostile-analytics");
        return HostileInput.ofThisService()
                .operation(
                        "PUT /api/v1/settings",
                        op -> op.token(head)
                                .body(
                                        "{\"timeZone\":\"Europe/Moscow\",\"baseCurrency\":\"RUB\","
                                                + "\"weekendDays\":[\"SATURDAY\",\"SUNDAY\"],\"language\":\"ru\",\"forgottenGraceHours\":24}"))
                .skip(
                        "PUT /api/v1/settings/calendar/days/{date}",
                        "moved to lead-service: every call answers 409 and writes nothing (TenantSettingsTest)")
                .operation(
                        "PUT /api/v1/alerts/thresholds", op -> op.token(head).body("{\"OVERDUE_TASKS_PER_MANAGER\":3}"))
                // written by the consumers and the alert engine's schedule for other tests' tenants, not by a request
                .ignoreTable("alert", "the alert engine evaluates every tenant each minute")
                .ignoreTable(
                        "outbox_event",
                        "only the alert engine writes events here (settings emit none), on its schedule")
                .tests();
    }
}
