package com.salespulse.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.contract.deal.ExchangeRateSet;
import com.salespulse.contract.lead.LeadCreated;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /**
     * The envelope written without the SDK is the SDK's: the same attributes with the same values, the same data,
     * for an event with and without trace context, and data with text JSON must escape.
     */
    @Test
    void writesTheSameEventAsTheCloudEventsSdk() throws Exception {
        LeadCreated quoted = new LeadCreated(
                leadId,
                "web \"form\" \\ \u00e9t\u00e9\n",
                UUID.randomUUID(),
                "\u0410\u043d\u043d\u0430 \uD83D\uDE00",
                "+79123456789",
                "a@b.c",
                Instant.parse("2026-11-27T09:00:00.000456Z"));
        EventMetadata traced = new EventMetadata(
                metadata.id(),
                metadata.source(),
                Instant.parse("2026-11-27T09:00:00.123450Z"),
                metadata.tenant(),
                metadata.actor(),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "vendor=a");
        EventMetadata emptyTraceState = new EventMetadata(
                metadata.id(), metadata.source(), Instant.parse("2026-11-27T09:00:00Z"), "acme", "user:x", "00-x", "");

        for (EventMetadata meta : new EventMetadata[] {metadata, traced, emptyTraceState}) {
            for (LeadCreated data : new LeadCreated[] {created, quoted}) {
                assertThat(codec.dataMapper().readTree(codec.encode(meta, data)))
                        .isEqualTo(codec.dataMapper().readTree(codec.encodeThroughSdk(meta, data)));
                assertThat(codec.decode(codec.encode(meta, data)).dataAs(LeadCreated.class))
                        .isEqualTo(data);
            }
        }
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

    @Test
    void keepsAnAmountsDigitsAsWritten() {
        UUID rateId = UUID.randomUUID();
        ExchangeRateSet rate = new ExchangeRateSet(
                rateId,
                "USD",
                "RUB",
                LocalDate.parse("2026-11-01"),
                new BigDecimal("92.50"),
                new BigDecimal("12345678901234567.891"),
                Instant.parse("2026-11-01T06:00:00Z"));

        ExchangeRateSet read = codec.decode(codec.encode(metadata, rate)).dataAs(ExchangeRateSet.class);

        // the SDK's tree held these as doubles: 92.5 and 12345678901234568
        assertThat(read.rateToBase()).hasToString("92.50");
        assertThat(read.before()).hasToString("12345678901234567.891");
        assertThat(read).isEqualTo(rate);
    }

    @Test
    void readsDataWrittenBeforeItsType() {
        String encoded = new String(codec.encode(metadata, created), StandardCharsets.UTF_8);
        String data = encoded.substring(encoded.indexOf(",\"data\":"), encoded.length() - 1);
        String dataFirst = "{" + data.substring(1) + "," + encoded.substring(1, encoded.indexOf(data)) + "}";

        ReceivedEvent event = codec.decode(dataFirst.getBytes(StandardCharsets.UTF_8));

        assertThat(dataFirst).startsWith("{\"data\":");
        assertThat(event.metadata()).isEqualTo(metadata);
        assertThat(event.dataAs(LeadCreated.class)).isEqualTo(created);
    }

    /**
     * The one-pass read must take a record exactly as the SDK path does: the same event, or a refusal with the same
     * reason, for records of other shapes and broken ones alike.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void decodesEveryVariantAsTheSdkPathDoes(String variant, UnaryOperator<String> change) {
        byte[] bytes = change.apply(new String(codec.encode(metadata, created), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);

        Object sdk = outcome(() -> codec.decodeThroughSdk(bytes));
        Object decoded = outcome(() -> codec.decode(bytes));

        assertThat(decoded).isEqualTo(sdk);
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                variant("as written", json -> json),
                variant("an extension more", json -> json.replace("\"tenant\":", "\"region\":\"eu\",\"tenant\":")),
                variant("a numeric extension", json -> json.replace("\"tenant\":", "\"partition\":3,\"tenant\":")),
                variant("no datacontenttype", json -> json.replace("\"datacontenttype\":\"application/json\",", "")),
                variant("specversion 0.3", json -> json.replace("\"1.0\"", "\"0.3\"")),
                variant("specversion 2.0", json -> json.replace("\"1.0\"", "\"2.0\"")),
                variant("no id", json -> json.replaceFirst("\"id\":\"[^\"]*\",", "")),
                variant("an id not a UUID", json -> json.replaceFirst("\"id\":\"[^\"]*\"", "\"id\":\"e-1\"")),
                variant("a numeric id", json -> json.replaceFirst("\"id\":\"[^\"]*\"", "\"id\":7")),
                variant("a source not a URI", json -> json.replace("/salespulse/lead-service", "::not a uri")),
                variant("a time not a time", json -> json.replace("2026-11-27T09:00:00.123Z", "yesterday")),
                variant("no time", json -> json.replace("\"time\":\"2026-11-27T09:00:00.123Z\",", "")),
                variant("a time with an offset", json -> json.replace("09:00:00.123Z", "12:00:00.123+03:00")),
                variant("a time in nanoseconds", json -> json.replace("09:00:00.123Z", "09:00:00.123456789Z")),
                variant("a time without seconds", json -> json.replace("09:00:00.123Z", "09:00Z")),
                variant(
                        "a time in lower case",
                        json -> json.replace("2026-11-27T09:00:00.123Z", "2026-11-27t09:00:00z")),
                variant("a time at a leap second", json -> json.replace("09:00:00.123Z", "23:59:60Z")),
                variant("a time at 24:00", json -> json.replace("09:00:00.123Z", "24:00:00Z")),
                variant(
                        "a time on 30 February",
                        json -> json.replace("2026-11-27T09:00:00.123Z", "2026-02-30T09:00:00Z")),
                variant("a time 19 hours off", json -> json.replace("09:00:00.123Z", "09:00:00+19:00")),
                variant("a createdAt with an offset", json -> json.replace("09:00:00Z\"", "12:00:00+03:00\"")),
                variant("a createdAt without seconds", json -> json.replace("09:00:00Z\"", "09:00Z\"")),
                variant("a createdAt in seconds", json -> json.replace("\"2026-11-27T09:00:00Z\"", "1764234000")),
                variant(
                        "a createdAt on 30 February",
                        json -> json.replace("2026-11-27T09:00:00Z\"", "2026-02-30T09:00:00Z\"")),
                variant(
                        "a createdAt with spaces",
                        json -> json.replace("\"2026-11-27T09:00:00Z\"", "\" 2026-11-27T09:00:00Z \"")),
                variant("a blank actor", json -> json.replace("\"user:head-1\"", "\" \"")),
                variant("a numeric tenant", json -> json.replace("\"acme\"", "42")),
                variant("a null subject", json -> json.replaceFirst("\"subject\":\"[^\"]*\"", "\"subject\":null")),
                variant("an unknown type", json -> json.replace("salespulse.lead.created", "salespulse.lead.moved")),
                variant("a duplicate tenant", json -> json.replace("\"tenant\":", "\"tenant\":\"other\",\"tenant\":")),
                variant("data null", json -> json.substring(0, json.indexOf("\"data\":")) + "\"data\":null}"),
                variant("data a string", json -> json.substring(0, json.indexOf("\"data\":")) + "\"data\":\"x\"}"),
                variant("no data", json -> json.substring(0, json.indexOf(",\"data\":")) + "}"),
                variant(
                        "data and data_base64",
                        json -> json.replace("\"data\":", "\"data_base64\":\"eA==\",\"data\":")),
                variant("data without its lead", json -> json.replaceFirst("\"leadId\":\"[^\"]*\",", "")),
                variant(
                        "data with a field to come",
                        json -> json.replace("\"source\":\"website\"", "\"source\":\"website\",\"x\":1")),
                variant("a trailing brace", json -> json + "}"),
                variant("trailing text", json -> json + " and more"),
                variant("cut short", json -> json.substring(0, json.length() - 3)),
                variant("an array", json -> "[" + json + "]"));
    }

    private static Arguments variant(String name, UnaryOperator<String> change) {
        return Arguments.of(name, change);
    }

    /** The event decoded, or the refusal's class and reason. */
    private static Object outcome(java.util.function.Supplier<ReceivedEvent> decode) {
        try {
            return decode.get();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
