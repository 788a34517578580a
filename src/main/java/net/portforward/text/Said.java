package net.portforward.text;

/**
 * A failure in the words of the language this program runs in, for the ledger's results of a
 * batch (adds, renewals, restored forwards), which front ends print as they are. Until those
 * results carry the failure itself, this keeps them explained rather than technical.
 */
public final class Said {
    private Said() {
    }

    public static String sentence(Throwable failure) {
        return new Failures(Words.forDefaultLocale()).sentence(failure);
    }
}
