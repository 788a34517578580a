package net.portforward.ui.settings;

import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
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
import net.portforward.config.Proxy;
import net.portforward.config.SettingKey;
import net.portforward.config.Settings;
import net.portforward.config.SettingsTable;
import net.portforward.config.UserFolders;
import net.portforward.config.ValueType;

/**
 * The settings dialog's model: every key of {@link SettingsTable} as the user types it (or ticks
 * it), an error sentence per typed field ("" when the field is fine), and {@link #validProperty()}.
 * Each field is read by its key's {@link ValueType}, as {@code SettingsParser} reads
 * portforward.ini, so what the dialog accepts the file can hold and reads back the same. No FX
 * thread needed: it is plain properties.
 */
public final class SettingsForm {

    /** The dialog's texts, shared with the view. */
    public static final String BUNDLE = "net.portforward.ui.settings.SettingsText";

    // IniFile takes " ;" or " #" for the start of a comment, and a line break ends the value.
    private static final Pattern UNWRITABLE = Pattern.compile("\\s[;#]|\\R");

    // First, before the error bindings below that read it.
    private final ResourceBundle text = net.portforward.ui.common.UiText.bundle(BUNDLE);
    private final UserFolders folders;

    /** What the user typed for each key that is typed (not ticked). */
    private final Map<SettingKey<?>, StringProperty> typed = new LinkedHashMap<>();
    private final Map<SettingKey<?>, BooleanProperty> ticked = new LinkedHashMap<>();
    private final Map<SettingKey<?>, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();
    private final ObservableList<Proxy> proxies = FXCollections.observableArrayList();
    private final ObjectProperty<Proxy.Type> newProxyType = new SimpleObjectProperty<>(this, "newProxyType", Proxy.Type.PORTCHECK);
    private final StringProperty newProxyUrl = new SimpleStringProperty(this, "newProxyUrl", "");
    /** Not in portforward.ini: the system's login entry, which the app writes or removes on OK. */
    private final BooleanProperty startAtLogin = new SimpleBooleanProperty(this, "startAtLogin");

    // Empty while nothing is typed: an empty box is not a mistake, just nothing to add yet.
    private final ReadOnlyStringWrapper newProxyError = new ReadOnlyStringWrapper(this, "newProxyError");
    private final ReadOnlyBooleanWrapper canAddProxy = new ReadOnlyBooleanWrapper(this, "canAddProxy");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");

