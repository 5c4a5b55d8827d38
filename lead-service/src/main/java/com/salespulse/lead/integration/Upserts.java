package com.salespulse.lead.integration;

import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The answer of a PUT by reference: 201 with a Location when it created, 200 when it was known; the same body. */
public final class Upserts {

    private Upserts() {}

    public static Response answer(boolean created, String location, Object body) {
        return created
                ? Response.created(URI.create(location)).entity(body).build()
                : Response.ok(body).build();
    }
}
