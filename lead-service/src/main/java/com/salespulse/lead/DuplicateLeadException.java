package com.salespulse.lead;

import java.net.URI;

/**
 * A lead refused as a duplicate (tenant policy REFUSE, or a repeated external reference). Answered as 409 with a
 * Location header pointing at the existing card.
 */
public class DuplicateLeadException extends RuntimeException {

    private final URI existing;

    public DuplicateLeadException(String detail, URI existing) {
        super(detail);
        this.existing = existing;
    }

    public URI existing() {
        return existing;
    }
}
