package net.portforward.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Text;
import javafx.stage.Window;

/**
 * Finds words the user cannot read whole in a window: a label, button, check box, table heading
 * or tab whose text is shown cut to "…", and one whose text runs past the window's edge or out of
 * a clipping parent (a scroll pane's view) sideways. What a control draws is its skin's text node
 * (com.sun.javafx.scene.control.LabeledText, style class "text"): that is compared with the text
 * set. The rows of tables and lists are left out: they show the user's data (a long description
 * may be cut there); their headings, placeholders and a drop-down's shown value are checked.
 * Call on the FX thread.
 */
public final class CutTexts {
    private static final double SLACK = 0.5;

    private CutTexts() {
    }

    /** Each cut text in {@code window}, described for a person: where, what it should say, what it shows. */
    public static List<String> in(Window window, String windowName) {
        List<String> found = new ArrayList<>();
        if (window.getScene() != null && window.isShowing()) {
            Parent root = window.getScene().getRoot();
            root.applyCss();
            root.layout();
            walk(root, windowName, window.getScene().getWidth(), found);
        }
        return found;
    }

    private static void walk(Node node, String windowName, double sceneWidth, List<String> found) {
        if (!node.isVisible() || node instanceof VirtualFlow<?>) {
            return;
        }
        if (node instanceof Labeled labeled) {
            check(labeled, windowName, sceneWidth, found);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, windowName, sceneWidth, found);
            }
        }
    }

    private static void check(Labeled labeled, String windowName, double sceneWidth, List<String> found) {
        String text = labeled.getText();
        if (text == null || text.isBlank()) {
            return;
        }
        Text drawn = drawnText(labeled);
        if (drawn == null || !drawn.isVisible()) {
            return;
        }
        String expected = labeled.isMnemonicParsing() ? withoutMnemonic(text) : text;
        String where = windowName + ": " + describe(labeled);
        if (!drawn.getText().equals(expected)) {
            found.add(where + " shows \"" + oneLine(drawn.getText()) + "\" for \"" + oneLine(expected) + "\" (width "
                    + round(labeled.getWidth()) + ", wants " + round(labeled.prefWidth(-1)) + ")");
            return;
        }
        Bounds onScene = drawn.localToScene(drawn.getBoundsInLocal());
        Bounds own = labeled.localToScene(labeled.getLayoutBounds());
        // Wrapped text breaks even a word longer than its line; its bounds may count a space left at a line's end.
        boolean wrapped = drawn.getWrappingWidth() > 0;
        if (!wrapped && onScene.getMaxX() > own.getMaxX() + SLACK) {
            found.add(where + " \"" + oneLine(text) + "\" runs " + round(onScene.getMaxX() - own.getMaxX())
                    + " px past its control");
            return;
        }
        double right = Math.min(onScene.getMaxX(), own.getMaxX());
        Bounds clip = clippingParent(labeled);
        if (right > sceneWidth + SLACK) {
            found.add(where + " \"" + oneLine(text) + "\" runs " + round(right - sceneWidth) + " px past the window's edge");
        } else if (clip != null && onScene.getMinX() < clip.getMaxX() && right > clip.getMaxX() + SLACK) {
            found.add(where + " \"" + oneLine(text) + "\" runs " + round(right - clip.getMaxX()) + " px out of view");
        }
    }

    /** The skin's text node: a direct child of the control, style class "text". */
    private static Text drawnText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child.getStyleClass().contains("text")) {
                return t;
            }
        }
        return null;
    }

    /** The scene bounds of the nearest parent that clips what it holds (a scroll pane's view), if any. */
    private static Bounds clippingParent(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p.getClip() != null) {
                // A clip is in its node's coordinates, not in the scene graph itself.
                return p.localToScene(p.getClip().getBoundsInParent());
            }
        }
        return null;
    }

    /** "_OK" is drawn "OK" (the underscore marks the Alt key); "__" is one underscore. */
    private static String withoutMnemonic(String text) {
        int i = text.indexOf('_');
        if (i < 0 || i == text.length() - 1) {
            return text;
        }
        return text.substring(0, i) + text.substring(i + 1);
    }

    private static String describe(Labeled labeled) {
        StringBuilder path = new StringBuilder(labeled.getClass().getSimpleName());
        if (labeled.getId() != null) {
            path.append('#').append(labeled.getId());
        }
        for (Node p = labeled.getParent(); p != null; p = p.getParent()) {
            if (p.getId() != null) {
                path.append(" in #").append(p.getId());
                break;
            }
        }
        return path.toString();
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ');
    }

    private static long round(double d) {
        return Math.round(d);
    }
}
