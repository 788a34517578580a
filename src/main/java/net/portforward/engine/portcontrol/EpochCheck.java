package net.portforward.engine.portcontrol;

import java.time.Duration;

/**
 * What one epoch value said about the gateway, compared with the one before it.
 *
 * @param previousEpoch the gateway's epoch before this one, -1 at first sight
 * @param epoch the gateway's epoch now (seconds since it started its mapping table)
 * @param ourElapsed our own time between the two answers, zero at first sight
 */
public record EpochCheck(Verdict verdict, long previousEpoch, long epoch, Duration ourElapsed) {

    public enum Verdict {
        /** The first answer from this gateway: nothing to compare it with, so it is taken as valid. */
        FIRST_SIGHT(false),
        /** The gateway's time went on as ours did: it kept its state. */
        CONSISTENT(false),
        /** The gateway's time went back by more than a second: it started again. */
        WENT_BACK(true),
        /** The gateway's time went on much slower than ours: it started again since the last answer. */
        TOO_SLOW(true),
        /** The gateway's time went on much faster than ours: its epoch is not the one we knew. */
        TOO_FAST(true);

        private final boolean lostState;

        Verdict(boolean lostState) {
            this.lostState = lostState;
        }

        /** True when the gateway may have lost its mappings: renew them all now (RFC 6887 section 8.5). */
        public boolean lostState() {
            return lostState;
        }
    }

    /** True when the gateway may have lost its mappings and they should be renewed at once. */
    public boolean gatewayLostState() {
        return verdict.lostState();
    }
}
