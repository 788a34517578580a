package net.portforward.ledger;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.portforward.engine.model.PortMapping;

/**
 * What happened to one mapping of a batch (a range, a preset, an import, a restore, a cleanup, a
 * renewal): each one is reported, none silently dropped.
 *
 * @param sentence for people, naming the mapping
 */
public record MappingResult(PortMapping mapping, Kind kind, String sentence) {
    /** The kinds, in the order a summary lists them. */
    public enum Kind {
        ADDED("added"), RESTORED("put back"), RENEWED("renewed"), PRESENT("already there"), REMOVED("removed"),
        GONE("already gone"), TAKEN("now used by another device, left alone"), SKIPPED("skipped"),
        NOT_TRIED("not tried"), FAILED("failed");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public boolean failed() {
        return kind == Kind.FAILED || kind == Kind.NOT_TRIED;
    }

    /** "14 added, 2 failed." with the failures' reasons after it. */
    public static String summary(List<MappingResult> results) {
        if (results.isEmpty()) {
            return "Nothing to do.";
        }
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        results.forEach(r -> counts.merge(r.kind(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((k, n) -> parts.add(n + " " + k.words()));
        String first = String.join(", ", parts);
        StringBuilder sb = new StringBuilder(first.substring(0, 1).toUpperCase(Locale.ROOT) + first.substring(1) + ".");
        results.stream().filter(r -> r.kind() == Kind.FAILED).limit(5).forEach(r -> sb.append(' ').append(r.sentence()));
        long more = results.stream().filter(r -> r.kind() == Kind.FAILED).count() - 5;
        if (more > 0) {
            sb.append(" (").append(more).append(" more failures.)");
        }
        return sb.toString();
    }
}
