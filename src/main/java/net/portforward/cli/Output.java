package net.portforward.cli;

import net.portforward.config.Durations;
import java.util.LinkedHashMap;
import java.util.Map;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;

/** How mappings and gateways look in JSON, CSV and text. */
final class Output {
    private Output() {
    }

    static Map<String, Object> json(ListedMapping listed) {
        PortMapping m = listed.mapping();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("protocol", m.protocol().name());
        o.put("externalPort", m.externalPort());
        o.put("internalClient", m.internalClient() == null ? null : m.internalClient().getHostAddress());
        o.put("internalPort", m.internalPort());
        o.put("enabled", m.enabled());
        o.put("description", m.description());
        o.put("remoteHost", m.remoteHost() == null ? "" : m.remoteHost().getHostAddress());
        o.put("leaseSeconds", m.lease().toSeconds());
        if (listed.heldByApp()) {
            o.put("heldByPortForward", true);
        }
        if (!listed.warnings().isEmpty()) {
            o.put("warnings", listed.warnings());
        }
        return o;
    }

    static Map<String, Object> json(Gateway g) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("protocol", g.protocol().key());
        o.put("address", g.address().getHostAddress());
        o.put("defaultGateway", g.defaultGateway());
        o.put("location", g.upnp().map(u -> u.device().location().toString()).orElse(null));
        o.put("friendlyName", g.name());
        o.put("serviceType", g.upnp().map(u -> u.service().serviceType()).orElse(null));
        o.put("externalIp", g.status().externalIpText());
        o.put("connectionStatus", g.status().connectionStatus().upnpName());
        o.put("doubleNat", g.status().doubleNat());
        return o;
    }

    static String csvHeader() {
        return "protocol,externalPort,internalClient,internalPort,enabled,description,remoteHost,leaseSeconds";
    }

    static String csv(ListedMapping listed) {
        PortMapping m = listed.mapping();
        return String.join(",", m.protocol().name(), String.valueOf(m.externalPort()), client(m),
                String.valueOf(m.internalPort()), String.valueOf(m.enabled()), csvField(m.description()),
                m.remoteHost() == null ? "" : m.remoteHost().getHostAddress(), String.valueOf(m.lease().toSeconds()));
    }

    /** Quotes a field, and defuses a leading = + - @ so a spreadsheet does not run it as a formula. */
    static String csvField(String s) {
        String safe = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    static String textHeader() {
        return String.format("%-4s %8s  %-15s %8s  %-8s %-10s %s", "", "External", "Internal client", "Port", "Enabled",
                "Lease", "Description");
    }

    static String text(ListedMapping listed) {
        PortMapping m = listed.mapping();
        String enabled = listed.heldByApp() ? "held" : m.enabled() ? "yes" : "no";
        String lease = m.permanent() ? "permanent" : Durations.format(m.lease());
        String line = String.format("%-4s %8d  %-15s %8d  %-8s %-10s %s", m.protocol(), m.externalPort(), client(m),
                m.internalPort(), enabled, lease, m.description());
        return listed.warnings().isEmpty() ? line : line + "  [" + String.join("; ", listed.warnings()) + "]";
    }

    private static String client(PortMapping m) {
        return m.internalClient() == null ? "?" : m.internalClient().getHostAddress();
    }
}
