package net.portforward.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a short system command (reg, gsettings, defaults) and hands back what it printed. */
@FunctionalInterface
public interface SystemCommand {

    /** What a command printed, and its exit code. */
    record Answer(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * Runs {@code command}; empty when it cannot start (not installed) or takes longer than the
     * limit, in which case it is ended.
     */
    Optional<Answer> run(List<String> command);

    /** The real one: the process's output and errors together, at most {@code limit} of waiting. */
    static SystemCommand withTimeout(Duration limit) {
        return command -> {
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException notThere) {
                return Optional.empty();
            }
            try {
                p.getOutputStream().close();
                // Answers are a line or two; read after exit so a hung command is not waited on twice.
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                try (InputStream in = p.getInputStream()) {
                    return Optional.of(new Answer(p.exitValue(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        };
    }
}
