package net.portforward.engine.watch;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.net.Text;
import net.portforward.engine.progress.Progress;

/**
 * GENA subscriptions (UPnP Device Architecture 1.1, section 4.1): SUBSCRIBE, renewal and
 * UNSUBSCRIBE, over the engine's bounded HTTP client so a router's answer cannot hang or flood us.
 */
final class GenaClient {
    /** What we ask for; routers may grant less (miniupnpd grants what is asked, capped). */
    static final Duration REQUESTED_TIMEOUT = Duration.ofMinutes(30);
    /** UDA 1.1 says a subscription lasts at least 1800 s unless the TIMEOUT header says otherwise. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1800);
    /** A router granting less than this would be renewed in a loop; treat it as this. */
    private static final Duration SHORTEST_TIMEOUT = Duration.ofSeconds(2);

    private final SafeHttp http;
    private final Clock clock;

    GenaClient(SafeHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    Subscription subscribe(URI eventUrl, URI callback, Progress p) throws PortForwardException {
        SafeHttp.Response r = http.exchange("SUBSCRIBE", eventUrl, Map.of(
                "CALLBACK", "<" + callback + ">",
                "NT", "upnp:event",
                "TIMEOUT", "Second-" + REQUESTED_TIMEOUT.toSeconds()), p);
        if (r.status() != 200) {
            throw new RouterProtocolException(WatchFact.SUBSCRIBE_REFUSED.with(r.status()));
        }
        String sid = r.header("SID").map(Text::clean).orElse("");
        if (sid.isEmpty() || sid.length() > 128) {
            throw new RouterProtocolException(WatchFact.NO_SID.with());
        }
        return granted(eventUrl, sid, r);
    }

    Subscription renew(Subscription s, Progress p) throws PortForwardException {
        SafeHttp.Response r = http.exchange("SUBSCRIBE", s.eventUrl(), Map.of(
                "SID", s.sid(),
                "TIMEOUT", "Second-" + REQUESTED_TIMEOUT.toSeconds()), p);
        if (r.status() == 412) {
            throw new SubscriptionLostException(WatchFact.SUBSCRIPTION_FORGOTTEN.with());
        }
        if (r.status() != 200) {
            throw new RouterProtocolException(WatchFact.RENEWAL_REFUSED.with(r.status()));
        }
        return granted(s.eventUrl(), s.sid(), r);
    }

    void unsubscribe(Subscription s, Progress p) throws PortForwardException {
        http.exchange("UNSUBSCRIBE", s.eventUrl(), Map.of("SID", s.sid()), p);
    }

    private Subscription granted(URI eventUrl, String sid, SafeHttp.Response r) {
        Duration timeout = parseTimeout(r.header("TIMEOUT"));
        return new Subscription(eventUrl, sid, timeout, clock.instant().plus(timeout));
    }

    /** "Second-1800" or "Second-infinite" (UDA 1.0 allowed it); anything else means the default. */
    static Duration parseTimeout(Optional<String> header) {
        if (header.isEmpty()) {
            return DEFAULT_TIMEOUT;
        }
        String v = header.get().trim().toLowerCase(Locale.ROOT);
        if (!v.startsWith("second-")) {
            return DEFAULT_TIMEOUT;
        }
        String n = v.substring("second-".length());
        if (n.equals("infinite")) {
            return DEFAULT_TIMEOUT; // renew anyway: "infinite" routers forget on reboot too
        }
        try {
            Duration d = Duration.ofSeconds(Long.parseLong(n));
            return d.compareTo(SHORTEST_TIMEOUT) < 0 ? SHORTEST_TIMEOUT : d.compareTo(DEFAULT_TIMEOUT) > 0 ? DEFAULT_TIMEOUT : d;
        } catch (NumberFormatException e) {
            return DEFAULT_TIMEOUT;
        }
    }
}
