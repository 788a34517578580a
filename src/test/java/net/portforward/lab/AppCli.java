package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the app's command line ({@code java -jar portforward.jar COMMAND}) inside pf-lan, never in
 * the host namespace. Every run gets this helper's own settings file (data folder in a temp dir) and
 * a temp HOME, so nothing touches the real user folders. The jar comes from
 * {@code -Dportforward.jar=PATH}, default {@code target/portforward.jar} (built by {@code mvn package}).
 */
final class AppCli {

    static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    /** What both upnpc and the app say a mapping is; lease left aside since it counts down. */
    record Mapping(String protocol, int externalPort, String internalClient, int internalPort, String description) {
    }

    private final LabNetwork lab;
    private final Path jar;
    private final Path config;
    private final Path home;
    private final Path dataDir;

    AppCli(LabNetwork lab, Path workDir) {
        this.lab = lab;
        this.jar = Path.of(System.getProperty("portforward.jar", "target/portforward.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no app jar at " + jar + ": build it with mvn package");
        this.config = workDir.resolve("portforward-lab.ini");
        this.home = workDir.resolve("home");
        this.dataDir = workDir.resolve("data");
        try {
            Files.createDirectories(home);
            Files.createDirectories(dataDir);
            writeLabSettings(config, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The settings every lab run of the app uses: short discovery, no event listener, no web
     * server, no checkers, and data in the test's own folder.
     */
    static void writeLabSettings(Path config, Path dataDir) throws IOException {
        Files.writeString(config, """
                [discovery]
                timeout = 3s
                grace = 300ms
                [events]
                listen = false
                [webserver]
                start = false
                [proxies]
                [storage]
                data-dir = %s
                """.formatted(dataDir));
    }

    /** One CLI run in pf-lan; {@code millis} is the wall time of the whole process. */
    record Run(LabCommand.Result result, long millis) {
        int exit() {
            return result.exitCode();
        }

        String out() {
            return result.stdout();
        }

        String err() {
            return result.stderr();
        }

        @Override
        public String toString() {
            return result + "\n(" + millis + " ms)";
        }
    }

    Run run(String... args) {
        return run(RUN_TIMEOUT, args);
    }

    /** As {@link #run(String...)}, for commands a slow router makes long (big tables). */
    Run run(Duration timeout, String... args) {
        List<String> cmd = command(config, args);
        long start = System.nanoTime();
        LabCommand.Result r = lab.inLan(timeout, cmd.toArray(String[]::new));
        return new Run(r, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * As {@link #run(String...)} for a German user. The lab machine may lack the de_DE locale, so
     * Java is told the language as LANG=de_DE.UTF-8 would tell it; LC_ALL=C.UTF-8 keeps the output UTF-8.
     */
    Run runInGerman(String... args) {
        List<String> cmd = new ArrayList<>(command(config, args));
        cmd.addAll(cmd.indexOf("-jar"), List.of("-Duser.language=de", "-Duser.country=DE"));
        long start = System.nanoTime();
        LabCommand.Result r = lab.inLan(RUN_TIMEOUT, cmd.toArray(String[]::new));
        return new Run(r, (System.nanoTime() - start) / 1_000_000);
    }

    /** The settings file every run uses (for {@link #start}). */
    Path settings() {
        return config;
    }

    /** The app's command line with this helper's settings and HOME, for any namespace (the checker runs in pf-wan). */
    /** The app's jar, for a benchmark that starts other classes from it. */
    Path jar() {
        return jar;
    }

    List<String> javaCommand(String... args) {
        return command(config, args);
    }

    private List<String> command(Path settings, String... args) {
        // LC_ALL: the app reads its arguments and writes its output as UTF-8, as the tests read them.
        // --default-signal=INT: a suite started in the background (nohup, a CI runner) passes
        // SIGINT on as ignored, and a JVM that starts with it ignored never runs its shutdown
        // hooks on Ctrl+C; a user's terminal gives the app the default, so the tests do too.
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT", "LC_ALL=C.UTF-8", "HOME=" + home,
                "XDG_CONFIG_HOME=" + home.resolve(".config"), "XDG_DATA_HOME=" + home.resolve(".local/share"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--config", settings.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Settings like the usual lab ones with an [events] section of the test's own, such as
     * {@code listen = true} and {@code poll-interval = 2s}.
     */
    Path settingsWithEvents(String name, String events) {
        Path file = config.resolveSibling(name + ".ini");
        try {
            writeLabSettings(file, dataDir);
            Files.writeString(file, Files.readString(file).replace("[events]\nlisten = false\n", "[events]\n" + events + "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Starts a long-running command (such as {@code watch}) in pf-lan with the given settings. */
    AppProcess start(Path settings, String... args) {
        List<String> cmd = new ArrayList<>(lab.lanCommandPrefix());
        cmd.addAll(command(settings, args));
        return AppProcess.start(cmd);
    }

    /**
     * Starts the window ({@code java -jar portforward.jar} with no command) in pf-lan on the X
     * display {@code :display}, with the given settings: the app as a user starts it.
     */
    AppProcess startWindow(Path settings, int display, String... args) {
        List<String> cmd = new ArrayList<>(lab.lanCommandPrefix());
        List<String> app = new ArrayList<>(command(settings, args));
        app.add(1, "DISPLAY=:" + display); // right after "env"
        cmd.addAll(app);
        return AppProcess.start(cmd);
    }

    /** Runs and asserts success: exit 0 and nothing on stderr. */
    Run ok(String... args) {
        Run r = run(args);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().isBlank(), () -> "stderr on success: " + r);
        return r;
    }

    /** Runs and asserts a failure with this exit code and exactly one clean line on stderr. */
    Run fails(int exitCode, String... args) {
        Run r = run(args);
        assertEquals(exitCode, r.exit(), r::toString);
        assertOneCleanLine(r);
        return r;
    }

    static void assertOneCleanLine(Run r) {
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(1, lines.size(), () -> "want one line on stderr: " + r);
        assertFalse(lines.get(0).isBlank(), r::toString);
        assertFalse(r.err().contains("\tat "), () -> "stack trace: " + r);
        assertFalse(r.err().contains("Exception"), () -> "exception name: " + r);
    }

    /** {@code list --json} as parsed objects. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> listJson(String... globals) {
        String[] args = Stream.concat(Stream.of(globals), Stream.of("list", "--json")).toArray(String[]::new);
        return (List<Map<String, Object>>) parseJson(ok(args).out());
    }

    Set<Mapping> appMappings(String... globals) {
        return mappingsOfApp(listJson(globals));
    }

    Set<Mapping> upnpcMappings() {
        return mappingsOfUpnpc(lab.listMappings());
    }

    static Set<Mapping> mappingsOfApp(Collection<Map<String, Object>> json) {
        return json.stream().map(o -> new Mapping((String) o.get("protocol"), ((Number) o.get("externalPort")).intValue(),
                (String) o.get("internalClient"), ((Number) o.get("internalPort")).intValue(),
                (String) o.get("description"))).collect(Collectors.toSet());
    }

    static Set<Mapping> mappingsOfUpnpc(Collection<UpnpcListing.Row> rows) {
        return rows.stream().map(r -> new Mapping(r.protocol(), r.externalPort(), r.internalClient(), r.internalPort(),
                r.description())).collect(Collectors.toSet());
    }

    /** Deletes every mapping the router lists (via upnpc) and the app's own data: a clean start. */
    void reset() {
        if (!lab.routerRunning()) {
            lab.startRouter();
        }
        for (UpnpcListing.Row row : lab.listMappings()) {
            lab.upnpcDirect("-d", String.valueOf(row.externalPort()), row.protocol()).orThrow();
        }
        assertEquals(List.of(), lab.listMappings());
        // The data folder holds files and folders (the ledger's sessions/): empty it all.
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!f.equals(dataDir)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app's JSON output, read with the app's own reader; whole numbers as Long, others as Double. */
    static Object parseJson(String text) {
        return plainNumbers(net.portforward.json.JsonReader.parse(text));
    }

    private static Object plainNumbers(Object v) {
        if (v instanceof java.math.BigDecimal n) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException notWhole) {
                return n.doubleValue();
            }
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, plainNumbers(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(AppCli::plainNumbers).toList();
        }
        return v;
    }
}
