package net.portforward.ui.mapping;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import net.portforward.engine.error.InputMistake;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.ui.common.UiText;

/**
 * The Add/Edit port forward dialog's model: the fields as the user types them, an error sentence
 * per field while typing (from {@link MappingRules}, so the dialog refuses exactly what the engine
 * refuses), and the mapping(s) the fields describe. Plain properties, usable without the FX
 * thread; once a view is bound, change it on the FX thread only.
 *
 * <p>The lease is typed text ("2 h", "90 min", "1 day 12 h"; a bare number is hours) with
 * {@link #leaseChoices} offered in a drop-down, and a separate {@code permanent} flag: a preset
 * list alone could not show the odd time left on a mapping being edited, and a separate
 * permanent flag avoids the IGD convention that a lease of 0 means "forever".
 */
public final class MappingForm {
    /** The leases offered in the drop-down, in the window's language and in words the lease field reads back. */
    public static List<String> leaseChoices() {
        return List.of(text("lease.choices").split("\\|"));
    }
    /** A new forward that is not permanent starts with this lease. */
    static final String DEFAULT_LEASE = "2 h";
    private static final String BUNDLE = "net.portforward.ui.mapping.MappingText";

    /** The mapping being edited, or null when adding. */
    private final PortMapping original;
    private final ObjectProperty<ProtocolChoice> protocol = new SimpleObjectProperty<>(this, "protocol");
    private final StringProperty externalPort = new SimpleStringProperty(this, "externalPort", "");
    private final StringProperty internalPort = new SimpleStringProperty(this, "internalPort", "");
    private final StringProperty internalClient = new SimpleStringProperty(this, "internalClient", "");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final StringProperty lease = new SimpleStringProperty(this, "lease", "");
    private final BooleanProperty samePort = new SimpleBooleanProperty(this, "samePort");
    private final BooleanProperty permanent = new SimpleBooleanProperty(this, "permanent");
    /** A new forward is kept (checked at each start, put back after a router reboot) unless the user says "for now". */
    private final BooleanProperty keep = new SimpleBooleanProperty(this, "keep", true);

