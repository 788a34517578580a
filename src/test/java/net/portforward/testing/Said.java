package net.portforward.testing;

import java.util.Locale;
import net.portforward.text.Failures;
import net.portforward.text.Words;

/** What a user reads for a failure, in English: the words the command line and the window print. */
public final class Said {
    public static final Words ENGLISH = Words.in(Locale.ENGLISH);

    private Said() {
    }

    public static String said(Throwable failure) {
        return new Failures(ENGLISH).sentence(failure);
    }
}
