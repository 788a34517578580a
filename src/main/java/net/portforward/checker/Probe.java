package net.portforward.checker;

import java.time.Duration;
import net.portforward.reach.CheckProtocol;

/** What connecting back found. {@code latency} runs from the first packet to the answer (or the give-up). */
record Probe(CheckProtocol.Outcome outcome, Duration latency, String detail) {
    boolean reachable() {
        return outcome == CheckProtocol.Outcome.TOKEN;
    }
}
