package net.portforward.lab;

import static net.portforward.lab.LabNetwork.LAN_HOST_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real window (GTK glass, under Xvfb) in the lab's LAN namespace against the real miniupnpd:
 * the table fills at start, an add made in the window is what upnpc lists, and a mapping upnpc
 * adds pops up by itself and shows after the popup's Refresh now; F5 reads the table again. Screenshots go to target/lab-screenshots/.
 *
 * <p>This JVM stays in the host namespace: Xvfb, the app (in {@link WindowLabDriver}) and
 * ImageMagick's {@code import} all run through {@code ip netns exec pf-lan}.
 */
@Tag("lab")
class WindowLabIT {
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    static final Duration START_TIMEOUT = Duration.ofSeconds(45);
    static final String OTHER_LAN_HOST = "192.168.77.20";
    static final Path SHOTS = Path.of("target", "lab-screenshots").toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void realWindowAgainstMiniupnpd() throws Exception {
        LabNetwork.assumeAvailable();
        needTools();
        Files.createDirectories(SHOTS);
        try (LabNetwork lab = LabNetwork.start(LabVariant.IGD2_PUBLIC);
             LabBackground checker = ReachLabIT.startChecker(lab, new AppCli(lab, work.resolve("checker")));
             Xvfb x = Xvfb.start(work);
             Driver driver = Driver.start(x.display, work)) {
            // One mapping on the router before the app starts, so the first table is not empty.
            lab.upnpcDirect("-e", "before start", "-a", LAN_HOST_IP, "7001", "7001", "TCP", "0").orThrow();

            // ---- start: launch to a filled table ----
            String table = driver.ask("WAIT_TABLE", START_TIMEOUT);
            String[] t = expect(table, "TABLE").split(" ");
            assertEquals("1", t[1], table);
            long filledMs = Long.parseLong(t[2]);
            long shownMs = Long.parseLong(t[3]);
            assertTrue(shownMs > 0 && shownMs <= filledMs, table);
            System.out.println("BENCH window: launch to filled table " + filledMs + " ms (window shown at " + shownMs
                    + " ms)   (from spawning the driver: " + driver.millisSinceSpawn() + " ms to the answer"
                    + (t.length > 4 ? "; " + String.join(" ", Arrays.copyOfRange(t, 4, t.length)) : "") + ")");

            Map<String, String> state = state(driver.ask("STATE", ANSWER_TIMEOUT));
            assertEquals(LabNetwork.FRIENDLY_NAME, state.get("routerName"), state::toString);
            assertEquals("Internet address 25.77.0.2", state.get("externalAddress"), state::toString);
            assertEquals("Public address", state.get("natBadge"), state::toString);
            assertEquals("1 port forward.", state.get("message"), state::toString);
            assertTrue(state.get("connection").startsWith("Connected"), state::toString);
            assertEquals("", state.get("problem"), state::toString);

            Path start = screenshot(lab, x, "window-start.png");

            // ---- an add made in the window is what upnpc lists ----
            assertEquals("ADDED", driver.ask("ADD 9443 TCP 9443 window add", ANSWER_TIMEOUT));
            UpnpcListing.Row added = UpnpcListing.find(lab.listMappings(), "TCP", 9443)
                    .orElseThrow(() -> new AssertionError("upnpc does not list TCP 9443: " + lab.listMappings()));
            assertEquals(LAN_HOST_IP, added.internalClient(), added::toString);
            assertEquals(9443, added.internalPort(), added::toString);
            assertEquals("window add", added.description(), added::toString);
            // The dialog's default is permanent (lease 0); an IGD:2 router grants at most a week
            // instead (miniupnpd lists 604800), as it did for upnpc's lease 0 above.
            assertTrue(added.leaseSeconds() == 0 || added.leaseSeconds() > 604_000,
                    () -> "the dialog's default is permanent: " + added);

            // ---- F5 reads the table again (before any popup: without a window manager a popup
            // that showed keeps X's keyboard focus, which a desktop's window manager does not allow)
            String rows = expect(driver.ask("REFRESH", ANSWER_TIMEOUT), "ROWS");
            assertEquals(Set.of("7001/TCP", "9443/TCP"), ports(rows), rows);

            // ---- a mapping upnpc adds pops up by itself, and shows after the popup's Refresh now ----
            long changed = System.nanoTime();
            lab.upnpcDirect("-e", "upnpc udp", "-a", OTHER_LAN_HOST, "9555", "9555", "UDP", "3600").orThrow();
            String popup = expect(driver.ask("POPUP UDP 9555", ANSWER_TIMEOUT), "POPUP");
            long popupMs = (System.nanoTime() - changed) / 1_000_000;
            assertTrue(popup.contains("The router changed|UDP 9555 \u2192 192.168.77.20:9555 added (\"upnpc udp\")"
                    + "|Refresh now,Later"), popup);
            System.out.println("BENCH window: upnpc's add to the change popup " + popupMs + " ms");
            Path popupShot = screenshot(lab, x, "window-change-popup.png");
            rows = expect(driver.ask("CLICK_POPUP Refresh now", ANSWER_TIMEOUT), "ROWS");
            assertEquals(Set.of("7001/TCP", "9443/TCP", "9555/UDP"), ports(rows), rows);
            assertEquals("3 port forwards.", state(driver.ask("STATE", ANSWER_TIMEOUT)).get("message"));
            Path after = screenshot(lab, x, "window-after-refresh.png");

            // ---- a router reboot: the forward made in the window (kept) comes back by itself ----
            long rebooted = System.nanoTime();
            lab.restartRouter();
            String restarted = expect(driver.ask("POPUP Router restarted", ANSWER_TIMEOUT), "POPUP");
            assertTrue(restarted.contains("Router restarted: 3 mappings are gone"), restarted);
            assertTrue(restarted.contains("Putting back the port forward you keep.|Put them back,Later"), restarted);
            long until = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
            while (UpnpcListing.find(lab.listMappings(), "TCP", 9443).isEmpty()) {
                assertTrue(System.nanoTime() < until, "the kept TCP 9443 did not come back: " + lab.listMappings());
                Thread.sleep(100);
            }
            long backMs = (System.nanoTime() - rebooted) / 1_000_000;
            assertEquals(Set.of("9443/TCP"), ports("ROWS " + lab.listMappings().size() + " " + String.join(" ",
                    lab.listMappings().stream().map(r -> r.externalPort() + "/" + r.protocol()).toList())),
                    "only the kept one came back by itself; the others are offered");
            System.out.println("BENCH window: router restart to the kept forward listed again by upnpc " + backMs + " ms");
            Path reboot = screenshot(lab, x, "window-router-restarted.png");
            rows = expect(driver.ask("CLICK_POPUP Put them back", ANSWER_TIMEOUT), "ROWS");
            assertEquals(Set.of("7001/TCP", "9443/TCP", "9555/UDP"), ports(rows), rows);
            assertEquals(Set.of(7001, 9443, 9555), lab.listMappings().stream().map(UpnpcListing.Row::externalPort)
                    .collect(java.util.stream.Collectors.toSet()), "upnpc lists all three again");

            // ---- one click: can the internet reach the web server? (the checker is in pf-wan) ----
            String reachable = expect(driver.ask("REACH temporary", ANSWER_TIMEOUT), "REACH");
            assertTrue(reachable.contains("TCP 9542 is reachable"), reachable);
            Path reachShot = screenshot(lab, x, "window-reachability.png");
            String notReachable = expect(driver.ask("REACH", ANSWER_TIMEOUT), "REACH");
            assertTrue(notReachable.contains("TCP 9542 is not reachable") && notReachable.contains("no forward"),
                    notReachable);
            assertTrue(UpnpcListing.find(lab.listMappings(), "TCP", 9542).isEmpty(), "the temporary forward is gone");
            System.out.println("BENCH window: Test incoming connectivity, click to verdict: reachable "
                    + reachable.split(" ")[1] + " ms (temporary forward added and removed), not reachable "
                    + notReachable.split(" ")[1] + " ms");

            String bye = driver.ask("QUIT", ANSWER_TIMEOUT);
            assertTrue(bye.startsWith("BYE"), bye);
            assertTrue(driver.process.waitFor(20, TimeUnit.SECONDS), "the driver did not exit after QUIT");
            assertEquals(0, driver.process.exitValue(), driver::stderrTail);
            System.out.println("window screenshots: " + start + " " + popupShot + " " + after + " " + reboot + " "
                    + reachShot);
        }
    }

