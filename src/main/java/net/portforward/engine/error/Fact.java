package net.portforward.engine.error;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Something PortForward tells people, as values: a {@link Phrase} and what fills it in. Values
 * stay typed (an {@code InetAddress}, a {@code Duration}, a count, another fact, a failure) so each
 * front end writes them for its user's language; {@link #english()} is the same in English, for
 * logs and bug reports.
 */
public record Fact(Phrase phrase, List<Object> values) implements Reason {
    public Fact {
        // null stands for "none" (an address not known, say): List.copyOf would refuse it
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** A fact with no values. */
    public static Fact of(Phrase phrase) {
        return new Fact(phrase, List.of());
    }

    /** The words in English, for logs and bug reports; people read them in their own language. */
    public String english() {
        return English.say(this);
    }

    @Override
    public String toString() {
        return english();
    }
}
