package net.portforward.ui.mapping;

import static net.portforward.ui.mapping.MappingForm.text;

import java.net.InetAddress;
import java.time.Duration;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.pinhole.PinholeRequest;

/**
 * The Add dialog's choice between an IPv4 forward, a pinhole in the router's IPv6 firewall, or
 * both, where the router's firewall takes pinholes: both by default then, so "open port 8080 for
 * this computer" opens it over IPv4 and IPv6 at once. Over IPv6 there is nothing to forward (every
 * computer has its own public address), so a pinhole opens this computer's own port: with the
 * pinhole alone the client is this computer. Where pinholes are not possible the choice is not
 * shown and the dialog adds a forward as before.
 */
public final class ForwardOrPinhole {
    /** A pinhole's lease is at most a day (the spec's maximum); PortForward renews it while it runs. */
    public static final Duration MAX_PINHOLE_LEASE = PinholeRequest.MAX_LEASE;

    private final boolean offered;
    private final BooleanProperty forward = new SimpleBooleanProperty(this, "forward", true);
    private final BooleanProperty pinhole = new SimpleBooleanProperty(this, "pinhole");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);

    /**
     * @param pinholesPossible whether the router's IPv6 firewall takes pinholes for this computer
     */
    public ForwardOrPinhole(MappingForm form, InetAddress thisComputer, boolean pinholesPossible) {
        this.offered = pinholesPossible && form.keyEditableProperty().get() && thisComputer != null;
        pinhole.set(offered);
        if (!offered) {
            return;
        }
        boolean clientEditable = form.clientEditableProperty().get();
        // Where this computer's LAN address is not known (a router reached over loopback or a
        // tunnel) the client is not checked against it: the pinhole is this computer's anyway.
        boolean known = usable(thisComputer);
        // The pinhole alone is for this computer: the client field says so and cannot be changed.
        forward.addListener((o, was, on) -> {
            if (!on && known) {
                form.internalClientProperty().set(thisComputer.getHostAddress());
            }
            form.clientEditableProperty().set(clientEditable && (on || !known));
        });
        Runnable check = () -> {
            String why = "";
            if (!forward.get() && !pinhole.get()) {
                why = text("family.none");
            } else if (pinhole.get() && known && !isThisComputer(form.internalClientProperty().get(), thisComputer)) {
                why = text("family.otherComputer");
            }
            error.set(why);
            valid.set(why.isEmpty());
        };
        forward.addListener((o, a, b) -> check.run());
        pinhole.addListener((o, a, b) -> check.run());
        form.internalClientProperty().addListener((o, a, b) -> check.run());
        check.run();
    }

    private static boolean usable(InetAddress a) {
        try {
            MappingRules.checkClient(a);
            return true;
        } catch (net.portforward.engine.error.InvalidInputException e) {
            return false;
        }
    }

    private static boolean isThisComputer(String typed, InetAddress thisComputer) {
        try {
            return thisComputer.equals(MappingRules.parseClient(typed));
        } catch (net.portforward.engine.error.InvalidInputException e) {
            return true; // the client field says what is wrong with it
        }
    }

    /** Whether the dialog offers the choice at all. */
    public boolean offered() {
        return offered;
    }

    /** Adds an IPv4 forward (the dialog's usual result). */
    public BooleanProperty forwardProperty() {
        return forward;
    }

    /** Opens a pinhole in the router's IPv6 firewall for this computer's (internal) port. */
    public BooleanProperty pinholeProperty() {
        return pinhole;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** The row at the top of the dialog: two boxes, what a pinhole is, and what is wrong. */
    Node view() {
        CheckBox v4 = new CheckBox(text("family.ipv4"));
        v4.setId("familyIpv4");
        v4.selectedProperty().bindBidirectional(forward);
        CheckBox v6 = new CheckBox(text("family.ipv6"));
        v6.setId("familyIpv6");
        v6.selectedProperty().bindBidirectional(pinhole);
        HBox boxes = new HBox(new Label(text("family.label")), v4, v6);
        boxes.setAlignment(Pos.CENTER_LEFT);
        boxes.setStyle("-fx-spacing: 0.8em;");
        Label about = new Label(text("family.about"));
        about.setId("familyAbout");
        about.getStyleClass().add("muted");
        about.setWrapText(true);
        about.setMinHeight(Region.USE_PREF_SIZE);
        about.visibleProperty().bind(pinhole);
        about.managedProperty().bind(about.visibleProperty());
        Label wrong = new Label();
        wrong.setId("familyError");
        wrong.getStyleClass().add(MappingDialog.FIELD_ERROR);
        wrong.setWrapText(true);
        wrong.setMinHeight(Region.USE_PREF_SIZE);
        wrong.textProperty().bind(error);
        wrong.visibleProperty().bind(Bindings.isNotEmpty(error));
        wrong.managedProperty().bind(wrong.visibleProperty());
        VBox view = new VBox(boxes, about, wrong);
        view.setId("forwardOrPinhole");
        view.setStyle("-fx-spacing: 0.3em;");
        return view;
    }
}
