package net.portforward.reach;

/** A reachability proxy gave no usable answer; the message is a sentence, and the next proxy is tried. */
public final class ProxyFailure extends Exception {
    public ProxyFailure(String message) {
        super(message);
    }
}
