package net.portforward.ui.common;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The main window's text, from the UiText bundle (English first). */
public final class UiText {
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("net.portforward.ui.UiText");

    private UiText() {
    }

    public static String get(String key) {
        return BUNDLE.getString(key);
    }

    /** The text with {0}, {1}… filled in (MessageFormat rules: a quote is written '' in the file). */
    public static String format(String key, Object... args) {
        return new MessageFormat(BUNDLE.getString(key), BUNDLE.getLocale()).format(args);
    }
}
