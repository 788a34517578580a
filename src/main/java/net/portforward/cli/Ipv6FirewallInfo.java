package net.portforward.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.pinhole.FirewallStatus;
import net.portforward.engine.pinhole.PinholeSupport;
import net.portforward.engine.progress.Progress;
import net.portforward.text.Failures;
import net.portforward.text.Words;

/**
 * What {@code info} says of the router's IPv6 firewall: whether pinholes can be opened in it, and
 * its state as the router reports it ({@code ipv6Firewall} in {@code info --json}).
 */
final class Ipv6FirewallInfo {
    private Ipv6FirewallInfo() {
    }

    /**
     * {@code available}, {@code via}, {@code address} (this computer's), {@code routerAddress},
     * {@code enabled} and {@code inboundPinholeAllowed} (null where the router does not say:
     * PCP), {@code message} (in {@code words}).
     */
    static Map<String, Object> of(PortForwardEngine engine, Gateway gateway, Words words) throws CancelledException {
        PinholeSupport support = engine.pinholeSupport(gateway, Progress.NONE);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("available", support.available());
        o.put("via", support.service().map(s -> s.label()).orElse(null));
        o.put("address", support.address().address().map(Ipv6::text).orElse(null));
        o.put("routerAddress", support.service().map(s -> Ipv6.text(s.routerAddress())).orElse(null));
        Optional<FirewallStatus> status = Optional.empty();
        String message = words.pinholes(support);
        if (support.service().isPresent()) {
            try {
                status = support.service().get().status(Progress.NONE);
            } catch (CancelledException e) {
                throw e;
            } catch (PortForwardException e) {
                message = words.format("cli.ipv6.noState", new Failures(words).sentence(e));
            }
        }
        o.put("enabled", status.map(FirewallStatus::enabled).orElse(null));
        o.put("inboundPinholeAllowed", status.map(FirewallStatus::inboundPinholeAllowed).orElse(null));
        if (status.isPresent() && !status.get().enabled()) {
            message = words.format("refusal.FIREWALL_OFF");
        } else if (status.isPresent() && !status.get().inboundPinholeAllowed()) {
            message = words.format("refusal.PINHOLES_NOT_ALLOWED");
        }
        o.put("message", message);
        return o;
    }
}
