package net.portforward.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import net.portforward.engine.error.Fact;
import net.portforward.engine.model.MappingProtocol;

/**
 * Everything portforward.ini can set, already checked and typed, so the rest of the program
 * never sees a string it has to parse.
 *
 * @param discoveryTimeout how long SSDP discovery may take at most
 * @param discoveryGrace after the first router answers, how long to wait for others
 * @param networkInterface interface name to discover on, or {@code null} for automatic (the one
 *     whose subnet holds the default gateway)
 * @param router a router description URL for direct mode, or {@code null} to discover
 * @param httpTimeout limit for each HTTP call to the router
 * @param webServerPort port of the built-in web server
 * @param startWebServer start the web server at launch
 * @param listenForChanges subscribe to the router's change events
 * @param pollInterval how often to re-read the router's mappings
 * @param restoreKept after the router restarts, put back the mappings the user keeps without asking
 * @param protocol the one port-mapping protocol to use, or {@code null} for the best the router offers
 * @param proxies reachability checkers, in the order to try them
 * @param dataDir where PortForward keeps its own data
 * @param closeToTray closing the window keeps PortForward running in the system tray (where the
 *     desktop has one), renewing, restoring and watching
 * @param theme how the window looks
 * @param problems what was wrong in the settings file, one sentence each, for the front ends to word;
 *     empty when all went well
 * @param language the language of the window and the command line, or {@code null} to follow the system
 */
public record Settings(
        Duration discoveryTimeout,
        Duration discoveryGrace,
        String networkInterface,
        URI router,
        Duration httpTimeout,
        int webServerPort,
        boolean startWebServer,
        boolean listenForChanges,
        Duration pollInterval,
        boolean restoreKept,
        MappingProtocol protocol,
        List<Proxy> proxies,
        Path dataDir,
        boolean closeToTray,
        Theme theme,
        List<Fact> problems,
        Locale language) {

    /** The checkers a file without [proxies] gets: the shipped file's. */
    public static final List<Proxy> DEFAULT_PROXIES = List.of(
            new Proxy(Proxy.Type.PORTCHECK, "https://portcheck.transmissionbt.com/{port}"),
            new Proxy(Proxy.Type.BROWSER, "https://canyouseeme.org/"));

    public Settings {
        Objects.requireNonNull(discoveryTimeout, "discoveryTimeout");
        Objects.requireNonNull(discoveryGrace, "discoveryGrace");
        Objects.requireNonNull(httpTimeout, "httpTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(theme, "theme");
        networkInterface = networkInterface == null || networkInterface.isBlank() ? null : networkInterface.strip();
        proxies = List.copyOf(proxies);
        problems = List.copyOf(problems);
    }

    /** Settings as before the [window] section existed: close to the tray, the desktop's theme, the system's language (the shipped defaults). */
    public Settings(Duration discoveryTimeout, Duration discoveryGrace, String networkInterface, URI router,
                    Duration httpTimeout, int webServerPort, boolean startWebServer, boolean listenForChanges,
                    Duration pollInterval, boolean restoreKept, MappingProtocol protocol, List<Proxy> proxies,
                    Path dataDir, List<Fact> problems) {
        this(discoveryTimeout, discoveryGrace, networkInterface, router, httpTimeout, webServerPort, startWebServer,
                listenForChanges, pollInterval, restoreKept, protocol, proxies, dataDir, true, Theme.SYSTEM, problems, null);
    }

    /** Settings that follow the system's language. */
    public Settings(Duration discoveryTimeout, Duration discoveryGrace, String networkInterface, URI router,
                    Duration httpTimeout, int webServerPort, boolean startWebServer, boolean listenForChanges,
                    Duration pollInterval, boolean restoreKept, MappingProtocol protocol, List<Proxy> proxies,
                    Path dataDir, boolean closeToTray, Theme theme, List<Fact> problems) {
        this(discoveryTimeout, discoveryGrace, networkInterface, router, httpTimeout, webServerPort, startWebServer,
                listenForChanges, pollInterval, restoreKept, protocol, proxies, dataDir, closeToTray, theme, problems,
                null);
    }

    /** Settings as before the protocol choice existed: the best protocol the router offers. */
    public Settings(Duration discoveryTimeout, Duration discoveryGrace, String networkInterface, URI router,
                    Duration httpTimeout, int webServerPort, boolean startWebServer, boolean listenForChanges,
                    Duration pollInterval, boolean restoreKept, List<Proxy> proxies, Path dataDir, List<Fact> problems) {
        this(discoveryTimeout, discoveryGrace, networkInterface, router, httpTimeout, webServerPort, startWebServer,
                listenForChanges, pollInterval, restoreKept, null, proxies, dataDir, problems);
    }

    /** Settings as before restore-kept existed: kept mappings come back by themselves (the shipped default). */
    public Settings(Duration discoveryTimeout, Duration discoveryGrace, String networkInterface, URI router,
                    Duration httpTimeout, int webServerPort, boolean startWebServer, boolean listenForChanges,
                    Duration pollInterval, List<Proxy> proxies, Path dataDir, List<Fact> problems) {
        this(discoveryTimeout, discoveryGrace, networkInterface, router, httpTimeout, webServerPort, startWebServer,
                listenForChanges, pollInterval, true, null, proxies, dataDir, problems);
    }

    /**
     * The shipped defaults (see {@link SettingsTable}), with {@code dataDir} as the data folder;
     * {@link SettingsLoader#defaults()} gives this machine's.
     */
    public static Settings defaults(Path dataDir) {
        // No default names a folder under home (~), so the data folder is all the defaults need.
        return SettingsTable.settings(Map.of(), DEFAULT_PROXIES, new UserFolders(dataDir, dataDir), List.of());
    }

    /** True when a router URL is set, so discovery is skipped. */
    public boolean directMode() {
        return router != null;
    }

    /** The same settings with {@code more} problems added after the existing ones. */
    public Settings withProblems(List<Fact> more) {
        List<Fact> all = new ArrayList<>(problems);
        all.addAll(more);
        return new Settings(discoveryTimeout, discoveryGrace, networkInterface, router, httpTimeout,
                webServerPort, startWebServer, listenForChanges, pollInterval, restoreKept, protocol, proxies, dataDir,
                closeToTray, theme, all, language);
    }
}
