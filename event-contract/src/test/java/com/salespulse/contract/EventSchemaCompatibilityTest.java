package com.salespulse.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the committed JSON Schema of every event type. A change to an event record that removes or retypes a
 * field, or makes a field required, fails here. A compatible change (a new optional field) fails too until the
 * committed schema is regenerated, so the change shows up as a diff in review:
 *
 * <pre>./mvnw -pl event-contract test -Dcontract.update-schemas=true</pre>
 *
 * The update refuses to write an incompatible schema.
 */
class EventSchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParameterizedTest
    @EnumSource(EventType.class)
    void committedSchemaMatchesTheEventRecord(EventType type) throws IOException {
        JsonNode generated = EventSchemas.generate(type);
        JsonNode committed = readCommitted(type);

        if (committed == null) {
            writeIfAsked(type, generated);
            assertThat(committed)
                    .as(
                            "no committed schema for %s at src/main/resources/%s; generate it with "
                                    + "-Dcontract.update-schemas=true",
                            type.type(), type.schemaResource())
                    .isNotNull();
        }
        List<String> breaks = SchemaCompatibility.breakingChanges(committed, generated);
        assertThat(breaks)
                .as("incompatible change to %s: events evolve only by adding optional fields", type.type())
                .isEmpty();
        if (!committed.equals(generated)) {
            writeIfAsked(type, generated);
            assertThat(generated)
                    .as(
                            "%s changed compatibly; regenerate the committed schema with "
                                    + "-Dcontract.update-schemas=true and commit it",
                            type.type())
                    .isEqualTo(committed);
        }
    }

    private static JsonNode readCommitted(EventType type) throws IOException {
        try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            return in == null ? null : JSON.readTree(in);
        }
    }

    private static void writeIfAsked(EventType type, JsonNode schema) throws IOException {
        String dir = System.getProperty("contract.schema-dir");
        if (Boolean.getBoolean("contract.update-schemas") && dir != null) {
            Path file = Path.of(dir).resolve(type.schemaResource().substring("schemas/".length()));
            Files.writeString(file, JSON.writeValueAsString(schema) + "\n");
            System.out.println("wrote " + file);
        }
    }
}
