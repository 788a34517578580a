package net.portforward.ledger.transfer;

import net.portforward.engine.error.Phrase;

/** What reading a table file and importing it tells: why a file or a line cannot be used, and what each line does. */
public enum TableFact implements Phrase {
    /** {0} the file */
    NO_SUCH_FILE,
    NOT_A_FILE,
    /** {0} the file, {1} the most megabytes */
    TOO_BIG,
    /** {0} the file, {1} the system's error */
    UNREADABLE,
    /** {0} the JSON reader's words */
    JSON_BROKEN,
    /** {0} the line, {1} what an object looks like */
    JSON_NOT_OBJECT,
    /** {0} the columns */
    CSV_HEADER,
    /** {0} the line where the quote opened */
    CSV_QUOTE,
    /** {0} fields in the line, {1} in the header */
    FIELD_COUNT,
    NOT_A_MAPPING,
    /** {0} the text */
    BAD_PROTOCOL,
    BAD_CLIENT,
    BAD_ENABLED,
    BAD_REMOTE,
    BAD_LEASE_TEXT,
    /** {0} the number */
    BAD_LEASE,
    /** {0} the column */
    MISSING,
    /** {0} the column, {1} its text */
    BAD_PORT,
    /** What each line does. {0} the line, {1} what */
    AT_LINE,
    /** {0} the key, {1} the line it was first given on */
    DUPLICATE,
    /** {0} the forward, {1} its description */
    WILL_ADD,
    /** {0} the forward */
    SAME,
    /** {0} the key, {1} the forward there, {2} its description, {3} the file's forward, {4} its description */
    CONFLICT,
    /** {0} the forward */
    ADDED,
    ADDED_OFF,
    /** {0} the key, {1} the failure */
    FAILED,
    /** {0}..{4} how many to add, identical, conflicts, repeated lines, invalid lines */
    PREVIEW,
    /** {0} the file, {1} the system's error */
    NOT_WRITTEN;

    @Override
    public String key() {
        return "table." + name();
    }
}
