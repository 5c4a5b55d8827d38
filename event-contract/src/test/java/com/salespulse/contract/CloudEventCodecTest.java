package com.salespulse.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.lead.LeadCreated;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

    private final CloudEventCodec codec = new CloudEventCodec();
    private final UUID leadId = UUID.randomUUID();
    private final LeadCreated created = new LeadCreated(
            leadId, "website", null, "Anna", "+79123456789", null, Instant.parse("2026-11-27T09:00:00Z"));
    private final EventMetadata metadata = new EventMetadata(
            UUID.randomUUID(),
            URI.create("/salespulse/lead-service"),
            Instant.parse("2026-11-27T09:00:00.123Z"),
            "acme",
            "user:head-1");

    @Test
    void writesAStructuredCloudEventWithTenantActorAndSubject() throws Exception {
        JsonNode json = codec.dataMapper().readTree(codec.encode(metadata, created));

        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("id").asText()).isEqualTo(metadata.id().toString());
        assertThat(json.get("type").asText()).isEqualTo("salespulse.lead.created");
        assertThat(json.get("source").asText()).isEqualTo("/salespulse/lead-service");
        assertThat(json.get("subject").asText()).isEqualTo(leadId.toString());
        assertThat(json.get("time").asText()).isEqualTo("2026-11-27T09:00:00.123Z");
        assertThat(json.get("tenant").asText()).isEqualTo("acme");
        assertThat(json.get("actor").asText()).isEqualTo("user:head-1");
        assertThat(json.get("data").get("source").asText()).isEqualTo("website");
        assertThat(json.get("data").get("createdAt").asText()).isEqualTo("2026-11-27T09:00:00Z");
    }

    @Test
    void readsBackWhatItWrote() {
        ReceivedEvent event = codec.decode(codec.encode(metadata, created));

        assertThat(event.type()).isEqualTo(EventType.LEAD_CREATED);
        assertThat(event.metadata()).isEqualTo(metadata);
        assertThat(event.dataAs(LeadCreated.class)).isEqualTo(created);
    }

    @Test
    void carriesTheWritersTraceContextAsDistributedTracingExtension() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        EventMetadata traced = new EventMetadata(
                metadata.id(), metadata.source(), metadata.time(), "acme", "user:head-1", traceparent, "vendor=x");

        byte[] encoded = codec.encode(traced, created);

        JsonNode json = codec.dataMapper().readTree(encoded);
        assertThat(json.get("traceparent").asText()).isEqualTo(traceparent);
        assertThat(json.get("tracestate").asText()).isEqualTo("vendor=x");
        assertThat(codec.decode(encoded).metadata()).isEqualTo(traced);
        // an event written outside a trace has neither attribute
        assertThat(codec.dataMapper().readTree(codec.encode(metadata, created)).has("traceparent"))
                .isFalse();
    }

    @Test
    void acceptsDataWithFieldsItDoesNotKnowYet() {
        String newer = new String(codec.encode(metadata, created), StandardCharsets.UTF_8)
                .replace("\"source\":\"website\"", "\"source\":\"website\",\"campaign\":\"black-friday\"");

        assertThat(codec.decode(newer.getBytes(StandardCharsets.UTF_8)).dataAs(LeadCreated.class))
                .isEqualTo(created);
    }

    @Test
    void namesTheAggregateFamilyOfEachType() {
        assertThat(EventType.LEAD_CREATED.aggregateType()).isEqualTo("lead");
        assertThat(EventType.LEAD_UPDATED.aggregateType()).isEqualTo("lead");
    }

    @Test
    void rejectsBrokenJson() {
        assertThatThrownBy(() -> codec.decode("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not a CloudEvent");
    }

    @Test
    void rejectsAnUnknownType() {
        String unknown = new String(codec.encode(metadata, created), StandardCharsets.UTF_8)
                .replace("salespulse.lead.created", "salespulse.lead.teleported");

        assertThatThrownBy(() -> codec.decode(unknown.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("unknown event type 'salespulse.lead.teleported'");
    }

    @Test
    void rejectsAnEventWithoutTenant() {
        String noTenant =
                new String(codec.encode(metadata, created), StandardCharsets.UTF_8).replace("\"tenant\":\"acme\",", "");

        assertThatThrownBy(() -> codec.decode(noTenant.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("missing extension attribute 'tenant'");
    }

    @Test
    void rejectsDataWithoutARequiredField() {
        String noLeadId = new String(codec.encode(metadata, created), StandardCharsets.UTF_8)
                .replace("\"leadId\":\"" + leadId + "\",", "");

        assertThatThrownBy(() -> codec.decode(noLeadId.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("data does not match salespulse.lead.created")
                .hasMessageContaining("leadId");
    }
}
