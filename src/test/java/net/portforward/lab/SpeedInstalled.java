package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.portforward.lab.SpeedTable.Unit;

/**
 * The installed app, as a user starts it: the .deb that {@code -Pinstaller} built is installed with
 * dpkg (in the host: dpkg sends nothing), its command ({@code /usr/bin/portforward}, which the menu
 * entry runs too) runs inside pf-lan, and the package is purged afterwards. For comparison one row
 * runs jpackage's own launcher, which asks dpkg who owns it at every start. Skipped with a note when there is no .deb, or PortForward is installed already.
 */
final class SpeedInstalled {
    static final Path COMMAND = PackageLabIT.COMMAND;
    static final Path LAUNCHER = PackageLabIT.LAUNCHER;
    static final Duration DPKG = Duration.ofMinutes(3);

    private SpeedInstalled() {
    }

    static void measure(LabNetwork lab, SpeedRuns runs, Path work, SpeedTable table) throws Exception {
        Optional<Path> deb = deb();
        if (deb.isEmpty()) {
            table.note("The installed app was not measured: no .deb in target/installer (add -Pinstaller).");
            return;
        }
        if (PackageLabIT.installed()) {
            table.note("The installed app was not measured: PortForward is installed on this machine already.");
            return;
        }
        LabCommand.run(DPKG, dpkg("-i", deb.get().toString())).orThrow();
        try {
            Path home = Files.createDirectories(work.resolve("installed-home"));
            Path config = work.resolve("installed.ini");
            AppCli.writeLabSettings(config, Files.createDirectories(work.resolve("installed-data")));
            List<String> env = List.of("env", "LC_ALL=C.UTF-8", "HOME=" + home, "XDG_CONFIG_HOME=" + home.resolve(".config"),
                    "XDG_DATA_HOME=" + home.resolve(".local/share"));
            List<Long> wall = new ArrayList<>();
            List<Long> cpu = new ArrayList<>();
            List<Long> direct = new ArrayList<>();
            List<Long> launcher = new ArrayList<>();
            for (int i = 0; i < SpeedBenchLabIT.RUNS; i++) {
                SpeedRuns.Timed t = runs.run(SpeedBenchLabIT.RUN_LIMIT, concat(env, COMMAND.toString(), "--config",
                        config.toString(), "list"));
                assertEquals(0, t.result().exitCode(), t.result()::toString);
                assertTrue(t.result().stdout().contains("7001"), t.result()::toString);
                wall.add(t.wallMs());
                cpu.add(t.cpuMs());
                SpeedRuns.Timed d = runs.run(SpeedBenchLabIT.RUN_LIMIT, concat(env, COMMAND.toString(), "--config",
                        config.toString(), "--router", LabNetwork.ROOT_DESC_URL, "list"));
                assertEquals(0, d.result().exitCode(), d.result()::toString);
                direct.add(d.wallMs());
                SpeedRuns.Timed l = runs.run(SpeedBenchLabIT.RUN_LIMIT, concat(env, LAUNCHER.toString(), "--config",
                        config.toString(), "--router", LabNetwork.ROOT_DESC_URL, "list"));
                assertEquals(0, l.result().exitCode(), l.result()::toString);
                launcher.add(l.wallMs());
            }
            table.add("installed `portforward list`, with discovery (gateway remembered)", Unit.SECONDS, wall, "", List.of());
            if (runs.measuresCpu()) {
                table.add("installed `portforward list`, CPU", Unit.SECONDS, cpu, "", List.of());
            }
            table.add("installed `portforward --router URL list`", Unit.SECONDS, direct, "", List.of());
            table.add("the same through jpackage's launcher (`" + LAUNCHER + "`)", Unit.SECONDS, launcher, "", List.of());

            List<Long> mapped = new ArrayList<>();
            List<Long> mappedCpu = new ArrayList<>();
            List<Long> rss = new ArrayList<>();
            try (WindowLabIT.Xvfb x = WindowLabIT.Xvfb.start(work)) {
                for (int i = 0; i < Math.min(SpeedBenchLabIT.RUNS, 5); i++) {
                    List<String> cmd = new ArrayList<>(env);
                    cmd.add(1, "DISPLAY=:" + x.display);
                    cmd.addAll(List.of(COMMAND.toString(), "--config", config.toString()));
                    SpeedRuns.WindowStart w = runs.window(x.display, cmd, SpeedBenchLabIT.WINDOW_SETTLES,
                            SpeedBenchLabIT.OUT.resolve("installed-window.log"));
                    mapped.add(w.mappedMs());
                    mappedCpu.add(w.cpuAtMappedMs());
                    rss.add(w.rssKb());
                }
            }
            table.add("installed app: window mapped on Xvfb", Unit.SECONDS, mapped, "", List.of());
            table.add("installed app: window mapped, CPU by then", Unit.SECONDS, mappedCpu, "", List.of());
            table.add("installed app: RSS after the table is read", Unit.MEGABYTES, rss, "", List.of());
        } finally {
            LabCommand.Result purged = LabCommand.run(DPKG, dpkg("--purge", PackageLabIT.PACKAGE));
            assertTrue(purged.ok(), purged::toString);
        }
    }

    private static Optional<Path> deb() throws IOException {
        Path dir = Path.of("target", "installer");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst().map(Path::toAbsolutePath);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    /** dpkg wants the sbin folders (ldconfig) on its PATH, which a user's PATH may lack. */
    private static String[] dpkg(String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                LabNetwork.which("dpkg").orElseThrow()));
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }
}