    private static void needTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("Xvfb", "import", "identify")) {
            if (LabNetwork.which(tool).isEmpty()) {
                missing.add(tool);
            }
        }
        String why = "the window lab needs " + missing + " (Debian: apt-get install xvfb imagemagick libgtk-3-0"
                + " libxtst6 libxxf86vm1 libgl1 fonts-dejavu-core)";
        if (Boolean.getBoolean("lab.required")) {
            assertTrue(missing.isEmpty(), why + " (and -Dlab.required=true)");
        }
        assumeTrue(missing.isEmpty(), why);
    }

    private static String expect(String answer, String word) {
        if (!answer.startsWith(word + " ")) {
            fail("wanted " + word + ", got: " + answer);
        }
        return answer;
    }

    private static Map<String, String> state(String answer) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : expect(answer, "STATE").substring("STATE ".length()).split("\t")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    private static Set<String> ports(String rowsAnswer) {
        String[] w = rowsAnswer.split(" ");
        assertEquals(Integer.parseInt(w[1]), w.length - 2, rowsAnswer);
        return new TreeSet<>(Arrays.asList(w).subList(2, w.length));
    }

    /** The whole X screen, taken inside pf-lan; asserts a painted picture, not a blank screen. */
    private static Path screenshot(LabNetwork lab, Xvfb x, String name) throws InterruptedException {
        Path file = SHOTS.resolve(name);
        // Let the last change reach the screen: a pulse is 16 ms, the table's row animation none.
        Thread.sleep(400);
        lab.inLan(Duration.ofSeconds(20), "env", "DISPLAY=:" + x.display, LabNetwork.which("import").orElseThrow(),
                "-window", "root", file.toString()).orThrow();
        String colours = LabCommand.run(Duration.ofSeconds(20), LabNetwork.which("identify").orElseThrow(),
                "-format", "%k", file.toString()).orThrow().stdout().strip();
        assertTrue(Integer.parseInt(colours) > 50, () -> name + " has only " + colours + " colours: not a painted window");
        return file;
    }

    /** Xvfb on a free display, inside pf-lan. */
    static final class Xvfb implements AutoCloseable {
        final int display;
        final Process process;
        final Path log;

        private Xvfb(int display, Process process, Path log) {
            this.display = display;
            this.process = process;
            this.log = log;
        }

        static Xvfb start(Path work) throws IOException, InterruptedException {
            String ip = LabNetwork.which("ip").orElseThrow();
            String xvfb = LabNetwork.which("Xvfb").orElseThrow();
            for (int n = 90; n < 140; n++) {
                if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                    continue;
                }
                Path log = work.resolve("xvfb-" + n + ".log");
                // -noreset: by default Xvfb resets when its last client leaves, and a window started
                // during that reset gets "Unable to open DISPLAY" (seen in the benchmark, where one
                // window program follows another at once).
                Process p = new ProcessBuilder(ip, "netns", "exec", LabNetwork.LAN_NS, xvfb, ":" + n,
                        "-screen", "0", "1100x700x24", "-nolisten", "tcp", "-noreset")
                        .redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (p.isAlive() && !Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                if (p.isAlive() && Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                    return new Xvfb(n, p, log);
                }
                // Taken meanwhile, or broken: try the next number, and say why if none works.
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                System.err.println("Xvfb :" + n + " did not start: " + Files.readString(log));
            }
            throw new IllegalStateException("no free X display in :90-:139");
        }

        @Override
        public void close() throws InterruptedException {
            stop(process);
        }
    }

    /** {@link WindowLabDriver} in pf-lan: one command line in, one answer line out. */
    static final class Driver implements AutoCloseable {
        final Process process;
        final Path stderr;
        final long spawnedNanos;
        private final Writer in;
        private final BlockingQueue<Optional<String>> answers = new LinkedBlockingQueue<>();

        private Driver(Process process, Path stderr, long spawnedNanos) {
            this.process = process;
            this.stderr = stderr;
            this.spawnedNanos = spawnedNanos;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        answers.add(Optional.of(line));
                    }
                } catch (IOException ignored) {
                    // the driver was killed
                }
                answers.add(Optional.empty());
            }, "window-driver-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Driver start(int display, Path work) throws IOException {
            Path home = work.resolve("home");
            Path data = work.resolve("data");
            Files.createDirectories(home);
            Files.createDirectories(data);
            Path config = work.resolve("portforward-lab.ini");
            AppCli.writeLabSettings(config, data);
            // The window listens for the router's changes, as the shipped settings do, and asks the
            // lab's checker (ReachLabIT's, in pf-wan) whether the internet can reach it.
            Files.writeString(config, Files.readString(config).replace("listen = false", "listen = true")
                    .replace("[proxies]\n", "[proxies]\nchecker.1 = portforward http://"
                            + LabVariant.IGD2_PUBLIC.wanHostAddress() + ":" + ReachLabIT.CHECKER_PORT + "/\n"));
            // A new JVM: none of surefire's Monocle properties, the real GTK glass instead.
            List<String> cmd = List.of(LabNetwork.which("ip").orElseThrow(), "netns", "exec", LabNetwork.LAN_NS,
                    "env", "DISPLAY=:" + display, "LC_ALL=C.UTF-8", "HOME=" + home,
                    "XDG_CONFIG_HOME=" + home.resolve(".config"), "XDG_DATA_HOME=" + home.resolve(".local/share"),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dglass.platform=gtk", "-Dtestfx.robot=glass", "-Dtestfx.headless=false",
                    "-cp", testClassPath(), WindowLabDriver.class.getName(), "--config", config.toString());
            Path stderr = SHOTS.resolve("window-driver.log");
            long spawned = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
            return new Driver(p, stderr, spawned);
        }

        /** Sends one command and waits for its one answer line. */
        String ask(String command, Duration timeout) throws IOException, InterruptedException {
            in.write(command + "\n");
            in.flush();
            Optional<String> answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null) {
                fail("no answer to " + command + " within " + timeout + "\n" + stderrTail());
            }
            if (answer.isEmpty()) {
                answers.add(answer);
                fail("the driver ended before answering " + command + "\n" + stderrTail());
            }
            return answer.get();
        }

        long millisSinceSpawn() {
            return (System.nanoTime() - spawnedNanos) / 1_000_000;
        }

        String stderrTail() {
            try {
                List<String> lines = Files.readAllLines(stderr);
                return "--- driver stderr (tail) ---\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            try {
                in.close();
            } catch (IOException ignored) {
                // it is gone already
            }
            stop(process);
        }
    }

    /** The classes this test runs from (surefire may hide them behind a manifest-only jar). */
    static String testClassPath() {
        String cp = System.getProperty("java.class.path", "");
        if (!cp.contains("test-classes")) {
            cp = System.getProperty("surefire.test.class.path", cp);
        }
        assertTrue(cp.contains("test-classes") && cp.contains("javafx-graphics"), "unexpected class path: " + cp);
        return cp;
    }

    /** SIGTERM, then SIGKILL for it and anything it started. */
    static void stop(Process p) throws InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            children.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
