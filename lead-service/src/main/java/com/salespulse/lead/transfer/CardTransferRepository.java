package com.salespulse.lead.transfer;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CardTransferRepository implements PanacheRepositoryBase<CardTransfer, UUID> {

    public List<CardTransferItem> itemsOf(UUID transferId) {
        return getEntityManager()
                .createQuery(
                        "from CardTransferItem where transferId = ?1 order by cardType, outcome, cardId",
                        CardTransferItem.class)
                .setParameter(1, transferId)
                .getResultList();
    }

    public void persistItem(CardTransferItem item) {
        getEntityManager().persist(item);
    }

    /** The tenant's transfers still waiting for deal-service's part, asked for before {@code before}. */
    public List<CardTransfer> waitingSince(java.time.Instant before) {
        return list(
                "status = ?1 and dealsCompletedAt is null and requestedAt < ?2",
                Sort.ascending("requestedAt", "id"),
                CardTransfer.Status.IN_PROGRESS,
                before);
    }

    public List<CardTransfer> ofManager(UUID fromManagerId) {
        return list("fromManagerId", Sort.descending("startedAt", "id"), fromManagerId);
    }
}
