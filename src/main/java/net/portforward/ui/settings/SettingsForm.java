package net.portforward.ui.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import net.portforward.config.Durations;
import net.portforward.config.Proxy;
import net.portforward.config.Settings;
import net.portforward.config.SettingsLoader;

/**
 * The settings dialog's model: every setting as the user types it, an error sentence per field
 * ("" when the field is fine), and {@link #validProperty()}. The checks are the ones
 * {@code SettingsParser} applies to portforward.ini, so what the dialog accepts the file can hold
 * and reads back the same. No FX thread needed: it is plain properties.
 */
public final class SettingsForm {

    /** The dialog's texts, shared with the view. */
    public static final String BUNDLE = "net.portforward.ui.settings.SettingsText";

    // IniFile takes " ;" or " #" for the start of a comment, and a line break ends the value.
    private static final Pattern UNWRITABLE = Pattern.compile("\\s[;#]|\\R");

    // First, before the error bindings below that read it.
    private final ResourceBundle text = ResourceBundle.getBundle(BUNDLE);
    private final Settings initial;
    private final Path home;
    private final Path defaultDataDir;

    private final StringProperty discoveryTimeout = new SimpleStringProperty(this, "discoveryTimeout", "");
    private final StringProperty grace = new SimpleStringProperty(this, "grace", "");
    private final StringProperty networkInterface = new SimpleStringProperty(this, "networkInterface", "");
    private final StringProperty router = new SimpleStringProperty(this, "router", "");
    private final StringProperty httpTimeout = new SimpleStringProperty(this, "httpTimeout", "");
    private final StringProperty webPort = new SimpleStringProperty(this, "webPort", "");
    private final BooleanProperty startWebServer = new SimpleBooleanProperty(this, "startWebServer");
    private final BooleanProperty listen = new SimpleBooleanProperty(this, "listen");
    private final StringProperty pollInterval = new SimpleStringProperty(this, "pollInterval", "");
    private final BooleanProperty restoreKept = new SimpleBooleanProperty(this, "restoreKept");
    private final StringProperty dataDir = new SimpleStringProperty(this, "dataDir", "");
    private final ObservableList<Proxy> proxies = FXCollections.observableArrayList();
    private final ObjectProperty<Proxy.Type> newProxyType = new SimpleObjectProperty<>(this, "newProxyType", Proxy.Type.PORTCHECK);
    private final StringProperty newProxyUrl = new SimpleStringProperty(this, "newProxyUrl", "");

    private final ReadOnlyStringWrapper discoveryTimeoutError = error(() -> duration(discoveryTimeout, false), discoveryTimeout);
    private final ReadOnlyStringWrapper graceError = error(() -> duration(grace, true), grace);
    private final ReadOnlyStringWrapper networkInterfaceError = error(() -> writable(networkInterface.get()), networkInterface);
    private final ReadOnlyStringWrapper routerError = error(this::routerCheck, router);
    private final ReadOnlyStringWrapper httpTimeoutError = error(() -> duration(httpTimeout, false), httpTimeout);
    private final ReadOnlyStringWrapper webPortError = error(this::portCheck, webPort);
    private final ReadOnlyStringWrapper pollIntervalError = error(() -> duration(pollInterval, false), pollInterval);
    private final ReadOnlyStringWrapper dataDirError = error(this::folderCheck, dataDir);
    // Empty while nothing is typed: an empty box is not a mistake, just nothing to add yet.
    private final ReadOnlyStringWrapper newProxyError = error(
            () -> newProxyUrl.get().isBlank() ? "" : newProxy().map(p -> "").orElseGet(this::proxyProblem),
            newProxyType, newProxyUrl);
    private final ReadOnlyBooleanWrapper canAddProxy = new ReadOnlyBooleanWrapper(this, "canAddProxy");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");

