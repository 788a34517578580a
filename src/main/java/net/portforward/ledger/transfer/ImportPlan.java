package net.portforward.ledger.transfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.portforward.engine.Router;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.Sentences;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.LedgerFact;
import net.portforward.ledger.MappingResult;

/**
 * What importing a table file would do to a router, line by line, before anything is sent; and
 * doing it. A mapping whose port and protocol the router already uses for something else is a
 * conflict: it is shown and never overwritten.
 */
public final class ImportPlan {
    /** What one line of the file would do. */
    public enum Verdict {
        ADD, SAME, CONFLICT, DUPLICATE, INVALID
    }

    /**
     * @param existing what the router has at that port now (conflicts), or null
     * @param fact for the front ends to word, starting with the line number
     */
    public record Item(int line, PortMapping mapping, Verdict verdict, PortMapping existing, Fact fact) {
    }

    private final List<Item> items;

    private ImportPlan(List<Item> items) {
        this.items = List.copyOf(items);
    }

    public List<Item> items() {
        return items;
    }

    public long count(Verdict v) {
        return items.stream().filter(i -> i.verdict() == v).count();
    }

    /** "3 to add, 1 already identical, 1 conflict, 0 repeated lines, 1 invalid line." */
    public Fact summary() {
        return TableFact.PREVIEW.with(count(Verdict.ADD), count(Verdict.SAME), count(Verdict.CONFLICT),
                count(Verdict.DUPLICATE), count(Verdict.INVALID));
    }

    /** Compares the file with the router's table as listed (held mappings count as what they are). */
    public static ImportPlan preview(List<TableFile.Line> lines, List<ListedMapping> table) {
        Map<MappingKey, PortMapping> onRouter = new HashMap<>();
        for (ListedMapping l : table) {
            onRouter.putIfAbsent(l.mapping().key(), l.mapping());
        }
        Map<MappingKey, Integer> seen = new HashMap<>();
        List<Item> out = new ArrayList<>();
        for (TableFile.Line line : lines) {
            int at = line.number();
            if (!line.valid()) {
                out.add(new Item(at, null, Verdict.INVALID, null, TableFact.AT_LINE.with(at, line.problem())));
                continue;
            }
            PortMapping m = line.mapping();
            Integer first = seen.putIfAbsent(m.key(), line.number());
            PortMapping there = onRouter.get(m.key());
            if (first != null) {
                out.add(new Item(at, m, Verdict.DUPLICATE, there, TableFact.AT_LINE.with(at,
                        TableFact.DUPLICATE.with(m.key(), first))));
            } else if (there == null) {
                out.add(new Item(at, m, Verdict.ADD, null, TableFact.AT_LINE.with(at,
                        TableFact.WILL_ADD.with(m, m.description()))));
            } else if (there.sameSettingsAs(m)) {
                out.add(new Item(at, m, Verdict.SAME, there, TableFact.AT_LINE.with(at, TableFact.SAME.with(m))));
            } else {
                out.add(new Item(at, m, Verdict.CONFLICT, there, TableFact.AT_LINE.with(at, TableFact.CONFLICT.with(
                        m.key(), there, there.description(), m, m.description()))));
            }
        }
        return new ImportPlan(out);
    }

    /**
     * Adds the lines marked {@link Verdict#ADD}; reports every line. A mapping the file has switched
     * off is added and then switched off, as the router (or PortForward) keeps disabled ones.
     */
    public List<MappingResult> apply(Router router, Retention retention, Progress p) throws CancelledException {
        List<MappingResult> results = new ArrayList<>();
        int done = 0;
        for (Item item : items) {
            p.report((double) done++ / items.size(), item.fact());
            int at = item.line();
            switch (item.verdict()) {
                case INVALID -> results.add(new MappingResult(null, MappingResult.Kind.FAILED, item.fact()));
                case SAME, DUPLICATE -> results.add(new MappingResult(item.mapping(), MappingResult.Kind.SKIPPED,
                        item.fact()));
                case CONFLICT -> results.add(new MappingResult(item.mapping(), MappingResult.Kind.SKIPPED,
                        item.fact()));
                case ADD -> {
                    p.checkCancelled();
                    PortMapping m = item.mapping();
                    try {
                        var outcome = router.add(m.withEnabled(true), retention, Progress.NONE);
                        if (!m.enabled()) {
                            router.setEnabled(m.key(), false, Progress.NONE);
                        }
                        Fact added = TableFact.AT_LINE.with(at, (m.enabled() ? TableFact.ADDED : TableFact.ADDED_OFF).with(m));
                        results.add(new MappingResult(m, MappingResult.Kind.ADDED, outcome.notes().isEmpty() ? added
                                : LedgerFact.WITH_NOTES.with(added, new Sentences(outcome.notes()))));
                    } catch (CancelledException e) {
                        throw e;
                    } catch (PortForwardException e) {
                        results.add(new MappingResult(m, MappingResult.Kind.FAILED, TableFact.AT_LINE.with(at,
                                TableFact.FAILED.with(m.key(), e))));
                    }
                }
                default -> throw new IllegalStateException(item.verdict().name());
            }
        }
        p.report(1, MappingResult.summary(results));
        return results;
    }
}
