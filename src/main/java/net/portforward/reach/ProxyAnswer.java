package net.portforward.reach;

import java.net.InetAddress;
import java.time.Duration;

/**
 * What one proxy said about the port.
 *
 * @param outcome what happened when it connected back; {@code null} from a proxy that only says
 *     open or closed (portcheck)
 * @param roundTrip our request to the proxy, start to answer
 * @param detail the proxy's own words, cleaned, for the details view ("" when none)
 * @param seenAddress the address the proxy connected back to (our internet address as it saw
 *     it), or {@code null} when it did not say
 */
public record ProxyAnswer(boolean reachable, CheckProtocol.Outcome outcome, Duration roundTrip, String detail,
                          InetAddress seenAddress) {
}
