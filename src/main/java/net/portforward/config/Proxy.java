package net.portforward.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import net.portforward.engine.error.Fact;

/**
 * A service outside the home network that can tell whether a forwarded port is reachable from
 * the internet — the one thing the router itself cannot tell us.
 *
 * @param urlTemplate a web address in which {@value #PORT} stands for the port to check
 */
public record Proxy(Type type, String urlTemplate) {

    public static final String PORT = "{port}";

    public enum Type {
        /** PortForward's own checker protocol: it connects back and verifies a token we serve on the port. */
        PORTFORWARD,
        /** A plain service that tries to connect and answers {@code 1} (open) or {@code 0} (closed). */
        PORTCHECK,
        /** A web page opened in the user's browser; the user reads the answer there. */
        BROWSER;

        /** The word used in portforward.ini. */
        public String iniName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Type> fromIniName(String word) {
            return Arrays.stream(values()).filter(t -> t.iniName().equalsIgnoreCase(word)).findFirst();
        }
    }

    public Proxy {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(urlTemplate, "urlTemplate");
    }

    /** The address to use for {@code port}. */
    public URI url(int port) {
        return URI.create(urlTemplate.replace(PORT, Integer.toString(port)));
    }

    /** "portcheck https://…/{port}", the form {@link #parse} reads. */
    public String toIni() {
        return type.iniName() + " " + urlTemplate;
    }

    /**
     * Reads "TYPE URL".
     *
     * @throws Mistake saying what is wrong, for the front ends to word
     */
    public static Proxy parse(String value) {
        String[] parts = value.strip().split("\\s+", 2);
        if (parts.length < 2) {
            throw new Mistake(SettingsFact.CHECKER_NEEDS_TYPE_AND_URL.with("portcheck https://portcheck.transmissionbt.com/" + PORT));
        }
        Type type = Type.fromIniName(parts[0]).orElseThrow(() -> new Mistake(SettingsFact.CHECKER_UNKNOWN_TYPE.with(
                parts[0], Arrays.stream(Type.values()).map(Type::iniName).toList())));
        String template = parts[1].strip();
        if (type == Type.PORTCHECK && !template.contains(PORT)) {
            // Without the placeholder every check would ask about the same port: silently wrong answers.
            throw new Mistake(SettingsFact.CHECKER_NEEDS_PORT.with(PORT));
        }
        try {
            URI probe = new URI(template.replace(PORT, "1"));
            String scheme = probe.getScheme() == null ? "" : probe.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || probe.getHost() == null) {
                throw new URISyntaxException(template, "not http(s) with a host");
            }
        } catch (URISyntaxException e) {
            throw new Mistake(SettingsFact.CHECKER_NOT_WEB_ADDRESS.with(template));
        }
        return new Proxy(type, template);
    }

    /** What is wrong with a checker as written: its words continue "This checker …" (or the line that wrote it). */
    public static final class Mistake extends IllegalArgumentException {
        private final transient Fact fact;

        Mistake(Fact fact) {
            super(fact.english());
            this.fact = fact;
        }

        public Fact fact() {
            return fact;
        }
    }
}
