package com.salespulse.lead;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LeadPage", description = "One page of leads, newest first (the queue: oldest first).")
public record LeadPageResponse(
        @Schema(description = "The leads on this page.") List<LeadResponse> items,
        @Schema(description = "The page number, from 0.") int page,
        @Schema(description = "The page size asked for.") int size,

        @Schema(description = "How many leads match in all.")
        long total) {}
