package net.portforward.engine.error;

/** A file of PortForward's own that could not be read or written: {0} the file, {1} the system's error. */
public enum FileTrouble implements Phrase {
    SAVE_PARKED,
    READ_PARKED,
    PCP_KEY;

    @Override
    public String key() {
        return "file." + name();
    }
}
