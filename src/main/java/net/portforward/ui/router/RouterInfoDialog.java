package net.portforward.ui.router;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import net.portforward.engine.model.RouterInfo;
import net.portforward.text.Words;
import net.portforward.ui.common.Icons;

/**
 * "More information": every field the engine read, each in a read-only text field so it can be
 * selected and copied; the router's admin page opens in the browser.
 */
public final class RouterInfoDialog {
    private static ResourceBundle text() {
        return net.portforward.ui.common.UiText.bundle("net.portforward.ui.router.RouterText");
    }

    private RouterInfoDialog() {
    }

    public static Dialog<ButtonType> create(Window owner, RouterInfo info, Consumer<String> openInBrowser) {
        return create(owner, info, openInBrowser, null);
    }

    /**
     * @param copyReport collects the router report and puts it on the clipboard ("Copy a report",
     *     for a bug report when the router does not work), or null for no such button
     */
    public static Dialog<ButtonType> create(Window owner, RouterInfo info, Consumer<String> openInBrowser,
            Runnable copyReport) {
        return create(owner, info, openInBrowser, copyReport, null);
    }

    /**
     * @param traffic reads the router's byte counters while the dialog is open, for its traffic
     *     graph; null for no graph
     */
    public static Dialog<ButtonType> create(Window owner, RouterInfo info, Consumer<String> openInBrowser,
            Runnable copyReport, TrafficSampler traffic) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(text().getString("info.title"));
        dialog.setHeaderText(info.gateway().displayName());
        dialog.setGraphic(Icons.ROUTER.node());
        GridPane grid = new GridPane();
        grid.setId("routerInfo");
        grid.setHgap(12);
        grid.setVgap(4);
        int row = 0;
        for (Map.Entry<String, Object> field : Words.forDefaultLocale().fields(info).entrySet()) {
            Object value = field.getValue();
            if (value == null || "".equals(value)) {
                continue;
            }
            String text = value instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList())
                    : String.valueOf(value);
            TextField shown = new TextField(text);
            shown.setEditable(false);
            shown.setId("info-" + field.getKey());
            shown.setPrefColumnCount(32);
            Label name = new Label(label(field.getKey()));
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the value's box gives way, not the name
            grid.addRow(row++, name, shown);
        }
        String admin = info.gateway().upnp().map(u -> u.device().presentationUrl()).orElse("");
        if (isWebPage(admin)) {
            Hyperlink link = new Hyperlink(text().getString("info.openAdmin"));
            link.setId("openAdminPage");
            link.setOnAction(e -> openInBrowser.accept(admin));
            grid.add(link, 1, row);
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(420);
        javafx.scene.layout.VBox content = new javafx.scene.layout.VBox(8, scroll);
        if (traffic != null) {
            content.getChildren().add(new TrafficGraph(traffic, info.gateway().upnp().isEmpty()));
            dialog.setOnShown(e -> traffic.start());
            dialog.setOnHidden(e -> traffic.stop());
        }
        if (copyReport != null) {
            // Under the fields, never scrolled away: what a user whose router misbehaves looks for.
            javafx.scene.control.Button report = new javafx.scene.control.Button(text().getString("info.copyReport"),
                    Icons.COPY.node());
            report.setId("copyReport");
            report.setTooltip(new javafx.scene.control.Tooltip(text().getString("info.copyReportTip")));
            report.setOnAction(e -> copyReport.run());
            content.getChildren().add(report);
        }
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.setResizable(true);
        return dialog;
    }

    /** Only http(s) pages open in the browser: a router can put anything in presentationURL. */
    static boolean isWebPage(String url) {
        String u = url == null ? "" : url.trim().toLowerCase(Locale.ROOT);
        return u.startsWith("http://") || u.startsWith("https://");
    }

    /** The bundle's label for a field, else its name in words ("modelNumber" → "Model number"). */
    static String label(String key) {
        try {
            return text().getString("field." + key);
        } catch (MissingResourceException e) {
            String words = key.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
    }

    /** The plain-words NAT explanation, when the badge is clicked. */
    public static Alert natExplanation(Window owner, String explanation) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, explanation, ButtonType.OK);
        a.initOwner(owner);
        a.setTitle(text().getString("nat.title"));
        a.setHeaderText(text().getString("nat.title"));
        return a;
    }
}
