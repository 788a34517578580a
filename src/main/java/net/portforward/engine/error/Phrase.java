package net.portforward.engine.error;

/**
 * One kind of thing PortForward tells people, as an enum constant: the command line and the
 * window put it into words in the user's language from the shared bundle, under {@link #key()}.
 * The values that fill it in (ports, addresses, durations, counts) travel with it in a {@link Fact}.
 */
public interface Phrase {
    /** The key of its words in the bundle, such as {@code input.NOT_A_PORT}: its group and its name. */
    String key();

    /** This phrase with its values, numbered in the order given ({0}, {1}…). */
    default Fact with(Object... values) {
        return new Fact(this, java.util.Arrays.asList(values));
    }
}
