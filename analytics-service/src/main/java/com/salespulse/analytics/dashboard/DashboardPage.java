package com.salespulse.analytics.dashboard;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Serves the dashboard (docs/dashboard.md) under {@code /dashboard/}. The Web Bundler renders the page from
 * {@code web/dashboard.html} at build time, with its bundled scripts and styles, and serves it as
 * {@code /dashboard.html}; this gives it the address people are sent to. The page itself is public (it holds no
 * data); everything it shows comes from the API with the caller's bearer token.
 */
@Singleton
public class DashboardPage {

    static final String PATH = "/dashboard/";

    void install(@Observes Router router) {
        // Vert.x matches /dashboard and /dashboard/ with one route; only the second is the page
        router.get("/dashboard").order(Integer.MIN_VALUE + 2).handler(context -> {
            if (context.request().path().equals(PATH)) {
                context.reroute("/dashboard.html");
            } else {
                context.redirect(PATH);
            }
        });
    }
}
