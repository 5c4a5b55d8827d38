package com.salespulse.security;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Puts the browser-facing security headers on every answer of the API port, the ones no resource gives included
 * (401 before matching, 404, 413): {@code X-Content-Type-Options: nosniff} (a JSON answer is never sniffed into
 * HTML), {@code Cache-Control: no-store} unless the answer says otherwise (tenant data stays out of shared and
 * browser caches), and {@code Strict-Transport-Security} when the request came over TLS ({@code https} as the
 * request's scheme, which behind a TLS-terminating proxy needs {@code quarkus.http.proxy.proxy-address-forwarding}).
 * The management port has its own router and is not touched.
 */
@Singleton
public class SecurityHeaders {

    static final String HSTS = "max-age=31536000; includeSubDomains";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            boolean overTls = "https".equalsIgnoreCase(context.request().scheme());
            HttpServerResponse response = context.response();
            context.addHeadersEndHandler(ignored -> {
                response.putHeader("X-Content-Type-Options", "nosniff");
                if (!response.headers().contains("Cache-Control")) {
                    response.putHeader("Cache-Control", "no-store");
                }
                if (overTls) {
                    response.putHeader("Strict-Transport-Security", HSTS);
                }
            });
            context.next();
        });
    }
}
