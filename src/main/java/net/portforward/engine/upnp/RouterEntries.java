package net.portforward.engine.upnp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.portforward.engine.error.Fact;
import net.portforward.engine.mapping.MappingFact;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.net.Ipv4;
import net.portforward.engine.net.Text;

/**
 * Turns a router's mapping entry (GetGenericPortMappingEntry, GetSpecificPortMappingEntry or one
 * entry of GetListOfPortMappings) into a {@link ListedMapping}. Mapping entries can hold anything
 * (FIELD.md): everything is checked, repaired for display, and each repair named.
 */
public final class RouterEntries {
    /** Descriptions longer than this are cut for display: one hostile router sent 10 KB. */
    public static final int MAX_DESCRIPTION = 200;

    private RouterEntries() {
    }

    /**
     * @param fields out-arguments by name; {@code key} supplies protocol and port for
     *     GetSpecificPortMappingEntry, whose answer does not repeat them
     * @return empty when the protocol is neither TCP nor UDP: such an entry cannot be addressed
     *     by any later call, so it is reported in {@code skipped} instead
     */
    public static Optional<ListedMapping> parse(Map<String, String> fields, List<Fact> skipped) {
        List<Fact> warnings = new ArrayList<>();
        String rawProtocol = fields.getOrDefault("NewProtocol", "");
        Optional<Protocol> protocol = Protocol.parse(rawProtocol);
        if (protocol.isEmpty()) {
            skipped.add(MappingFact.SKIPPED_PROTOCOL.with(Text.clean(rawProtocol, 20)));
            return Optional.empty();
        }
        int externalPort = port(fields.get("NewExternalPort"), MappingFact.EXTERNAL_PORT, warnings);
        int internalPort = port(fields.get("NewInternalPort"), MappingFact.INTERNAL_PORT, warnings);
        String rawClient = fields.getOrDefault("NewInternalClient", "");
        InetAddress client = Ipv4.parse(rawClient).orElse(null);
        if (client == null) {
            warnings.add(MappingFact.ODD_CLIENT.with(Text.clean(rawClient, 40)));
        }
        String rawRemote = fields.getOrDefault("NewRemoteHost", "").trim();
        InetAddress remote = null;
        if (!rawRemote.isEmpty() && !rawRemote.equals("*")) {
            remote = Ipv4.parse(rawRemote).orElse(null);
            if (remote == null) {
                warnings.add(MappingFact.ODD_REMOTE_HOST.with(Text.clean(rawRemote, 40)));
            }
        }
        String rawDescription = first(fields, "NewPortMappingDescription", "NewDescription");
        String description = Text.clean(rawDescription, MAX_DESCRIPTION);
        if (rawDescription.length() > MAX_DESCRIPTION) {
            warnings.add(MappingFact.DESCRIPTION_CUT.with(rawDescription.length()));
        }
        String enabledText = fields.getOrDefault("NewEnabled", "1").trim();
        boolean enabled = !(enabledText.equals("0") || enabledText.equalsIgnoreCase("false")
                || enabledText.equalsIgnoreCase("no"));
        long leaseSeconds = seconds(first(fields, "NewLeaseDuration", "NewLeaseTime"), warnings);
        PortMapping mapping = new PortMapping(protocol.get(), externalPort, client, internalPort, enabled, description,
                remote, Duration.ofSeconds(leaseSeconds));
        return Optional.of(new ListedMapping(mapping, warnings, false));
    }

    private static String first(Map<String, String> fields, String a, String b) {
        String v = fields.get(a);
        return v != null ? v : fields.getOrDefault(b, "");
    }

    /** An impossible port (0, 70000, -1, "abc") is kept as -1 or its value and flagged. */
    private static int port(String text, MappingFact what, List<Fact> warnings) {
        String t = text == null ? "" : text.trim();
        try {
            long value = Long.parseLong(t);
            if (value >= 1 && value <= 65535) {
                return (int) value;
            }
            warnings.add(MappingFact.IMPOSSIBLE_PORT.with(what, value));
            return value < 0 || value > Integer.MAX_VALUE ? -1 : (int) value;
        } catch (NumberFormatException e) {
            warnings.add(MappingFact.PORT_NOT_A_NUMBER.with(what, Text.clean(t, 20)));
            return -1;
        }
    }

    private static long seconds(String text, List<Fact> warnings) {
        String t = text.trim();
        if (t.isEmpty()) {
            return 0;
        }
        try {
            long value = Long.parseLong(t);
            if (value >= 0 && value <= 0xFFFFFFFFL) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // flagged below
        }
        warnings.add(MappingFact.ODD_LEASE.with(Text.clean(t, 20)));
        return 0;
    }
}
