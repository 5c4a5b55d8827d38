package com.salespulse.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the alert rules of deploy/observability name only metrics that exist: each one is exposed
 * by a service at {@code /q/metrics} (the committed lists under {@code deploy/observability/metrics/}, which each
 * service's {@code ExposedMetricsTest} checks against its live {@code /q/metrics}), or comes from Kafka Exporter. A
 * renamed metric thus fails here instead of leaving a panel empty and an alert silent.
 */
class ObservabilityTest {

    /** Served by Kafka Exporter (Strimzi's, or one next to compose), not by a service. */
    static final Set<String> FROM_KAFKA_EXPORTER =
            Set.of("kafka_consumergroup_lag", "kafka_topic_partition_current_offset");

    private static final Path OBSERVABILITY = DeployFiles.repo().resolve("deploy/observability");

    @Test
    void everyMetricOfTheDashboardAndTheRulesIsExposedByAServiceOrKafkaExporter() throws IOException {
        Set<String> known = new TreeSet<>(FROM_KAFKA_EXPORTER);
        known.addAll(exposedByServices());
        Map<String, Set<String>> used = new TreeMap<>();
        dashboardExpressions().forEach((panel, expression) -> used.put("panel " + panel, PromQl.metrics(expression)));
        ruleExpressions().forEach((alert, expression) -> used.put("alert " + alert, PromQl.metrics(expression)));

        Map<String, Set<String>> unknown = new TreeMap<>();
        used.forEach((where, metrics) -> {
            assertThat(metrics).as(where + " reads no metric").isNotEmpty();
            Set<String> missing = new TreeSet<>(metrics);
            missing.removeAll(known);
            if (!missing.isEmpty()) {
                unknown.put(where, missing);
            }
        });
        assertThat(unknown).as("metrics no service exposes").isEmpty();
        // what ops watch, as the issue lists it: lag, outbox, dead letters, freshness, apply rate, deliveries, 5xx
        assertThat(used.values().stream().flatMap(Set::stream).distinct())
                .contains(
                        "kafka_consumergroup_lag",
                        "salespulse_outbox_pending",
                        "salespulse_outbox_oldest_pending_age_seconds",
                        "salespulse_outbox_quarantined",
                        "kafka_topic_partition_current_offset",
                        "salespulse_events_dead_lettered_total",
                        "salespulse_events_apply_delay_seconds_max",
                        "salespulse_events_consumed_total",
                        "salespulse_delivery_attempts_total",
                        "http_server_requests_seconds_count");
    }

    @Test
    void theProdPrometheusRuleCarriesExactlyTheRulesOfThePlainFile() {
        Map<String, Object> rule = Yaml.single(DeployFiles.overlay("prod").resolve("prometheus-rule.yaml"));
        Manifests prod = Manifests.of(Kustomize.render(DeployFiles.overlay("prod")));

        assertThat(Yaml.map(rule.get("spec")).get("groups"))
                .isEqualTo(plainRules().get("groups"));
        assertThat(prod.all(io.fabric8.kubernetes.api.model.GenericKubernetesResource.class))
                .filteredOn(r -> r.getKind().equals("PrometheusRule"))
                .hasSize(1);
    }

    @Test
    void findsTheMetricsOfAnExpressionAndNothingElse() {
        assertThat(PromQl.metrics("sum by (job) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m]))"
                        + " / sum by (job) (rate(http_server_requests_seconds_count[5m])) > 0.01"))
                .containsExactly("http_server_requests_seconds_count");
        assertThat(PromQl.metrics("max(salespulse_outbox_pendng) > 0 and on (job) up == 1"))
                .containsExactly("salespulse_outbox_pendng", "up");
    }

    static Set<String> exposedByServices() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> lists = Files.list(OBSERVABILITY.resolve("metrics"))) {
            for (Path list : lists.filter(p -> p.toString().endsWith(".txt")).toList()) {
                Files.readAllLines(list).stream().filter(l -> !l.isBlank()).forEach(names::add);
            }
        }
        // one list per service that has a Deployment
        try (Stream<Path> lists = Files.list(OBSERVABILITY.resolve("metrics"))) {
            assertThat(lists.map(p -> p.getFileName().toString().replace(".txt", "")))
                    .containsExactlyInAnyOrderElementsOf(ServiceConfig.SERVICES);
        }
        return names;
    }

    private static Map<String, String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(OBSERVABILITY.resolve("grafana/salespulse-ops.json").toFile());
        Map<String, String> expressions = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                expressions.put(
                        panel.get("title").asText() + "/" + target.get("refId").asText(),
                        target.get("expr").asText());
            }
        }
        assertThat(expressions).hasSize(12);
        return expressions;
    }

    private static Map<String, String> ruleExpressions() {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (Object group : Yaml.list(plainRules().get("groups"))) {
            for (Object rule : Yaml.list(Yaml.map(group).get("rules"))) {
                Map<String, Object> alert = Yaml.map(rule);
                expressions.put((String) alert.get("alert"), String.valueOf(alert.get("expr")));
            }
        }
        assertThat(expressions).hasSize(10);
        return expressions;
    }

    private static Map<String, Object> plainRules() {
        return Yaml.single(OBSERVABILITY.resolve("alert-rules.yml"));
    }
}
