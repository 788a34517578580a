package net.portforward.ledger.preset;

import net.portforward.engine.error.Phrase;

/** What presets and port specifications tell when something in them cannot be used. */
public enum PresetFact implements Phrase {
    /** {0} the name asked for, {1} the presets there are */
    NO_SUCH_PRESET,
    BAD_NAME,
    NO_PORTS,
    /** {0} the name */
    BUILT_IN,
    NOT_YOURS,
    /** {0} the file, {1} the system's error */
    CANNOT_SAVE,
    CANNOT_READ,
    /** {0} the file, {1} the problems */
    FILE_PROBLEMS,
    /** {0} the line number */
    LINE_NOT_A_NAME,
    LINE_BEFORE_NAME,
    /** {0} the line number, {1} what is wrong with it */
    LINE_PROBLEM,
    /** {0} first, {1} last */
    RANGE_BACKWARDS,
    /** {0} how many, {1} the most */
    TOO_MANY,
    /** {0} the text */
    NOT_PORTS,
    NOT_A_PROTOCOL,
    NOT_A_RANGE;

    @Override
    public String key() {
        return "preset." + name();
    }
}
