package com.salespulse.problem;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request body larger than the API accepts with a 413 problem: before it is read when it declares its
 * length, and while it is read when it does not (a chunked body), so no body bypasses the limit. The HTTP layer's
 * own limit ({@code quarkus.http.limits.max-body-size}) is set higher, as a last safety net: it answers a bare 413
 * that no mapper can dress. A body without a {@code Content-Type} is refused with 415 rather than guessed to be JSON.
 */
public class BodySizeLimit {

    private final long maxBytes;

    public BodySizeLimit(
            @ConfigProperty(name = "salespulse.api.max-body-bytes", defaultValue = "1048576") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public void refuseOversizedOrUntypedBodies(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > maxBytes) {
            throw tooLarge();
        }
        boolean hasBody = (length != null && parse(length) > 0) || request.getHeaderString("Transfer-Encoding") != null;
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (hasBody && (type == null || type.isBlank())) {
            throw new ProblemException(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "The request has a body but no Content-Type; send it as application/json",
                    List.of());
        }
    }

    /** Counts a body as it is read: the limit for bodies that do not declare their length. */
    @Provider
    @ConstrainedTo(RuntimeType.SERVER) // not the REST clients' readers
    public static class WhileReading implements ReaderInterceptor {

        private final long maxBytes;

        public WhileReading(
                @ConfigProperty(name = "salespulse.api.max-body-bytes", defaultValue = "1048576") long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
            context.setInputStream(new LimitedStream(context.getInputStream(), maxBytes));
            return context.proceed();
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(
                ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes", List.of());
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Thrown while reading a body that turns out larger than the limit; {@link ProblemMappers} answers 413. */
    public static class BodyTooLargeException extends IOException {
        BodyTooLargeException(long maxBytes) {
            super("The request body is larger than " + maxBytes + " bytes");
        }
    }

    /** Counts what is read and stops at one byte past the limit. */
    static final class LimitedStream extends FilterInputStream {
        private final long maxBytes;
        private long read;

        LimitedStream(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws BodyTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        }
    }
}
