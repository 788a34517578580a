package net.portforward.ledger;

import java.util.List;
import net.portforward.engine.error.Fact;
import net.portforward.engine.pinhole.PinholeKey;

/**
 * What happened to one pinhole of a batch (renewal, restore, clean-up), in the kinds and words of
 * {@link MappingResult}.
 *
 * @param fact for the front ends to word, naming the pinhole
 */
public record PinholeResult(PinholeKey key, MappingResult.Kind kind, Fact fact) {

    public boolean failed() {
        return kind == MappingResult.Kind.FAILED || kind == MappingResult.Kind.NOT_TRIED;
    }

    /** The same in English, for logs and bug reports; people read {@link #fact()} in their language. */
    public String english() {
        return fact.english();
    }

    /** "2 renewed, 1 failed." with the failures' reasons after it. */
    public static Fact summary(List<PinholeResult> results) {
        return MappingResult.summarize(results.stream().map(r -> new MappingResult.Counted(r.kind(), r.fact(),
                r.failed())).toList());
    }
}
