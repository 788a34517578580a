package net.portforward.ui.ledger;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import net.portforward.ui.main.Ipv6Hole;
import net.portforward.ui.main.MappingRow;

/**
 * The mapping table's "Kept" column: whether PortForward made the mapping, whether it is kept or
 * only for now (or left over from a run that crashed), with when its lease runs out in the
 * tooltip. It shows {@link LedgerMarks}, read off the FX thread; the lease countdown beside it
 * is "Lease left".
 */
final class LedgerColumn {
    static final String ID = "colKept";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
            .withZone(ZoneId.systemDefault());

    private LedgerColumn() {
    }

    static TableColumn<MappingRow, String> create(LedgerMarks marks) {
        TableColumn<MappingRow, String> c = new TableColumn<>(LedgerText.get("column.title"));
        c.setId(ID);
        c.setEditable(false);
        c.setPrefWidth(130);
        c.setCellValueFactory(cell -> cell.getValue().pinhole().isPresent()
                ? new ReadOnlyStringWrapper(text(cell.getValue().pinhole().get()))
                : Bindings.createStringBinding(() -> marks.of(cell.getValue().mapping()).map(LedgerMarks.Mark::text)
                        .orElse(""), marks.property()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                MappingRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row != null && row.pinhole().isPresent()) {
                    setTooltip(new Tooltip(tooltip(row.pinhole().get())));
                    return;
                }
                Optional<LedgerMarks.Mark> m = row == null ? Optional.empty() : marks.of(row.mapping());
                setTooltip(m.map(x -> new Tooltip(tooltip(x))).orElse(null));
            }
        });
        return c;
    }

    /** A pinhole's mark: its own record says kept or for now, as for forwards. */
    private static String text(Ipv6Hole h) {
        return h.leaseEnd().isEmpty() ? LedgerText.get("column.pending")
                : LedgerText.get(h.kept() ? "column.kept" : "column.forNow");
    }

    private static String tooltip(Ipv6Hole h) {
        return LedgerText.get(h.kept() ? "tip.kept" : "tip.forNow")
                + h.leaseEnd().map(end -> LedgerText.format("tip.lease", TIME.format(end))).orElse("");
    }

    private static String tooltip(LedgerMarks.Mark m) {
        return m.tip() + m.entry().leaseEnd().map(end -> LedgerText.format("tip.lease", TIME.format(end))).orElse("");
    }
}
