package net.portforward.config;

/**
 * Settings could not be loaded at all, for a reason the user must fix before PortForward can run
 * as asked (so far: a {@code --config} file that is missing or unreadable). The message is a
 * complete sentence for the user. Problems PortForward can work around are not thrown; they go
 * to {@link Settings#problems()}.
 */
public final class SettingsException extends Exception {

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
