package net.portforward.engine.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one of the system's route-table tools (Windows route.exe, macOS route and netstat) the way
 * {@link DefaultRoute} may: by absolute path and without a shell, with nothing on its input, its
 * errors discarded, its output cut at {@link #MAX_OUTPUT_BYTES}, and killed after
 * {@link #TIME_LIMIT}. Every failure (missing tool, non-zero exit, too slow, too much output)
 * means "unknown": an empty result, never an exception.
 */
final class RouteCommand {
    /** A route table with hundreds of VPN routes is about 30 KB; anything longer is not one. */
    static final int MAX_OUTPUT_BYTES = 64 * 1024;
    /** route.exe answers in well under a second; a tool that hangs must not hold discovery. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(2);

    /** Runs a command line; tests pass captured outputs instead. */
    interface Runner {
        Optional<String> run(List<String> command);
    }

    private RouteCommand() {
    }

    static Optional<String> run(List<String> command) {
        return run(command, TIME_LIMIT);
    }

    static Optional<String> run(List<String> command, Duration limit) {
        Process process = null;
        try {
            process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            InputStream out = process.getInputStream();
            // Read beside the wait, so a tool that fills its pipe cannot make us wait forever.
            FutureTask<byte[]> reading = new FutureTask<>(() -> out.readNBytes(MAX_OUTPUT_BYTES + 1));
            Thread reader = new Thread(reading, "portforward-route-read");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            byte[] bytes = reading.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (bytes.length > MAX_OUTPUT_BYTES) {
                return Optional.empty();
            }
            // The tools print ASCII where it matters (addresses, numbers); Windows writes headings
            // in the console's OEM code page, which ISO-8859-1 reads without ever failing.
            return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            return Optional.empty(); // no such tool, not allowed to run it, or it misbehaved
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
