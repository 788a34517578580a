package net.portforward.ledger.preset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.portforward.engine.error.InputMistake;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.model.Protocol;

/**
 * Ports written the way people write them: {@code TCP 3389}, {@code TCP+UDP 27015-27030},
 * {@code TCP 8080->80} (external 8080 to internal 80), {@code UDP 7000-7010->8000} (a range moved).
 *
 * @param internalFirst the internal port of the first external port; the rest follow in order
 */
public record PortSpec(List<Protocol> protocols, int first, int last, int internalFirst) {
    /**
     * Most mappings one step adds. miniupnpd slows to about 1.4 s per add at 100 mappings and its
     * GetListOfPortMappings crashes from about 140 (LAB.md), so one step stays well below that.
     */
    public static final int MAX_MAPPINGS = 128;

    private static final Pattern SPEC = Pattern.compile(
            "\\s*([A-Za-z+/]+)\\s+(\\d{1,5})(?:\\s*-\\s*(\\d{1,5}))?(?:\\s*->\\s*(\\d{1,5}))?\\s*");

    public PortSpec {
        protocols = List.copyOf(protocols);
    }

    /** One port or a range, each protocol; {@code internalFirst} 0 means "the same as external". */
    public static PortSpec of(List<Protocol> protocols, int first, int last, int internalFirst) throws InvalidInputException {
        MappingRules.checkPort(first, InputMistake.EXTERNAL_PORT);
        MappingRules.checkPort(last, InputMistake.EXTERNAL_PORT);
        if (last < first) {
            throw new InvalidInputException(PresetFact.RANGE_BACKWARDS.with(first, last));
        }
        int internal = internalFirst == 0 ? first : internalFirst;
        MappingRules.checkPort(internal, InputMistake.INTERNAL_PORT);
        MappingRules.checkPort(internal + (last - first), InputMistake.INTERNAL_PORT);
        long count = (long) (last - first + 1) * protocols.size();
        if (count > MAX_MAPPINGS) {
            throw new InvalidInputException(PresetFact.TOO_MANY.with(count, MAX_MAPPINGS));
        }
        return new PortSpec(protocols, first, last, internal);
    }

    public static PortSpec parse(String text) throws InvalidInputException {
        Matcher m = SPEC.matcher(text);
        if (!m.matches()) {
            throw new InvalidInputException(PresetFact.NOT_PORTS.with(text.strip()));
        }
        List<Protocol> protocols = protocols(m.group(1));
        int first = Integer.parseInt(m.group(2));
        int last = m.group(3) == null ? first : Integer.parseInt(m.group(3));
        int internal = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        return of(protocols, first, last, internal);
    }

    /** "TCP", "udp", "TCP+UDP", "both". */
    public static List<Protocol> protocols(String text) throws InvalidInputException {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.equals("BOTH") || t.equals("TCP+UDP") || t.equals("UDP+TCP") || t.equals("TCP/UDP")) {
            return List.of(Protocol.TCP, Protocol.UDP);
        }
        return List.of(Protocol.parse(t).orElseThrow(() -> new InvalidInputException(
                PresetFact.NOT_A_PROTOCOL.with(text))));
    }

    /** "27015-27030" or "27015". */
    public static int[] range(String text) throws InvalidInputException {
        String[] parts = text.trim().split("\\s*-\\s*", -1);
        if (parts.length > 2) {
            throw new InvalidInputException(PresetFact.NOT_A_RANGE.with(text));
        }
        int a = MappingRules.parsePort(parts[0], InputMistake.EXTERNAL_PORT);
        int b = parts.length == 2 ? MappingRules.parsePort(parts[1], InputMistake.EXTERNAL_PORT) : a;
        return new int[] {a, b};
    }

    public int size() {
        return (last - first + 1) * protocols.size();
    }

    /** Each (protocol, external, internal), protocol by protocol. */
    public List<int[]> ports() {
        List<int[]> out = new ArrayList<>();
        for (Protocol p : protocols) {
            for (int port = first; port <= last; port++) {
                out.add(new int[] {p.ordinal(), port, internalFirst + (port - first)});
            }
        }
        return out;
    }

    @Override
    public String toString() {
        String proto = String.join("+", protocols.stream().map(Protocol::name).toList());
        String ext = first == last ? String.valueOf(first) : first + "-" + last;
        return proto + " " + ext + (internalFirst == first ? "" : "->" + internalFirst);
    }
}
