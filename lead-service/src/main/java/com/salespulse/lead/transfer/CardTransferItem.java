package com.salespulse.lead.transfer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** One card a transfer moved or failed to move, with its new owner or the reason. */
@Entity
@Table(name = "card_transfer_item")
public class CardTransferItem {

    public enum CardType {
        LEAD,
        DEAL,
        TASK
    }

    public enum Outcome {
        MOVED,
        FAILED
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "transfer_id", nullable = false)
    public UUID transferId;

    @Enumerated(EnumType.STRING)
    @Column(name = "card_type", nullable = false)
    public CardType cardType;

    @Column(name = "card_id", nullable = false)
    public UUID cardId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @Column(name = "to_manager_id")
    public UUID toManagerId;

    public String reason;

    public static CardTransferItem moved(UUID transferId, CardType type, UUID cardId, UUID toManagerId) {
        CardTransferItem item = new CardTransferItem();
        item.id = UUID.randomUUID();
        item.transferId = transferId;
        item.cardType = type;
        item.cardId = cardId;
        item.outcome = Outcome.MOVED;
        item.toManagerId = toManagerId;
        return item;
    }

    public static CardTransferItem failed(UUID transferId, CardType type, UUID cardId, String reason) {
        CardTransferItem item = new CardTransferItem();
        item.id = UUID.randomUUID();
        item.transferId = transferId;
        item.cardType = type;
        item.cardId = cardId;
        item.outcome = Outcome.FAILED;
        item.reason = reason;
        return item;
    }
}
