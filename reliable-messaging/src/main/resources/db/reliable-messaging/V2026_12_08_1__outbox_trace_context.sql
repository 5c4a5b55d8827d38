-- The trace context of the span that wrote the event (W3C traceparent/tracestate, also inside the CloudEvent): the
-- relay sends it as Kafka headers without parsing the payload. Null for rows written outside a trace.
alter table outbox_event add column traceparent text;
alter table outbox_event add column tracestate text;
