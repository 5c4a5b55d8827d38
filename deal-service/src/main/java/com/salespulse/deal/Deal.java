package com.salespulse.deal;

import com.salespulse.contract.deal.DealTerms;
import com.salespulse.deal.decimal.Decimals;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A deal: selling to one client, from opening (a converted lead or a repeat sale) to won or lost. */
@Entity
@Table(name = "deal")
public class Deal {

    public enum Status {
        OPEN,
        WON,
        LOST
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "client_name")
    public String clientName;

    @Column(name = "manager_id", nullable = false)
    public UUID managerId;

    @Column(name = "pipeline_id", nullable = false)
    public UUID pipelineId;

    @Column(name = "stage_id", nullable = false)
    public UUID stageId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public BigDecimal amount;

    @Column(nullable = false)
    public String currency;

    @ElementCollection(fetch = jakarta.persistence.FetchType.EAGER)
    @CollectionTable(name = "deal_line", joinColumns = @JoinColumn(name = "deal_id"))
    @OrderColumn(name = "line_no")
    public List<DealLineItem> lines = new ArrayList<>();

    @Column(name = "expected_close_date")
    public LocalDate expectedCloseDate;

    @Column(nullable = false)
    public String source;

    @Column(name = "referred_by_client_id")
    public UUID referredByClientId;

    /** The client had a won deal when this one was opened. */
    @Column(name = "repeat_sale", nullable = false)
    public boolean repeatSale;

    /** The converted lead this deal was opened from; at most one deal per lead. */
    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "external_ref")
    public String externalRef;

    @Column(name = "external_system")
    public String externalSystem;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "lost_reason_code")
    public String lostReasonCode;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** Set while an open deal is archived: out of the working lists and the "now" metrics until restored. */
    @Column(name = "archived_at")
    public Instant archivedAt;

    @Column(name = "archive_reason")
    public String archiveReason;

    /** The business time of the last recorded change; an older change is refused as stale. */
    @Column(name = "last_change_at", nullable = false)
    public Instant lastChangeAt;

    /** When the deal was first written here (server clock), whatever its business time. */
    @Column(name = "recorded_at", nullable = false, updatable = false)
    public Instant recordedAt;

    @Version
    public long version;

    public DealTerms terms() {
        return new DealTerms(
                Decimals.plain(amount),
                currency,
                lines.stream().map(DealLineItem::toEvent).toList(),
                expectedCloseDate);
    }
}
