package net.portforward.reach;

import net.portforward.engine.error.Fact;

/** A reachability proxy gave no usable answer; the next proxy is tried. The message is its English, for logs. */
public final class ProxyFailure extends Exception {
    private final transient Fact fact;

    public ProxyFailure(Fact fact) {
        super(fact.english());
        this.fact = fact;
    }

    /** What went wrong, for the front ends to word. */
    public Fact fact() {
        return fact;
    }
}
