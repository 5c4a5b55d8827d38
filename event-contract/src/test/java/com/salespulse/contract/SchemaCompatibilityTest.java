package com.salespulse.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String V1 = """
            {"type":"object","required":["leadId"],"properties":{
              "leadId":{"type":"string","format":"uuid"},
              "source":{"type":"string"}}}""";

    @Test
    void addingAnOptionalFieldIsCompatible() throws Exception {
        assertThat(SchemaCompatibility.breakingChanges(read(V1), read("""
                {"type":"object","required":["leadId"],"properties":{
                  "leadId":{"type":"string","format":"uuid"},
                  "source":{"type":"string"},
                  "campaign":{"type":"string"}}}"""))).isEmpty();
    }

    @Test
    void removingAFieldBreaks() throws Exception {
        assertThat(SchemaCompatibility.breakingChanges(read(V1), read("""
                {"type":"object","required":["leadId"],"properties":{
                  "leadId":{"type":"string","format":"uuid"}}}"""))).containsExactly("/source: removed");
    }

    @Test
    void retypingAFieldBreaks() throws Exception {
        assertThat(SchemaCompatibility.breakingChanges(read(V1), read("""
                {"type":"object","required":["leadId"],"properties":{
                  "leadId":{"type":"integer"},
                  "source":{"type":"string"}}}""")))
                .containsExactlyInAnyOrder(
                        "/leadId: type changed from \"string\" to \"integer\"",
                        "/leadId: format changed from \"uuid\" to null");
    }

    @Test
    void makingAFieldRequiredBreaks() throws Exception {
        assertThat(SchemaCompatibility.breakingChanges(read(V1), read("""
                {"type":"object","required":["leadId","source"],"properties":{
                  "leadId":{"type":"string","format":"uuid"},
                  "source":{"type":"string"}}}"""))).containsExactly("/source: newly required");
    }

    private static final String KINDS = """
            {"type":"object","properties":{"kind":{"type":"string","enum":["A","B"]}}}""";

    @Test
    void anEnumerationThatGainsAValueAtItsEndIsCompatible() throws Exception {
        assertThat(SchemaCompatibility.breakingChanges(read(KINDS), read("""
                {"type":"object","properties":{"kind":{"type":"string","enum":["A","B","C"]}}}"""))).isEmpty();
    }

    @Test
    void anEnumerationThatLosesOrReordersValuesBreaks() throws Exception {
        assertThat(SchemaCompatibility.breakingChanges(read(KINDS), read("""
                {"type":"object","properties":{"kind":{"type":"string","enum":["A"]}}}""")))
                .containsExactly("/kind: enum changed from [\"A\",\"B\"] to [\"A\"]");
        assertThat(SchemaCompatibility.breakingChanges(read(KINDS), read("""
                {"type":"object","properties":{"kind":{"type":"string","enum":["C","A","B"]}}}"""))).hasSize(1);
    }

    private static JsonNode read(String json) throws Exception {
        return JSON.readTree(json);
    }
}
