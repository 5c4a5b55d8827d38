package com.salespulse.deal.probe;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One row of the write-path reference: nothing reads it. */
@Entity
@Table(name = "write_probe")
public class WriteProbe {

    @Id
    public UUID id;

    /** The tenant the token named, or {@code -} for none. */
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "written_at", nullable = false)
    public Instant writtenAt;
}
