package net.portforward.engine.report;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.net.Ipv4;

/**
 * Takes out of a report what identifies the user or the router: the internet address, serial
 * numbers, UDNs and UUIDs, MAC-like strings, and any other public IPv4 address. A router's LAN
 * addresses, models and firmware versions stay: they are what a bug report needs. The same UUID
 * gets the same stand-in everywhere, so the description's UDNs still match the search answers'.
 */
final class ReportMask {
    static final String EXTERNAL = "[internet address]";
    static final String PUBLIC = "[public address]";
    static final String SERIAL = "[serial number]";
    static final String MAC = "[MAC address]";

    private static final Pattern SENSITIVE_ELEMENT = Pattern.compile(
            "(?is)(<(?:[\\w.-]+:)?(serialNumber|UDN)\\b[^>]*>)(.*?)(</(?:[\\w.-]+:)?\\2\\s*>)");
    private static final Pattern UUID = Pattern.compile("(?i)uuid:[0-9a-z._-]+");
    private static final Pattern BARE_UUID = Pattern.compile(
            "(?i)(?<![0-9a-z])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-z])");
    private static final Pattern MAC_SEPARATED = Pattern.compile(
            "(?i)(?<![0-9a-f])[0-9a-f]{2}([:-])(?:[0-9a-f]{2}\\1){4}[0-9a-f]{2}(?![0-9a-f])");
    private static final Pattern MAC_PLAIN = Pattern.compile("(?i)(?<![0-9a-z])[0-9a-f]{12}(?![0-9a-z])");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\w.-])(\\d{1,3}(?:\\.\\d{1,3}){3})(?![\\w.])");

    /** Exact values to replace, longest first so a value inside another goes second. */
    private final Map<String, String> known = new LinkedHashMap<>();
    private final Map<String, String> uuids = new LinkedHashMap<>();

    /**
     * @param serials serial numbers the description names
     * @param udns UDNs, with or without "uuid:"
     * @param externalAddresses what the router called its internet address
     */
    ReportMask(Collection<String> serials, Collection<String> udns, Collection<String> externalAddresses) {
        serials.stream().map(String::trim).filter(s -> s.length() >= 4).forEach(s -> known.put(s, SERIAL));
        udns.stream().map(String::trim).filter(s -> s.length() >= 4).forEach(this::uuidFor);
        externalAddresses.stream().map(String::trim).filter(a -> !a.isEmpty() && !a.equals("0.0.0.0"))
                .forEach(a -> known.put(a, EXTERNAL));
    }

    /** {@code text} with everything sensitive replaced. */
    String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String t = printable(text);
        t = replace(SENSITIVE_ELEMENT, t, m -> m.group(1)
                + (m.group(2).equalsIgnoreCase("UDN") ? uuidFor(m.group(3).trim()) : SERIAL) + m.group(4));
        t = replace(UUID, t, m -> uuidFor(m.group()));
        t = replace(BARE_UUID, t, m -> uuidFor(m.group()));
        List<Map.Entry<String, String>> values = known.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getKey().length())).toList();
        for (Map.Entry<String, String> e : values) {
            t = t.replace(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : uuids.entrySet()) {
            if (e.getKey().length() >= 8) { // a UDN written elsewhere without "uuid:" (short ones would hit other text)
                t = t.replace(e.getKey(), e.getValue());
            }
        }
        t = replace(MAC_SEPARATED, t, m -> MAC);
        t = replace(MAC_PLAIN, t, m -> MAC);
        return replace(IPV4, t, m -> Ipv4.parse(m.group(1)).filter(ReportMask::isPublic).isPresent() ? PUBLIC : m.group());
    }

    /**
     * Any LAN host can answer a search with any bytes, and {@code report} prints them on a
     * terminal: control characters (escape sequences among them) become U+FFFD; line breaks and
     * tabs stay, they are the layout of descriptions and answers.
     */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c == '\n' || c == '\r' || c == '\t' || !Character.isISOControl(c) ? c : '\uFFFD');
        }
        return sb.toString();
    }

    /** "uuid:[masked-1]": one stand-in per UUID, the same wherever it appears (with or without "uuid:"). */
    private String uuidFor(String value) {
        String bare = value.regionMatches(true, 0, "uuid:", 0, 5) ? value.substring(5) : value;
        String stand = uuids.computeIfAbsent(bare, v -> "[masked-" + (uuids.size() + 1) + "]");
        return value.regionMatches(true, 0, "uuid:", 0, 5) ? "uuid:" + stand : stand;
    }

    private static boolean isPublic(InetAddress a) {
        return NatVerdict.isPublic(a);
    }

    private static String replace(Pattern p, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
