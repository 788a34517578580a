package net.portforward.lab;

import static net.portforward.lab.LabNetwork.LAN_HOST_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.portforward.lab.SpeedTable.Unit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The side-by-side benchmark (README, "Speed"): PortForward against miniupnpc's upnpc on the real
 * miniupnpd, every program inside pf-lan, and a Markdown table at the end (also in
 * target/bench/speed.md). Not a timed test: it asserts only that each run did its job. Tagged
 * "bench", so the lab suite and CI leave it out; {@code sudo mvn -o verify -Pbench} runs it, and
 * with {@code -Pbench,installer} it also installs the .deb for the installed app's figures.
 */
@Tag("bench")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpeedBenchLabIT {
    static final int RUNS = Integer.getInteger("bench.runs", 7);
    static final Path OUT = Path.of("target", "bench").toAbsolutePath();
    static final Path JSA = Path.of("target", "portforward.jsa").toAbsolutePath();
    static final Duration RUN_LIMIT = Duration.ofSeconds(120);
    /** The lab settings' search (3 s at most, it ends on the gateway's answer) and a table read. */
    static final Duration WINDOW_SETTLES = Duration.ofSeconds(5);
    static final SpeedTable TABLE = new SpeedTable();

    static Path work;
    static LabNetwork lab;
    static AppCli app;
    static SpeedRuns runs;

    @BeforeAll
    static void startLab() throws IOException {
        LabNetwork.assumeAvailable();
        Files.createDirectories(OUT);
        work = Files.createTempDirectory("pf-bench-");
        lab = LabNetwork.start(LabVariant.IGD2_PUBLIC);
        app = new AppCli(lab, work.resolve("app"));
        runs = new SpeedRuns(lab, work);
        lab.upnpcDirect("-e", "bench", "-a", LAN_HOST_IP, "7001", "7001", "TCP", "0").orThrow();
    }

    @AfterAll
    static void printTable() throws IOException {
        if (lab != null) {
            lab.close();
        }
        String md = TABLE.markdown(SpeedTable.machine());
        Files.writeString(OUT.resolve("speed.md"), md);
        System.out.println("\n==== PortForward speed (also in " + OUT.resolve("speed.md") + ") ====\n" + md);
    }

    /** The app's command line with JVM options before -jar. */
    private static List<String> java(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(app.javaCommand(args));
        cmd.addAll(cmd.indexOf("-jar"), jvmOptions);
        return cmd;
    }

    private static List<String> upnpc(String... args) {
        List<String> cmd = new ArrayList<>(List.of(LabNetwork.which("upnpc").orElseThrow()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static SpeedRuns.Timed ok(List<String> command, String mustPrint) {
        SpeedRuns.Timed t = runs.run(RUN_LIMIT, command);
        assertEquals(0, t.result().exitCode(), t.result()::toString);
        assertTrue(t.result().stdout().contains(mustPrint), t.result()::toString);
        return t;
    }

    /** Runs each command {@link #RUNS} times, interleaved so a busy moment of the machine hits both. */
    private static void compare(String scenario, List<String> ours, Runnable beforeOurs, String peerName,
            List<String> peer, String mustPrint) {
        List<Long> wall = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        List<Long> peerWall = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            beforeOurs.run();
            SpeedRuns.Timed t = ok(ours, mustPrint);
            wall.add(t.wallMs());
            cpu.add(t.cpuMs());
            if (peer != null) {
                peerWall.add(ok(peer, mustPrint).wallMs());
            }
        }
        TABLE.add(scenario, Unit.SECONDS, wall, peerName, peerWall);
        if (runs.measuresCpu()) {
            TABLE.add(scenario + ", CPU", Unit.SECONDS, cpu, "", List.of());
        }
    }

    private static void forgetGateway() {
        try {
            Files.deleteIfExists(work.resolve("app/data/gateways.tsv"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void commandLineAgainstUpnpc() {
        String url = LabNetwork.ROOT_DESC_URL;
        ok(java(List.of(), "list"), "7001"); // remembers the gateway for the runs below
        compare("`list`, with discovery (gateway remembered)", java(List.of(), "list"), () -> { }, "`upnpc -l`",
                upnpc("-l"), "7001");
        compare("`list`, with discovery (nothing remembered)", java(List.of(), "list"), SpeedBenchLabIT::forgetGateway,
                "`upnpc -l`", upnpc("-l"), "7001");
        compare("`list --router URL`", java(List.of(), "--router", url, "list"), () -> { }, "`upnpc -u URL -l`",
                upnpc("-u", url, "-l"), "7001");
        if (Files.isRegularFile(JSA)) {
            List<String> cds = List.of("-XX:SharedArchiveFile=" + JSA);
            compare("`list`, with discovery, class-data archive", java(cds, "list"), () -> { }, "`upnpc -l`",
                    upnpc("-l"), "7001");
            compare("`list --router URL`, class-data archive", java(cds, "--router", url, "list"), () -> { },
                    "`upnpc -u URL -l`", upnpc("-u", url, "-l"), "7001");
        }
        // The classes a command-line run loads, for packaging/portforward.classlist.
        ok(java(List.of("-XX:DumpLoadedClassList=" + OUT.resolve("cli.classlist")), "list"), "7001");
    }

    @Test
    @Order(2)
    void windowStart() throws Exception {
        try (WindowLabIT.Xvfb x = WindowLabIT.Xvfb.start(work)) {
            windowRows(x, "`java -jar`", List.of());
            floorRows(x);
            if (Files.isRegularFile(JSA)) {
                windowRows(x, "`java -XX:SharedArchiveFile=target/portforward.jsa -jar`", List.of("-XX:SharedArchiveFile=" + JSA));
            }
            // The classes a window start loads, for packaging/portforward.classlist.
            runs.window(x.display, windowCommand(x, List.of("-XX:DumpLoadedClassList=" + OUT.resolve("window.classlist"))),
                    WINDOW_SETTLES, OUT.resolve("window-classlist.log"));
            mergeClassLists();
        }
        tableFilled();
    }

    private static List<String> windowCommand(WindowLabIT.Xvfb x, List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>(List.of("env", "DISPLAY=:" + x.display));
        cmd.addAll(java(jvmOptions));
        return cmd;
    }

    private static void windowRows(WindowLabIT.Xvfb x, String how, List<String> jvmOptions) throws InterruptedException {
        List<Long> mapped = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int i = 0; i < Math.min(RUNS, 5); i++) {
            SpeedRuns.WindowStart w = runs.window(x.display, windowCommand(x, jvmOptions), WINDOW_SETTLES,
                    OUT.resolve("window.log"));
            mapped.add(w.mappedMs());
            cpu.add(w.cpuAtMappedMs());
            rss.add(w.rssKb());
        }
        TABLE.add("window mapped on Xvfb, " + how, Unit.SECONDS, mapped, "", List.of());
        TABLE.add("window mapped, CPU by then, " + how, Unit.SECONDS, cpu, "", List.of());
        TABLE.add("window RSS after the table is read, " + how, Unit.MEGABYTES, rss, "", List.of());
    }

    /**
     * What any JavaFX window costs here, the floor under the window's figures: the JVM alone
     * ({@code java -version}) and the smallest JavaFX window from the same jar ({@link EmptyWindow}).
     */
    private static void floorRows(WindowLabIT.Xvfb x) throws InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Long> jvm = new ArrayList<>();
        List<Long> mapped = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        String classPath = app.jar() + ":" + Path.of("target", "test-classes").toAbsolutePath();
        for (int i = 0; i < Math.min(RUNS, 5); i++) {
            SpeedRuns.Timed t = runs.run(RUN_LIMIT, List.of(java, "-version"));
            assertEquals(0, t.result().exitCode(), t.result()::toString);
            jvm.add(t.wallMs());
            SpeedRuns.WindowStart w = runs.window(x.display, List.of("env", "DISPLAY=:" + x.display, java, "-cp",
                    classPath, EmptyWindow.class.getName()), Duration.ZERO, OUT.resolve("empty-window.log"));
            mapped.add(w.mappedMs());
            cpu.add(w.cpuAtMappedMs());
        }
        TABLE.add("the floor: the JVM alone, `java -version`", Unit.SECONDS, jvm, "", List.of());
        TABLE.add("the floor: an empty JavaFX window (one label, same jar) mapped on Xvfb", Unit.SECONDS, mapped, "",
                List.of());
        TABLE.add("the floor: that empty window's CPU by then", Unit.SECONDS, cpu, "", List.of());
    }

    /** The table filled, as the window itself tells it (WindowLabDriver: ms since its JVM started). */
    private static void tableFilled() throws Exception {
        Files.createDirectories(WindowLabIT.SHOTS); // the driver's log goes there
        List<Long> filled = new ArrayList<>();
        List<Long> shown = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path driverWork = Files.createDirectories(work.resolve("driver" + i));
            try (WindowLabIT.Xvfb x = WindowLabIT.Xvfb.start(driverWork);
                 WindowLabIT.Driver driver = WindowLabIT.Driver.start(x.display, driverWork)) {
                String[] t = driver.ask("WAIT_TABLE", Duration.ofSeconds(60)).split(" ");
                assertEquals("TABLE", t[0], String.join(" ", t));
                filled.add(Long.parseLong(t[2]));
                shown.add(Long.parseLong(t[3]));
                driver.ask("QUIT", Duration.ofSeconds(30));
            }
        }
        TABLE.add("window shown, from JVM start (test driver, class path of jars)", Unit.SECONDS, shown, "", List.of());
        TABLE.add("table filled, from JVM start (test driver)", Unit.SECONDS, filled, "", List.of());
    }

    /** Both class lists, in load order without repeats: a new packaging/portforward.classlist to review. */
    private static void mergeClassLists() throws IOException {
        List<String> merged = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : List.of("window.classlist", "cli.classlist")) {
            Path f = OUT.resolve(name);
            if (!Files.exists(f)) {
                continue;
            }
            for (String line : Files.readAllLines(f)) {
                if (!line.isBlank() && !line.startsWith("#") && seen.add(line)) {
                    merged.add(line);
                }
            }
        }
        String header = Files.readAllLines(Path.of("packaging", "portforward.classlist")).stream()
                .takeWhile(l -> l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
        Files.writeString(OUT.resolve("portforward.classlist"), header + String.join("\n", merged) + "\n");
        TABLE.note("The classes loaded are in target/bench/portforward.classlist (" + merged.size()
                + " lines): copy it to packaging/ when they changed.");
    }

    @Test
    @Order(3)
    void installedApp() throws Exception {
        SpeedInstalled.measure(lab, runs, work, TABLE);
    }

    @Test
    @Order(4)
    void eventsVersusPolling() throws Exception {
        List<Long> events = SpeedWatch.latencies(app, lab, "listen = true\npoll-interval = 30s", 40100);
        List<Long> polling = SpeedWatch.latencies(app, lab, "listen = false\npoll-interval = 2s", 40200);
        TABLE.add("a change by upnpc seen by `watch` (router events)", Unit.SECONDS, events,
                "PortForward polling every 2 s", polling);
    }

    @Test
    @Order(5)
    void reachabilityTest() {
        try (LabBackground checker = ReachLabIT.startChecker(lab, app)) {
            String checkerUrl = "http://" + lab.variant().wanHostAddress() + ":" + ReachLabIT.CHECKER_PORT + "/";
            List<Long> wall = new ArrayList<>();
            List<Long> took = new ArrayList<>();
            for (int i = 0; i < Math.min(RUNS, 5); i++) {
                SpeedRuns.Timed t = runs.run(RUN_LIMIT, java(List.of(), "test", ReachLabIT.PORT, "--checker", checkerUrl,
                        "--json"));
                assertEquals(0, t.result().exitCode(), t.result()::toString);
                @SuppressWarnings("unchecked")
                Map<String, Object> v = (Map<String, Object>) AppCli.parseJson(t.result().stdout());
                assertEquals(true, v.get("reachable"), v::toString);
                wall.add(t.wallMs());
                took.add(((Number) v.get("tookMs")).longValue());
            }
            TABLE.add("reachability test TCP, whole `test` command (temporary forward, checker in pf-wan)",
                    Unit.SECONDS, wall, "", List.of());
            TABLE.add("reachability test TCP, the test itself (`tookMs`)", Unit.SECONDS, took, "", List.of());
        }
    }

    @Test
    @Order(6)
    void hundredMappings() throws Exception {
        lab.close();
        lab = null;
        try (LabNetwork big = SpeedHundred.lab()) {
            SpeedHundred.measure(big, new AppCli(big, work.resolve("hundred")), new SpeedRuns(big, work), TABLE);
        }
        assertNotNull(TABLE);
    }
}
