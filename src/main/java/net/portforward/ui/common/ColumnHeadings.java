package net.portforward.ui.common;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;

/**
 * Keeps a table's column headings readable in every language: no column gets narrower than its
 * heading's words, so a window too narrow for them all scrolls sideways instead of showing
 * "Externe…" ("Externer Port"). The widths are measured once the headings are drawn, in the
 * table's own font, and again whenever the table is laid out (a column added later, a language
 * chosen since); a column only ever grows to fit, never shrinks.
 */
public final class ColumnHeadings {
    private ColumnHeadings() {
    }

    public static void fit(TableView<?> table) {
        table.needsLayoutProperty().addListener((o, was, needs) -> {
            if (!needs) {
                fitNow(table);
            }
        });
    }

    private static void fitNow(TableView<?> table) {
        for (Node node : table.lookupAll(".column-header")) {
            if (node instanceof TableColumnHeader header && header.getTableColumn() != null
                    && header.lookup(".label") instanceof Label label && label.getText() != null) {
                TableColumnBase<?, ?> column = header.getTableColumn();
                // The label's own width (padding and any sort arrow included) plus the heading's insets.
                double need = Math.ceil(label.prefWidth(-1) + header.getInsets().getLeft() + header.getInsets().getRight());
                if (column.getMinWidth() < need) {
                    column.setMinWidth(need);
                }
            }
        }
    }
}
