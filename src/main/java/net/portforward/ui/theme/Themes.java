package net.portforward.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.value.ObservableValue;
import net.portforward.config.Theme;

/**
 * Puts the window's theme on: AtlantaFX's Primer, light or dark, as the user agent stylesheet of
 * the whole app, so the main window, every dialog and every popup change together and at once.
 * portforward.css uses the theme's looked-up colours (-color-fg-muted, -color-danger-fg, …) and
 * so follows. FX thread.
 */
public final class Themes {
    /*
     * The binary stylesheets AtlantaFX ships beside its CSS: parsing the 170 KB text CSS took a
     * large part of the window's first frame on a cold JVM (measured in the notes of the speed issue).
     */
    private static final String LIGHT = new PrimerLight().getUserAgentStylesheetBSS();
    private static final String DARK = new PrimerDark().getUserAgentStylesheetBSS();

    private Themes() {
    }

    /**
     * Applies {@code theme}; {@link Theme#SYSTEM} is dark when {@code desktopIsDark} (read off the
     * FX thread beforehand).
     */
    public static void apply(Theme theme, boolean desktopIsDark) {
        Application.setUserAgentStylesheet(isDark(theme, desktopIsDark) ? DARK : LIGHT);
    }

    /**
     * Follows a theme choice as it changes ("light", "dark", "system", as the settings dialog
     * types it), so the user sees the choice before OK; the caller applies the saved one again on Cancel.
     */
    public static void preview(ObservableValue<String> choice, boolean desktopIsDark) {
        choice.addListener((o, was, now) -> Theme.parse(now).ifPresent(t -> apply(t, desktopIsDark)));
    }

    public static boolean isDark(Theme theme, boolean desktopIsDark) {
        return theme == Theme.DARK || theme == Theme.SYSTEM && desktopIsDark;
    }

    /** True while the dark theme is on. */
    public static boolean darkIsOn() {
        return DARK.equals(Application.getUserAgentStylesheet());
    }
}
