package net.portforward.ui.ledger;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** Text of the keeping, preset, range, export and import views, from the LedgerText bundle. */
final class LedgerText {
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("net.portforward.ui.ledger.LedgerText");

    private LedgerText() {
    }

    static String get(String key) {
        return BUNDLE.getString(key);
    }

    static String format(String key, Object... args) {
        return new MessageFormat(BUNDLE.getString(key), BUNDLE.getLocale()).format(args);
    }
}
