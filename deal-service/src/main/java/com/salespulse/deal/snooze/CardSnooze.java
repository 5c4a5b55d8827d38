package com.salespulse.deal.snooze;

import com.salespulse.deal.task.Task;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A card (lead or deal) put to sleep until a moment, with a reason. There is no wake-up job: a card whose moment has
 * passed is simply not snoozed any more, because every reader compares {@link #snoozedUntil} with now.
 */
@Entity
@Table(name = "card_snooze")
public class CardSnooze {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "card_id", nullable = false, updatable = false)
    public UUID cardId;

    @Enumerated(EnumType.STRING)
    @Column(name = "card_type", nullable = false)
    public Task.CardType cardType;

    @Column(name = "snoozed_until", nullable = false)
    public Instant snoozedUntil;

    @Column(nullable = false)
    public String reason;

    @Column(name = "snoozed_at", nullable = false)
    public Instant snoozedAt;

    /** Whether the card still sleeps at {@code now}. */
    public boolean sleepsAt(Instant now) {
        return snoozedUntil.isAfter(now);
    }
}
