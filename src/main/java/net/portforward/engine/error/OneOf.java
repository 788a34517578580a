package net.portforward.engine.error;

import java.util.List;

/** A value for a {@link Fact}: items that are alternatives, written "a, b or c" in the reader's language. */
public record OneOf(List<?> items) {
    public OneOf {
        items = List.copyOf(items);
    }
}
