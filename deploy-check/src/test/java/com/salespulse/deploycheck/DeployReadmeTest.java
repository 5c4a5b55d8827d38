package com.salespulse.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** deploy/README.md's topic table says what the manifests and the compose file provision, and who reads each topic. */
class DeployReadmeTest {

    record Row(
            String topic, String producer, Set<String> consumers, int prod, int dev, int compose, long retentionMs) {}

    @Test
    void theTopicTableMatchesTheOverlaysTheComposeFileAndTheConsumers() {
        List<ServiceConfig> services = ServiceConfig.readAll(DeployFiles.repo());
        Map<String, Row> table = topicTable();
        Map<String, Topic> prod = topics("prod");
        Map<String, Topic> dev = topics("dev");
        Map<String, Topic> compose = new ComposeCheck(Yaml.single(DeployFiles.compose()), services).topics();

        assertThat(table.keySet()).isEqualTo(Topic.usedBy(services));
        for (Row row : table.values()) {
            Set<String> consumers = services.stream()
                    .filter(s -> s.consumedTopics().contains(row.topic()))
                    .map(ServiceConfig::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(row.consumers()).as("consumers of %s", row.topic()).isEqualTo(consumers);
            assertThat(row)
                    .as(row.topic())
                    .isEqualTo(new Row(
                            row.topic(),
                            row.producer(),
                            consumers,
                            prod.get(row.topic()).partitions(),
                            dev.get(row.topic()).partitions(),
                            compose.get(row.topic()).partitions(),
                            prod.get(row.topic()).retentionMs()));
            assertThat(List.of(
                            dev.get(row.topic()).retentionMs(),
                            compose.get(row.topic()).retentionMs()))
                    .as("retention of %s in dev and compose", row.topic())
                    .containsOnly(row.retentionMs());
            services.stream()
                    .filter(s -> s.deadLetterTopics().contains(row.topic()))
                    .forEach(s -> assertThat(row.producer()).as(row.topic()).isEqualTo(s.name()));
        }
    }

    private static Map<String, Topic> topics(String overlay) {
        Map<String, Topic> topics = new TreeMap<>();
        for (GenericKubernetesResource resource :
                Manifests.of(Kustomize.render(DeployFiles.overlay(overlay))).kafkaTopics()) {
            Topic topic = KubernetesCheck.topic(resource);
            topics.put(topic.name(), topic);
        }
        return topics;
    }

    /** The rows of the table whose header starts {@code | topic | producer | consumers |}. */
    private static Map<String, Row> topicTable() {
        List<String> lines = ServiceConfig.read(DeployFiles.repo().resolve("deploy/README.md"))
                .lines()
                .toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("| topic | producer | consumers |")) {
                header = i;
            }
        }
        assertThat(header).as("the topic table in deploy/README.md").isNotNegative();
        Map<String, Row> rows = new TreeMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = Arrays.stream(lines.get(i).split("\\|"))
                    .skip(1)
                    .map(String::trim)
                    .toArray(String[]::new);
            String topic = cells[0].replace("`", "");
            Set<String> consumers = cells[2].equals("—")
                    ? new TreeSet<>()
                    : Arrays.stream(cells[2].split(","))
                            .map(String::trim)
                            .collect(Collectors.toCollection(TreeSet::new));
            rows.put(
                    topic,
                    new Row(
                            topic,
                            cells[1],
                            consumers,
                            Integer.parseInt(cells[3]),
                            Integer.parseInt(cells[4]),
                            Integer.parseInt(cells[5]),
                            retention(cells[6])));
        }
        return rows;
    }

    private static long retention(String cell) {
        if (cell.equals("for ever")) {
            return -1;
        }
        if (cell.endsWith(" days")) {
            return Long.parseLong(cell.substring(0, cell.length() - " days".length())) * 86_400_000L;
        }
        throw new AssertionError("retention neither 'for ever' nor 'N days': " + cell);
    }
}
