package com.salespulse.messaging.deadletter;

import com.salespulse.problem.ProblemException;
import java.util.List;
import java.util.Set;

/**
 * Which parked records a replay takes, checked before anything is sent: either all of them, said explicitly (an empty
 * body replays nothing by mistake), or the records matching every criterion given. A bad value is a 400 naming it.
 */
record ReplaySelection(boolean all, Integer partition, Long fromOffset, Long toOffset, Set<String> eventIds) {

    static ReplaySelection of(DeadLetterApi.ReplayRequest request) {
        if (request == null) {
            throw ProblemException.invalidField("all", "say \"all\": true, or select by partition, offset or event id");
        }
        boolean all = Boolean.TRUE.equals(request.all());
        boolean criteria = request.partition() != null
                || request.fromOffset() != null
                || request.toOffset() != null
                || request.eventIds() != null;
        if (all == criteria) {
            throw ProblemException.invalidField(
                    "all",
                    all
                            ? "\"all\": true takes no partition, offset or event id"
                            : "say \"all\": true, or select by partition, offset or event id");
        }
        if (request.partition() != null && request.partition() < 0) {
            throw ProblemException.invalidField("partition", "must be 0 or more");
        }
        if (request.fromOffset() != null && request.fromOffset() < 0) {
            throw ProblemException.invalidField("fromOffset", "must be 0 or more");
        }
        if (request.toOffset() != null && request.toOffset() < 0) {
            throw ProblemException.invalidField("toOffset", "must be 0 or more");
        }
        if (request.fromOffset() != null && request.toOffset() != null && request.toOffset() < request.fromOffset()) {
            throw ProblemException.invalidField("toOffset", "must not be before fromOffset");
        }
        if (request.eventIds() != null
                && (request.eventIds().isEmpty() || request.eventIds().stream().anyMatch(java.util.Objects::isNull))) {
            throw ProblemException.invalidField("eventIds", "must name at least one event id, and no null");
        }
        return new ReplaySelection(
                all,
                request.partition(),
                request.fromOffset(),
                request.toOffset(),
                request.eventIds() == null ? null : Set.copyOf(request.eventIds()));
    }

    boolean takes(DeadLetterApi.DeadLetter record) {
        return all
                || ((partition == null || partition == record.partition())
                        && (fromOffset == null || record.offset() >= fromOffset)
                        && (toOffset == null || record.offset() <= toOffset)
                        && (eventIds == null || (record.eventId() != null && eventIds.contains(record.eventId()))));
    }

    List<DeadLetterApi.DeadLetter> of(List<DeadLetterApi.DeadLetter> records) {
        return records.stream().filter(this::takes).toList();
    }
}
