package net.portforward.desktop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.portforward.files.AtomicFile;

/**
 * Start at login by one file the desktop reads when the user logs in (an XDG autostart entry, a
 * macOS LaunchAgent): on while the file is there, written whole or not at all, removed to turn off.
 */
abstract class LoginFile implements Autostart {
    private final Path file;

    LoginFile(Path file) {
        this.file = file;
    }

    /** The file's whole content for starting {@code command}. */
    abstract String content(LaunchCommand command);

    Path file() {
        return file;
    }

    @Override
    public boolean isOn() {
        return Files.isRegularFile(file);
    }

    @Override
    public void turnOn(LaunchCommand command) throws IOException {
        AtomicFile.writeDocument(file, content(command));
    }

    @Override
    public void turnOff() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public String where() {
        return file.toString();
    }
}
