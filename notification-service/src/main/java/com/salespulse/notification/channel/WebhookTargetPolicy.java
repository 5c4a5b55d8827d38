package com.salespulse.notification.channel;

import com.salespulse.notification.config.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps webhooks from being aimed at our own network (SSRF): the URL must be http(s) with a host, and every address
 * the host resolves to must be a public unicast one: not loopback, link-local (cloud metadata lives there), private,
 * unique-local, carrier-grade NAT, multicast or unspecified. Checked when a subscription is made and again before
 * every attempt. {@code salespulse.notification.webhook.allow-private-targets} (all tenants) or
 * {@code ...private-targets-allowed-tenants} (some) lift the address rule, for tests and on-premise receivers.
 */
@ApplicationScoped
public class WebhookTargetPolicy {

    /** Resolves a host name to its addresses; replaceable in unit tests. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivateForAll;
    private final Set<String> allowPrivateFor;
    private final HostResolver resolver;

    @Inject
    public WebhookTargetPolicy(NotificationConfig config) {
        this(
                config.webhook().allowPrivateTargets(),
                config.webhook().privateTargetsAllowedTenants().orElse(Set.of()),
                InetAddress::getAllByName);
    }

    public WebhookTargetPolicy(boolean allowPrivateForAll, Set<String> allowPrivateFor, HostResolver resolver) {
        this.allowPrivateForAll = allowPrivateForAll;
        this.allowPrivateFor = allowPrivateFor;
        this.resolver = resolver;
    }

    /** Why this URL may not be a webhook target for this tenant; empty when it may. */
    public Optional<String> refusal(String url, String tenant) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return Optional.of("the port must be 1 to 65535");
        }
        if (allowPrivateForAll || allowPrivateFor.contains(tenant)) {
            return Optional.empty();
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("the host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> why = nonPublic(address);
            if (why.isPresent()) {
                return Optional.of("the host " + host + " resolves to " + address.getHostAddress() + ", " + why.get()
                        + "; webhooks may only target public addresses");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nonPublic(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("an unspecified address");
            }
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("a carrier-grade NAT (shared) address");
            }
            if (first == 255) {
                return Optional.of("a broadcast address");
            }
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return Optional.of("a unique-local address");
            }
            if (isIpv4Mapped(b)) {
                try {
                    return nonPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return Optional.of("an unusable address");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
