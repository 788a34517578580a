package net.portforward.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's figures and the Markdown table they make: one row per scenario, PortForward's
 * median (min–max) beside the peer's median and their ratio.
 */
final class SpeedTable {
    /** How a row's numbers read: seconds from milliseconds, or megabytes from kilobytes. */
    enum Unit { SECONDS, MEGABYTES }

    /**
     * @param ours PortForward's measurements (ms or kB)
     * @param peer the peer's (empty when there is none)
     */
    record Row(String scenario, Unit unit, List<Long> ours, String peerName, List<Long> peer) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    synchronized void add(String scenario, Unit unit, List<Long> ours, String peerName, List<Long> peer) {
        if (!ours.isEmpty()) {
            rows.add(new Row(scenario, unit, List.copyOf(ours), peerName, List.copyOf(peer)));
        }
        System.out.println("SPEED " + scenario + ": " + ours + (peer.isEmpty() ? "" : " vs " + peerName + " " + peer));
    }

    synchronized void note(String text) {
        notes.add(text);
        System.out.println("SPEED note: " + text);
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String number(Unit unit, long value) {
        return unit == Unit.SECONDS ? String.format(Locale.ROOT, "%.2f s", value / 1000.0)
                : String.format(Locale.ROOT, "%d MB", Math.round(value / 1024.0));
    }

    synchronized String markdown(String machine) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(machine).append(".\n\n");
        md.append("| scenario | PortForward median (min–max) | peer median | ratio |\n|---|---|---|---|\n");
        for (Row r : rows) {
            long ours = median(r.ours());
            String range = r.ours().size() > 1 ? " (" + number(r.unit(), r.ours().stream().min(Long::compare).orElseThrow())
                    + "–" + number(r.unit(), r.ours().stream().max(Long::compare).orElseThrow()) + ")" : "";
            String peer = r.peer().isEmpty() ? "—" : r.peerName() + ": " + number(r.unit(), median(r.peer()));
            String ratio = r.peer().isEmpty() || median(r.peer()) == 0 ? "—"
                    : String.format(Locale.ROOT, "%.2fx", ours / (double) median(r.peer()));
            md.append("| ").append(r.scenario()).append(" | ").append(number(r.unit(), ours)).append(range)
                    .append(" (n=").append(r.ours().size()).append(") | ").append(peer).append(" | ").append(ratio)
                    .append(" |\n");
        }
        for (String n : notes) {
            md.append("\n- ").append(n);
        }
        return md.append('\n').toString();
    }

    /** This machine in one line: CPU model, cores, memory, and the load when the run ended. */
    static String machine() {
        try {
            String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
            String load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[2];
            return model + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + Math.round(memKb / 1024.0 / 1024.0) + " GB, Java " + System.getProperty("java.version")
                    + ", load average (15 min) " + load + " at the end";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
