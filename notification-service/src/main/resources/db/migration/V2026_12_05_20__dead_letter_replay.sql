-- What ops replayed from the service's dead-letter topic (reliable-messaging deadletter/DeadLetters): one row per
-- parked record (its dead-letter topic, partition and offset), with the last replay and how many there were. The topic
-- itself is append-only, so this is where "replayed" is kept.
create table dead_letter_replay (
    topic           text        not null,
    topic_partition int         not null,
    record_offset   bigint      not null,
    replayed_at     timestamptz not null,
    actor           text        not null,
    replays         int         not null,
    primary key (topic, topic_partition, record_offset)
);
