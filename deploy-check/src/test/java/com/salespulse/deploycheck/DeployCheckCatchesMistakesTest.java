package com.salespulse.deploycheck;

import static com.salespulse.deploycheck.Yaml.list;
import static com.salespulse.deploycheck.Yaml.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each mistake someone could make in deploy/ is made here on a copy of the rendered prod overlay (or of the compose
 * file), and the check must name it. Without these, an always-empty problem list would pass
 * {@link DeployManifestsTest}.
 */
class DeployCheckCatchesMistakesTest {

    static List<ServiceConfig> services;
    static List<Map<String, Object>> prod;

    @BeforeAll
    static void render() {
        services = ServiceConfig.readAll(DeployFiles.repo());
        prod = Kustomize.render(DeployFiles.overlay("prod"));
    }

    @Test
    void aVariableNoConfigurationKeyReadsIsReported() {
        List<String> problems = problemsAfter(rendered -> {
            env(rendered, "lead-service").add(variable("SALESPULSE_LEAD_QUEUE_DRAIN_EVRY", "5m"));
            env(rendered, "lead-service").add(variable("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "30"));
        });

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "lead-service sets SALESPULSE_LEAD_QUEUE_DRAIN_EVRY, which neither a configuration key nor a"
                                + " ${...} of lead-service reads",
                        "lead-service sets QUARKUS_DATASOURCE_JDBC_MAX_SIZE, which neither a configuration key nor a"
                                + " ${...} of lead-service reads");
    }

    @Test
    void aVariableNamingARealKeyInItsEnvironmentFormIsAccepted() {
        assertThat(problemsAfter(rendered ->
                        env(rendered, "lead-service").add(variable("SALESPULSE_LEAD_QUEUE_DRAIN_EVERY", "5m"))))
                .isEmpty();
    }

    @Test
    void variablesTakenWholesaleAndAnotherServicesImageAreReported() {
        List<String> problems = problemsAfter(rendered -> {
            container(rendered, "deal-service")
                    .put("envFrom", List.of(Map.of("configMapRef", Map.of("name", "salespulse-config"))));
            container(rendered, "deal-service").put("image", "registry.example.com/salespulse/lead-service:0.1.0");
        });

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "deal-service takes variables wholesale (envFrom), which hides what it sets: name each in env",
                        "deal-service runs the image registry.example.com/salespulse/lead-service:0.1.0, not a tag of"
                                + " salespulse/deal-service");
    }

