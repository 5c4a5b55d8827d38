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
 * unique-local, carrier-grade NAT, multicast or unspecified, nor of the special-purpose ranges (benchmarking
 * 198.18.0.0/15, reserved 240.0.0.0/4, the IETF and documentation blocks), nor an IPv6 address that reaches IPv4 through
 * a translator or tunnel (NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16, Teredo 2001::/32, IPv4-compatible
 * ::/96, IPv4-translated ::ffff:0:0:0/96), which could carry a private IPv4 address past the rule, nor the IPv6
 * special-purpose blocks that are not globally reachable (discard-only 100::/64, the IETF assignments 2001::/23,
 * documentation 2001:db8::/32 and 3fff::/20, SRv6 5f00::/16). Checked when a subscription is made and again before
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

    /** Where a webhook may go, as checked: the URL and the one address to connect to. */
    public record Target(URI uri, String host, int port, InetAddress address) {}

    /** Why this URL may not be a webhook target for this tenant; empty when it may. */
    public Optional<String> refusal(String url, String tenant) {
        return check(url, tenant, false).refusal();
    }

    /**
     * The target to connect to, pinned to an address checked here, or why there is none. The sender connects to
     * exactly this address: a DNS answer that changes after the check (rebinding) cannot redirect the request.
     */
    public Verdict target(String url, String tenant) {
        return check(url, tenant, true);
    }

    /** A target or a refusal. */
    public record Verdict(Optional<Target> target, Optional<String> refusal) {
        static Verdict refused(String why) {
            return new Verdict(Optional.empty(), Optional.of(why));
        }
    }

    private Verdict check(String url, String tenant, boolean resolveAlways) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Verdict.refused("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Verdict.refused("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Verdict.refused("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Verdict.refused("must not carry a user name or password");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return Verdict.refused("the port must be 1 to 65535");
        }
        boolean privateAllowed = allowPrivateForAll || allowPrivateFor.contains(tenant);
        if (privateAllowed && !resolveAlways) {
            return new Verdict(Optional.empty(), Optional.empty());
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Verdict.refused("the host " + host + " does not resolve");
        }
        if (addresses.length == 0) {
            return Verdict.refused("the host " + host + " does not resolve");
        }
        if (!privateAllowed) {
            for (InetAddress address : addresses) {
                Optional<String> why = nonPublic(address);
                if (why.isPresent()) {
                    return Verdict.refused("the host " + host + " resolves to " + address.getHostAddress() + ", "
                            + why.get() + "; webhooks may only target public addresses");
                }
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Verdict(Optional.of(new Target(uri, host, port, addresses[0])), Optional.empty());
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
            if (first >= 240) {
                return Optional.of("a reserved address");
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return Optional.of("a benchmarking address");
            }
            int third = b[2] & 0xff;
            if ((first == 192 && second == 0 && (third == 0 || third == 2))
                    || (first == 198 && second == 51 && third == 100)
                    || (first == 203 && second == 0 && third == 113)) {
                return Optional.of("a special-purpose (IETF or documentation) address");
            }
            if (first == 192 && second == 88 && third == 99) {
                return Optional.of("a 6to4 relay address");
            }
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return Optional.of("a unique-local address");
            }
            int second = b[1] & 0xff;
            int third = b[2] & 0xff;
            int fourth = b[3] & 0xff;
            if (first == 0x00 && second == 0x64 && third == 0xff && fourth == 0x9b) {
                return Optional.of("a NAT64 address");
            }
            if (first == 0x20 && second == 0x02) {
                return Optional.of("a 6to4 address");
            }
            if (first == 0x20 && second == 0x01 && third == 0 && fourth == 0) {
                return Optional.of("a Teredo address");
            }
            if (first == 0x20 && second == 0x01 && third < 0x02) {
                // 2001::/23 beyond Teredo: benchmarking 2001:2::/48, ORCHID, AMT and the other IETF assignments
                return Optional.of("an IETF protocol assignment (2001::/23)");
            }
            if (first == 0x3f && second == 0xff && (third & 0xf0) == 0) {
                return Optional.of("a documentation address");
            }
            if (first == 0x5f && second == 0x00) {
                return Optional.of("an SRv6 segment identifier (5f00::/16)");
            }
            if (first == 0x01 && second == 0x00 && zero(b, 2, 8)) {
                return Optional.of("a discard-only address (100::/64)");
            }
            if (zero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && zero(b, 10, 12)) {
                return Optional.of("an IPv4-translated address (::ffff:0:0:0/96)");
            }
            if (first == 0x20 && second == 0x01 && third == 0x0d && fourth == 0xb8) {
                return Optional.of("a documentation address");
            }
            if (isIpv4Compatible(b)) {
                return Optional.of("an IPv4-compatible address");
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

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** ::a.b.c.d (deprecated), not :: or ::1, which are refused as unspecified and loopback before this. */
    private static boolean isIpv4Compatible(byte[] b) {
        for (int i = 0; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
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
