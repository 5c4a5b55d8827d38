package com.salespulse.messaging.tracing;

import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.security.TenantClaimCheck;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Carries a trace across the outbox and Kafka, where no automatic propagation reaches: the outbox writes the current
 * trace context into the CloudEvent ({@link #current()}, the CloudEvents distributed-tracing extension), and a
 * consumer processes an event in a span that continues it ({@link #process}). A batch is one span whose links name the
 * events' traces ({@link #processBatch}), not one span per event. While a span runs, the MDC carries its
 * {@code traceId} and {@code spanId}, the tenant and, for a single event, its {@code eventId}, so every log line of the
 * processing names them.
 */
@ApplicationScoped
public class EventTracing {

    /** The MDC keys, also the field names in JSON log lines. */
    public static final String TRACE_ID = "traceId";

    public static final String SPAN_ID = "spanId";
    public static final String EVENT_ID = "eventId";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private static final Logger LOG = Logger.getLogger(EventTracing.class);

    private final Tracer tracer;

    public EventTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("com.salespulse.messaging");
    }

    /** The W3C trace context of the current span; {@link TraceContext#NONE} outside a trace. */
    public TraceContext current() {
        if (!Span.current().getSpanContext().isValid()) {
            return TraceContext.NONE;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        String state = carrier.get("tracestate");
        return new TraceContext(carrier.get("traceparent"), state == null || state.isEmpty() ? null : state);
    }

    /**
     * Runs {@code work} in a consumer span that continues the event's trace (a new trace when the event carries
     * none, or a malformed one).
     */
    public void process(String topic, ReceivedEvent event, Runnable work) {
        EventMetadata metadata = event.metadata();
        Span span = consumerSpan(topic + " process", topic)
                .setParent(remoteParent(metadata))
                .setAttribute("messaging.message.id", metadata.id().toString())
                .setAttribute("cloudevents.event_type", event.type().type())
                .setAttribute("salespulse.tenant", metadata.tenant())
                .startSpan();
        run(span, metadata.tenant(), metadata.id().toString(), () -> {
            LOG.debugf("Processing %s %s from %s", event.type().type(), metadata.id(), topic);
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work} in one consumer span for a batch of events, linked to each event's trace (the events of a
     * batch belong to many traces; a span has one parent). The batch's only event, when it has one, is its parent
     * instead, and names the log lines' {@code eventId}.
     */
    public <T> T processBatch(String name, List<EventMetadata> events, Supplier<T> work) {
        SpanBuilder builder = consumerSpan(name, null).setAttribute("messaging.batch.message_count", events.size());
        if (events.size() == 1) {
            EventMetadata only = events.get(0);
            builder.setParent(remoteParent(only))
                    .setAttribute("messaging.message.id", only.id().toString());
            return run(builder.startSpan(), only.tenant(), only.id().toString(), work);
        }
        builder.setNoParent();
        Map<String, SpanContext> linked = new LinkedHashMap<>();
        for (EventMetadata event : events) {
            SpanContext context = Span.fromContext(remoteParent(event)).getSpanContext();
            if (context.isValid()) {
                linked.putIfAbsent(context.getSpanId(), context); // a request that wrote several events: one link
            }
        }
        linked.values().forEach(builder::addLink);
        return run(builder.startSpan(), null, null, work);
    }

    /**
     * Runs {@code work} in a span of the trace a stored {@code traceparent} names (a new trace when null): work done
     * later for an event, such as a notification's delivery attempt, planned while that event was processed.
     */
    public <T> T continueTrace(String name, String traceparent, Map<String, String> attributes, Supplier<T> work) {
        SpanBuilder builder =
                tracer.spanBuilder(name).setSpanKind(SpanKind.CLIENT).setParent(remoteParent(traceparent, null));
        attributes.forEach(builder::setAttribute);
        return run(builder.startSpan(), attributes.get("salespulse.tenant"), null, work);
    }

    private SpanBuilder consumerSpan(String name, String topic) {
        SpanBuilder builder = tracer.spanBuilder(name)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process");
        return topic == null ? builder : builder.setAttribute("messaging.destination.name", topic);
    }

    /** The event's trace context as a remote parent, on the root context so nothing of the thread leaks in. */
    private static Context remoteParent(EventMetadata metadata) {
        return remoteParent(metadata.traceparent(), metadata.tracestate());
    }

    private static Context remoteParent(String traceparent, String tracestate) {
        if (traceparent == null) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>(2);
        carrier.put("traceparent", traceparent);
        if (tracestate != null) {
            carrier.put("tracestate", tracestate);
        }
        return W3C.extract(Context.root(), carrier, MAP_GETTER);
    }

    private static <T> T run(Span span, String tenant, String eventId, Supplier<T> work) {
        Map<String, Object> previous = new HashMap<>();
        try (Scope scope = span.makeCurrent()) {
            put(previous, TRACE_ID, span.getSpanContext().getTraceId());
            put(previous, SPAN_ID, span.getSpanContext().getSpanId());
            put(previous, EVENT_ID, eventId);
            put(previous, TenantClaimCheck.MDC_KEY, tenant);
            return work.get();
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
            previous.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }

    private static void put(Map<String, Object> previous, String key, String value) {
        previous.put(key, MDC.get(key));
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
