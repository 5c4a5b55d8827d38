package com.salespulse.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** deploy/ as committed keeps every rule of {@link KubernetesCheck} and {@link ComposeCheck}. */
class DeployManifestsTest {

    static List<ServiceConfig> services;

    @BeforeAll
    static void readServices() {
        services = ServiceConfig.readAll(DeployFiles.repo());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyOverlaySetsOnlyWhatTheServicesReadAndEverythingProductionNeeds(String overlay) {
        Manifests manifests = Manifests.of(Kustomize.render(DeployFiles.overlay(overlay)));

        assertThat(manifests.deployments()).hasSize(5);
        assertThat(manifests.kafkaTopics()).hasSize(Topic.usedBy(services).size());
        assertThat(new KubernetesCheck(manifests, services, DeployFiles.secretTemplate()).problems())
                .isEmpty();
    }

    @Test
    void prodKeepsTheDomainEventsForEverOnThreeBrokersWithTwelvePartitions() {
        Manifests prod = Manifests.of(Kustomize.render(DeployFiles.overlay("prod")));

        assertThat(prod.kafkaTopics())
                .filteredOn(t -> Topic.DOMAIN.contains(KubernetesCheck.topicName(t)))
                .extracting(KubernetesCheck::topic)
                .containsExactlyInAnyOrder(
                        new Topic("salespulse.lead.events", 12, -1),
                        new Topic("salespulse.roster.events", 12, -1),
                        new Topic("salespulse.deal.events", 12, -1));
        assertThat(prod.kafkaTopics())
                .extracting(t -> (Object)
                        ((java.util.Map<?, ?>) t.getAdditionalProperties().get("spec")).get("replicas"))
                .containsOnly(3);
    }

    @Test
    void theComposeFileRunsTheFiveServicesOnKraftKafkaWithEveryTopic() {
        ComposeCheck compose = new ComposeCheck(Yaml.single(DeployFiles.compose()), services);

        assertThat(compose.problems()).isEmpty();
        assertThat(compose.topics()).containsOnlyKeys(Topic.usedBy(services));
    }
}
