package net.portforward.ui.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import net.portforward.text.Failures;
import net.portforward.text.Words;

/**
 * The window's words: the main window's UiText bundle, and the language every bundle of the window
 * is read in. The window speaks the user's language ({@link Locale#getDefault()}) unless a language
 * was chosen with {@link #setLanguage}; bundles are looked up on each use (ResourceBundle caches
 * them), so a language chosen while the program runs applies to every window opened after.
 */
public final class UiText {
    private static final String BUNDLE = "net.portforward.ui.UiText";
    /**
     * No fallback to the computer's language: a user who chose English on a German computer gets
     * the English (base) bundle, not the German one, for a language PortForward has no words in.
     */
    private static final ResourceBundle.Control LOOKUP =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static volatile Locale chosen;

    private UiText() {
    }

    /** The language the window speaks: the chosen one, else the computer's. */
    public static Locale language() {
        Locale l = chosen;
        return l == null ? Locale.getDefault() : l;
    }

    /** Speaks {@code language} from now on; null follows the computer's language again. */
    public static void setLanguage(Locale language) {
        chosen = language;
    }

    /** One of the window's bundles (such as "net.portforward.ui.mapping.MappingText") in the window's language. */
    public static ResourceBundle bundle(String name) {
        return ResourceBundle.getBundle(name, language(), LOOKUP);
    }

    /** The text with {0}, {1}… filled in by MessageFormat rules (a quote is written '' in such a pattern). */
    public static String format(ResourceBundle bundle, String key, Object... args) {
        return new MessageFormat(bundle.getString(key), language()).format(args);
    }

    public static String get(String key) {
        return bundle(BUNDLE).getString(key);
    }

    /** The text with {0}, {1}… filled in (MessageFormat rules: a quote is written '' in the file). */
    public static String format(String key, Object... args) {
        return format(bundle(BUNDLE), key, args);
    }

    /** The engine's and command line's words (reasons, router answers) in the window's language. */
    public static Words words() {
        return Words.in(language());
    }

    /** What went wrong, as one sentence in the window's language. */
    public static String sentence(Throwable error) {
        return new Failures(words()).sentence(error);
    }
}
