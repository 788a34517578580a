package net.portforward.ui.about;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** "About PortForward": the version, the project's link, and the libraries inside with their licences. */
public final class AboutDialog {
    static ResourceBundle text() {
        return net.portforward.ui.common.UiText.bundle("net.portforward.ui.about.AboutText");
    }
    static final String COLUMN_HEADING = "column-heading";
    private static final String STYLESHEET = "/net/portforward/ui/portforward.css";

    private AboutDialog() {
    }

    public static Dialog<ButtonType> create(Window owner, BuildInfo info, Consumer<String> openInBrowser) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(text().getString("title"));
        dialog.setHeaderText(MessageFormat.format(text().getString("header"), info.version()));
        var icon = AboutDialog.class.getResource("/icons/portforward-64.png");
        if (icon != null) {
            dialog.setGraphic(new ImageView(new Image(icon.toExternalForm())));
        }

        Label what = new Label(text().getString("what"));
        what.setWrapText(true);
        what.setPrefWidth(520);
        Hyperlink link = new Hyperlink(info.projectUrl());
        link.setId("projectLink");
        link.setOnAction(e -> openInBrowser.accept(info.projectUrl()));

        GridPane libraries = new GridPane();
        libraries.setId("libraries");
        libraries.setHgap(16);
        libraries.setVgap(3);
        libraries.addRow(0, heading("column.library"), heading("column.version"), heading("column.licence"));
        int row = 1;
        for (Library l : info.libraries()) {
            Label name = new Label(l.name());
            name.setId("library-" + l.key());
            Label version = new Label(l.version());
            version.setId("version-" + l.key());
            Label licence = new Label(l.licence());
            licence.setId("licence-" + l.key());
            for (Label cell : new Label[] {name, version, licence}) {
                cell.setMinWidth(Region.USE_PREF_SIZE); // the whole name and licence, never "…"
            }
            libraries.addRow(row++, name, version, licence);
        }
        Label inside = heading("inside");
        VBox content = new VBox(8, what, link, inside, libraries);
        dialog.getDialogPane().setId("aboutDialog");
        var css = AboutDialog.class.getResource(STYLESHEET);
        if (css != null) {
            dialog.getDialogPane().getStylesheets().add(css.toExternalForm());
        }
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        return dialog;
    }

    private static Label heading(String key) {
        Label l = new Label(text().getString(key));
        l.getStyleClass().add(COLUMN_HEADING);
        l.setMinWidth(Region.USE_PREF_SIZE); // a heading wider than its column's values ("バージョン") stays whole
        return l;
    }
}
