package com.salespulse.messaging.tracing;

/**
 * A W3C trace context as text, as the CloudEvents distributed-tracing extension and the Kafka headers carry it.
 *
 * @param traceparent {@code 00-<trace id>-<span id>-<flags>}; null outside a trace
 * @param tracestate the vendor part; null when empty
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final TraceContext NONE = new TraceContext(null, null);
}
