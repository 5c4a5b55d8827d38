package com.salespulse.problem;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP request an id: the caller's {@code X-Request-Id} when it is a plain token of at most 64
 * characters, else a new one. The id goes back in the response header, into the MDC (so every log line written
 * for the request carries it) and into every problem body. Installed as the first handler of the API router, so
 * even the answers no JAX-RS resource gives (401 before matching, 404, 413 of the transport) carry it.
 */
@Singleton
public class RequestId {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key, also the field name in JSON log lines. */
    public static final String MDC_KEY = "requestId";

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String id = accept(context.request().getHeader(HEADER));
            // the request runs on its own duplicated Vert.x context: Quarkus keeps this MDC there, across threads
            MDC.put(MDC_KEY, id);
            context.put(MDC_KEY, id);
            context.response().putHeader(HEADER, id);
            context.next();
        });
    }

    /** The caller's id when it is acceptable, else a fresh one. */
    static String accept(String offered) {
        if (offered != null && ACCEPTED.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The id of the request being served, or null outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
