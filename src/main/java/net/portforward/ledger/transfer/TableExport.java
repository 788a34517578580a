package net.portforward.ledger.transfer;

import java.util.List;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.progress.Progress;

/** The router's whole table as a file, with the mappings PortForward holds switched off. */
public final class TableExport {
    private TableExport() {
    }

    public static List<PortMapping> table(Router router, Progress p) throws PortForwardException {
        return router.list(m -> { }, p).mappings().stream()
                .map(l -> l.heldByApp() ? l.mapping().withEnabled(false) : l.mapping()).toList();
    }

    public static String export(Router router, TableFile.Format format, Progress p) throws PortForwardException {
        return TableFile.write(table(router, p), format);
    }

    /** The table as the preview compares it. */
    public static List<ListedMapping> listed(Router router, Progress p) throws PortForwardException {
        return router.list(m -> { }, p).mappings();
    }
}
