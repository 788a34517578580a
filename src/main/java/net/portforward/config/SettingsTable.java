package net.portforward.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.portforward.engine.error.Fact;
import net.portforward.engine.model.MappingProtocol;

/**
 * The keys of portforward.ini, in the shipped file's order: the one list the parser, the writer
 * and the settings dialog go by. A new setting is a line here, a field of {@link Settings}, a
 * line in {@link #settings} and, for the file, a line in the shipped portforward.ini (a test
 * checks the two defaults agree). {@code [proxies]} holds numbered checkers instead of keys.
 */
public final class SettingsTable {
    public static final String PROXIES = "proxies";
    /** The sections in the shipped order; a missing section is written in this order. */
    public static final List<String> SECTIONS = List.of("discovery", "network", "webserver", "events", PROXIES, "storage",
            "window");

    public static final SettingKey<Duration> DISCOVERY_TIMEOUT =
            new SettingKey<>("discovery", "timeout", "discoveryTimeout", ValueType.DURATION, "3s", Settings::discoveryTimeout);
    public static final SettingKey<Duration> DISCOVERY_GRACE =
            new SettingKey<>("discovery", "grace", "grace", ValueType.DURATION_OR_ZERO, "300ms", Settings::discoveryGrace);
    public static final SettingKey<String> INTERFACE =
            new SettingKey<>("discovery", "interface", "interface", ValueType.NAME, "", Settings::networkInterface);
    public static final SettingKey<URI> ROUTER =
            new SettingKey<>("discovery", "router", "router", ValueType.ROUTER, "", Settings::router);
    public static final SettingKey<Duration> HTTP_TIMEOUT =
            new SettingKey<>("network", "http-timeout", "httpTimeout", ValueType.DURATION, "5s", Settings::httpTimeout);
    public static final SettingKey<MappingProtocol> PROTOCOL =
            new SettingKey<>("network", "protocol", "protocol", ValueType.PROTOCOL, "auto", Settings::protocol);
    public static final SettingKey<Integer> WEB_PORT =
            new SettingKey<>("webserver", "port", "webPort", ValueType.PORT, "9542", Settings::webServerPort);
    public static final SettingKey<Boolean> START_WEB_SERVER =
            new SettingKey<>("webserver", "start", "startWebServer", ValueType.SWITCH, "false", Settings::startWebServer);
    public static final SettingKey<Boolean> LISTEN =
            new SettingKey<>("events", "listen", "listen", ValueType.SWITCH, "true", Settings::listenForChanges);
    public static final SettingKey<Duration> POLL_INTERVAL =
            new SettingKey<>("events", "poll-interval", "pollInterval", ValueType.DURATION, "30s", Settings::pollInterval);
    public static final SettingKey<Boolean> RESTORE_KEPT =
            new SettingKey<>("events", "restore-kept", "restoreKept", ValueType.SWITCH, "true", Settings::restoreKept);
    public static final SettingKey<Path> DATA_DIR =
            new SettingKey<>("storage", "data-dir", "dataDir", ValueType.FOLDER, "", Settings::dataDir);

    public static final SettingKey<Boolean> CLOSE_TO_TRAY =
            new SettingKey<>("window", "close-to-tray", "closeToTray", ValueType.SWITCH, "true", Settings::closeToTray);
    public static final SettingKey<Theme> THEME =
            new SettingKey<>("window", "theme", "theme", ValueType.THEME, "system", Settings::theme);

    public static final SettingKey<Locale> LANGUAGE =
            new SettingKey<>("window", "language", "language", ValueType.LANGUAGE, "", Settings::language);

    public static final List<SettingKey<?>> KEYS = List.of(DISCOVERY_TIMEOUT, DISCOVERY_GRACE, INTERFACE, ROUTER,
            HTTP_TIMEOUT, PROTOCOL, WEB_PORT, START_WEB_SERVER, LISTEN, POLL_INTERVAL, RESTORE_KEPT, DATA_DIR,
            CLOSE_TO_TRAY, THEME, LANGUAGE);

    private SettingsTable() {
    }

    /** The keys of {@code section}, in order. */
    public static List<SettingKey<?>> keys(String section) {
        return KEYS.stream().filter(k -> k.section().equals(section)).toList();
    }

    /** Every key at its default. */
    public static Map<SettingKey<?>, Object> defaults(UserFolders folders) {
        Map<SettingKey<?>, Object> values = new HashMap<>();
        KEYS.forEach(k -> values.put(k, k.defaultValue(folders)));
        return values;
    }

    /** Settings from a value for every key (a missing one is its default). */
    public static Settings settings(Map<SettingKey<?>, Object> values, List<Proxy> proxies, UserFolders folders,
                                    List<Fact> problems) {
        Values v = new Values(values, folders);
        return new Settings(v.get(DISCOVERY_TIMEOUT), v.get(DISCOVERY_GRACE), v.get(INTERFACE), v.get(ROUTER),
                v.get(HTTP_TIMEOUT), v.get(WEB_PORT), v.get(START_WEB_SERVER), v.get(LISTEN), v.get(POLL_INTERVAL),
                v.get(RESTORE_KEPT), v.get(PROTOCOL), proxies, v.get(DATA_DIR), v.get(CLOSE_TO_TRAY), v.get(THEME),
                problems, v.get(LANGUAGE));
    }

    private record Values(Map<SettingKey<?>, Object> values, UserFolders folders) {
        @SuppressWarnings("unchecked")
        <T> T get(SettingKey<T> key) {
            return values.containsKey(key) ? (T) values.get(key) : key.defaultValue(folders);
        }
    }
}
