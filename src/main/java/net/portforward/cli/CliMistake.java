package net.portforward.cli;

import net.portforward.engine.error.Phrase;

/** What is wrong with a command line, said before anything is sent to a router. */
enum CliMistake implements Phrase {
    /** {0} the option */
    UNKNOWN_OPTION,
    NEEDS_VALUE,
    /** {0} the usage */
    USAGE,
    /** {0} the URL given */
    ROUTER_NOT_URL,
    /** {0} the protocol given, {1} what is wrong with it */
    PROTOCOL,
    /** {0} the text given */
    TIMEOUT,
    /** {0} the text given */
    PROTOCOL_NOT_TCP_UDP,
    /** {0} the text given, {1} the longest lease in seconds */
    LEASE,
    JSON_AND_CSV,
    /** {0} the usage */
    NOTHING_TO_CHANGE,
    RANGE_WITH_IPV6,
    IPV6_WITH_CLIENT,
    /** {0} the text given */
    COUNT,
    PINHOLE_LEASE,
    /** {0} the key */
    NO_PINHOLE_OF_OURS,
    PRESET_SAVE_USAGE,
    /** {0} the action, {1} the usage */
    PRESET_ACTION,
    /** {0} the text given */
    TRUST_PROXY,
    LISTEN,
    /** {0} what --checker is wrong about */
    CHECKER,
    KEEP_AND_FOR_NOW,
    HOLD_WITHOUT_FOR_NOW,
    /** {0} the text given */
    HOLD;

    @Override
    public String key() {
        return "cli.mistake." + name();
    }
}
