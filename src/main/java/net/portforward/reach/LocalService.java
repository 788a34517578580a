package net.portforward.reach;

/** What answers a checker on this computer: the test page server (TCP) or the UDP responder. */
public interface LocalService {
    /** From now on, show this token to whoever asks. */
    void expect(ReachToken token);

    /** True while it listens. */
    boolean running();
}
