package net.portforward.ledger.preset;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;

/**
 * A named group of mappings applied or removed in one action.
 *
 * @param about what it is for and where its ports come from
 * @param builtIn shipped with PortForward (the user's own live in the data folder)
 */
public record Preset(String name, String about, List<PortSpec> ports, boolean builtIn) {
    public Preset {
        ports = List.copyOf(ports);
    }

    /** The mappings for {@code client}, described by the preset's name (cut to what routers keep). */
    public List<PortMapping> mappings(InetAddress client, Duration lease) {
        String description = description(name);
        List<PortMapping> out = new ArrayList<>();
        for (PortSpec spec : ports) {
            for (int[] p : spec.ports()) {
                out.add(new PortMapping(Protocol.values()[p[0]], p[1], client, p[2], true, description, null, lease));
            }
        }
        return out;
    }

    public int size() {
        return ports.stream().mapToInt(PortSpec::size).sum();
    }

    /** The name as a router description: no & < > or control characters, at most 64 bytes of UTF-8. */
    static String description(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT || cp == '&' || cp == '<' || cp == '>') {
                continue;
            }
            String next = sb + new String(Character.toChars(cp));
            if (next.getBytes(StandardCharsets.UTF_8).length > 64) {
                break;
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString().strip();
    }

    /** "TCP+UDP 27015, TCP 27020" */
    public String portsText() {
        return String.join(", ", ports.stream().map(PortSpec::toString).toList());
    }
}
