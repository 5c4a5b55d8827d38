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

    public List<CardTransfer> ofManager(UUID fromManagerId) {
        return list("fromManagerId", Sort.descending("startedAt", "id"), fromManagerId);
    }
}
