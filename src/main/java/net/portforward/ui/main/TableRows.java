package net.portforward.ui.main;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The rows the table shows: the router's forwards as the model filtered them, then the pinholes
 * through the same filter. A copy kept in step on the FX thread: JavaFX has no live
 * concatenation of lists.
 */
final class TableRows {
    private final ObservableList<MappingRow> forwards;
    private final StringProperty filter;
    private final ObservableList<MappingRow> rows = FXCollections.observableArrayList();
    private ObservableList<MappingRow> pinholes = FXCollections.observableArrayList();

    TableRows(ObservableList<MappingRow> forwards, StringProperty filter) {
        this.forwards = forwards;
        this.filter = filter;
        ListChangeListener<MappingRow> again = c -> update();
        forwards.addListener(again);
        filter.addListener((o, a, b) -> update());
        update();
    }

    ObservableList<MappingRow> rows() {
        return rows;
    }

    void showAlso(ObservableList<MappingRow> more) {
        pinholes = more;
        more.addListener((ListChangeListener<MappingRow>) c -> update());
        update();
    }

    private void update() {
        String f = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
        List<MappingRow> all = new ArrayList<>(forwards);
        pinholes.stream().filter(r -> f.isEmpty() || r.searchText().contains(f)).forEach(all::add);
        // Only the rows that changed: a row added while the router's table is read must not
        // clear what the user selected.
        int start = 0;
        while (start < all.size() && start < rows.size() && all.get(start) == rows.get(start)) {
            start++;
        }
        int end = 0;
        while (end < all.size() - start && end < rows.size() - start
                && all.get(all.size() - 1 - end) == rows.get(rows.size() - 1 - end)) {
            end++;
        }
        if (start + end < rows.size()) {
            rows.remove(start, rows.size() - end);
        }
        if (start + end < all.size()) {
            rows.addAll(start, all.subList(start, all.size() - end));
        }
    }
}
