package net.portforward.ui.pinhole;

import net.portforward.ui.common.UiText;

/** The window's words for pinholes in the router's IPv6 firewall, from the PinholeText bundle. */
final class PinholeText {
    private static final String BUNDLE = "net.portforward.ui.pinhole.PinholeText";

    private PinholeText() {
    }

    static String get(String key) {
        return UiText.bundle(BUNDLE).getString(key);
    }

    static String format(String key, Object... args) {
        return UiText.format(UiText.bundle(BUNDLE), key, args);
    }
}
