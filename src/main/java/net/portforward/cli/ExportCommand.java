package net.portforward.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import net.portforward.files.AtomicFile;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.transfer.TableExport;
import net.portforward.ledger.transfer.TableFact;
import net.portforward.ledger.transfer.TableFile;

/** {@code export [--csv] [FILE]}: the router's whole table as JSON (or CSV), to FILE or standard output. */
final class ExportCommand implements Command {
    static final String USAGE = "export [--csv] [FILE]";

    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        List<String> pos = ctx.args().positional();
        if (pos.size() > 1) {
            ctx.args().expectPositional(1, USAGE);
        }
        Path file = pos.isEmpty() ? null : Path.of(pos.get(0));
        TableFile.Format format = ctx.args().flag("csv") ? TableFile.Format.CSV
                : file == null ? TableFile.Format.JSON : TableFile.Format.forFileName(file.toString());
        List<PortMapping> table = TableExport.table(ctx.router(), Progress.NONE);
        String text = TableFile.write(table, format);
        if (file == null) {
            ctx.out().print(text);
            return Cli.OK;
        }
        try {
            AtomicFile.writeDocument(file, text);
        } catch (IOException e) {
            throw new PortForwardException(TableFact.NOT_WRITTEN.with(file, e.getMessage()), e);
        }
        ctx.say("cli.export.done", table.size(), file, format);
        return Cli.OK;
    }
}
