package net.portforward.engine.mapping;

import java.util.List;
import net.portforward.engine.error.Fact;
import net.portforward.engine.model.ListedMapping;

/** A router's mappings as read, and what was odd about the reading (as facts, for the front ends to word). */
public record Listing(List<ListedMapping> mappings, List<Fact> warnings) {
    public Listing {
        mappings = List.copyOf(mappings);
        warnings = List.copyOf(warnings);
    }
}
