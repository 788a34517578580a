package net.portforward.ui.mapping;

import static net.portforward.ui.mapping.MappingForm.text;

import java.net.URL;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.stage.Window;
import net.portforward.engine.model.PortMapping;
import net.portforward.ui.common.Icons;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Add/Edit port forward dialog, bound to a {@link MappingForm}. OK stays disabled while the
 * form is invalid; the result is the form's mappings, or empty on Cancel. To retry after a
 * conflict, call {@link MappingForm#showConflict} and show a new dialog on the same form.
 */
public final class MappingDialog {
    /** The sentence under a field that says what is wrong with it. */
    public static final String FIELD_ERROR = "field-error";
    /** The box above the fields that says who holds the external port. */
    public static final String CONFLICT_BANNER = "conflict-banner";
    /** On a field whose value the form refuses. */
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    /** A dialog has its own scene, so it needs the app's stylesheet too. */
    static final String STYLESHEET = "/net/portforward/ui/portforward.css";
    /** The header icon's size, in ems of the default font. */
    static final double HEADER_ICON_EM = 2.5;
    /** In a dialog's properties while a fit to its content's height is waiting to run. */
    private static final String FIT_PENDING = "portforward.fitPending";
    /** The window's height beyond its pane's (title bar, borders), measured as it is shown. */
    private static final String FIT_CHROME = "portforward.fitChrome";

    private MappingDialog() {
    }

    public static Dialog<List<PortMapping>> create(Window owner, MappingForm form) {
        return create(owner, form, null);
    }

    /**
     * With {@code choice} (when it is {@link ForwardOrPinhole#offered() offered}), the dialog
     * offers an IPv4 forward, an IPv6 pinhole or both; OK waits for that choice to be valid too.
     */
    public static Dialog<List<PortMapping>> create(Window owner, MappingForm form, ForwardOrPinhole choice) {
        boolean adding = form.keyEditableProperty().get();
        Dialog<List<PortMapping>> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(text(adding ? "title.add" : "title.edit"));
        dialog.setHeaderText(adding ? text("header.add")
                : text("header.edit", form.original().orElseThrow().key().toString()));
        dialog.setGraphic(icon(adding ? Icons.ADD : Icons.EDIT, HEADER_ICON_EM));
        dialog.setResizable(true);

        DialogPane pane = dialog.getDialogPane();
        URL css = MappingDialog.class.getResource(STYLESHEET);
        if (css != null) {
            pane.getStylesheets().add(css.toExternalForm());
        }
        pane.getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) pane.lookupButton(ButtonType.OK);
        ok.setId("ok");
        ok.disableProperty().bind(form.validProperty().not());
        pane.lookupButton(ButtonType.CANCEL).setId("cancel");

        Node banner = conflictBanner(form);
        GridPane grid = grid(form);
        VBox content = new VBox(banner, grid);
        boolean choosing = choice != null && choice.offered();
        if (choosing) {
            content.getChildren().add(1, choice.view());
            ok.disableProperty().bind(form.validProperty().not().or(choice.validProperty().not()));
            choice.errorProperty().addListener((o, was, now) -> fitHeightLater(dialog));
        }
        Label waits = okWaits(form, choosing ? choice : null);
        waits.visibleProperty().bind(ok.disabledProperty().and(waits.textProperty().isNotEmpty()));
        waits.visibleProperty().addListener((o, was, now) -> fitHeightLater(dialog));
        content.getChildren().add(waits);
        // Without this the focus goes to the first enabled button: Cancel, as OK starts greyed out.
        dialog.setOnShown(e -> {
            firstField(grid).ifPresent(Node::requestFocus);
            // The first size is measured with that line unwrapped: room for all of its lines.
            fitHeight(dialog);
        });
        // Em-based sizes follow the font, so the dialog keeps its proportions at 200% or with large text.
        content.setStyle("-fx-spacing: 0.8em; -fx-pref-width: 34em;");
        pane.setContent(content);

        // Errors and the banner come and go while typing: let the window follow the content's height.
        for (ReadOnlyStringProperty shown : List.of(form.conflictProperty(), form.externalPortErrorProperty(),
                form.internalPortErrorProperty(), form.internalClientErrorProperty(), form.leaseErrorProperty(),
                form.descriptionErrorProperty())) {
            shown.addListener((o, was, now) -> fitHeightLater(dialog));
        }
        dialog.setResultConverter(button -> button == ButtonType.OK && form.validProperty().get()
                ? form.mappings() : null);
        return dialog;
    }

    /** The line above the buttons saying, while OK is greyed out, what it waits for. */
    private static Label okWaits(MappingForm form, ForwardOrPinhole choice) {
        Label waits = new Label();
        waits.setId("okWaits");
        waits.getStyleClass().add("muted");
        waits.setWrapText(true);
        waits.setMinHeight(Region.USE_PREF_SIZE);
        waits.textProperty().bind(choice == null ? form.missingProperty()
                : Bindings.when(form.missingProperty().isEmpty()).then(choice.errorProperty())
                        .otherwise(form.missingProperty()));
        waits.managedProperty().bind(waits.visibleProperty());
        return waits;
    }

    /** The first field the user can type in: the external port when adding, else the next one enabled. */
    private static Optional<Node> firstField(GridPane grid) {
        for (String id : List.of("#externalPort", "#internalPort", "#internalClient", "#lease", "#description")) {
            Node field = grid.lookup(id);
            if (field != null && !field.isDisabled()) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    private static GridPane grid(MappingForm form) {
        GridPane grid = new GridPane();
        grid.setStyle("-fx-hgap: 0.8em; -fx-vgap: 0.35em;");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);

        int row = 0;
        Map<ProtocolChoice, RadioButton> radios = protocolButtons(form);
        HBox protocols = hbox(radios.values().toArray(Node[]::new));
        row = addRow(grid, row, "field.protocol", protocols, radios.get(ProtocolChoice.TCP), null);

        TextField external = textField("externalPort", form.externalPortProperty(), 7);
        external.disableProperty().bind(form.keyEditableProperty().not().or(form.anyPortProperty()));
        row = addRow(grid, row, "field.externalPort", external, external, form.externalPortErrorProperty());
        if (form.keyEditableProperty().get()) {
            grid.add(anyPortChoice(form), 1, row++);
        }

        TextField internal = textField("internalPort", form.internalPortProperty(), 7);
        internal.disableProperty().bind(form.samePortProperty().and(form.anyPortProperty().not()));
        CheckBox samePort = new CheckBox(text("samePort"));
        samePort.setId("samePort");
        samePort.selectedProperty().bindBidirectional(form.samePortProperty());
        samePort.disableProperty().bind(form.anyPortProperty());
        row = addRow(grid, row, "field.internalPort", hbox(internal, samePort), internal,
                form.internalPortErrorProperty());

        TextField client = textField("internalClient", form.internalClientProperty(), 15);
        client.setPromptText(text("internalClient.prompt"));
        client.disableProperty().bind(form.clientEditableProperty().not());
        Label onlyThis = new Label(text("internalClient.onlyThis"));
        onlyThis.setId("clientOnlyThis");
        onlyThis.getStyleClass().add("muted");
        onlyThis.setWrapText(true);
        onlyThis.visibleProperty().bind(form.clientEditableProperty().not());
        onlyThis.managedProperty().bind(onlyThis.visibleProperty());
        row = addRow(grid, row, "field.internalClient", new VBox(client, onlyThis), client,
                form.internalClientErrorProperty());

        ComboBox<String> lease = leaseBox(form);
        CheckBox permanent = new CheckBox(text("permanent"));
        permanent.setId("permanent");
        permanent.selectedProperty().bindBidirectional(form.permanentProperty());
        row = addRow(grid, row, "field.lease", hbox(lease, permanent), lease, form.leaseErrorProperty());

        TextField description = textField("description", form.descriptionProperty(), 24);
        description.setPromptText(text("description.prompt"));
        row = addRow(grid, row, "field.description", description, description, form.descriptionErrorProperty());

        if (form.keyEditableProperty().get()) {
            CheckBox keep = new CheckBox(text("keep"));
            keep.setId("keep");
            keep.setWrapText(true);
            keep.setTooltip(new javafx.scene.control.Tooltip(text("keep.tip")));
            keep.selectedProperty().bindBidirectional(form.keepProperty());
            grid.add(keep, 1, row);
        }
        return grid;
    }

    /**
     * "Any free port": the router picks (IGD:2's AddAnyPortMapping, PCP, NAT-PMP). Where the
     * router cannot, the choice is off with the reason, and "Find a free port" runs PortForward's
     * own search, whose port is offered in the banner like a conflict's.
     */
    private static Node anyPortChoice(MappingForm form) {
        CheckBox any = new CheckBox(text("anyPort"));
        any.setId("anyPort");
        any.setTooltip(new javafx.scene.control.Tooltip(text("anyPort.tip")));
        any.selectedProperty().bindBidirectional(form.anyPortProperty());
        any.disableProperty().bind(form.anyPortOfferedProperty().not());
        Label notOffered = new Label(text("anyPort.notOffered"));
        notOffered.setId("anyPortNotOffered");
        notOffered.getStyleClass().add("muted");
        notOffered.setWrapText(true);
        Button find = new Button(text("freePort.find"));
        find.setId("findFreePort");
        find.setOnAction(e -> form.findFreePort());
        find.setVisible(form.canSearchFreePort());
        find.setManaged(find.isVisible());
        HBox instead = hbox(notOffered, find);
        instead.setId("anyPortInstead");
        instead.visibleProperty().bind(form.anyPortOfferedProperty().not());
        instead.managedProperty().bind(instead.visibleProperty());
        return new VBox(any, instead);
    }

    /** One radio button per protocol, kept in step with the form both ways; Both only when adding. */
    private static Map<ProtocolChoice, RadioButton> protocolButtons(MappingForm form) {
        ToggleGroup group = new ToggleGroup();
        Map<ProtocolChoice, RadioButton> radios = new EnumMap<>(ProtocolChoice.class);
        for (ProtocolChoice choice : ProtocolChoice.values()) {
            String name = choice.name().toLowerCase(Locale.ROOT); // "both": key protocol.both, id #protocolBoth
            RadioButton radio = new RadioButton(text("protocol." + name));
            radio.setId("protocol" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
            radio.setUserData(choice);
            radio.setToggleGroup(group);
            radio.disableProperty().bind(form.keyEditableProperty().not());
            radios.put(choice, radio);
        }
        RadioButton both = radios.get(ProtocolChoice.BOTH);
        both.setVisible(form.keyEditableProperty().get());
        both.setManaged(both.isVisible());
        group.selectToggle(radios.get(form.protocolProperty().get()));
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                form.protocolProperty().set((ProtocolChoice) now.getUserData());
            }
        });
        form.protocolProperty().addListener((o, was, now) -> group.selectToggle(now == null ? null : radios.get(now)));
        return radios;
    }

    /** Common leases to pick, and room to type any other; disabled while the lease is permanent. */
    private static ComboBox<String> leaseBox(MappingForm form) {
        ComboBox<String> lease = new ComboBox<>();
        lease.getItems().setAll(MappingForm.leaseChoices());
        lease.setEditable(true);
        lease.setId("lease");
        lease.setPromptText(text("lease.prompt"));
        lease.setPrefWidth(Region.USE_COMPUTED_SIZE);
        lease.getEditor().setPrefColumnCount(9);
        // The value first: with none, the skin would clear the editor's text (and the form's lease).
        lease.setValue(form.leaseProperty().get());
        // The editor's text changes on every key, the value only on Enter or leaving the field.
        lease.getEditor().textProperty().bindBidirectional(form.leaseProperty());
        lease.disableProperty().bind(form.permanentProperty());
        return lease;
    }

    /** Who holds the port, with a button to take the free port the engine found. */
    private static Node conflictBanner(MappingForm form) {
        Label message = new Label();
        message.setId("conflict");
        message.textProperty().bind(form.conflictProperty());
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Button use = new Button();
        use.setId("useOfferedPort");
        use.textProperty().bind(Bindings.createStringBinding(() -> form.offeredPortProperty().get() == null ? ""
                : text("conflict.usePort", form.offeredPortProperty().get().toString()), form.offeredPortProperty()));
        use.visibleProperty().bind(form.offeredPortProperty().isNotNull());
        use.managedProperty().bind(use.visibleProperty());
        use.setMinWidth(Region.USE_PREF_SIZE);
        use.setOnAction(e -> form.useOfferedPort());
        HBox banner = new HBox(icon(Icons.WARNING, 1.4), message, use);
        banner.setId("conflictBanner");
        banner.getStyleClass().add(CONFLICT_BANNER);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.visibleProperty().bind(form.conflictProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /** Label and field on one row, the field's error (when there is one) on the next. */
    private static int addRow(GridPane grid, int row, String labelKey, Node field, Control labelled,
            ReadOnlyStringProperty error) {
        Label label = new Label(text(labelKey));
        label.setLabelFor(labelled);
        grid.add(label, 0, row);
        grid.add(field, 1, row);
        if (error == null) {
            return row + 1;
        }
        Label message = new Label();
        message.setId(labelled.getId() + "Error");
        message.getStyleClass().add(FIELD_ERROR);
        message.textProperty().bind(error);
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.setMinHeight(Region.USE_PREF_SIZE);
        // A set width makes a long sentence wrap under the field instead of widening the dialog.
        message.setStyle("-fx-pref-width: 24em;");
        message.visibleProperty().bind(error.isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        error.addListener((o, was, now) -> labelled.pseudoClassStateChanged(INVALID, !now.isEmpty()));
        labelled.pseudoClassStateChanged(INVALID, !error.get().isEmpty());
        grid.add(message, 1, row + 1);
        return row + 2;
    }

    private static TextField textField(String id, StringProperty value, int columns) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(columns);
        field.setMaxWidth(Region.USE_PREF_SIZE);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static HBox hbox(Node... children) {
        HBox box = new HBox(children);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setStyle("-fx-spacing: 0.8em;");
        return box;
    }

    /**
     * An icon {@code em} times the default font's size (which follows the system's text size). Set
     * in code: on a FontIcon a CSS em is its own icon size, so each CSS pass would multiply it, and
     * FontIcon keeps its font in its inline style, so that must not be replaced either.
     */
    static FontIcon icon(Icons which, double em) {
        FontIcon icon = which.node();
        icon.setIconSize((int) Math.round(Font.getDefault().getSize() * em));
        return icon;
    }

    /** One {@link #fitHeight} for all the changes of one key press (an error and the line above OK come together). */
    private static void fitHeightLater(Dialog<?> dialog) {
        if (dialog.getDialogPane().getProperties().put(FIT_PENDING, Boolean.TRUE) == null) {
            Platform.runLater(() -> {
                dialog.getDialogPane().getProperties().remove(FIT_PENDING);
                fitHeight(dialog);
            });
        }
    }

    /**
     * Sets the window's height to the content's preferred height, keeping the user's width. The
     * height is set whole, not grown by the difference to the pane's: the pane is laid out at its
     * new height before the window takes one, so a difference measured then was nothing (seen: OK
     * below the window's edge after an error line came while typing fast).
     */
    private static void fitHeight(Dialog<?> dialog) {
        DialogPane pane = dialog.getDialogPane();
        if (!dialog.isShowing() || pane.getScene() == null) {
            return;
        }
        Object chrome = pane.getProperties().computeIfAbsent(FIT_CHROME, k -> dialog.getHeight() - pane.getHeight());
        double wanted = pane.prefHeight(pane.getWidth()) + (Double) chrome;
        if (Math.abs(wanted - dialog.getHeight()) > 0.5) {
            dialog.setHeight(wanted);
        }
    }
}
