package net.portforward.ui.pinhole;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The window's words for pinholes in the router's IPv6 firewall, from the PinholeText bundle. */
final class PinholeText {
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("net.portforward.ui.pinhole.PinholeText");

    private PinholeText() {
    }

    static String get(String key) {
        return BUNDLE.getString(key);
    }

    static String format(String key, Object... args) {
        return new MessageFormat(BUNDLE.getString(key), BUNDLE.getLocale()).format(args);
    }
}
