package net.portforward.ledger;

import net.portforward.engine.error.Phrase;

/** What a batch of forwards or pinholes tells, step by step and one by one (see {@link MappingResult}). */
public enum LedgerFact implements Phrase {
    /** Steps: {0} the forward (or its key), {1} which, {2} of how many */
    STEP_ADDING,
    STEP_REMOVING,
    STEP_CHECKING,
    /** {0} the pinhole's key */
    STEP_RENEWING_PINHOLE,
    /** Results: {0} the forward */
    ADDED,
    /** {0} a result, {1} the notes that go with it */
    WITH_NOTES,
    /** {0} the key */
    CANCELLED_BEFORE,
    STOPPED_BEFORE,
    /** {0} the key or the forward, {1} the failure */
    FAILED_AT,
    COULD_NOT_PUT_BACK,
    COULD_NOT_REMOVE,
    COULD_NOT_RENEW,
    COULD_NOT_RENEW_PINHOLE,
    COULD_NOT_CLOSE_PINHOLE,
    /** {0} the key */
    NOT_ON_ROUTER,
    /** {0} the key, {1} the forward another device has there */
    LEFT_ALONE,
    /** {0} the forward */
    REMOVED,
    ALREADY_GONE,
    ON_ROUTER,
    /** {0} the key, {1} the forward there, {2} ours */
    NOT_PUT_BACK,
    /** {0} the forward */
    ASKED_AGAIN,
    PUT_BACK,
    /** {0} the forward, {1} its lease */
    RENEWED,
    /** {0} the pinhole's key */
    CLOSED_PINHOLE,
    /** {0} the counts (a list of the kinds, each with its count), {1} the first failures, {2} how many more */
    SUMMARY,
    SUMMARY_FAILED,
    SUMMARY_MORE,
    NOTHING_TO_DO,
    /** {0} how many temporary forwards, {1} their keys (the first few) */
    TEMPORARY_FORWARDS,
    TEMPORARY_FORWARDS_MORE,
    /** {0} how many temporary pinholes, {1} their keys */
    TEMPORARY_PINHOLES,
    TEMPORARY_PINHOLES_MORE,
    /** {0} the record's file, {1} the system's error */
    CANNOT_SAVE,
    CANNOT_READ,
    CANNOT_SAVE_PINHOLES,
    CANNOT_READ_PINHOLES;

    @Override
    public String key() {
        return "ledger." + name();
    }
}
