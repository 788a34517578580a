package net.portforward.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import net.portforward.engine.model.MappingProtocol;
import java.util.regex.Pattern;

/**
 * Turns an {@link IniFile} into {@link Settings}. A value that does not make sense is reported
 * with its line and replaced by the default (or by an earlier good line for the same key), so a
 * typo in one setting never stops PortForward from starting.
 */
public final class SettingsParser {

    // Section -> plain keys; [proxies] holds numbered checker.N keys instead.
    private static final Map<String, List<String>> KNOWN = new LinkedHashMap<>();
    static {
        KNOWN.put("discovery", List.of("timeout", "grace", "interface", "router"));
        KNOWN.put("network", List.of("http-timeout", "protocol"));
        KNOWN.put("webserver", List.of("port", "start"));
        KNOWN.put("events", List.of("listen", "poll-interval", "restore-kept"));
        KNOWN.put("proxies", List.of());
        KNOWN.put("storage", List.of("data-dir"));
    }
    private static final Pattern CHECKER = Pattern.compile("checker\\.([1-9][0-9]{0,8})");

    private final IniFile ini;
    private final Path home;
    private final Path defaultDataDir;
    private final List<IniFile.Problem> problems = new ArrayList<>();

    private Duration discoveryTimeout = Settings.DEFAULT_DISCOVERY_TIMEOUT;
    private Duration discoveryGrace = Settings.DEFAULT_DISCOVERY_GRACE;
    private String networkInterface;
    private URI router;
    private Duration httpTimeout = Settings.DEFAULT_HTTP_TIMEOUT;
    private int webServerPort = Settings.DEFAULT_WEB_SERVER_PORT;
    private boolean startWebServer = false;
    private boolean listenForChanges = true;
    private Duration pollInterval = Settings.DEFAULT_POLL_INTERVAL;
    private boolean restoreKept = true;
    private MappingProtocol protocol;
    private final TreeMap<Integer, Proxy> checkers = new TreeMap<>();
    private Path dataDir;

    private SettingsParser(IniFile ini, Path home, Path defaultDataDir) {
        this.ini = ini;
        this.home = home;
        this.defaultDataDir = defaultDataDir;
        this.dataDir = defaultDataDir;
    }

    /**
     * @param source how to name the file in problem messages
     * @param home the user's home folder, for {@code data-dir = ~/…}
     * @param defaultDataDir used when {@code data-dir} is empty, missing or broken
     */
    public static Settings parse(String source, String text, Path home, Path defaultDataDir) {
        return parse(IniFile.parse(source, text), home, defaultDataDir);
    }

    public static Settings parse(IniFile ini, Path home, Path defaultDataDir) {
        return new SettingsParser(ini, home, defaultDataDir).run();
    }

