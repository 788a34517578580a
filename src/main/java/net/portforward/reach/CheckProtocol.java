package net.portforward.reach;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The wire format shared by the app and the checker server ({@code checker --listen}): the query
 * the app sends, the datagram of a UDP check, and the JSON keys of the answer.
 * <pre>
 * GET /check?port=P&amp;token=T&amp;protocol=tcp|udp
 *   -&gt; {"reachable":true,"latencyMs":12,"detail":"...","outcome":"token","address":"25.77.0.2"}
 * </pre>
 * "outcome" and "address" are additions to the three keys every checker answers: they let the app
 * tell "something else answered" from "nothing answered", and see the address the checker saw.
 */
public final class CheckProtocol {
    public static final String PATH = "/check";
    /** A UDP check sends this followed by the token; the responder echoes the same bytes. */
    public static final String UDP_PREFIX = "PORTFORWARD-CHECK ";
    /** No check datagram is longer: the prefix and a 64-character token. */
    public static final int MAX_DATAGRAM = 96;

    /** The values of the answer's "outcome" key. */
    public enum Outcome {
        /** Connected and read the token back: the port leads to the computer that asked. */
        TOKEN("token"),
        /** Connected, but what answered did not show the token: another device or program. */
        OTHER("other"),
        /** Actively refused (TCP reset, ICMP port unreachable): nothing listens where the port leads. */
        REFUSED("refused"),
        /** No answer within the time limit: dropped by a firewall, or no forward. */
        TIMED_OUT("timeout"),
        /**
         * The request came from an address the internet cannot reach (private, carrier-grade NAT,
         * loopback, ...), so the checker did not connect at all: something between this computer
         * and the checker translates addresses, or the checker sits in the same private network.
         */
        NOT_PUBLIC("not-public");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Outcome fromWire(String text) {
            return Arrays.stream(values()).filter(o -> o.wire.equals(text)).findFirst().orElse(null);
        }
    }

    private CheckProtocol() {
    }

    public static byte[] udpProbe(ReachToken token) {
        return (UDP_PREFIX + token.value()).getBytes(StandardCharsets.US_ASCII);
    }
}
