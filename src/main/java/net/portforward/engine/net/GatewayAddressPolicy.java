package net.portforward.engine.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterTrouble;

/**
 * Which URLs the engine will call for one gateway. Any LAN host can answer an M-SEARCH with any
 * LOCATION, and a description can point its URLBase, controlURL or eventSubURL anywhere: another
 * host, loopback, a cloud metadata address, https, a DNS name (FIELD.md). Following those would
 * make PortForward a request-forgery tool, so like Tailscale we only call plain http on the
 * gateway's own address. That address is IPv4, or IPv6 for the router's IPv6 firewall (pinholes
 * must be asked for over IPv6, miniupnp #600 #731): an IPv6 host must be a bracketed literal
 * without a zone, equal to the gateway's address however it is written.
 */
public final class GatewayAddressPolicy {
    private final InetAddress gateway;

    public GatewayAddressPolicy(InetAddress gateway) {
        this.gateway = gateway;
    }

    public InetAddress gateway() {
        return gateway;
    }

    /**
     * Checks the LOCATION of an SSDP answer that came from {@code source}.
     */
    public static URI checkLocation(String location, InetAddress source) throws RouterProtocolException {
        URI uri = parse(location == null ? "" : location.trim());
        new GatewayAddressPolicy(source).check(uri, "LOCATION");
        return uri;
    }

    /**
     * Resolves a URL from a description against its base and checks it. Relative references are the
     * common case; absolute ones must still name the gateway.
     */
    public URI resolve(URI base, String reference, String what) throws RouterProtocolException {
        String ref = reference.trim();
        URI resolved;
        if (ref.regionMatches(true, 0, "http://", 0, 7) || ref.regionMatches(true, 0, "https://", 0, 8)
                || ref.startsWith("//")) {
            resolved = parse(ref);
        } else {
            // Actiontec's control URLs hold colons ("/uuid:…/WANPPPConnection:1"): a reference
            // without a leading slash would read as a URI scheme, so treat every relative
            // reference as a path.
            String path = ref.startsWith("/") ? ref : "/" + ref;
            String basePath = base.getRawPath() == null ? "/" : base.getRawPath();
            if (!ref.startsWith("/") && basePath.contains("/")) {
                path = basePath.substring(0, basePath.lastIndexOf('/') + 1) + ref;
            }
            resolved = parse(base.getScheme() + "://" + base.getRawAuthority() + path);
        }
        check(resolved, what);
        return resolved;
    }

    /** Throws unless {@code uri} is plain http to the gateway's own IP address. */
    public void check(URI uri, String what) throws RouterProtocolException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw refused(what, uri, RouterTrouble.URL_NOT_HTTP.with());
        }
        if (uri.getRawUserInfo() != null) {
            throw refused(what, uri, RouterTrouble.URL_WITH_USER.with());
        }
        String host = uri.getHost();
        Optional<? extends InetAddress> literal = host == null ? Optional.empty()
                : host.startsWith("[") ? Ipv6.parse(host) : isIpv4Literal(host) ? Ipv4.parse(host) : Optional.empty();
        if (literal.isEmpty()) {
            throw refused(what, uri, RouterTrouble.URL_NAMES_HOST.with());
        }
        if (!literal.get().equals(gateway)) {
            throw refused(what, uri, RouterTrouble.URL_ELSEWHERE.with(host, gateway));
        }
    }

    private static RouterProtocolException refused(String what, URI uri, Fact why) {
        return new RouterProtocolException(RouterTrouble.IGNORED_URL.with(what, Text.clean(uri.toString(), 120), why));
    }

    private static URI parse(String text) throws RouterProtocolException {
        try {
            return new URI(text.replace(" ", "%20"));
        } catch (URISyntaxException e) {
            throw new RouterProtocolException(RouterTrouble.UNREADABLE_URL.with(Text.clean(text, 120)));
        }
    }

    public static boolean isIpv4Literal(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
