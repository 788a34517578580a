package net.portforward.ui.settings;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Font;

/** Tabbing to a field below the fold brings it into view; ScrollPane does not do that itself. */
final class ScrollIntoView {
    private ScrollIntoView() {
    }

    /** Scrolls {@code scroll} to whatever gets the focus in {@code pane}'s scene (the one it has now, and any later one). */
    static void follow(ScrollPane scroll, DialogPane pane) {
        if (pane.getScene() != null) {
            pane.getScene().focusOwnerProperty().addListener((f, old, focused) -> scrollTo(scroll, focused));
        }
        pane.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.focusOwnerProperty().addListener((f, old, focused) -> scrollTo(scroll, focused));
            }
        });
    }

    /** Scrolls just enough to show {@code node} if it lies in the scroll pane's content. */
    static void scrollTo(ScrollPane scroll, Node node) {
        Node content = scroll.getContent();
        if (node == null || content == null || node.getScene() == null) {
            return;
        }
        for (Node n = node; n != content; n = n.getParent()) {
            if (n == null) {
                return;
            }
        }
        Bounds b = content.sceneToLocal(node.localToScene(node.getLayoutBounds()));
        double contentHeight = content.getLayoutBounds().getHeight();
        double viewHeight = scroll.getViewportBounds().getHeight();
        if (contentHeight <= viewHeight) {
            return;
        }
        double top = scroll.getVvalue() * (contentHeight - viewHeight);
        // The field's error sentence sits below it; leave a little room for it.
        double margin = Font.getDefault().getSize() * 2;
        if (b.getMinY() < top) {
            top = b.getMinY() - margin;
        } else if (b.getMaxY() > top + viewHeight) {
            top = b.getMaxY() + margin - viewHeight;
        } else {
            return;
        }
        scroll.setVvalue(Math.max(0, Math.min(1, top / (contentHeight - viewHeight))));
    }
}
