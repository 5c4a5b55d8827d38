-- The trace context of the alert event's processing that planned the delivery: each attempt is a span of that trace.
alter table delivery add column traceparent text;