    @Test
    void aMisspeltVariableIsReportedAndSoIsTheOneProductionNeeds() {
        List<String> problems = problemsAfter(rendered -> {
            Map<String, Object> bootstrap = env(rendered, "analytics-service").stream()
                    .map(Yaml::map)
                    .filter(v -> v.get("name").equals("KAFKA_BOOTSTRAP_SERVERS"))
                    .findFirst()
                    .orElseThrow();
            bootstrap.put("name", "KAFKA_BOOTSTRAP_SERVER");
        });

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "analytics-service sets KAFKA_BOOTSTRAP_SERVER, which neither a configuration key nor a"
                                + " ${...} of analytics-service reads",
                        "analytics-service does not set KAFKA_BOOTSTRAP_SERVERS, which production needs (its default"
                                + " localhost:19092 is local)");
    }

    @Test
    void aConfigMapKeyNobodyReadsAndAReferenceToAMissingOneAreReported() {
        List<String> problems = problemsAfter(rendered -> {
            map(resource(rendered, "ConfigMap", "salespulse-config").get("data"))
                    .put("LEAD_DB_POOL_SIZE", "30");
            map(map(map(env(rendered, "deal-service").get(0)).get("valueFrom")).get("configMapKeyRef"))
                    .put("key", "DEAL_DATABASE_URL");
        });

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "the ConfigMap salespulse-config holds LEAD_DB_POOL_SIZE, which no container reads",
                        "the ConfigMap salespulse-config holds DEAL_DB_URL, which no container reads",
                        "deal-service: DB_URL takes DEAL_DATABASE_URL of the ConfigMap salespulse-config, which has no"
                                + " such key");
    }

    @Test
    void aProbeOnTheApiPortIsReported() {
        List<String> problems = problemsAfter(
                rendered -> map(map(container(rendered, "deal-service").get("readinessProbe"))
                                .get("httpGet"))
                        .put("port", "http"));

        assertThat(problems)
                .containsExactly("deal-service: the readinessProbe asks /q/health/ready on port 8082, not"
                        + " /q/health/ready on the management port 9082");
    }

    @Test
    void aMisspeltFieldOfAKubernetesModelIsReported() {
        List<String> problems = problemsAfter(rendered -> {
            Map<String, Object> probe = map(container(rendered, "lead-service").get("livenessProbe"));
            probe.put("httpGett", probe.remove("httpGet"));
        });

        assertThat(problems)
                .contains(
                        "Deployment lead-service: unknown field(s) [httpGett] in Probe",
                        "lead-service: no HTTP livenessProbe");
    }

    @Test
    void aTopicWithoutKafkaTopicAndADomainTopicWithTheBrokerDefaultRetentionAreReported() {
        List<String> problems = problemsAfter(rendered -> {
            rendered.remove(resource(rendered, "KafkaTopic", "salespulse-alert-events"));
            map(map(resource(rendered, "KafkaTopic", "salespulse-roster-events").get("spec"))
                            .get("config"))
                    .remove("retention.ms");
        });

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "no KafkaTopic for salespulse.alert.events",
                        "the KafkaTopic salespulse.roster.events does not keep its events for ever (retention.ms=-1,"
                                + " retention.bytes=-1, no compaction): a rebuild reads it from the start");
    }

    @Test
    void aMisspeltKafkaTopicFieldIsReported() {
        List<String> problems = problemsAfter(rendered -> {
            Map<String, Object> spec = map(resource(rendered, "KafkaTopic", "salespulse-deal-dead-letter")
                    .get("spec"));
            spec.put("partition", spec.remove("partitions"));
        });

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "the KafkaTopic salespulse-deal-dead-letter has the spec fields [topicName, replicas, config,"
                                + " partition]: Strimzi's are " + KubernetesCheck.STRIMZI_TOPIC_FIELDS
                                + ", partitions required here",
                        "no KafkaTopic for salespulse.deal.dead-letter");
    }

    @Test
    void moreConsumersThanPartitionsIsReported() {
        List<String> problems =
                problemsAfter(rendered -> map(resource(rendered, "HorizontalPodAutoscaler", "notification-service")
                                .get("spec"))
                        .put("maxReplicas", 16));

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "salespulse.alert.events has 12 partitions, fewer than the 16 pods notification-service may"
                                + " run to consume it",
                        "salespulse.roster.events has 12 partitions, fewer than the 16 pods notification-service may"
                                + " run to consume it");
    }

    @Test
    void aManagementPortOpenToAnySourceIsReported() {
        List<String> problems = problemsAfter(rendered -> {
            List<Object> ingress = list(map(resource(rendered, "NetworkPolicy", "salespulse-management")
                            .get("spec"))
                    .get("ingress"));
            map(ingress.get(1)).remove("from");
        });

        assertThat(problems)
                .hasSize(5)
                .allMatch(p -> p.startsWith("the NetworkPolicy salespulse-management opens the management port"));
    }

    @Test
    void anAutoscaledServiceWithoutDisruptionBudgetIsReported() {
        List<String> problems = problemsAfter(
                rendered -> rendered.remove(resource(rendered, "PodDisruptionBudget", "analytics-service")));

        assertThat(problems).containsExactly("analytics-service has no PodDisruptionBudget");
    }

    @Test
    void theComposeFileIsCheckedByTheSameRules() {
        Map<String, Object> compose = Yaml.single(DeployFiles.compose());
        Map<String, Object> deal = map(map(compose.get("services")).get("deal-service"));
        map(deal.get("environment")).put("DB_PASWORD", "x");
        map(deal.get("environment")).remove("DB_PASSWORD");
        deal.put("ports", List.of("8082:8082", "9082:9082"));
        deal.put("image", "${SALESPULSE_REGISTRY:-registry.example.com}/salespulse/lead-service:${SALESPULSE_TAG:-1}");
        Map<String, Object> topics = map(map(compose.get("services")).get("kafka-topics"));
        String list = (String) map(topics.get("environment")).get("TOPICS");
        map(topics.get("environment"))
                .put("TOPICS", list.replace("salespulse.deal.events:2:-1", "salespulse.deal.events:2:604800000"));

        assertThat(new ComposeCheck(compose, services).problems())
                .containsExactlyInAnyOrder(
                        "compose: deal-service sets DB_PASWORD, which neither a configuration key nor a ${...} of"
                                + " deal-service reads",
                        "compose: deal-service does not set DB_PASSWORD",
                        "compose: deal-service publishes its management port beyond loopback: 9082:9082",
                        "compose: deal-service runs registry.example.com/salespulse/lead-service:1, not a tag of"
                                + " salespulse/deal-service",
                        "compose: salespulse.deal.events is not kept for ever (retention.ms 604800000)");
    }

    private static List<String> problemsAfter(Consumer<List<Map<String, Object>>> mistake) {
        List<Map<String, Object>> rendered = Yaml.copy(prod);
        mistake.accept(rendered);
        return new KubernetesCheck(Manifests.of(rendered), services, DeployFiles.secretTemplate()).problems();
    }

    private static Map<String, Object> resource(List<Map<String, Object>> rendered, String kind, String name) {
        return rendered.stream()
                .filter(r -> r.get("kind").equals(kind)
                        && map(r.get("metadata")).get("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Map<String, Object> container(List<Map<String, Object>> rendered, String service) {
        Map<String, Object> spec = map(
                map(map(resource(rendered, "Deployment", service).get("spec")).get("template"))
                        .get("spec"));
        return map(list(spec.get("containers")).get(0));
    }

    private static List<Object> env(List<Map<String, Object>> rendered, String service) {
        return list(container(rendered, service).get("env"));
    }

    private static Map<String, Object> variable(String name, String value) {
        Map<String, Object> variable = new LinkedHashMap<>();
        variable.put("name", name);
        variable.put("value", value);
        return variable;
    }
}
