package com.salespulse.deal.transfer;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** deal-service's part of a card transfer: which open deals and tasks moved to whom, and which could not. */
@Entity
@Table(name = "card_transfer")
public class CardTransfer {

    /** The transfer id from lead-service's CardTransferStarted. */
    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "from_manager_id", nullable = false)
    public UUID fromManagerId;

    /** The receivers in hand-out order, comma-separated. */
    @Column(name = "to_manager_ids", nullable = false)
    public String toManagerIds;

    @Column(nullable = false)
    public String mode;

    public String reason;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "completed_at", nullable = false)
    public Instant completedAt;

    @ElementCollection(fetch = jakarta.persistence.FetchType.EAGER)
    @CollectionTable(name = "card_transfer_item", joinColumns = @JoinColumn(name = "transfer_id"))
    @OrderColumn(name = "item_no")
    public List<CardTransferItem> items = new ArrayList<>();

    public List<UUID> receivers() {
        return toManagerIds.isEmpty()
                ? List.of()
                : Arrays.stream(toManagerIds.split(",")).map(UUID::fromString).toList();
    }
}
