package com.salespulse.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The configuration deploy-check reads from the services' sources is what the services read. */
class ServiceConfigTest {

    @Test
    void portsAndHealthComeFromTheServicesProperties() {
        ServiceConfig lead = ServiceConfig.read(DeployFiles.repo(), "lead-service");

        assertThat(lead.httpPort()).isEqualTo(8081);
        assertThat(lead.managementPort()).isEqualTo(9081);
        assertThat(lead.healthPath()).isEqualTo("/q/health");
    }

    @Test
    void configMappingsBecomeKeysAndTheirEnvironmentNamesAreRead() {
        ServiceConfig notification = ServiceConfig.read(DeployFiles.repo(), "notification-service");

        // NotificationConfig.Delivery.failingAfter(): set nowhere in a properties file, known from the mapping only
        assertThat(notification.keys()).contains("salespulse.notification.delivery.failing-after");
        assertThat(notification.reads("SALESPULSE_NOTIFICATION_DELIVERY_FAILING_AFTER"))
                .isTrue();
        assertThat(notification.reads("SALESPULSE_NOTIFICATION_DELIVERY_FAILING_AFTR"))
                .isFalse();
        // the shared modules' defaults: the outbox's mapping (reliable-messaging) and the token settings (api-security)
        assertThat(notification.keys()).contains("salespulse.outbox.batch-size", "mp.jwt.verify.issuer");
    }

    @Test
    void productionMustSetWhatDefaultsToThisMachineOrToNothing() {
        ServiceConfig integration = ServiceConfig.read(DeployFiles.repo(), "integration-service");
        ServiceConfig analytics = ServiceConfig.read(DeployFiles.repo(), "analytics-service");

        assertThat(integration.requiredInProduction())
                .containsKeys(
                        "DB_URL",
                        "DB_USERNAME",
                        "DB_PASSWORD",
                        "JWT_PUBLIC_KEY_LOCATION",
                        "JWT_ISSUER",
                        "JWT_SIGNING_KEY_LOCATION",
                        "LEAD_SERVICE_URL",
                        "DEAL_SERVICE_URL",
                        "PUBLIC_API_URL",
                        "MANAGEMENT_HOST")
                .doesNotContainKeys("KAFKA_BOOTSTRAP_SERVERS", "IMPORT_MAX_ROWS");
        assertThat(analytics.requiredInProduction())
                .containsKey("KAFKA_BOOTSTRAP_SERVERS")
                .doesNotContainKeys("TENANT_TIME_ZONE", "JWT_MAX_LIFETIME_SECONDS");
    }

    @Test
    void consumedTopicsComeFromTheIncomingChannels() {
        assertThat(ServiceConfig.read(DeployFiles.repo(), "analytics-service").consumedTopics())
                .containsExactlyInAnyOrder(
                        "salespulse.lead.events", "salespulse.roster.events", "salespulse.deal.events");
        assertThat(ServiceConfig.read(DeployFiles.repo(), "notification-service")
                        .consumedTopics())
                .containsExactlyInAnyOrder("salespulse.alert.events", "salespulse.roster.events");
        assertThat(ServiceConfig.read(DeployFiles.repo(), "integration-service").consumedTopics())
                .isEmpty();
    }

    @Test
    void environmentNamesFollowTheMicroProfileRule() {
        assertThat(ServiceConfig.environmentName("mp.messaging.incoming.\"salespulse.lead.events\".group.id"))
                .isEqualTo("MP_MESSAGING_INCOMING__SALESPULSE_LEAD_EVENTS__GROUP_ID");
        assertThat(ServiceConfig.environmentName("quarkus.http.port")).isEqualTo("QUARKUS_HTTP_PORT");
    }
}
