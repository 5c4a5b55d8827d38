package com.salespulse.analytics.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Conditional GETs for the dashboard's live refresh (docs/dashboard.md#live-refresh): every JSON answer of a GET
 * under {@code /api/v1/metrics}, {@code /api/v1/alerts} and {@code /api/v1/settings} carries an {@code ETag}, the
 * SHA-256 of its body; a request whose {@code If-None-Match} names it gets {@code 304 Not Modified} and no body. The
 * figures are still computed (the read model has no cheaper "changed since" to ask), but an unchanged answer does not
 * travel or get re-rendered. The body is serialized here once and handed on as those bytes, so the tag is the hash
 * of exactly what is sent. CSV and XLSX answers get no tag.
 */
@Provider
public class EntityTags implements ContainerResponseFilter {

    private static final String[] TAGGED = {"/api/v1/metrics/", "/api/v1/alerts", "/api/v1/settings"};

    private final ObjectMapper json;

    public EntityTags(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        if (!HttpMethod.GET.equals(request.getMethod())
                || response.getStatus() != Response.Status.OK.getStatusCode()
                || !response.hasEntity()
                || response.getEntity() instanceof byte[]
                || response.getMediaType() == null
                || !MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())
                || !tagged(request.getUriInfo().getPath())) {
            return;
        }
        byte[] body = json.writeValueAsBytes(response.getEntity());
        String tag = '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(body)) + '"';
        response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
            response.setStatus(Response.Status.NOT_MODIFIED.getStatusCode());
            response.setEntity(null);
            return;
        }
        response.setEntity(body, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
    }

    private static boolean tagged(String path) {
        return Arrays.stream(TAGGED).anyMatch(path::startsWith);
    }

    /** RFC 9110: If-None-Match is {@code *} or a list of tags, compared weakly (a W/ prefix does not matter). */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .map(candidate -> candidate.startsWith("W/") ? candidate.substring(2) : candidate)
                .anyMatch(candidate -> candidate.equals("*") || candidate.equals(tag));
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
