package net.portforward.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;
import net.portforward.text.Words;

/**
 * How mappings and gateways look in JSON, CSV and text. JSON and CSV are for programs: their keys
 * and values stay English whatever the language (warnings, which are for people, are in words);
 * the text table is for people.
 */
final class Output {
    private Output() {
    }

    static Map<String, Object> json(ListedMapping listed, Words words) {
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
            o.put("warnings", listed.warnings().stream().map(words::say).toList());
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

    /**
     * The text table's columns, as wide as their heading in this language at least: a wider
     * heading widens its column rather than pushing the rows out of line.
     */
    record Columns(Words words, int external, int client, int port, int enabled, int lease) {
        static Columns in(Words words) {
            return new Columns(words, Math.max(8, TerminalText.width(words.format("cli.list.external"))),
                    Math.max(15, TerminalText.width(words.format("cli.list.client"))),
                    Math.max(8, TerminalText.width(words.format("cli.list.port"))),
                    Math.max(8, TerminalText.width(words.format("cli.list.enabled"))),
                    Math.max(10, TerminalText.width(words.format("cli.list.lease"))));
        }

        String header() {
            return line("", words.format("cli.list.external"), words.format("cli.list.client"),
                    words.format("cli.list.port"), words.format("cli.list.enabled"), words.format("cli.list.lease"),
                    words.format("cli.list.description"));
        }

        String row(ListedMapping listed) {
            PortMapping m = listed.mapping();
            String enabled = words.format(listed.heldByApp() ? "cli.list.held" : m.enabled() ? "cli.list.yes" : "cli.list.no");
            String lease = m.permanent() ? words.format("cli.list.permanent") : words.span(m.lease(), 2);
            String line = line(m.protocol().name(), Integer.toString(m.externalPort()), Output.client(m),
                    Integer.toString(m.internalPort()), enabled, lease, m.description());
            return listed.warnings().isEmpty() ? line
                    : line + "  [" + String.join("; ", listed.warnings().stream().map(words::say).toList()) + "]";
        }

        private String line(String protocol, String ext, String client, String port, String enabled, String lease,
                String description) {
            // Padded by terminal columns, not characters: a Japanese heading takes two per character.
            return (TerminalText.left(protocol, 4) + " " + TerminalText.right(ext, external) + "  "
                    + TerminalText.left(client, this.client) + " " + TerminalText.right(port, this.port) + "  "
                    + TerminalText.left(enabled, this.enabled) + " " + TerminalText.left(lease, this.lease) + " "
                    + description).stripTrailing();
        }
    }

    private static String client(PortMapping m) {
        return m.internalClient() == null ? "?" : m.internalClient().getHostAddress();
    }
}
