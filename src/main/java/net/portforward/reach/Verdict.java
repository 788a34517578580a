package net.portforward.reach;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import net.portforward.config.Proxy;

/**
 * The answer to "can the internet reach me?".
 *
 * @param sentence the verdict for people, with the specifics (port, proxy, addresses)
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
public record Verdict(boolean reachable, Reason reason, String sentence, Proxy proxy, Duration roundTrip,
                      Duration took, URI browserUrl, List<String> notes, boolean repairable) {
    public Verdict {
        notes = List.copyOf(notes);
    }
}
