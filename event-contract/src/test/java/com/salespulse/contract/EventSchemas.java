package com.salespulse.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;

/** Generates the JSON Schema of an event type's data from its record, the same way every time. */
final class EventSchemas {

    private static final SchemaGenerator GENERATOR =
            new SchemaGenerator(new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                    .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                    .with(Option.EXTRA_OPEN_API_FORMAT_VALUES)
                    .build());

    private EventSchemas() {}

    static JsonNode generate(EventType type) {
        ObjectNode schema = GENERATOR.generateSchema(type.dataClass());
        ObjectNode ordered = schema.objectNode();
        ordered.set("$schema", schema.get("$schema"));
        ordered.put("$id", "https://salespulse.example/" + type.schemaResource());
        ordered.put("title", type.dataClass().getSimpleName());
        ordered.put("x-cloudevent-type", type.type());
        ordered.put("x-topic", type.topic());
        schema.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("$schema")) {
                ordered.set(field.getKey(), field.getValue());
            }
        });
        return ordered;
    }
}
