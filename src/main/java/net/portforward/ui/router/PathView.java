package net.portforward.ui.router;

import java.util.List;
import java.util.ResourceBundle;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import net.portforward.engine.model.NatVerdict;
import net.portforward.ui.common.Icons;

/**
 * A small drawing of the way in: this computer → router → (outer NAT) → internet, each stop an
 * icon with its name, the links between them lines; where the way is shut the stop is crossed
 * out, and a test's outcome colours the path (see {@link NetworkPath}). Style classes
 * {@code path-blocked}, {@code path-passed}, {@code path-failed} carry the colours.
 */
public final class PathView extends HBox {
    public static final String BLOCKED = "path-blocked";
    public static final String PASSED = "path-passed";
    public static final String FAILED = "path-failed";
    /** The words in the window's language, looked up on each use so a language chosen later applies. */
    private static ResourceBundle text() {
        return net.portforward.ui.common.UiText.bundle("net.portforward.ui.router.RouterText");
    }

    private boolean routerFound;
    private NatVerdict nat;
    private NetworkPath.TestMark test;
    private final Label caption = new Label();

    public PathView() {
        setId("path");
        getStyleClass().add("path");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(4);
        caption.setId("path-caption");
        caption.getStyleClass().add("muted");
        // The sentence wraps in a narrow window; the picture's names never shrink to "This com…".
        caption.setWrapText(true);
        caption.setMinWidth(0);
        HBox.setHgrow(caption, javafx.scene.layout.Priority.ALWAYS);
        draw();
    }

    /** The router shown, and what it said of its internet address (null before it was read). */
    public void showRouter(boolean found, NatVerdict verdict) {
        routerFound = found;
        nat = verdict;
        draw();
    }

    /** The last reachability test, or null to forget it. */
    public void showTest(NetworkPath.TestMark mark) {
        test = mark;
        draw();
    }

    private void draw() {
        List<NetworkPath.Stop> stops = NetworkPath.of(routerFound, nat, test);
        getChildren().clear();
        for (int i = 0; i < stops.size(); i++) {
            NetworkPath.Stop s = stops.get(i);
            if (i > 0) {
                getChildren().add(link(stops.get(i - 1), s));
            }
            getChildren().add(stop(s));
        }
        caption.setText(captionText(stops));
        getChildren().add(caption);
        HBox.setMargin(caption, new javafx.geometry.Insets(0, 0, 0, 10));
    }

    private String captionText(List<NetworkPath.Stop> stops) {
        if (test != null && routerFound) {
            return java.text.MessageFormat.format(text().getString(test.reachable() ? "path.reachable"
                    : test.failedAt() == null ? "path.unknown" : "path.failed." + test.failedAt().name()), test.label());
        }
        if (!routerFound) {
            return text().getString("path.noRouter");
        }
        return stops.stream().anyMatch(s -> s.mark() == NetworkPath.Mark.BLOCKED) ? text().getString("path.doubleNat")
                : "";
    }

    private static VBox stop(NetworkPath.Stop s) {
        String name = s.hop().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        Icons icon = switch (s.hop()) {
            case COMPUTER -> Icons.THIS_COMPUTER;
            case ROUTER -> Icons.ROUTER;
            case OUTER_NAT -> Icons.OUTER_NAT;
            case INTERNET -> Icons.INTERNET;
        };
        StackPane picture = new StackPane(icon.node());
        picture.getStyleClass().add("path-icon");
        if (s.mark() == NetworkPath.Mark.BLOCKED || s.mark() == NetworkPath.Mark.FAILED) {
            var cross = Icons.BLOCKED.node();
            cross.getStyleClass().add("path-cross");
            StackPane.setAlignment(cross, Pos.BOTTOM_RIGHT);
            picture.getChildren().add(cross);
        }
        Label label = new Label(text().getString("path.hop." + s.hop().name()));
        label.getStyleClass().add("path-label");
        VBox box = new VBox(1, picture, label);
        box.setAlignment(Pos.CENTER);
        box.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        box.setId("path-" + name);
        box.getStyleClass().addAll("path-stop", styleOf(s.mark()));
        Tooltip.install(box, new Tooltip(text().getString("path.tip." + s.hop().name())));
        return box;
    }

    private static Line link(NetworkPath.Stop from, NetworkPath.Stop to) {
        Line line = new Line(0, 0, 36, 0);
        line.getStyleClass().add("path-link");
        // A link is as good as its far end: the way in comes from the internet.
        NetworkPath.Mark m = to.mark() == NetworkPath.Mark.PASSED && from.mark() == NetworkPath.Mark.PASSED
                ? NetworkPath.Mark.PASSED : to.mark() == NetworkPath.Mark.PASSED && from.mark() == NetworkPath.Mark.FAILED
                ? NetworkPath.Mark.FAILED : NetworkPath.Mark.PLAIN;
        line.getStyleClass().add(styleOf(m));
        return line;
    }

    private static String styleOf(NetworkPath.Mark m) {
        return switch (m) {
            case PLAIN -> "path-plain";
            case BLOCKED -> BLOCKED;
            case PASSED -> PASSED;
            case FAILED -> FAILED;
        };
    }
}
