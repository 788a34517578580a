package net.portforward.cli;

import java.time.Duration;
import java.util.Optional;
import net.portforward.config.Durations;
import net.portforward.engine.error.InputMistake;
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
                CliMistake.PROTOCOL_NOT_TCP_UDP.with(text)));
    }

    static MappingKey key(CliArgs a, String usage) throws InvalidInputException {
        a.expectPositional(2, usage);
        return new MappingKey(protocol(a.positional().get(1)), MappingRules.parsePort(a.positional().get(0), InputMistake.EXTERNAL_PORT));
    }

    /** A lease in seconds ("3600"), or written like the settings' times ("2h", "1 day"); 0 is permanent. */
    static Duration lease(String text) throws InvalidInputException {
        Optional<Duration> lease = Durations.parse(text);
        if (lease.isEmpty() || lease.get().compareTo(MappingRules.MAX_LEASE) > 0) {
            throw new InvalidInputException(CliMistake.LEASE.with(text, MappingRules.MAX_LEASE.toSeconds()));
        }
        // Routers count leases in whole seconds; a part of one is not "permanent".
        return Duration.ofSeconds((lease.get().toMillis() + 999) / 1000);
    }
}
