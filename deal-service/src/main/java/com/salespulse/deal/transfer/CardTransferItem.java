package com.salespulse.deal.transfer;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.UUID;

/** One card of a transfer: moved to {@link #toManagerId}, or not moved for {@link #failure}. */
@Embeddable
public class CardTransferItem {

    /** DEAL or TASK. */
    @Column(name = "card_type", nullable = false)
    public String cardType;

    @Column(name = "card_id", nullable = false)
    public UUID cardId;

    @Column(name = "to_manager_id")
    public UUID toManagerId;

    public String failure;

    static CardTransferItem moved(String cardType, UUID cardId, UUID to) {
        CardTransferItem item = new CardTransferItem();
        item.cardType = cardType;
        item.cardId = cardId;
        item.toManagerId = to;
        return item;
    }

    static CardTransferItem failed(String cardType, UUID cardId, String reason) {
        CardTransferItem item = new CardTransferItem();
        item.cardType = cardType;
        item.cardId = cardId;
        item.failure = reason;
        return item;
    }
}
