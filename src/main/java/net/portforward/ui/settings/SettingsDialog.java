package net.portforward.ui.settings;

import java.io.File;
import java.net.URL;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.stage.DirectoryChooser;
import javafx.stage.Screen;
import javafx.stage.Window;
import javafx.util.StringConverter;
import net.portforward.config.Proxy;
import net.portforward.config.SettingKey;
import net.portforward.config.Settings;
import net.portforward.config.SettingsTable;
import net.portforward.config.ValueType;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The settings dialog: one titled section per part of portforward.ini, each field with its error
 * sentence right under it, and OK disabled while any field has one. Sizes are in em (inline
 * styles, or the default font size) so the dialog keeps its proportions at 200% scale.
 */
public final class SettingsDialog {

    /** Style class of the sentence under a field that has a mistake (defined in portforward.css). */
    public static final String FIELD_ERROR = "field-error";
    /** Style class of a quiet explanation under a field. */
    public static final String MUTED = "muted";
    private static final String STYLESHEET = "/net/portforward/ui/portforward.css";

    private final SettingsForm form;
    private final ResourceBundle text;

    private SettingsDialog(SettingsForm form) {
        this.form = form;
        this.text = form.text();
    }

    /**
     * A dialog editing {@code form}; its result is the new settings on OK and {@code null} on Cancel.
     *
     * @param interfaceNames the network interfaces to offer; the user may also type a name
     */
    public static Dialog<Settings> create(Window owner, SettingsForm form, List<String> interfaceNames) {
        return new SettingsDialog(form).build(owner, interfaceNames);
    }

    private Dialog<Settings> build(Window owner, List<String> interfaceNames) {
        Dialog<Settings> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(text.getString("title"));
        dialog.setResizable(true);
        var pane = dialog.getDialogPane();
        pane.setId("settingsDialog");
        URL css = SettingsDialog.class.getResource(STYLESHEET);
        if (css != null) {
            pane.getStylesheets().add(css.toExternalForm());
        }
        pane.getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = pane.lookupButton(ButtonType.OK);
        ok.setId("ok");
        ok.disableProperty().bind(form.validProperty().not());
        pane.lookupButton(ButtonType.CANCEL).setId("cancel");

        // One titled section per section of portforward.ini, its fields in the table's order.
        VBox sections = new VBox();
        for (String section : SettingsTable.SECTIONS) {
            Node content = section.equals(SettingsTable.PROXIES) ? proxies()
                    : fields(SettingsTable.keys(section), interfaceNames);
            if (section.equals("window")) {
                // The login entry is the system's, not a line of portforward.ini.
                VBox window = new VBox(content, checkBox("startAtLogin", form.startAtLoginProperty()));
                window.setStyle("-fx-spacing: 0.35em;");
                content = window;
            }
            sections.getChildren().add(section(section, content));
        }
        sections.setStyle("-fx-spacing: 0.6em; -fx-padding: 0.2em 0.8em 0.2em 0.2em;");
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // Tall enough for most of the form, never taller than the screen (200% scale on a laptop).
        double em = Font.getDefault().getSize();
        scroll.setPrefViewportHeight(Math.min(34 * em, Screen.getPrimary().getVisualBounds().getHeight() * 0.7));
        scroll.setPrefViewportWidth(48 * em);
        pane.setContent(scroll);
        ScrollIntoView.follow(scroll, pane);

        dialog.setResultConverter(button -> button == ButtonType.OK && form.isValid() ? form.toSettings() : null);
        return dialog;
    }

    private TitledPane section(String key, Node content) {
        TitledPane titled = new TitledPane(text.getString("section." + key), content);
        titled.setId(key + "Section");
        titled.setCollapsible(false);
        return titled;
    }

    /** A section's keys, each with the control its kind of value needs, its error sentence and any help. */
    private GridPane fields(List<SettingKey<?>> keys, List<String> interfaceNames) {
        GridPane grid = grid();
        int row = 0;
        for (SettingKey<?> key : keys) {
            String id = key.id();
            if (key.type().kind() == ValueType.Kind.SWITCH) {
                @SuppressWarnings("unchecked")
                SettingKey<Boolean> onOff = (SettingKey<Boolean>) key;
                grid.add(checkBox(id, form.ticked(onOff)), 0, row++, 2, 1);
                continue;
            }
            StringProperty typed = form.typed(key);
            Node control = switch (key.type().kind()) {
                case DURATION -> durationField(id, typed);
                case NAME -> interfaceBox(id, typed, interfaceNames);
                case CHOICE -> choiceBox(id, typed, key.type().choices());
                case LANGUAGE -> LanguageBox.create(id, typed, text);
                case FOLDER -> folderRow(id, typed);
                case PORT -> portField(id, typed);
                default -> textField(id, typed);
            };
            row = field(grid, row, id, control, form.error(key));
            if (text.containsKey("help." + id)) {
                String help = text.getString("help." + id);
                row = note(grid, row, help.contains("{0}") ? MessageFormat.format(help, form.defaultDataDir()) : help);
            }
        }
        return grid;
    }

