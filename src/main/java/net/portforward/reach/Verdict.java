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
 */
public record Verdict(boolean reachable, Reason reason, String sentence, Proxy proxy, Duration roundTrip,
                      Duration took, URI browserUrl, List<String> notes) {
    public Verdict {
        notes = List.copyOf(notes);
    }
}
