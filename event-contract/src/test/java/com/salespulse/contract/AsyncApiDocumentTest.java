package com.salespulse.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pins docs/asyncapi/salespulse.asyncapi.yaml to the contract: the committed document must equal what
 * {@link AsyncApiDocument} builds from Topics, EventType and the committed JSON Schemas. After a contract change:
 *
 * <pre>./mvnw -pl event-contract test -Dtest=AsyncApiDocumentTest -Dcontract.update-asyncapi=true</pre>
 *
 * and commit the diff. The structure is checked too, so a generator bug cannot be committed as the truth.
 */
class AsyncApiDocumentTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private static final ObjectNode GENERATED = AsyncApiDocument.generate();

    @Test
    void committedDocumentIsWhatTheContractGives() throws IOException {
        Path file = Path.of(System.getProperty("contract.asyncapi-file", "../docs/asyncapi/salespulse.asyncapi.yaml"));
        String generated = YAML.writeValueAsString(GENERATED);
        if (Boolean.getBoolean("contract.update-asyncapi")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated);
            System.out.println("wrote " + file);
        }
        assertThat(file)
                .as("no committed AsyncAPI document; generate it with -Dcontract.update-asyncapi=true")
                .exists();
        JsonNode committed = YAML.readTree(Files.readString(file));
        assertThat(committed)
                .as("the contract changed; regenerate %s with -Dcontract.update-asyncapi=true and " + "commit it", file)
                .isEqualTo(GENERATED);
    }

    @Test
    void hasTheFieldsAsyncApi3Requires() {
        assertThat(GENERATED.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(GENERATED.path("info").path("title").asText()).isNotBlank();
        assertThat(GENERATED.path("info").path("version").asText()).isNotBlank();
        GENERATED.path("servers").properties().forEach(server -> {
            assertThat(server.getValue().path("host").asText())
                    .as(server.getKey())
                    .isNotBlank();
            assertThat(server.getValue().path("protocol").asText())
                    .as(server.getKey())
                    .isEqualTo("kafka");
        });
        GENERATED.path("channels").properties().forEach(channel -> {
            assertThat(channel.getValue().path("address").asText())
                    .as(channel.getKey())
                    .isNotBlank();
            assertThat(channel.getValue().path("messages").size())
                    .as(channel.getKey())
                    .isPositive();
        });
        GENERATED.path("operations").properties().forEach(operation -> {
            JsonNode op = operation.getValue();
            assertThat(op.path("action").asText()).as(operation.getKey()).isIn("send", "receive");
            String channel = op.path("channel").path("$ref").asText();
            assertThat(channel).as(operation.getKey()).startsWith("#/channels/");
            // AsyncAPI 3: an operation's messages must be messages of its own channel
            op.path("messages")
                    .forEach(message -> assertThat(message.path("$ref").asText())
                            .as(operation.getKey())
                            .startsWith(channel + "/messages/"));
        });
        GENERATED
                .path("components")
                .path("messages")
                .properties()
                .forEach(message -> assertThat(message.getValue().has("payload"))
                        .as(message.getKey())
                        .isTrue());
    }

    @Test
    void everyTopicIsAChannelAndEveryEventTypeAMessageOnItsTopic() {
        Set<String> addresses = new HashSet<>();
        GENERATED
                .path("channels")
                .forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.all());

        for (EventType type : EventType.values()) {
            String name = type.dataClass().getSimpleName();
            JsonNode message = GENERATED.path("components").path("messages").path(name);
            assertThat(message.path("name").asText()).as(type.type()).isEqualTo(type.type());
            JsonNode channel = GENERATED.path("channels").path(AsyncApiDocument.channelId(type.topic()));
            assertThat(channel.path("messages").has(name))
                    .as("%s on %s", type.type(), type.topic())
                    .isTrue();
            assertThat(GENERATED
                            .path("components")
                            .path("schemas")
                            .path(name)
                            .path("x-cloudevent-type")
                            .asText())
                    .isEqualTo(type.type());
        }
    }

    @Test
    void everyEventTypeIsSentByItsProducerAndEveryConsumerReceivesIt() {
        for (EventType type : EventType.values()) {
            String ref = "#/channels/" + AsyncApiDocument.channelId(type.topic()) + "/messages/"
                    + type.dataClass().getSimpleName();
            List<String> actions = new ArrayList<>();
            GENERATED
                    .path("operations")
                    .forEach(op -> op.path("messages").forEach(message -> {
                        if (message.path("$ref").asText().equals(ref)) {
                            actions.add(op.path("action").asText());
                        }
                    }));
            assertThat(actions).as(type.type()).contains("send");
            assertThat(actions.stream().filter("receive"::equals).count())
                    .as(type.type())
                    .isEqualTo(
                            AsyncApiDocument.ROLES.get(type.topic()).consumers().size());
        }
    }

    @Test
    void everyRefResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(GENERATED, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).as("only local references").startsWith("#/");
            assertThat(GENERATED.at(ref.substring(1)).isMissingNode())
                    .as("$ref %s resolves", ref)
                    .isFalse();
        }
    }

    @Test
    void embedsEachCommittedSchemaUnchangedButForItsDefinitions() {
        for (EventType type : EventType.values()) {
            JsonNode committed = AsyncApiDocument.committedSchema(type);
            JsonNode embedded = GENERATED
                    .path("components")
                    .path("schemas")
                    .path(type.dataClass().getSimpleName());
            for (Map.Entry<String, JsonNode> field : committed.properties()) {
                if (!field.getKey().startsWith("$")) {
                    if (field.getValue().toString().contains("$ref")) {
                        assertThat(embedded.has(field.getKey())).as(type.type()).isTrue();
                    } else {
                        assertThat(embedded.get(field.getKey()))
                                .as("%s %s", type.type(), field.getKey())
                                .isEqualTo(field.getValue());
                    }
                }
            }
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                refs.add(ref.asText());
            }
        }
        node.elements().forEachRemaining(child -> collectRefs(child, refs));
    }
}
