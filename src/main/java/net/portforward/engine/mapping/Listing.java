package net.portforward.engine.mapping;

import java.util.List;
import net.portforward.engine.model.ListedMapping;

/** A router's mappings as read, and what was odd about the reading (in words, for the user). */
public record Listing(List<ListedMapping> mappings, List<String> warnings) {
    public Listing {
        mappings = List.copyOf(mappings);
        warnings = List.copyOf(warnings);
    }
}
