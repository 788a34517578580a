package net.portforward.cli;

import java.time.Duration;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.Protocol;

/** Reads mapping values from the command line, with messages that name the bad value. */
final class MappingArgs {
    private MappingArgs() {
    }

    static Protocol protocol(String text) throws InvalidInputException {
        return Protocol.parse(text).orElseThrow(() -> new InvalidInputException(
                "Protocol \"" + text + "\" is neither TCP nor UDP."));
    }

    static MappingKey key(CliArgs a, String usage) throws InvalidInputException {
        a.expectPositional(2, usage);
        return new MappingKey(protocol(a.positional().get(1)), MappingRules.parsePort(a.positional().get(0), "External port"));
    }

    static Duration lease(String text) throws InvalidInputException {
        try {
            long seconds = Long.parseLong(text.trim());
            if (seconds < 0 || seconds > MappingRules.MAX_LEASE.toSeconds()) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Lease \"" + text + "\" must be a number of seconds from 0 (permanent) to 604800.");
        }
    }
}
