package net.portforward.lab;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one external command with a time limit and captures its output. */
public final class LabCommand {

    /** Outcome of one command; {@code exitCode} is -1 when it timed out and was killed. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {

        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** Both streams, for assertions on tools (upnpc) that mix them. */
        public String output() {
            return stdout + stderr;
        }

        /** Throws with the full output unless the command succeeded. */
        public Result orThrow() {
            if (!ok()) {
                throw new IllegalStateException("command failed: " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> " + (timedOut ? "TIMED OUT" : "exit " + exitCode)
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private LabCommand() {
    }

    public static Result run(Duration timeout, String... command) {
        return run(timeout, null, List.of(command));
    }

    /**
     * Output goes to temp files, not pipes: a daemon a command leaves behind
     * could hold a pipe open forever, a file it cannot.
     */
    public static Result run(Duration timeout, String stdin, List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("pf-lab-out", ".txt");
            err = Files.createTempFile("pf-lab-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            Process p = pb.start();
            if (stdin != null) {
                try (var in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            return new Result(List.copyOf(command), done ? p.exitValue() : -1,
                    new String(Files.readAllBytes(out), java.nio.charset.StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(err), java.nio.charset.StandardCharsets.UTF_8), !done);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
