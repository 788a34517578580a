package net.portforward.ui.common;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.layout.HBox;

/**
 * A toolbar row whose buttons show their icon and words while the row has room for them, and
 * only their icons when the window is too narrow (their tooltips still say what they do), rather
 * than words cut to "Ref…" and "Te…". FX thread.
 */
public final class ToolbarFit {
    private final HBox bar;
    private boolean compact;
    /** The row's width with every word shown, measured as it went compact. */
    private double fullWidth;

    private ToolbarFit(HBox bar) {
        this.bar = bar;
    }

    /** Makes {@code bar} fit: now, as the window's width changes, and as buttons are added. */
    public static void install(HBox bar) {
        ToolbarFit fit = new ToolbarFit(bar);
        bar.widthProperty().addListener((o, was, now) -> fit.fit());
        // Measured after each layout of the row: a button just added has its size only once it is laid out.
        bar.needsLayoutProperty().addListener((o, was, needs) -> {
            if (!needs) {
                fit.fit();
            }
        });
        bar.getChildren().addListener((ListChangeListener<Node>) c -> fit.show(false)); // measure again with every word
    }

    private void fit() {
        double width = bar.getWidth();
        if (width <= 0) {
            return; // not laid out yet
        }
        if (!compact) {
            double needed = bar.prefWidth(-1);
            if (width + 0.5 < needed) {
                fullWidth = needed;
                show(true);
            }
        } else if (width >= fullWidth) {
            show(false);
        }
    }

    private void show(boolean iconsOnly) {
        compact = iconsOnly;
        for (Node n : bar.getChildren()) {
            if (n instanceof Labeled l && l.getGraphic() != null && l.getText() != null && !l.getText().isEmpty()) {
                l.setContentDisplay(iconsOnly ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT);
            }
        }
    }

    /** Whether the buttons show their icons only, for tests. */
    public static boolean iconsOnly(HBox bar) {
        return bar.getChildren().stream().anyMatch(n -> n instanceof Labeled l
                && l.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY);
    }
}
