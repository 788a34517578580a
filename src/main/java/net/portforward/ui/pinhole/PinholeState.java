package net.portforward.ui.pinhole;

import java.util.Optional;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.pinhole.AddressChoice;
import net.portforward.engine.pinhole.FirewallStatus;
import net.portforward.engine.pinhole.PinholeSupport;
import net.portforward.text.Words;

/**
 * What the window knows of the shown router's IPv6 firewall: still asking, or whether pinholes
 * can be opened there (and the router's own word on its firewall, where it gives one), in words
 * for the router panel.
 *
 * @param support empty while the router is being asked ({@link #ASKING}), or when no router is
 *     shown ({@link #NONE})
 * @param status the router's GetFirewallStatus; empty where it does not say (PCP) or could not
 * @param statusError why the router could not tell its firewall's state, or empty
 */
public record PinholeState(Optional<PinholeSupport> support, Optional<FirewallStatus> status, String statusError) {
    /** No router shown. */
    public static final PinholeState NONE = new PinholeState(Optional.empty(), Optional.empty(), "");
    /** The router is being asked. */
    public static final PinholeState ASKING = new PinholeState(Optional.empty(), Optional.empty(), "asking");

    /** Whether there is anything to say: a router is shown. */
    public boolean shown() {
        return !equals(NONE);
    }

    /** Whether a pinhole can be opened and would change anything. */
    public boolean possible() {
        return support.isPresent() && support.get().available() && statusError.isEmpty()
                && status.map(FirewallStatus::pinholesPossible).orElse(true);
    }

    /** The router panel's line: "IPv6: …". */
    public String line() {
        if (support.isEmpty()) {
            return shown() ? PinholeText.get("line.checking") : "";
        }
        PinholeSupport s = support.get();
        if (s.available()) {
            if (!statusError.isEmpty()) {
                return PinholeText.get("line.statusUnknown");
            }
            if (status.isPresent() && !status.get().enabled()) {
                return PinholeText.get("line.firewallOff");
            }
            if (status.isPresent() && !status.get().inboundPinholeAllowed()) {
                return PinholeText.get("line.notAllowed");
            }
            return PinholeText.format("line.available", Ipv6.text(s.service().orElseThrow().localAddress()));
        }
        return switch (s.reason()) {
            case NO_PUBLIC_ADDRESS -> PinholeText.format("line.prefix", net.portforward.ui.common.UiText.words().say(PinholeSupport.Reason.NO_PUBLIC_ADDRESS));
            case IPV6_OFF -> PinholeText.get("line.ipv6Off");
            case ROUTER_SILENT -> PinholeText.get("line.silent");
            case NO_FIREWALL_CONTROL -> PinholeText.get("line.noControl");
            case AVAILABLE -> net.portforward.ui.common.UiText.words().pinholes(s);
        };
    }

    /** The line's tooltip: the whole story, for the curious and for bug reports. */
    public String detail() {
        if (support.isEmpty()) {
            return "";
        }
        Words words = net.portforward.ui.common.UiText.words();
        String details = support.get().details().isEmpty() ? "" : " " + words.say(support.get().details());
        return words.pinholes(support.get()) + details + (statusError.isEmpty() ? "" : " " + statusError);
    }
}
