package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the benchmark measures a program from outside, always inside pf-lan: a command's wall time
 * and CPU time ({@code /usr/bin/time}), and a window's time until X shows it mapped (xwininfo,
 * polled) with the memory it holds afterwards.
 */
final class SpeedRuns {
    /** One run of a command: wall time as this JVM saw it, CPU (user + system) as time(1) saw it. */
    record Timed(LabCommand.Result result, long wallMs, long cpuMs) {
    }

    /** One window start: until mapped, the CPU it had used by then, and its RSS once its table was read. */
    record WindowStart(long mappedMs, long cpuAtMappedMs, long rssKb) {
    }

    private static final long CLOCK_TICK_MS = 10; // USER_HZ 100 on Linux
    private static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(60);

    private final LabNetwork lab;
    private final Path work;
    private final Optional<String> time = LabNetwork.which("time");

    SpeedRuns(LabNetwork lab, Path work) {
        this.lab = lab;
        this.work = work;
    }

    boolean measuresCpu() {
        return time.isPresent();
    }

    /** Runs {@code command} in pf-lan; exit status checked by the caller. */
    Timed run(Duration limit, List<String> command) {
        try {
            Path cpu = Files.createTempFile(work, "cpu", ".txt");
            List<String> cmd = new ArrayList<>();
            if (time.isPresent()) {
                cmd.addAll(List.of(time.get(), "-f", "%U %S", "-o", cpu.toString()));
            }
            cmd.addAll(command);
            long start = System.nanoTime();
            LabCommand.Result r = lab.inLan(limit, cmd.toArray(String[]::new));
            long wall = (System.nanoTime() - start) / 1_000_000;
            long cpuMs = -1;
            String text = Files.readString(cpu).strip();
            if (!text.isEmpty()) {
                String[] us = text.lines().reduce((a, b) -> b).orElseThrow().split(" ");
                cpuMs = Math.round((Double.parseDouble(us[0]) + Double.parseDouble(us[1])) * 1000);
            }
            return new Timed(r, wall, cpuMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a window program in pf-lan on {@code display}, measures until X shows a window titled
     * PortForward as viewable, then waits {@code settle} (its search and table read) and reads its
     * RSS. {@code command} must exec the JVM itself (ip netns exec and env do), so the process is it.
     */
    WindowStart window(int display, List<String> command, Duration settle, Path log) throws InterruptedException {
        List<String> cmd = new ArrayList<>(lab.lanCommandPrefix());
        cmd.addAll(command);
        Process app;
        long start = System.nanoTime();
        try {
            app = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            String xwininfo = LabNetwork.which("xwininfo").orElseThrow();
            long end = start + WINDOW_TIMEOUT.toNanos();
            long mapped = -1;
            long cpu = -1;
            while (System.nanoTime() < end) {
                LabCommand.Result r = lab.inLan(Duration.ofSeconds(10), xwininfo, "-display", ":" + display,
                        "-name", "PortForward");
                if (r.ok() && r.stdout().contains("Map State: IsViewable")) {
                    mapped = (System.nanoTime() - start) / 1_000_000;
                    cpu = cpuMs(app.pid());
                    break;
                }
                assertTrue(app.isAlive(), () -> "the window program ended: " + read(log));
                Thread.sleep(20);
            }
            assertTrue(mapped >= 0, () -> "no PortForward window within " + WINDOW_TIMEOUT + ": " + read(log));
            Thread.sleep(settle.toMillis());
            assertTrue(app.isAlive(), () -> "the window program ended: " + read(log));
            return new WindowStart(mapped, cpu, statusKb(app.pid(), "VmRSS"));
        } finally {
            WindowLabIT.stop(app);
        }
    }

    /** User + system CPU of a running process, from /proc/PID/stat. */
    static long cpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * CLOCK_TICK_MS; // utime, stime
        } catch (IOException e) {
            return -1;
        }
    }

    static long statusKb(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(l -> l.startsWith(field + ":")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
