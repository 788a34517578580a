package net.portforward.ui.watch;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The change watch's text, from the WatchText bundle. */
final class WatchText {
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("net.portforward.ui.watch.WatchText");

    private WatchText() {
    }

    static String get(String key) {
        return BUNDLE.getString(key);
    }

    static String format(String key, Object... args) {
        return new MessageFormat(BUNDLE.getString(key), BUNDLE.getLocale()).format(args);
    }
}
