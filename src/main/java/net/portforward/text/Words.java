package net.portforward.text;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.pinhole.AddressChoice;
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
        AddressChoice a = support.address();
        return switch (support.reason()) {
            case AVAILABLE -> format("ipv6.available", Ipv6.text(support.service().orElseThrow().localAddress()),
                    support.service().orElseThrow().label());
            case IPV6_OFF -> format("ipv6.off");
            case ROUTER_SILENT -> format("ipv6.routerSilent");
            case NO_FIREWALL_CONTROL -> format("ipv6.noFirewallControl");
            case NO_PUBLIC_ADDRESS -> format("ipv6.address." + a.outcome().name(),
                    a.address().map(Ipv6::text).orElse(""), a.interfaceName());
        };
    }

    /** A span such as an uptime or a lease: "3 d 4 h", "2 h 5 min", "7 min", in this locale's units. */
    public String duration(Duration d) {
        long s = d.toSeconds();
        if (s >= 86_400) {
            return format("duration.days", s / 86_400, (s % 86_400) / 3600);
        }
        if (s >= 3600) {
            return format("duration.hours", s / 3600, (s % 3600) / 60);
        }
        return format("duration.minutes", s / 60);
    }
}
