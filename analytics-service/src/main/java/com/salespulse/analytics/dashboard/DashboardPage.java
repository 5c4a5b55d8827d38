package com.salespulse.analytics.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves the dashboard (docs/dashboard.md) under {@code /dashboard/}. The Web Bundler renders the page from
 * {@code web/dashboard.html} at build time, with its bundled scripts and styles, and serves it as
 * {@code /dashboard.html}; this gives it the address people are sent to, and {@code /dashboard/config.json}: the
 * tenant-independent settings the page needs before anyone signed in (the OIDC provider to sign in with, when the
 * deployment names one). The page holds no data; everything it shows comes from the API with the caller's token.
 */
@Singleton
public class DashboardPage {

    static final String PATH = "/dashboard/";

    private final String config;

    public DashboardPage(
            ObjectMapper json,
            @ConfigProperty(name = "salespulse.dashboard.oidc.issuer") Optional<String> issuer,
            @ConfigProperty(name = "salespulse.dashboard.oidc.client-id") Optional<String> clientId,
            @ConfigProperty(name = "salespulse.dashboard.oidc.scope", defaultValue = "openid") String scope)
            throws JsonProcessingException {
        Map<String, Object> page = new LinkedHashMap<>();
        if (issuer.isPresent() && clientId.isPresent()) {
            page.put("oidc", Map.of("issuer", issuer.get(), "clientId", clientId.get(), "scope", scope));
        } else {
            page.put("oidc", null);
        }
        this.config = json.writeValueAsString(page);
    }

    void install(@Observes Router router) {
        // Vert.x matches /dashboard and /dashboard/ with one route; only the second is the page
        router.get("/dashboard").order(Integer.MIN_VALUE + 2).handler(context -> {
            if (context.request().path().equals(PATH)) {
                context.reroute("/dashboard.html");
            } else {
                context.redirect(PATH);
            }
        });
        router.get(PATH + "config.json")
                .order(Integer.MIN_VALUE + 2)
                .handler(context -> context.response()
                        .putHeader("Content-Type", "application/json")
                        .end(config));
    }
}
