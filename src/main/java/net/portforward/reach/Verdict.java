package net.portforward.reach;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import net.portforward.config.Proxy;
import net.portforward.engine.error.Fact;

/**
 * The answer to "can the internet reach me?".
 *
 * @param fact the verdict for the front ends to word, with the specifics (port, proxy, addresses)
 * @param proxy the proxy whose answer decided, or {@code null} when none answered
 * @param roundTrip the deciding proxy's answer time, or {@code null}
 * @param took the whole test, router calls included
 * @param browserUrl the page to open in the browser ("Open in browser"), or {@code null}
 * @param notes what else happened: checkers that failed, the temporary forward added and removed
 * @param repairable the router lists a forward to this computer that was there before the test,
 *     this computer answers, and nothing got through: deleting and adding the forward again may
 *     help (Technicolor CGA4131COM keeps stale forwards, tailscale #21208), see
 *     {@link ReachTest#repairAndRun}
 */
public record Verdict(boolean reachable, Reason reason, Fact fact, Proxy proxy, Duration roundTrip,
                      Duration took, URI browserUrl, List<Fact> notes, boolean repairable) {
    public Verdict {
        notes = List.copyOf(notes);
    }

    /** The verdict in English, for logs. */
    public String english() {
        return fact.english();
    }
}
