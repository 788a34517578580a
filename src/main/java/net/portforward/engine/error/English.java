package net.portforward.engine.error;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Facts in English for logs and bug reports (exception messages), from the English words the
 * front ends use too, so a log line reads as the user's English would. The front ends word facts
 * for their user in net.portforward.text, with every language's conventions; this knows English only.
 */
final class English {
    private English() {
    }

    /** Loaded at the first message: most runs never need one. */
    private static final class Bundle {
        static final ResourceBundle WORDS = ResourceBundle.getBundle("net.portforward.text.Words", Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static String say(Fact fact) {
        String pattern;
        try {
            pattern = Bundle.WORDS.getString(fact.phrase().key());
        } catch (MissingResourceException e) {
            return fact.phrase().key() + " " + fact.values();
        }
        Object[] args = fact.values().stream().map(English::value).toArray();
        return new MessageFormat(pattern, Locale.ENGLISH).format(args);
    }

    private static final long[] SPAN_MILLIS = {86_400_000, 3_600_000, 60_000, 1_000, 1};
    private static final String[] SPAN_KEYS = {"span.days", "span.hours", "span.minutes", "span.seconds", "span.millis"};

    /** Every part of a span, as the front ends write it in English: "1 day 2 h", "90 s" is "1 min 30 s". */
    private static String span(Duration d) {
        long millis = Math.max(0, d.toMillis());
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < SPAN_MILLIS.length; i++) {
            long n = millis / SPAN_MILLIS[i];
            millis %= SPAN_MILLIS[i];
            if (n > 0) {
                parts.add(new MessageFormat(Bundle.WORDS.getString(SPAN_KEYS[i]), Locale.ENGLISH).format(new Object[] {n}));
            }
        }
        return parts.isEmpty() ? new MessageFormat(Bundle.WORDS.getString(SPAN_KEYS[3]), Locale.ENGLISH)
                .format(new Object[] {0}) : String.join(" ", parts);
    }

    private static Object value(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Fact f) {
            return say(f);
        }
        if (v instanceof Phrase p) {
            return say(Fact.of(p));
        }
        if (v instanceof Throwable t) {
            return String.valueOf(t.getMessage());
        }
        if (v instanceof Inet6Address a) {
            // RFC 5952's short form, as net.Ipv6 writes it; no scope
            return net.portforward.engine.net.Ipv6.text(a);
        }
        if (v instanceof InetAddress a) {
            return a.getHostAddress();
        }
        if (v instanceof net.portforward.engine.model.PortMapping m) {
            return m.summary();
        }
        if (v instanceof net.portforward.engine.pinhole.Pinhole p) {
            return p.summary();
        }
        if (v instanceof Duration d) {
            return span(d);
        }
        if (v instanceof Sentences s) {
            return String.join(" ", s.facts().stream().map(English::say).toList());
        }
        if (v instanceof OneOf either) {
            List<String> items = either.items().stream().map(English::value).map(String::valueOf).toList();
            if (items.size() <= 1) {
                return String.join("", items);
            }
            String comma = Bundle.WORDS.getString("list.comma");
            return new MessageFormat(Bundle.WORDS.getString("list.or"), Locale.ENGLISH).format(new Object[] {
                String.join(comma, items.subList(0, items.size() - 1)), items.get(items.size() - 1)});
        }
        if (v instanceof net.portforward.engine.model.ConnectionStatus c) {
            return c.upnpName();
        }
        if (v instanceof net.portforward.engine.model.MappingProtocol p) {
            return switch (p) {
                case UPNP -> "UPnP";
                case PCP -> "PCP";
                case NATPMP -> "NAT-PMP";
            };
        }
        if (v instanceof List<?> list) {
            return String.join(", ", list.stream().map(English::value).map(String::valueOf).toList());
        }
        if (v instanceof Number || v instanceof java.util.Date) {
            return v;
        }
        return v.toString();
    }
}
