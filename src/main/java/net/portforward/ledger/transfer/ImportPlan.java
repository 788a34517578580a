package net.portforward.ledger.transfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.portforward.engine.Router;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;
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
     * @param sentence for people, starting with the line number
     */
    public record Item(int line, PortMapping mapping, Verdict verdict, PortMapping existing, String sentence) {
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

    /** "3 to add, 1 already there, 1 conflict, 1 invalid line." */
    public String summary() {
        return count(Verdict.ADD) + " to add, " + count(Verdict.SAME) + " already identical, " + count(Verdict.CONFLICT)
                + (count(Verdict.CONFLICT) == 1 ? " conflict, " : " conflicts, ") + count(Verdict.DUPLICATE)
                + (count(Verdict.DUPLICATE) == 1 ? " repeated line, " : " repeated lines, ") + count(Verdict.INVALID)
                + (count(Verdict.INVALID) == 1 ? " invalid line." : " invalid lines.");
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
            String at = "Line " + line.number() + ": ";
            if (!line.valid()) {
                out.add(new Item(line.number(), null, Verdict.INVALID, null, at + line.problem()));
                continue;
            }
            PortMapping m = line.mapping();
            Integer first = seen.putIfAbsent(m.key(), line.number());
            PortMapping there = onRouter.get(m.key());
            if (first != null) {
                out.add(new Item(line.number(), m, Verdict.DUPLICATE, there, at + m.key() + " was already given on line "
                        + first + "; this one is skipped."));
            } else if (there == null) {
                out.add(new Item(line.number(), m, Verdict.ADD, null, at + "will add " + m.summary() + " \""
                        + m.description() + "\"."));
            } else if (there.sameSettingsAs(m)) {
                out.add(new Item(line.number(), m, Verdict.SAME, there, at + m.summary() + " is already on the router."));
            } else {
                out.add(new Item(line.number(), m, Verdict.CONFLICT, there, at + m.key() + " is already used on the router by "
                        + there.summary() + " \"" + there.description() + "\"; the file wants " + m.summary() + " \""
                        + m.description() + "\". Not overwritten: delete or edit it first."));
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
            p.report((double) done++ / items.size(), item.sentence());
            String at = "Line " + item.line() + ": ";
            switch (item.verdict()) {
                case INVALID -> results.add(new MappingResult(null, MappingResult.Kind.FAILED, item.sentence()));
                case SAME, DUPLICATE -> results.add(new MappingResult(item.mapping(), MappingResult.Kind.SKIPPED,
                        item.sentence()));
                case CONFLICT -> results.add(new MappingResult(item.mapping(), MappingResult.Kind.SKIPPED,
                        item.sentence()));
                case ADD -> {
                    p.checkCancelled();
                    PortMapping m = item.mapping();
                    try {
                        var outcome = router.add(m.withEnabled(true), retention, Progress.NONE);
                        if (!m.enabled()) {
                            router.setEnabled(m.key(), false, Progress.NONE);
                        }
                        String notes = outcome.notes().isEmpty() ? "" : " " + String.join(" ", outcome.notes());
                        results.add(new MappingResult(m, MappingResult.Kind.ADDED, at + "added " + m.summary()
                                + (m.enabled() ? "" : " (switched off)") + "." + notes));
                    } catch (CancelledException e) {
                        throw e;
                    } catch (PortForwardException e) {
                        results.add(new MappingResult(m, MappingResult.Kind.FAILED, at + m.key() + " failed: "
                                + e.getMessage()));
                    }
                }
                default -> throw new IllegalStateException(item.verdict().name());
            }
        }
        p.report(1, MappingResult.summary(results));
        return results;
    }
}