    /** A form over {@code settings} on this machine (its home folder and usual data folder). */
    public SettingsForm(Settings settings) {
        this(settings, Path.of(System.getProperty("user.home")), SettingsLoader.defaultDataDir(
                System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")), System.getenv()));
    }

    /**
     * @param home the user's home folder, for a data folder written as {@code ~/…}
     * @param defaultDataDir the data folder an empty field stands for
     */
    public SettingsForm(Settings settings, Path home, Path defaultDataDir) {
        this.initial = Objects.requireNonNull(settings, "settings");
        this.home = Objects.requireNonNull(home, "home");
        this.defaultDataDir = Objects.requireNonNull(defaultDataDir, "defaultDataDir");
        discoveryTimeout.set(Durations.format(settings.discoveryTimeout()));
        grace.set(Durations.format(settings.discoveryGrace()));
        networkInterface.set(settings.networkInterface() == null ? "" : settings.networkInterface());
        router.set(settings.router() == null ? "" : settings.router().toString());
        httpTimeout.set(Durations.format(settings.httpTimeout()));
        webPort.set(Integer.toString(settings.webServerPort()));
        startWebServer.set(settings.startWebServer());
        listen.set(settings.listenForChanges());
        pollInterval.set(Durations.format(settings.pollInterval()));
        restoreKept.set(settings.restoreKept());
        dataDir.set(settings.dataDir().equals(defaultDataDir) ? "" : settings.dataDir().toString());
        proxies.setAll(settings.proxies());
        canAddProxy.bind(Bindings.createBooleanBinding(() -> newProxy().isPresent(), newProxyType, newProxyUrl));
        valid.bind(Bindings.createBooleanBinding(
                () -> List.of(discoveryTimeoutError, graceError, networkInterfaceError, routerError, httpTimeoutError,
                        webPortError, pollIntervalError, dataDirError).stream().allMatch(e -> e.get().isEmpty()),
                discoveryTimeoutError, graceError, networkInterfaceError, routerError, httpTimeoutError,
                webPortError, pollIntervalError, dataDirError));
    }

    // ---- commands

    /**
     * The settings the form holds. Fields the form does not edit come from {@code base} (today
     * that is none); {@link Settings#problems()} is empty, since every value has been checked.
     *
     * @throws IllegalStateException while the form is not {@link #validProperty() valid}
     */
    public Settings toSettings(Settings base) {
        Objects.requireNonNull(base, "base");
        if (!valid.get()) {
            throw new IllegalStateException("The settings form still has mistakes; fix them first");
        }
        String nic = networkInterface.get().strip();
        String url = router.get().strip();
        return new Settings(Durations.parse(discoveryTimeout.get()).orElseThrow(), Durations.parse(grace.get()).orElseThrow(),
                nic.isEmpty() ? null : nic, url.isEmpty() ? null : URI.create(url),
                Durations.parse(httpTimeout.get()).orElseThrow(), Integer.parseInt(webPort.get().strip()),
                startWebServer.get(), listen.get(), Durations.parse(pollInterval.get()).orElseThrow(),
                restoreKept.get(), List.copyOf(proxies), folder(dataDir.get()).orElseThrow(), List.of());
    }

    /** {@link #toSettings(Settings)} over the settings the form was opened with. */
    public Settings toSettings() {
        return toSettings(initial);
    }

    /** Adds the checker typed in {@link #newProxyUrlProperty()} at the end and clears the box; false if it is not valid. */
    public boolean addProxy() {
        Optional<Proxy> proxy = newProxy();
        proxy.ifPresent(p -> {
            proxies.add(p);
            newProxyUrl.set("");
        });
        return proxy.isPresent();
    }

    /** Removes the checker at {@code index}; an index out of range does nothing. */
    public void removeProxy(int index) {
        if (index >= 0 && index < proxies.size()) {
            proxies.remove(index);
        }
    }

    /** Moves the checker at {@code index} one up (tried earlier); returns its new index. */
    public int moveProxyUp(int index) {
        return swap(index, index - 1);
    }

    /** Moves the checker at {@code index} one down (tried later); returns its new index. */
    public int moveProxyDown(int index) {
        return swap(index, index + 1);
    }

    private int swap(int from, int to) {
        if (from < 0 || from >= proxies.size() || to < 0 || to >= proxies.size()) {
            return from;
        }
        // One setAll, so a ListView sees a single change and keeps its selection logic simple.
        List<Proxy> copy = new ArrayList<>(proxies);
        copy.set(to, proxies.get(from));
        copy.set(from, proxies.get(to));
        proxies.setAll(copy);
        return to;
    }

    // ---- properties

    public StringProperty discoveryTimeoutProperty() { return discoveryTimeout; }
    public StringProperty graceProperty() { return grace; }
    /** The interface name; empty for automatic. */
    public StringProperty networkInterfaceProperty() { return networkInterface; }
    /** The router description URL; empty to discover. */
    public StringProperty routerProperty() { return router; }
    public StringProperty httpTimeoutProperty() { return httpTimeout; }
    public StringProperty webPortProperty() { return webPort; }
    public BooleanProperty startWebServerProperty() { return startWebServer; }
    public BooleanProperty listenProperty() { return listen; }
    public StringProperty pollIntervalProperty() { return pollInterval; }
    public BooleanProperty restoreKeptProperty() { return restoreKept; }
    /** The data folder; empty for {@link #defaultDataDir()}. */
    public StringProperty dataDirProperty() { return dataDir; }
    public ObjectProperty<Proxy.Type> newProxyTypeProperty() { return newProxyType; }
    public StringProperty newProxyUrlProperty() { return newProxyUrl; }

    public ReadOnlyStringProperty discoveryTimeoutErrorProperty() { return discoveryTimeoutError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty graceErrorProperty() { return graceError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty networkInterfaceErrorProperty() { return networkInterfaceError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty routerErrorProperty() { return routerError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty httpTimeoutErrorProperty() { return httpTimeoutError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty webPortErrorProperty() { return webPortError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty pollIntervalErrorProperty() { return pollIntervalError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty dataDirErrorProperty() { return dataDirError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty newProxyErrorProperty() { return newProxyError.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canAddProxyProperty() { return canAddProxy.getReadOnlyProperty(); }
    /** True when every field is fine, so {@link #toSettings(Settings)} may be called. A half-typed new checker does not count. */
    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }
    public boolean isValid() { return valid.get(); }

    /** The checkers in the order they are tried; change it through the commands. */
    public ObservableList<Proxy> proxies() {
        return FXCollections.unmodifiableObservableList(proxies);
    }

    /** The data folder an empty field means. */
    public Path defaultDataDir() {
        return defaultDataDir;
    }

    /** The form's texts. */
    public ResourceBundle text() {
        return text;
    }

    // ---- checks, mirroring SettingsParser

    private ReadOnlyStringWrapper error(Callable<String> check, Observable... inputs) {
        ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
        error.bind(Bindings.createStringBinding(check, inputs));
        return error;
    }

    private String duration(StringProperty field, boolean zeroAllowed) {
        Optional<Duration> d = Durations.parse(field.get());
        if (d.isEmpty()) {
            return text.getString("error.duration");
        }
        return !zeroAllowed && d.get().isZero() ? text.getString("error.zero") : "";
    }

    private String writable(String value) {
        return UNWRITABLE.matcher(value).find() ? text.getString("error.unwritable") : "";
    }

    private String routerCheck() {
        String v = router.get().strip();
        if (v.isEmpty()) {
            return "";
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return "";
            }
        } catch (URISyntaxException broken) {
            // same answer as a wrong scheme
        }
        return text.getString("error.router");
    }

    private String portCheck() {
        try {
            int port = Integer.parseInt(webPort.get().strip());
            if (port >= 1 && port <= 65535) {
                return "";
            }
        } catch (NumberFormatException notANumber) {
            // same answer as out of range
        }
        return text.getString("error.port");
    }

    private String folderCheck() {
        if (!writable(dataDir.get()).isEmpty()) {
            return writable(dataDir.get());
        }
        try {
            return dataDir.get().isBlank() || folder(dataDir.get()).isPresent() ? "" : text.getString("error.folderRelative");
        } catch (InvalidPathException broken) {
            return text.getString("error.folderInvalid");
        }
    }

    /** The folder {@code value} names, as SettingsParser reads it: "~" is home; empty when relative. */
    private Optional<Path> folder(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return Optional.of(defaultDataDir);
        }
        Path p = v.equals("~") ? home
                : v.startsWith("~/") || v.startsWith("~\\") ? home.resolve(v.substring(2))
                : Path.of(v);
        return p.isAbsolute() ? Optional.of(p.normalize()) : Optional.empty();
    }

    private Optional<Proxy> newProxy() {
        try {
            return Optional.of(Proxy.parse(newProxyType.get().iniName() + " " + newProxyUrl.get().strip()));
        } catch (IllegalArgumentException | NullPointerException broken) {
            return Optional.empty();
        }
    }

    private String proxyProblem() {
        try {
            Proxy.parse(newProxyType.get().iniName() + " " + newProxyUrl.get().strip());
            return "";
        } catch (IllegalArgumentException broken) {
            // Proxy's sentences continue a quoted line ("… needs {port} in the web address").
            return MessageFormat.format(text.getString("error.proxy"), broken.getMessage());
        }
    }
}
