package net.portforward.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The folders a settings value may name by shorthand: the user's home (for {@code ~/…}) and the
 * usual data folder (for an empty {@code data-dir}). {@link SettingsLoader} works them out for
 * this machine, in one place; tests name their own.
 */
public record UserFolders(Path home, Path defaultDataDir) {
    public UserFolders {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(defaultDataDir, "defaultDataDir");
    }
}
