package net.portforward.config;

import java.util.Locale;
import java.util.Optional;

/** How the window looks: following the desktop's dark setting, or always light or dark. */
public enum Theme {
    SYSTEM, LIGHT, DARK;

    /** As portforward.ini writes it: system, light, dark. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The theme a value of {@code [window] theme} names, ignoring case and spaces. */
    public static Optional<Theme> parse(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        for (Theme t : values()) {
            if (t.key().equals(v)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
