package net.portforward.text;

import java.net.InetAddress;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.OneOf;
import net.portforward.engine.error.Phrase;
import net.portforward.engine.error.Sentences;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.MappingProtocol;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.pinhole.Pinhole;
import net.portforward.engine.pinhole.PinholeSupport;
import net.portforward.engine.model.RouterInfo;

/**
 * The words the command line and the window share, in one language: the engine's reasons (its
 * refusals, error codes and verdicts) and what both front ends say about them, from the Words
 * bundle (English base, one file per language). Every text goes through {@link MessageFormat},
 * so numbers, plurals and dates follow the locale, and a quote is written '' in the files.
 */
public final class Words {
    private static final String BUNDLE = "net.portforward.text.Words";

    private final Locale locale;
    private final ResourceBundle bundle;

    private Words(Locale locale) {
        this.locale = locale;
        // No fallback to the machine's locale: Words.in(ENGLISH) on a German system is English.
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The words in {@code locale}'s language, English where that language has none. */
    public static Words in(Locale locale) {
        return new Words(locale);
    }

    /** The words in the language this program runs in (the system's, or the one portforward.ini chose). */
    public static Words forDefaultLocale() {
        return in(Locale.getDefault());
    }

    public Locale locale() {
        return locale;
    }

    /** The text for {@code key} with {0}, {1}… filled in for this locale. */
    public String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }

    /** What the engine, the ledger or the reachability test tells, in these words. */
    public String say(Fact fact) {
        return format(fact.phrase().key(), fact.values().stream().map(this::value).toArray());
    }

    /** A phrase that needs no values. */
    public String say(Phrase phrase) {
        return say(Fact.of(phrase));
    }

    /** Facts one after another, as one paragraph. */
    public String say(List<Fact> facts) {
        return String.join(" ", facts.stream().map(this::say).toList());
    }

    /**
     * A value as it goes into a sentence in this language: a fact or a failure in words, an
     * address in its usual form, a span of time in this language's units, a list with commas.
     * Numbers and dates stay as they are: the pattern formats them for the locale.
     */
    private Object value(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Fact f) {
            return say(f);
        }
        if (v instanceof Phrase p) {
            return say(p);
        }
        if (v instanceof Throwable t) {
            return new Failures(this).sentence(t);
        }
        if (v instanceof InetAddress a) {
            return Ipv6.text(a);
        }
        if (v instanceof Duration d) {
            return span(d, 5);
        }
        if (v instanceof Pinhole p) {
            return pinhole(p);
        }
        if (v instanceof PortMapping m) {
            return m.summary();
        }
        if (v instanceof Sentences s) {
            return say(s.facts());
        }
        if (v instanceof OneOf either) {
            return either(either.items().stream().map(this::value).map(String::valueOf).toList());
        }
        if (v instanceof MappingProtocol p) {
            return name(p);
        }
        if (v instanceof ConnectionStatus c) {
            return has("connection." + c.name()) ? format("connection." + c.name()) : c.upnpName();
        }
        if (v instanceof List<?> list) {
            return String.join(", ", list.stream().map(this::value).map(String::valueOf).toList());
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof java.util.Date) {
            return v;
        }
        return v.toString();
    }

    /** "TCP port 8080 of 2001:db8::10" in this language. */
    public String pinhole(Pinhole p) {
        return format("pinhole.summary", p.protocol().name(), p.port(), Ipv6.text(p.address()));
    }

    /**
     * {@code d} in the {@code units} largest units from its first, the rest left out: with 2,
     * "1 day 2 h", "1 h 59 min", "59 min 30 s"; zero is "0 s". Only for reading: what people type
     * is read by config.Durations, in its own units, whatever the language.
     */
    public String span(Duration d, int units) {
        long millis = Math.max(0, d.toMillis());
        List<String> parts = new java.util.ArrayList<>();
        int used = 0;
        for (int i = 0; i < SPAN_MILLIS.length && used < units; i++) {
            long n = millis / SPAN_MILLIS[i];
            millis %= SPAN_MILLIS[i];
            if (n > 0) {
                parts.add(format(SPAN_KEYS[i], n));
            }
            if (n > 0 || used > 0) {
                used++;
            }
        }
        return used == 0 ? format(SPAN_KEYS[3], 0) : String.join(" ", parts);
    }

    private static final long[] SPAN_MILLIS = {86_400_000, 3_600_000, 60_000, 1_000, 1};
    private static final String[] SPAN_KEYS = {"span.days", "span.hours", "span.minutes", "span.seconds", "span.millis"};

    /** "UPnP", "PCP" or "NAT-PMP": their own names in every language. */
    public static String name(MappingProtocol p) {
        return switch (p) {
            case UPNP -> "UPnP";
            case PCP -> "PCP";
            case NATPMP -> "NAT-PMP";
        };
    }

    /** "a, b or c" in this language. */
    public String either(List<String> items) {
        return joined(items, "list.or");
    }

    /** "a, b and c" in this language. */
    public String all(List<String> items) {
        return joined(items, "list.and");
    }

    private String joined(List<String> items, String key) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return format(key, String.join(format("list.comma"), items.subList(0, items.size() - 1)),
                items.get(items.size() - 1));
    }

    /** The text for {@code key} when the bundle has one. */
    public boolean has(String key) {
        try {
            bundle.getString(key);
            return true;
        } catch (MissingResourceException e) {
            return false;
        }
    }

    /** Whether forwarding on this router can make the computer reachable, in plain words. */
    public String nat(NatVerdict verdict) {
        return format("nat." + verdict.name());
    }

    /**
     * Every field the router reported, by its English name (as {@code info --json} prints them),
     * with the NAT verdict's explanation in these words after the verdict.
     */
    public Map<String, Object> fields(RouterInfo info) {
        Map<String, Object> fields = new LinkedHashMap<>();
        info.fields().forEach((k, v) -> {
            fields.put(k, v);
            if (k.equals("natVerdict")) {
                fields.put("natExplanation", nat(info.gateway().status().natVerdict()));
            }
        });
        return fields;
    }

    /** Whether pinholes can be opened in the router's IPv6 firewall, through what, or why not. */
    public String pinholes(PinholeSupport support) {
        return say(support.fact());
    }

    /**
     * An uptime to the minute, in the two largest units: "3 days 4 h", "2 h 5 min", "7 min"; under
     * a minute "0 min". The same grammar as {@link #span}, which the window uses.
     */
    public String duration(Duration d) {
        Duration minutes = d.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        return minutes.isZero() || minutes.isNegative() ? format(SPAN_KEYS[2], 0) : span(minutes, 2);
    }
}
