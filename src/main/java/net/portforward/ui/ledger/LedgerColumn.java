package net.portforward.ui.ledger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import net.portforward.engine.Router;
import net.portforward.engine.model.Gateway;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.LedgerEntry;
import net.portforward.ui.main.MappingRow;

/**
 * The mapping table's "Kept" column: whether PortForward made the mapping, whether it is kept or
 * only for now (or left over from a run that crashed), with when its lease runs out in the
 * tooltip. Read from the
 * ledger's cache, which is re-read only when the file changed, as the table redraws every second.
 */
final class LedgerColumn {
    static final String ID = "colKept";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
            .withZone(ZoneId.systemDefault());

    private LedgerColumn() {
    }

    static TableColumn<MappingRow, String> create(Ledger ledger, Supplier<Gateway> gateway, ObservableValue<Instant> clock) {
        TableColumn<MappingRow, String> c = new TableColumn<>(LedgerText.get("column.title"));
        c.setId(ID);
        c.setEditable(false);
        c.setPrefWidth(130);
        c.setCellValueFactory(cell -> Bindings.createStringBinding(
                () -> entry(ledger, gateway, cell.getValue()).map(e -> text(ledger, e)).orElse(""), clock));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                MappingRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                Optional<LedgerEntry> e = row == null ? Optional.empty() : entry(ledger, gateway, row);
                setTooltip(e.map(x -> new Tooltip(tooltip(ledger, x))).orElse(null));
            }
        });
        return c;
    }

    static Optional<LedgerEntry> entry(Ledger ledger, Supplier<Gateway> gateway, MappingRow row) {
        Gateway g = gateway.get();
        if (g == null) {
            return Optional.empty();
        }
        String id = Router.recordId(g);
        return ledger.cached().stream().filter(e -> e.routerId().equals(id) && e.key().equals(row.mapping().key())
                && row.mapping().internalClient() != null && row.mapping().internalClient().equals(
                        e.mapping().internalClient())).findFirst();
    }

    static String text(Ledger ledger, LedgerEntry e) {
        String kind = e.state() == LedgerEntry.State.PENDING ? LedgerText.get("column.pending")
                : e.kept() ? LedgerText.get("column.kept")
                : ledger.sessionAlive(e.session()) ? LedgerText.get("column.forNow") : LedgerText.get("column.leftOver");
        // The lease's end is in the tooltip: "Lease left" beside this column already counts it down.
        return kind;
    }

    private static String tooltip(Ledger ledger, LedgerEntry e) {
        String base = e.kept() ? LedgerText.get("tip.kept")
                : ledger.sessionAlive(e.session()) ? LedgerText.get("tip.forNow") : LedgerText.get("tip.leftOver");
        return base + e.leaseEnd().map(end -> LedgerText.format("tip.lease", TIME.format(end))).orElse("");
    }
}
