package net.portforward.engine.pinhole;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the router says of an open pinhole: whether traffic has come through it
 * (CheckPinholeWorking) and how many packets (GetPinholePackets). Empty where the router cannot
 * tell: CheckPinholeWorking is optional in the spec, and PCP has neither.
 */
public record PinholeCheck(Optional<Boolean> working, OptionalLong packets) {
    public static final PinholeCheck UNKNOWN = new PinholeCheck(Optional.empty(), OptionalLong.empty());
}
