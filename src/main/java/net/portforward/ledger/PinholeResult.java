package net.portforward.ledger;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.portforward.engine.pinhole.PinholeKey;

/**
 * What happened to one pinhole of a batch (renewal, restore, clean-up), in the kinds and words of
 * {@link MappingResult}.
 *
 * @param sentence for people, naming the pinhole
 */
public record PinholeResult(PinholeKey key, MappingResult.Kind kind, String sentence) {

    public boolean failed() {
        return kind == MappingResult.Kind.FAILED || kind == MappingResult.Kind.NOT_TRIED;
    }

    /** "2 renewed, 1 failed." with the failures' reasons after it. */
    public static String summary(List<PinholeResult> results) {
        if (results.isEmpty()) {
            return "Nothing to do.";
        }
        Map<MappingResult.Kind, Integer> counts = new EnumMap<>(MappingResult.Kind.class);
        results.forEach(r -> counts.merge(r.kind(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((k, n) -> parts.add(n + " " + k.words()));
        String first = String.join(", ", parts);
        StringBuilder sb = new StringBuilder(first.substring(0, 1).toUpperCase(Locale.ROOT) + first.substring(1) + ".");
        results.stream().filter(PinholeResult::failed).limit(5).forEach(r -> sb.append(' ').append(r.sentence()));
        return sb.toString();
    }
}
