package net.portforward.ledger;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.Phrase;
import net.portforward.engine.error.Sentences;
import net.portforward.engine.model.PortMapping;

/**
 * What happened to one mapping of a batch (a range, a preset, an import, a restore, a cleanup, a
 * renewal): each one is reported, none silently dropped.
 *
 * @param fact for the front ends to word, naming the mapping
 */
public record MappingResult(PortMapping mapping, Kind kind, Fact fact) {
    /** The kinds, in the order a summary lists them; each is "{0} added" and so on, with its count. */
    public enum Kind implements Phrase {
        ADDED, RESTORED, RENEWED, PRESENT, REMOVED, GONE, TAKEN, SKIPPED, NOT_TRIED, FAILED;

        @Override
        public String key() {
            return "ledger.kind." + name();
        }
    }

    public boolean failed() {
        return kind == Kind.FAILED || kind == Kind.NOT_TRIED;
    }

    /** The same in English, for logs and bug reports; people read {@link #fact()} in their language. */
    public String english() {
        return fact.english();
    }

    /** "14 added, 2 failed." with the failures' reasons after it. */
    public static Fact summary(List<MappingResult> results) {
        return summarize(results.stream().map(r -> new Counted(r.kind(), r.fact(), r.kind() == Kind.FAILED)).toList());
    }

    /** A result reduced to what a summary counts: its kind, and whether its words follow as a failure. */
    record Counted(Kind kind, Fact fact, boolean failure) {
    }

    static Fact summarize(List<Counted> results) {
        if (results.isEmpty()) {
            return LedgerFact.NOTHING_TO_DO.with();
        }
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        results.forEach(r -> counts.merge(r.kind(), 1, Integer::sum));
        List<Fact> parts = new ArrayList<>();
        counts.forEach((k, n) -> parts.add(k.with(n)));
        List<Fact> failures = results.stream().filter(Counted::failure).map(Counted::fact).toList();
        Sentences first = new Sentences(failures.stream().limit(5).toList());
        return failures.isEmpty() ? LedgerFact.SUMMARY.with(parts)
                : failures.size() > 5 ? LedgerFact.SUMMARY_MORE.with(parts, first, failures.size() - 5)
                : LedgerFact.SUMMARY_FAILED.with(parts, first);
    }
}
