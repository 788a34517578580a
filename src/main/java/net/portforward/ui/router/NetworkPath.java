package net.portforward.ui.router;

import java.util.ArrayList;
import java.util.List;
import net.portforward.engine.model.NatVerdict;

/**
 * The way in from the internet as the router panel draws it: this computer, the router, the
 * outer NAT when the router sits behind one, the internet; and where the way is shut, from what
 * the router said (no router, double NAT) and from the last reachability test. A value computed
 * without JavaFX, so its states are tested on their own.
 */
public final class NetworkPath {
    /** The stops on the way from this computer to the internet. */
    public enum Hop { COMPUTER, ROUTER, OUTER_NAT, INTERNET }

    /** How a stop is shown. */
    public enum Mark {
        /** Nothing known against it. */
        PLAIN,
        /** What the router said shuts the way in here (double NAT, no router). */
        BLOCKED,
        /** The last test got through here. */
        PASSED,
        /** The last test stopped here. */
        FAILED
    }

    /**
     * A reachability test's outcome as the path shows it.
     *
     * @param failedAt where the test stopped, or null when reachable or not known
     * @param label what was tested and when ("TCP 8080 at 14:02")
     */
    public record TestMark(boolean reachable, Hop failedAt, String label) {
    }

    /** One stop as drawn. */
    public record Stop(Hop hop, Mark mark) {
    }

    private NetworkPath() {
    }

    /**
     * @param routerFound whether a router is shown
     * @param nat what the router said of its internet address, or null when its status is not read
     * @param test the last test, or null
     */
    public static List<Stop> of(boolean routerFound, NatVerdict nat, TestMark test) {
        boolean outer = nat == NatVerdict.DOUBLE_NAT || (test != null && test.failedAt() == Hop.OUTER_NAT);
        List<Hop> hops = new ArrayList<>(List.of(Hop.COMPUTER, Hop.ROUTER));
        if (outer) {
            hops.add(Hop.OUTER_NAT);
        }
        hops.add(Hop.INTERNET);
        Hop blocked = !routerFound ? Hop.ROUTER : nat == NatVerdict.DOUBLE_NAT ? Hop.OUTER_NAT : null;
        List<Stop> stops = new ArrayList<>();
        for (Hop h : hops) {
            Mark m = Mark.PLAIN;
            if (test != null && routerFound) {
                if (test.reachable()) {
                    m = Mark.PASSED;
                } else if (test.failedAt() != null) {
                    // The way in runs from the internet towards this computer: the stops before
                    // the failure were passed.
                    m = h == test.failedAt() ? Mark.FAILED : hops.indexOf(h) > hops.indexOf(test.failedAt())
                            ? Mark.PASSED : Mark.PLAIN;
                }
            }
            if (m == Mark.PLAIN && h == blocked) {
                m = Mark.BLOCKED;
            }
            stops.add(new Stop(h, m));
        }
        return stops;
    }
}