    /**
     * A form over {@code settings}.
     *
     * @param folders the user's home (for a data folder written as {@code ~/…}) and the data folder an
     *     empty field stands for
     */
    public SettingsForm(Settings settings, UserFolders folders) {
        Objects.requireNonNull(settings, "settings");
        this.folders = Objects.requireNonNull(folders, "folders");
        for (SettingKey<?> key : SettingsTable.KEYS) {
            if (key.type().kind() == ValueType.Kind.SWITCH) {
                ticked.put(key, new SimpleBooleanProperty(this, key.id(), (Boolean) key.field().apply(settings)));
            } else {
                StringProperty field = new SimpleStringProperty(this, key.id(), key.write(settings, folders));
                typed.put(key, field);
                ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, key.id() + "Error");
                error.bind(Bindings.createStringBinding(() -> check(key, field.get()), field));
                errors.put(key, error);
            }
        }
        proxies.setAll(settings.proxies());
        newProxyError.bind(Bindings.createStringBinding(
                () -> newProxyUrl.get().isBlank() ? "" : newProxy().map(p -> "").orElseGet(this::proxyProblem),
                newProxyType, newProxyUrl));
        canAddProxy.bind(Bindings.createBooleanBinding(() -> newProxy().isPresent(), newProxyType, newProxyUrl));
        valid.bind(Bindings.createBooleanBinding(() -> errors.values().stream().allMatch(e -> e.get().isEmpty()),
                errors.values().toArray(new Observable[0])));
    }

    /** A form over {@code settings} with the given home and usual data folder. */
    public SettingsForm(Settings settings, Path home, Path defaultDataDir) {
        this(settings, new UserFolders(home, defaultDataDir));
    }

    // ---- commands

    /**
     * The settings the form holds; {@link Settings#problems()} is empty, since every value has been
     * checked.
     *
     * @throws IllegalStateException while the form is not {@link #validProperty() valid}
     */
    public Settings toSettings() {
        if (!valid.get()) {
            throw new IllegalStateException("The settings form still has mistakes; fix them first");
        }
        Map<SettingKey<?>, Object> values = new HashMap<>();
        typed.forEach((key, field) -> values.put(key, key.type().read(field.get(), folders).value()));
        ticked.forEach((key, box) -> values.put(key, box.get()));
        return SettingsTable.settings(values, List.copyOf(proxies), folders, List.of());
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

    /** What the user typed for {@code key} (one that is not a check box), as the file would write it. */
    public StringProperty typed(SettingKey<?> key) {
        return Objects.requireNonNull(typed.get(key), key + " is ticked, not typed");
    }

    /** A check box's state for a true-or-false {@code key}. */
    public BooleanProperty ticked(SettingKey<Boolean> key) {
        return Objects.requireNonNull(ticked.get(key), key + " is typed, not ticked");
    }

    /** The mistake in {@link #typed(SettingKey)}, in a sentence; "" when there is none. */
    public ReadOnlyStringProperty error(SettingKey<?> key) {
        return errors.get(key).getReadOnlyProperty();
    }

    public StringProperty discoveryTimeoutProperty() { return typed(SettingsTable.DISCOVERY_TIMEOUT); }
    public StringProperty graceProperty() { return typed(SettingsTable.DISCOVERY_GRACE); }
    /** The interface name; empty for automatic. */
    public StringProperty networkInterfaceProperty() { return typed(SettingsTable.INTERFACE); }
    /** The router description URL; empty to discover. */
    public StringProperty routerProperty() { return typed(SettingsTable.ROUTER); }
    public StringProperty httpTimeoutProperty() { return typed(SettingsTable.HTTP_TIMEOUT); }
    /** auto, upnp, pcp or natpmp, as the file writes it. */
    public StringProperty protocolProperty() { return typed(SettingsTable.PROTOCOL); }
    public StringProperty webPortProperty() { return typed(SettingsTable.WEB_PORT); }
    public BooleanProperty startWebServerProperty() { return ticked(SettingsTable.START_WEB_SERVER); }
    public BooleanProperty listenProperty() { return ticked(SettingsTable.LISTEN); }
    public StringProperty pollIntervalProperty() { return typed(SettingsTable.POLL_INTERVAL); }
    /** The data folder; empty for {@link #defaultDataDir()}. */
    public StringProperty dataDirProperty() { return typed(SettingsTable.DATA_DIR); }
    public ObjectProperty<Proxy.Type> newProxyTypeProperty() { return newProxyType; }
    /** Start PortForward in the tray at login: set from the system's entry, read back on OK. */
    public BooleanProperty startAtLoginProperty() { return startAtLogin; }
    /** system, light or dark, as the file writes it; the app switches as it changes. */
    public StringProperty themeProperty() { return typed(SettingsTable.THEME); }
    public StringProperty newProxyUrlProperty() { return newProxyUrl; }

    public ReadOnlyStringProperty discoveryTimeoutErrorProperty() { return error(SettingsTable.DISCOVERY_TIMEOUT); }
    public ReadOnlyStringProperty graceErrorProperty() { return error(SettingsTable.DISCOVERY_GRACE); }
    public ReadOnlyStringProperty networkInterfaceErrorProperty() { return error(SettingsTable.INTERFACE); }
    public ReadOnlyStringProperty routerErrorProperty() { return error(SettingsTable.ROUTER); }
    public ReadOnlyStringProperty httpTimeoutErrorProperty() { return error(SettingsTable.HTTP_TIMEOUT); }
    public ReadOnlyStringProperty webPortErrorProperty() { return error(SettingsTable.WEB_PORT); }
    public ReadOnlyStringProperty pollIntervalErrorProperty() { return error(SettingsTable.POLL_INTERVAL); }
    public ReadOnlyStringProperty dataDirErrorProperty() { return error(SettingsTable.DATA_DIR); }
    public ReadOnlyStringProperty newProxyErrorProperty() { return newProxyError.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canAddProxyProperty() { return canAddProxy.getReadOnlyProperty(); }
    /** True when every field is fine, so {@link #toSettings()} may be called. A half-typed new checker does not count. */
    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }
    public boolean isValid() { return valid.get(); }

    /** The checkers in the order they are tried; change it through the commands. */
    public ObservableList<Proxy> proxies() {
        return FXCollections.unmodifiableObservableList(proxies);
    }

    /** The data folder an empty field means. */
    public Path defaultDataDir() {
        return folders.defaultDataDir();
    }

    /** The form's texts. */
    public ResourceBundle text() {
        return text;
    }

    // ---- checks: the file's, in the dialog's words

    private String check(SettingKey<?> key, String value) {
        ValueType.Kind kind = key.type().kind();
        if ((kind == ValueType.Kind.NAME || kind == ValueType.Kind.FOLDER) && UNWRITABLE.matcher(value).find()) {
            return text.getString("error.unwritable");
        }
        ValueType.Reading<?> r = key.type().read(value, folders);
        return r.ok() ? "" : text.getString(switch (r.mistake()) {
            case NOT_A_DURATION -> "error.duration";
            case ZERO -> "error.zero";
            case NOT_A_PORT -> "error.port";
            case NOT_A_ROUTER_URL -> "error.router";
            case RELATIVE_FOLDER -> "error.folderRelative";
            case INVALID_FOLDER -> "error.folderInvalid";
            // A check box and a choice cannot hold these; a form filled by code might.
            case NOT_TRUE_OR_FALSE, NOT_A_PROTOCOL, NOT_A_THEME -> "error.choice";
            case NOT_A_LANGUAGE -> "error.language";
        });
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
