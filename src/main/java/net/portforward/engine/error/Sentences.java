package net.portforward.engine.error;

import java.util.List;

/** A value for a {@link Fact}: facts that are whole sentences, written one after another. */
public record Sentences(List<Fact> facts) {
    public Sentences {
        facts = List.copyOf(facts);
    }
}