    private final ReadOnlyBooleanWrapper keyEditable = new ReadOnlyBooleanWrapper(this, "keyEditable");
    private final ReadOnlyStringWrapper externalPortError = new ReadOnlyStringWrapper(this, "externalPortError", "");
    private final ReadOnlyStringWrapper internalPortError = new ReadOnlyStringWrapper(this, "internalPortError", "");
    private final ReadOnlyStringWrapper internalClientError = new ReadOnlyStringWrapper(this, "internalClientError", "");
    private final ReadOnlyStringWrapper descriptionError = new ReadOnlyStringWrapper(this, "descriptionError", "");
    private final ReadOnlyStringWrapper leaseError = new ReadOnlyStringWrapper(this, "leaseError", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyStringWrapper missing = new ReadOnlyStringWrapper(this, "missing", "");
    private final ReadOnlyStringWrapper conflict = new ReadOnlyStringWrapper(this, "conflict", "");
    private final ReadOnlyObjectWrapper<Integer> offeredPort = new ReadOnlyObjectWrapper<>(this, "offeredPort");

    /** Fields the user has changed: an empty one shows "required" only after that. */
    private final Set<ObservableValue<String>> touched = new HashSet<>();
    /** The checked values while the form is valid, else null. */
    private Values values;

    private record Values(int externalPort, int internalPort, InetAddress client, String description, Duration lease) {
    }

    private MappingForm(PortMapping original) {
        this.original = original;
        keyEditable.set(original == null);
    }

    /**
     * Whether the forward may lead to another computer: not where the router speaks PCP or
     * NAT-PMP, which map only for the computer that asks. Then the client stays this computer.
     */
    private final javafx.beans.property.BooleanProperty clientEditable =
            new javafx.beans.property.SimpleBooleanProperty(this, "clientEditable", true);

    public javafx.beans.property.BooleanProperty clientEditableProperty() {
        return clientEditable;
    }

    /** Adding only: the router picks the external port (IGD:2's AddAnyPortMapping, PCP, NAT-PMP). */
    private final BooleanProperty anyPort = new SimpleBooleanProperty(this, "anyPort");
    /** Whether the router can pick a port itself; where it cannot, {@link #findFreePort()} searches instead. */
    private final BooleanProperty anyPortOffered = new SimpleBooleanProperty(this, "anyPortOffered", true);
    /** PortForward's own search for a free external port; set by the window, null when there is none. */
    private FreePortSearch freePortSearch;

    public BooleanProperty anyPortProperty() {
        return anyPort;
    }

    public BooleanProperty anyPortOfferedProperty() {
        return anyPortOffered;
    }

    public void setFreePortSearch(FreePortSearch search) {
        freePortSearch = search;
    }

    public boolean canSearchFreePort() {
        return freePortSearch != null;
    }

    /**
     * For a router that cannot pick a free port (IGD:1): PortForward looks for one near the typed
     * external port (else the internal one) and offers it as after a conflict, with "Use port N".
     */
    public void findFreePort() {
        Integer port = FieldCheck.port(externalPort.get()) != null ? FieldCheck.port(externalPort.get())
                : FieldCheck.port(internalPort.get());
        if (freePortSearch == null || protocol.get() == null || port == null) {
            return;
        }
        anyPort.set(false);
        freePortSearch.find(new MappingKey(protocol.get().protocols().get(0), port), free -> {
            conflict.set(free.isPresent() ? text("freePort.found", Integer.toString(free.getAsInt()))
                    : text("freePort.none", Integer.toString(port)));
            offeredPort.set(free.isPresent() ? free.getAsInt() : null);
        });
    }

    /** A new forward to this computer: TCP, same port, permanent. */
    public static MappingForm adding(InetAddress thisComputer) {
        MappingForm f = new MappingForm(null);
        f.protocol.set(ProtocolChoice.TCP);
        f.internalClient.set(thisComputer == null ? "" : thisComputer.getHostAddress());
        f.samePort.set(true);
        f.permanent.set(true);
        f.lease.set(DEFAULT_LEASE);
        f.wire();
        return f;
    }

    /** Changes to {@code existing}; its external port and protocol stay (they are its key on the router). */
    public static MappingForm editing(PortMapping existing, InetAddress thisComputer) {
        MappingForm f = new MappingForm(existing);
        f.protocol.set(ProtocolChoice.of(existing.protocol()));
        f.externalPort.set(Integer.toString(existing.externalPort()));
        f.internalPort.set(Integer.toString(existing.internalPort()));
        // A router may list a client that is not an address (ListedMapping): leave it for the user to fix.
        f.internalClient.set(existing.internalClient() == null ? "" : existing.internalClient().getHostAddress());
        f.description.set(existing.description());
        f.samePort.set(existing.internalPort() == existing.externalPort());
        f.permanent.set(existing.permanent());
        f.lease.set(existing.permanent() ? DEFAULT_LEASE : LeaseText.format(existing.lease()));
        // The values came from the router, so an empty one is a problem to show at once.
        f.touched.addAll(List.of(f.externalPort, f.internalPort, f.internalClient, f.description, f.lease));
        f.wire();
        return f;
    }

    /** Listeners go on after the starting values, so those do not count as the user's typing. */
    private void wire() {
        for (StringProperty field : List.of(externalPort, internalPort, internalClient, description, lease)) {
            field.addListener((o, was, now) -> touched.add(field));
        }
        externalPort.addListener((o, was, now) -> {
            clearConflict();
            if (samePort.get()) {
                internalPort.set(now);
            }
        });
        samePort.addListener((o, was, on) -> {
            if (on) {
                internalPort.set(externalPort.get());
            }
        });
        // The router's answer was about one protocol: another one may well be free.
        protocol.addListener((o, was, now) -> clearConflict());
        anyPort.addListener((o, was, on) -> clearConflict());
        for (ObservableValue<?> input : List.of(protocol, externalPort, internalPort, internalClient, description,
                lease, samePort, permanent, anyPort)) {
            input.addListener((o, was, now) -> validate());
        }
        validate();
    }

    private void validate() {
        Integer ext;
        Integer in;
        FieldCheck.Parser<Integer> outside = t -> MappingRules.parsePort(t, InputMistake.EXTERNAL_PORT);
        FieldCheck.Parser<Integer> inside = t -> MappingRules.parsePort(t, InputMistake.INTERNAL_PORT);
        if (anyPort.get()) {
            // The router picks the external port; the internal one is its suggestion.
            externalPortError.set("");
            in = check(internalPort, internalPortError, "required.internalPort", inside);
            ext = in;
        } else if (samePort.get()) {
            ext = check(externalPort, externalPortError, "required.externalPort", outside);
            internalPortError.set(""); // the external port's error says it once
            in = ext;
        } else {
            ext = check(externalPort, externalPortError, "required.externalPort", outside);
            in = check(internalPort, internalPortError, "required.internalPort", inside);
        }
        InetAddress client = check(internalClient, internalClientError, "required.internalClient",
                MappingRules::parseClient);
        String desc = FieldCheck.description(description.get(), descriptionError);
        Duration leaseValue;
        if (permanent.get()) {
            leaseError.set("");
            leaseValue = Duration.ZERO;
        } else {
            leaseValue = check(lease, leaseError, "required.lease", LeaseText::parseChecked);
        }
        boolean ok = protocol.get() != null && ext != null && in != null && client != null && desc != null
                && leaseValue != null;
        values = ok ? new Values(ext, in, client, desc, leaseValue) : null;
        missing.set(ok ? "" : FieldCheck.whatOkWaitsFor(this));
        valid.set(ok);
    }

    /** The parsed value, or null with the reason in {@code error}. */
    private <T> T check(StringProperty field, ReadOnlyStringWrapper error, String requiredKey, FieldCheck.Parser<T> parser) {
        return FieldCheck.check(field.get(), touched.contains(field), error, requiredKey, parser);
    }

    /**
     * The mapping(s) the form describes: one, or TCP and UDP for {@link ProtocolChoice#BOTH}. When
     * editing, the key, enabled flag and remote host are the original's.
     *
     * @throws IllegalStateException when the form is not {@link #validProperty() valid}
     */
    public List<PortMapping> mappings() {
        Values v = values;
        if (!valid.get() || v == null) {
            throw new IllegalStateException("The form is not valid yet.");
        }
        List<Protocol> protocols = original == null ? protocol.get().protocols() : List.of(original.protocol());
        int ext = original == null ? v.externalPort() : original.externalPort();
        int in = samePort.get() ? ext : v.internalPort();
        boolean enabled = original == null || original.enabled();
        InetAddress remoteHost = original == null ? null : original.remoteHost();
        List<PortMapping> result = new ArrayList<>();
        for (Protocol p : protocols) {
            PortMapping m = new PortMapping(p, ext, v.client(), in, enabled, v.description(), remoteHost, v.lease());
            try {
                MappingRules.check(m); // the engine's rules have the last word
            } catch (InvalidInputException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            result.add(m);
        }
        return List.copyOf(result);
    }

    /** Shows who holds the port, and the free port the engine found (usable only when adding). */
    public void showConflict(PortConflictException e) {
        conflict.set(UiText.sentence(e));
        offeredPort.set(keyEditable.get() && e.freePort().isPresent() ? e.freePort().getAsInt() : null);
    }

    /**
     * Shows why the router refused what the form describes: a taken or reserved port as
     * {@link #showConflict}, any other refusal in its sentence with the router's own answer (the
     * code to look up), so the user can change a field and try again without typing it all anew.
     */
    public void showRefusal(RouterRefusedException e) {
        if (e instanceof PortConflictException taken) {
            showConflict(taken);
        } else {
            conflict.set(UiText.sentence(e)); // what it means, with the code and the router's own words
            offeredPort.set(null);
        }
    }

    /** Takes the offered port as the external port (and internal port, with "same port" on). */
    public void useOfferedPort() {
        Integer port = offeredPort.get();
        if (port == null) {
            return;
        }
        anyPort.set(false);
        externalPort.set(Integer.toString(port)); // its listener moves the internal port along
        clearConflict();
    }

    private void clearConflict() {
        conflict.set("");
        offeredPort.set(null);
    }

    /** Text from this package's bundle, formatted when there are arguments (pass numbers as strings). */
    static String text(String key, Object... args) {
        ResourceBundle bundle = UiText.bundle(BUNDLE);
        return args.length == 0 ? bundle.getString(key) : UiText.format(bundle, key, args);
    }

    /** The mapping being edited; empty when adding. */
    public Optional<PortMapping> original() {
        return Optional.ofNullable(original);
    }

    public ObjectProperty<ProtocolChoice> protocolProperty() {
        return protocol;
    }

    public StringProperty externalPortProperty() { return externalPort; }
    public StringProperty internalPortProperty() { return internalPort; }
    public StringProperty internalClientProperty() { return internalClient; }
    public StringProperty descriptionProperty() { return description; }

    /** The typed lease, used while {@link #permanentProperty() permanent} is off. */
    public StringProperty leaseProperty() {
        return lease;
    }

    /** While on, the internal port follows the external port. */
    public BooleanProperty samePortProperty() {
        return samePort;
    }

    /** Adding only: whether PortForward keeps the new forward after it closes (the ledger's retention). */
    public BooleanProperty keepProperty() {
        return keep;
    }

    public BooleanProperty permanentProperty() {
        return permanent;
    }

    /** False when editing: external port and protocol identify the mapping on the router. */
    public ReadOnlyBooleanProperty keyEditableProperty() {
        return keyEditable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty externalPortErrorProperty() {
        return externalPortError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty internalPortErrorProperty() {
        return internalPortError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty internalClientErrorProperty() {
        return internalClientError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionErrorProperty() {
        return descriptionError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty leaseErrorProperty() {
        return leaseError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** While the form is not valid, a sentence saying what is still to fill in or to correct; else empty. */
    public ReadOnlyStringProperty missingProperty() {
        return missing.getReadOnlyProperty();
    }

    /** Who holds the external port, after {@link #showConflict}; empty otherwise. */
    public ReadOnlyStringProperty conflictProperty() {
        return conflict.getReadOnlyProperty();
    }

    /** A free external port to offer instead, or null when there is none. */
    public ReadOnlyObjectProperty<Integer> offeredPortProperty() {
        return offeredPort.getReadOnlyProperty();
    }
}
