package net.portforward.ui.ledger;

import net.portforward.ui.common.UiText;

/** Text of the keeping, preset, range, export and import views, from the LedgerText bundle. */
final class LedgerText {
    private static final String BUNDLE = "net.portforward.ui.ledger.LedgerText";

    private LedgerText() {
    }

    static String get(String key) {
        return UiText.bundle(BUNDLE).getString(key);
    }

    static String format(String key, Object... args) {
        return UiText.format(UiText.bundle(BUNDLE), key, args);
    }
}
