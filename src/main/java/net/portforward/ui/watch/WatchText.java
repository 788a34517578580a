package net.portforward.ui.watch;

import net.portforward.ui.common.UiText;

/** The change watch's text, from the WatchText bundle. */
final class WatchText {
    private static final String BUNDLE = "net.portforward.ui.watch.WatchText";

    private WatchText() {
    }

    static String get(String key) {
        return UiText.bundle(BUNDLE).getString(key);
    }

    static String format(String key, Object... args) {
        return UiText.format(UiText.bundle(BUNDLE), key, args);
    }
}
