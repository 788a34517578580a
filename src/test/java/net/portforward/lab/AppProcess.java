package net.portforward.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A command of the app that keeps running (such as {@code watch}) inside pf-lan: its output lines
 * with the time each arrived, and a Ctrl+C (SIGINT) to stop it as a user would.
 */
final class AppProcess implements AutoCloseable {
    /** One line of output and when this test saw it (System.nanoTime). */
    record Line(long nanos, String text) {
    }

    private final Process process;
    private final BlockingQueue<Line> out = new LinkedBlockingQueue<>();
    private final StringBuffer err = new StringBuffer();

    private AppProcess(Process process) {
        this.process = process;
        reader(process.inputReader(StandardCharsets.UTF_8), line -> out.add(new Line(System.nanoTime(), line)));
        reader(process.errorReader(StandardCharsets.UTF_8), line -> err.append(line).append('\n'));
    }

    static AppProcess start(List<String> command) {
        try {
            // "ip netns exec" and "env" exec the next program, so this process is the JVM itself.
            return new AppProcess(new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private static void reader(BufferedReader r, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (r) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "lab-app-output");
        t.setDaemon(true);
        t.start();
    }

    /** The next line of standard output, or null when none comes within {@code limit}. */
    Line nextLine(Duration limit) throws InterruptedException {
        return out.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the program to end by itself: its exit code, or -1 when it still runs after {@code limit}. */
    int waitFor(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    String stderr() {
        return err.toString();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until standard error holds {@code text}; false when it does not within {@code limit}. */
    boolean awaitStderr(String text, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!err.toString().contains(text)) {
            if (System.nanoTime() > end || !process.isAlive()) {
                return err.toString().contains(text);
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * Ctrl+C, and the exit code; -1 if it did not end within {@code limit}, after printing the
     * app's threads (jcmd Thread.print) so a hang says where it hangs.
     */
    int interrupt(Duration limit) throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        System.out.println("The app did not end within " + limit.toSeconds() + " s of Ctrl+C; its threads:\n"
                + threadDump());
        return -1;
    }

    private String threadDump() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(20, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "(jcmd failed: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
