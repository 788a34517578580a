package net.portforward.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-running program inside one lab namespace (the checker in pf-wan, the app's web server in
 * pf-lan), started with {@code ip netns exec} like every lab command, its output kept in a file.
 * {@code ip netns exec} execs the program, so stopping the process stops the program.
 */
final class LabBackground implements AutoCloseable {
    private final Process process;
    private final Path output;

    private LabBackground(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static LabBackground start(String namespace, List<String> command) {
        try {
            Path output = Files.createTempFile("pf-lab-bg", ".txt");
            List<String> full = new ArrayList<>(List.of(LabNetwork.which("ip").orElseThrow(), "netns", "exec", namespace));
            full.addAll(command);
            Process p = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            return new LabBackground(p, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code host:port} accepts TCP connections from inside {@code namespace}. */
    void awaitTcp(LabNetwork lab, String namespace, String host, int port, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        String probe = "exec 3<>/dev/tcp/" + host + "/" + port;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("exited with " + process.exitValue() + ":\n" + output());
            }
            LabCommand.Result r = namespace.equals(LabNetwork.WAN_NS) ? lab.inWan(Duration.ofSeconds(2), "bash", "-c", probe)
                    : lab.inLan(Duration.ofSeconds(2), "bash", "-c", probe);
            if (r.ok()) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException(host + ":" + port + " did not open within " + limit + "; output:\n" + output());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(output);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