    private VBox proxies() {
        Label help = wrapped(text.getString("help.proxies"), MUTED);
        ListView<Proxy> list = new ListView<>(form.proxies());
        list.setId("proxies");
        list.setPlaceholder(wrapped(text.getString("help.noProxies"), MUTED));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Proxy proxy, boolean empty) {
                super.updateItem(proxy, empty);
                setText(empty || proxy == null ? null : typeName(proxy.type()) + ": " + proxy.urlTemplate());
            }
        });
        list.setStyle("-fx-pref-height: 8em;");
        var selected = list.getSelectionModel().selectedIndexProperty();

        Button up = iconButton("proxyUp", "mdi2a-arrow-up", "button.up");
        up.disableProperty().bind(selected.lessThan(1));
        up.setOnAction(e -> list.getSelectionModel().select(form.moveProxyUp(selected.get())));
        Button down = iconButton("proxyDown", "mdi2a-arrow-down", "button.down");
        down.disableProperty().bind(selected.lessThan(0).or(selected.greaterThanOrEqualTo(Bindings.size(form.proxies()).subtract(1))));
        down.setOnAction(e -> list.getSelectionModel().select(form.moveProxyDown(selected.get())));
        Button remove = iconButton("proxyRemove", "mdi2d-delete", "button.remove");
        remove.disableProperty().bind(selected.lessThan(0));
        remove.setOnAction(e -> form.removeProxy(selected.get()));
        VBox buttons = new VBox(up, down, remove);
        buttons.setStyle("-fx-spacing: 0.3em;");
        HBox.setHgrow(list, Priority.ALWAYS);
        HBox listRow = new HBox(list, buttons);
        listRow.setStyle("-fx-spacing: 0.5em;");

        ChoiceBox<Proxy.Type> type = new ChoiceBox<>(FXCollections.observableArrayList(Proxy.Type.values()));
        type.setId("proxyType");
        type.setConverter(new StringConverter<>() {
            @Override
            public String toString(Proxy.Type t) {
                return t == null ? "" : typeName(t);
            }

            @Override
            public Proxy.Type fromString(String s) {
                throw new UnsupportedOperationException("a ChoiceBox never converts back");
            }
        });
        type.valueProperty().bindBidirectional(form.newProxyTypeProperty());
        TextField url = textField("proxyUrl", form.newProxyUrlProperty());
        url.setPromptText(text.getString("prompt.proxyUrl"));
        HBox.setHgrow(url, Priority.ALWAYS);
        Button add = new Button(text.getString("button.add"), new FontIcon("mdi2p-plus"));
        add.setId("proxyAdd");
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.disableProperty().bind(form.canAddProxyProperty().not());
        add.setOnAction(e -> form.addProxy());
        url.setOnAction(e -> form.addProxy());
        HBox addRow = new HBox(type, url, add);
        addRow.setStyle("-fx-spacing: 0.5em; -fx-alignment: center-left;");
        Label error = errorLabel("proxyUrl", form.newProxyErrorProperty());

        VBox box = new VBox(help, listRow, addRow, error);
        box.setStyle("-fx-spacing: 0.4em;");
        return box;
    }

    /** A folder: typed, or picked with Browse. */
    private HBox folderRow(String id, StringProperty typed) {
        TextField dir = textField(id, typed);
        dir.setAccessibleText(text.getString("label." + id));
        Button browse = new Button(text.getString("button.browse"));
        browse.setId(id + "Browse");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(text.getString("label." + id));
            File dirNow = form.defaultDataDir().toFile();
            chooser.setInitialDirectory(dirNow.isDirectory() ? dirNow : null);
            File chosen = chooser.showDialog(browse.getScene().getWindow());
            if (chosen != null) {
                typed.set(chosen.getAbsolutePath());
            }
        });
        HBox.setHgrow(dir, Priority.ALWAYS);
        HBox row = new HBox(dir, browse);
        row.setStyle("-fx-spacing: 0.5em;");
        return row;
    }

    private TextField portField(String id, StringProperty typed) {
        TextField port = textField(id, typed);
        port.setPrefColumnCount(6);
        return port;
    }

    /** One of a few values (the protocol), each offered by its name in words ("choice.protocol.pcp"). */
    private ChoiceBox<String> choiceBox(String id, StringProperty typed, List<String> choices) {
        ChoiceBox<String> box = new ChoiceBox<>(FXCollections.observableArrayList(choices));
        box.setId(id);
        // As wide as the column allows: a choice's words ("Automatisch (das Beste, …)") can be long.
        box.setMaxWidth(Double.MAX_VALUE);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : text.getString("choice." + id + "." + value);
            }

            @Override
            public String fromString(String s) {
                throw new UnsupportedOperationException("a ChoiceBox never converts back");
            }
        });
        // The file may say "AUTO" or "NAT-PMP": show it as the choice it reads as.
        box.setValue(choices.stream().filter(c -> c.equalsIgnoreCase(typed.get().replace("-", ""))).findFirst()
                .orElse(typed.get()));
        box.valueProperty().addListener((o, was, now) -> typed.set(now));
        return box;
    }

    // ---- building blocks

    /** A name typed or picked from those offered; empty (shown as "Automatic") for the automatic choice. */
    private ComboBox<String> interfaceBox(String id, StringProperty typed, List<String> interfaceNames) {
        String automatic = text.getString(id + ".automatic");
        ComboBox<String> box = new ComboBox<>();
        box.getItems().add(automatic);
        box.getItems().addAll(interfaceNames);
        box.setEditable(true);
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        String now = typed.get();
        box.setValue(now.isBlank() ? automatic : now);
        // The editor's text, not the value: the value only changes on Enter, the error must follow typing.
        box.getEditor().textProperty().addListener((o, was, text) ->
                typed.set(text == null || text.strip().equals(automatic) ? "" : text));
        return box;
    }

    private TextField durationField(String id, StringProperty property) {
        TextField field = textField(id, property);
        field.setPromptText(text.getString("prompt.duration"));
        field.setPrefColumnCount(8);
        field.setMaxWidth(Region.USE_PREF_SIZE);
        return field;
    }

    private TextField textField(String id, StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        if (text.containsKey("prompt." + id)) {
            field.setPromptText(text.getString("prompt." + id));
        }
        return field;
    }

    private CheckBox checkBox(String id, BooleanProperty property) {
        CheckBox box = new CheckBox(text.getString("label." + id));
        box.setId(id);
        box.setWrapText(true);
        box.selectedProperty().bindBidirectional(property);
        return box;
    }

    private Button iconButton(String id, String icon, String key) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(text.getString(key)));
        button.setAccessibleText(text.getString(key));
        return button;
    }

    /** A labelled field with its error sentence below; returns the next free row. */
    private int field(GridPane grid, int row, String id, Node control, ObservableStringValue error) {
        Label label = new Label(text.getString("label." + id));
        label.setWrapText(true);
        label.setLabelFor(control);
        grid.add(label, 0, row);
        grid.add(control, 1, row);
        grid.add(errorLabel(id, error), 1, row + 1);
        return row + 2;
    }

    private int note(GridPane grid, int row, String sentence) {
        grid.add(wrapped(sentence, MUTED), 1, row);
        return row + 1;
    }

    /** Shown only while there is a mistake, so a correct form has no gaps. */
    private static Label errorLabel(String id, ObservableStringValue error) {
        Label label = new Label();
        label.setId(id + "Error");
        label.getStyleClass().add(FIELD_ERROR);
        label.setWrapText(true);
        label.textProperty().bind(error);
        label.visibleProperty().bind(Bindings.isNotEmpty(error));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private static Label wrapped(String sentence, String styleClass) {
        Label label = new Label(sentence);
        label.setWrapText(true);
        label.getStyleClass().add(styleClass);
        return label;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setStyle("-fx-hgap: 0.8em; -fx-vgap: 0.35em;");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setPercentWidth(35);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().setAll(labels, fields);
        return grid;
    }

    private String typeName(Proxy.Type type) {
        return text.getString("proxy.type." + type.iniName());
    }
}