    private Settings run() {
        problems.addAll(ini.problems());
        boolean proxiesSection = false;
        for (IniFile.Header h : ini.headers()) {
            proxiesSection |= h.name().equals("proxies");
            if (!KNOWN.containsKey(h.name())) {
                problems.add(ini.problem(h.line(), "[" + h.name() + "] is not a known section (known: "
                        + String.join(", ", KNOWN.keySet()) + "); the settings in it are ignored"));
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (IniFile.Entry e : ini.entries()) {
            if (e.section().isEmpty()) {
                say(e, "comes before any [section] header; ignored");
            } else if (KNOWN.containsKey(e.section())) { // unknown sections were reported once above
                Integer earlier = seen.put(e.section() + "." + e.key(), e.line());
                if (earlier != null) {
                    say(e, "sets \"" + e.key() + "\" again (also on line " + earlier + "); the later line counts");
                }
                apply(e);
            }
        }
        // Problems from the syntax pass and from here interleave; the user reads them top to bottom.
        problems.sort(Comparator.comparingInt(IniFile.Problem::line));
        // An empty [proxies] section is how a user turns checks off; no section at all means defaults.
        List<Proxy> proxies = proxiesSection ? List.copyOf(checkers.values()) : Settings.DEFAULT_PROXIES;
        return new Settings(discoveryTimeout, discoveryGrace, networkInterface, router, httpTimeout,
                webServerPort, startWebServer, listenForChanges, pollInterval, restoreKept, protocol, proxies, dataDir,
                problems.stream().map(IniFile.Problem::message).toList());
    }

    /** auto (or empty), upnp, pcp or natpmp. */
    private MappingProtocol protocol(IniFile.Entry e) {
        String v = e.value().strip();
        if (v.isEmpty() || v.equalsIgnoreCase("auto")) {
            return null;
        }
        Optional<MappingProtocol> p = MappingProtocol.parse(v);
        if (p.isEmpty()) {
            say(e, "protocol \"" + v + "\" is not one of auto, upnp, pcp, natpmp; auto is used");
        }
        return p.orElse(null);
    }

    private void apply(IniFile.Entry e) {
        String v = e.value();
        switch (e.section() + "." + e.key()) {
            case "discovery.timeout" -> discoveryTimeout = duration(e, discoveryTimeout, false);
            case "discovery.grace" -> discoveryGrace = duration(e, discoveryGrace, true);
            // Whether the interface exists is only known at run time; discovery reports that.
            case "discovery.interface" -> networkInterface = v.isBlank() ? null : v;
            case "discovery.router" -> router = v.isBlank() ? null : routerUrl(e).orElse(router);
            case "network.http-timeout" -> httpTimeout = duration(e, httpTimeout, false);
            case "network.protocol" -> protocol = protocol(e);
            case "webserver.port" -> webServerPort = port(e, webServerPort);
            case "webserver.start" -> startWebServer = bool(e, startWebServer);
            case "events.listen" -> listenForChanges = bool(e, listenForChanges);
            case "events.poll-interval" -> pollInterval = duration(e, pollInterval, false);
            case "events.restore-kept" -> restoreKept = bool(e, restoreKept);
            case "storage.data-dir" -> dataDir = v.isBlank() ? defaultDataDir : folder(e).orElse(dataDir);
            default -> {
                Matcher m = CHECKER.matcher(e.key());
                if (e.section().equals("proxies") && m.matches()) {
                    checker(e, Integer.parseInt(m.group(1)));
                } else {
                    unknownKey(e);
                }
            }
        }
    }

    private Duration duration(IniFile.Entry e, Duration fallback, boolean zeroAllowed) {
        Optional<Duration> d = Durations.parse(e.value());
        if (d.isEmpty()) {
            say(e, "is not a duration (like 300ms, 3s, 2m or 1h); using " + Durations.format(fallback));
            return fallback;
        }
        if (!zeroAllowed && d.get().isZero()) {
            say(e, "must be longer than zero; using " + Durations.format(fallback));
            return fallback;
        }
        return d.get();
    }

    private int port(IniFile.Entry e, int fallback) {
        try {
            int port = Integer.parseInt(e.value());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, same as out of range
        }
        say(e, "is not a port number (1-65535); using " + fallback);
        return fallback;
    }

    private boolean bool(IniFile.Entry e, boolean fallback) {
        switch (e.value().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1": return true;
            case "false", "no", "off", "0": return false;
            default:
                say(e, "is not true or false; using " + fallback);
                return fallback;
        }
    }

    private Optional<URI> routerUrl(IniFile.Entry e) {
        try {
            URI uri = new URI(e.value());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException broken) {
            // reported below
        }
        say(e, "is not a router description address (like http://192.168.1.1:5000/rootDesc.xml); "
                + (router == null ? "searching for routers instead" : "using " + router));
        return Optional.empty();
    }

    private Optional<Path> folder(IniFile.Entry e) {
        String v = e.value();
        try {
            // "~" is how people write their home folder; Java does not expand it by itself.
            Path p = v.equals("~") ? home
                    : v.startsWith("~/") || v.startsWith("~\\") ? home.resolve(v.substring(2))
                    : Path.of(v);
            if (p.isAbsolute()) {
                return Optional.of(p.normalize());
            }
            say(e, "is not a full folder path (a relative one would depend on where PortForward was started); using " + dataDir);
        } catch (InvalidPathException broken) {
            say(e, "is not a valid folder path; using " + dataDir);
        }
        return Optional.empty();
    }

    private void checker(IniFile.Entry e, int number) {
        try {
            checkers.put(number, Proxy.parse(e.value()));
        } catch (IllegalArgumentException broken) {
            say(e, broken.getMessage() + "; this checker is left out");
        }
    }

    private void unknownKey(IniFile.Entry e) {
        String hint = KNOWN.entrySet().stream()
                .filter(s -> s.getValue().contains(e.key()))
                .map(s -> " (it belongs in [" + s.getKey() + "])")
                .findFirst()
                .orElse(e.key().startsWith("checker.") ? " (checkers go in [proxies], numbered checker.1, checker.2, …)" : "");
        problems.add(ini.problem(e.line(), "\"" + e.key() + "\" is not a setting of [" + e.section() + "]" + hint + "; ignored"));
    }

    private void say(IniFile.Entry e, String sentence) {
        problems.add(ini.problem(e.line(), "\"" + e.text() + "\" " + sentence));
    }
}
