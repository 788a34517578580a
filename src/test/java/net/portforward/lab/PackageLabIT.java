package net.portforward.lab;

import static net.portforward.lab.LabNetwork.LAN_HOST_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb as a new user meets it: installed with dpkg, PortForward is in the applications menu
 * with its icon and on the PATH; the installed launcher opens the window (GTK, under Xvfb) in the
 * lab's LAN namespace and its command line lists what upnpc lists on the real miniupnpd; removing
 * the package leaves nothing behind. Prints the package size, the time to the first window and
 * the installed app's memory (RSS).
 *
 * <p>The package comes from {@code -Dportforward.deb=PATH}, default the one
 * {@code mvn -Pinstaller package} leaves in target/installer/ (CI's lab step builds it). The
 * install runs in the host (dpkg sends nothing anywhere); the app runs only inside pf-lan.
 */
@Tag("lab")
class PackageLabIT {
    static final String PACKAGE = "portforward";
    static final Path INSTALL_DIR = Path.of("/opt/portforward");
    static final Path LAUNCHER = INSTALL_DIR.resolve("bin/portforward");
    static final Path COMMAND = Path.of("/usr/bin/portforward");
    static final Path MENU_ENTRY = Path.of("/usr/share/applications/portforward.desktop");
    /** Where a package could leave something behind, compared before install and after purge. */
    static final List<Path> WATCHED = List.of(Path.of("/opt"), Path.of("/usr/share/applications"), Path.of("/usr/bin"),
            Path.of("/usr/share/icons/hicolor"), Path.of("/usr/share/pixmaps"), Path.of("/usr/share/doc"));
    static final Duration DPKG_TIMEOUT = Duration.ofMinutes(3);
    static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(40);
    /** The lab settings' discovery (3 s + 300 ms grace) and a listing, with room to spare. */
    static final Duration TABLE_SETTLES = Duration.ofSeconds(6);
    static final Path SHOTS = WindowLabIT.SHOTS;
    /** The app's java.io.tmpdir, inside the temp home; it must be empty once the app is done. */
    static final String TMP = "tmp";

    @TempDir
    Path work;

    @Test
    void installRunUninstall() throws Exception {
        LabNetwork.assumeAvailable();
        Path deb = packageFile();
        needTools();
        assertFalse(installed(), "the package " + PACKAGE + " is already installed on this machine;"
                + " this test installs and removes it, so remove it first (dpkg -r " + PACKAGE + ")");
        Files.createDirectories(SHOTS);
        System.out.println("BENCH package: " + deb.getFileName() + " " + mb(Files.size(deb)) + " MB");

        try (LabNetwork lab = LabNetwork.start(LabVariant.IGD2_PUBLIC)) {
            Map<Path, Set<String>> before = snapshot();
            try {
                long t0 = System.nanoTime();
                LabCommand.run(DPKG_TIMEOUT, dpkg("-i", deb.toString())).orThrow();
                System.out.println("BENCH dpkg -i: " + millisSince(t0) + " ms");
                checkInstalled();

                lab.upnpcDirect("-e", "before start", "-a", LAN_HOST_IP, "7001", "7001", "TCP", "0").orThrow();
                lab.upnpcDirect("-e", "game", "-a", "192.168.77.20", "27015", "27015", "UDP", "3600").orThrow();
                cliListsWhatUpnpcLists(lab);
                windowOpens(lab);
            } finally {
                // Also after a failed install (dpkg then knows the package, half set up).
                LabCommand.Result removed = LabCommand.run(DPKG_TIMEOUT, dpkg("--purge", PACKAGE));
                assertTrue(removed.ok(), removed::toString);
            }
            checkNothingLeft(before);
        }
    }

    // ---- install ----------------------------------------------------------------------------

    /** The menu entry, its icon and the command, as the package scripts and dpkg put them. */
    private static void checkInstalled() throws IOException {
        assertTrue(installed(), "dpkg does not list " + PACKAGE + " as installed");
        List<String> files = packageFiles();
        assertTrue(files.contains(LAUNCHER.toString()), () -> "no launcher in " + files);
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is not executable");
        assertTrue(files.stream().allMatch(f -> f.equals("/.") || f.equals("/opt") || f.startsWith("/opt/portforward")),
                () -> "the package holds files outside its folder: " + files.stream()
                        .filter(f -> !f.startsWith("/opt/portforward")).toList());

        // The runtime's class-data archive (made at build time) still fits where dpkg put it:
        // -Xshare:on refuses to start otherwise.
        Path java = INSTALL_DIR.resolve("lib/runtime/bin/java");
        LabCommand.Result cds = LabCommand.run(Duration.ofSeconds(30), java.toString(), "-Xshare:on", "-version");
        assertTrue(cds.ok() && cds.stderr().contains("sharing"), cds::toString);

        // The command starts the installed runtime's java with the launcher's options itself
        // (postinst: jpackage's launcher asks dpkg who owns it at every start), by a link that
        // names the process "portforward".
        assertEquals(Path.of("java"), Files.readSymbolicLink(INSTALL_DIR.resolve("lib/runtime/bin/portforward")));
        assertTrue(Files.isRegularFile(COMMAND, LinkOption.NOFOLLOW_LINKS) && Files.isExecutable(COMMAND),
                COMMAND + " is not an executable file");
        String command = Files.readString(COMMAND);
        for (String part : List.of("exec " + INSTALL_DIR.resolve("lib/runtime/bin/portforward") + " ", "'-XX:SharedArchiveFile=" + INSTALL_DIR.resolve("lib/app/../portforward.jsa")
                + "'", "-Djpackage.app-path=" + COMMAND + " ", INSTALL_DIR.resolve("lib/app/portforward.jar").toString(),
                " net.portforward.app.Main \"$@\"")) {
            assertTrue(command.contains(part), () -> COMMAND + " lacks " + part + ":\n" + command);
        }

        assertTrue(Files.isRegularFile(MENU_ENTRY), "no menu entry " + MENU_ENTRY);
        Map<String, String> entry = Files.readAllLines(MENU_ENTRY).stream().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1),
                        (a, b) -> a));
        assertEquals("PortForward", entry.get("Name"), entry::toString);
        assertEquals(COMMAND.toString(), entry.get("Exec"), entry::toString);
        assertEquals("Application", entry.get("Type"), entry::toString);
        assertTrue(entry.getOrDefault("Categories", "").contains("Network;"), entry::toString);
        Path icon = Path.of(entry.get("Icon"));
        assertTrue(icon.startsWith(INSTALL_DIR) && Files.isRegularFile(icon), () -> "icon " + icon);
        String size = LabCommand.run(Duration.ofSeconds(20), LabNetwork.which("identify").orElseThrow(),
                "-format", "%m %wx%h", icon.toString()).orThrow().stdout().strip();
        assertEquals("PNG 256x256", size, "the menu icon");
        Optional<String> validate = LabNetwork.which("desktop-file-validate");
        if (validate.isPresent()) {
            LabCommand.Result v = LabCommand.run(Duration.ofSeconds(20), validate.get(), MENU_ENTRY.toString());
            assertTrue(v.ok() && v.output().isBlank(), v::toString);
        }
    }

    // ---- the installed command line ---------------------------------------------------------

    private void cliListsWhatUpnpcLists(LabNetwork lab) throws IOException {
        Path home = work.resolve("cli-home");
        Files.createDirectories(home);
        Path config = work.resolve("cli.ini");
        AppCli.writeLabSettings(config, Files.createDirectories(work.resolve("cli-data")));
        long t0 = System.nanoTime();
        LabCommand.Result r = lab.inLan(AppCli.RUN_TIMEOUT, "env", "LC_ALL=C.UTF-8", "HOME=" + home,
                "XDG_CONFIG_HOME=" + home.resolve(".config"), "XDG_DATA_HOME=" + home.resolve(".local/share"),
                javaOptions(home), COMMAND.toString(), "--config", config.toString(), "list", "--json");
        long millis = millisSince(t0);
        assertEquals(0, r.exitCode(), r::toString);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> json = (List<Map<String, Object>>) AppCli.parseJson(r.stdout());
        Set<AppCli.Mapping> app = AppCli.mappingsOfApp(json);
        Set<AppCli.Mapping> upnpc = AppCli.mappingsOfUpnpc(lab.listMappings());
        assertEquals(2, upnpc.size(), upnpc::toString);
        assertEquals(upnpc, app);
        System.out.println("BENCH installed CLI: portforward list --json " + millis + " ms (discovery included)");
        assertOnlyOwnFiles(home, "the command line");
    }

    // ---- the installed window ---------------------------------------------------------------

    private void windowOpens(LabNetwork lab) throws Exception {
        Path home = work.resolve("window-home");
        Files.createDirectories(home);
        Path config = work.resolve("window.ini");
        AppCli.writeLabSettings(config, Files.createDirectories(work.resolve("window-data")));
        try (WindowLabIT.Xvfb x = WindowLabIT.Xvfb.start(work)) {
            Path log = SHOTS.resolve("installed-app.log");
            // As the menu entry starts it: the command, no arguments but the lab's settings file.
            List<String> cmd = List.of(LabNetwork.which("ip").orElseThrow(), "netns", "exec", LabNetwork.LAN_NS,
                    "env", "DISPLAY=:" + x.display, "LC_ALL=C.UTF-8", "HOME=" + home,
                    "XDG_CONFIG_HOME=" + home.resolve(".config"), "XDG_DATA_HOME=" + home.resolve(".local/share"),
                    javaOptions(home), COMMAND.toString(), "--config", config.toString());
            long t0 = System.nanoTime();
            Process app = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long firstWindow = waitForWindow(lab, x, app, t0);
                Thread.sleep(TABLE_SETTLES.toMillis());
                assertTrue(app.isAlive(), () -> "the app ended: " + read(log));
                assertEquals(INSTALL_DIR.resolve("lib/runtime/bin/java"),
                        Files.readSymbolicLink(Path.of("/proc", String.valueOf(app.pid()), "exe")),
                        "ip netns exec, env and the command exec the installed runtime's java, one process");
                long rssKb = statusKb(app.pid(), "VmRSS");
                long peakKb = statusKb(app.pid(), "VmHWM");
                Path shot = SHOTS.resolve("installed-window.png");
                lab.inLan(Duration.ofSeconds(20), "env", "DISPLAY=:" + x.display,
                        LabNetwork.which("import").orElseThrow(), "-window", "root", shot.toString()).orThrow();
                String colours = LabCommand.run(Duration.ofSeconds(20), LabNetwork.which("identify").orElseThrow(),
                        "-format", "%k", shot.toString()).orThrow().stdout().strip();
                assertTrue(Integer.parseInt(colours) > 50, () -> shot + " has only " + colours + " colours");
                System.out.println("BENCH installed app: first window " + firstWindow + " ms after start; RSS "
                        + rssKb / 1024 + " MB (peak " + peakKb / 1024 + " MB) " + TABLE_SETTLES.toSeconds()
                        + " s later, table read; screenshot " + shot);
            } finally {
                WindowLabIT.stop(app);
            }
            // GDK warns on stderr when AWT's X toolkit (started for the tray icon) sets its X error
            // handler while GTK, under JavaFX, has an error trap pushed; two toolkits on one X
            // display, nothing the app did wrong. Anything else printed is a failure.
            String output = read(log).replaceAll("NOTE: Picked up JDK_JAVA_OPTIONS: [^\n]*\n?", "")
                    .replaceAll("\\(portforward:\\d+\\): Gdk-WARNING \\*\\*: [\\d:.]+: XSetErrorHandler\\(\\) called with a GDK"
                            + " error trap pushed\\. Don't do that\\.\\n?", "");
            assertTrue(output.isBlank(), () -> "the installed app printed: " + output);
        }
        assertOnlyOwnFiles(home, "the window");
    }

    /**
     * Java takes user.home from the password file, not HOME, and writes temp files to /tmp: both
     * go to the test's own folders, so anything the app writes there (JavaFX's native-library
     * cache, preferences, servers' temp files) shows in {@link #assertOnlyOwnFiles}.
     */
    private static String javaOptions(Path home) throws IOException {
        Path tmp = Files.createDirectories(home.resolve(TMP));
        return "JDK_JAVA_OPTIONS=-Duser.home=" + home + " -Djava.io.tmpdir=" + tmp;
    }

    /** Milliseconds from spawning the launcher until X shows a mapped window titled PortForward. */
    private static long waitForWindow(LabNetwork lab, WindowLabIT.Xvfb x, Process app, long t0)
            throws InterruptedException {
        String xwininfo = LabNetwork.which("xwininfo").orElseThrow();
        long end = t0 + WINDOW_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            LabCommand.Result r = lab.inLan(Duration.ofSeconds(10), xwininfo, "-display", ":" + x.display,
                    "-name", "PortForward");
            if (r.ok() && r.stdout().contains("Map State: IsViewable")) {
                return millisSince(t0);
            }
            assertTrue(app.isAlive(), "the installed app ended before its window appeared");
            Thread.sleep(25);
        }
        throw new AssertionError("no PortForward window within " + WINDOW_TIMEOUT);
    }

    /**
     * The app writes only its settings and data in the user's usual places: under the temp home
     * nothing but .config/portforward and .local/share/portforward, and GTK's own settings cache
     * (.cache/dconf, written by any GTK program). No ~/.openjfx (JavaFX's native-library cache,
     * which the fat jar needs and the jlinked runtime must not), no ~/.java preferences, and
     * nothing left in its temp folder.
     */
    private static void assertOnlyOwnFiles(Path home, String who) throws IOException {
        List<String> foreign;
        try (Stream<Path> files = Files.walk(home)) {
            foreign = files.filter(Files::isRegularFile).map(f -> home.relativize(f).toString())
                    .filter(f -> !f.startsWith(".config/portforward/") && !f.startsWith(".local/share/portforward/")
                            && !f.startsWith(".cache/dconf/"))
                    .sorted().toList();
        }
        assertEquals(List.of(), foreign, who + " wrote outside the user's settings and data folders");
    }

    // ---- uninstall --------------------------------------------------------------------------

    private static void checkNothingLeft(Map<Path, Set<String>> before) throws IOException {
        assertFalse(installed(), "dpkg still lists " + PACKAGE);
        assertFalse(Files.exists(INSTALL_DIR), INSTALL_DIR + " is still there");
        assertFalse(Files.exists(COMMAND, LinkOption.NOFOLLOW_LINKS), COMMAND + " is still there");
        assertFalse(Files.exists(MENU_ENTRY), MENU_ENTRY + " is still there");
        Map<Path, Set<String>> after = snapshot();
        for (Path dir : WATCHED) {
            Set<String> added = new TreeSet<>(after.get(dir));
            added.removeAll(before.get(dir));
            assertEquals(Set.of(), added, "left behind under " + dir);
        }
    }

    /** Every path under the watched folders, two levels deep (a package's own folder and its files). */
    private static Map<Path, Set<String>> snapshot() throws IOException {
        Map<Path, Set<String>> m = new java.util.HashMap<>();
        for (Path dir : WATCHED) {
            Set<String> names = new TreeSet<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir, 2)) {
                    s.forEach(p -> names.add(p.toString()));
                }
            }
            m.put(dir, names);
        }
        return m;
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static Path packageFile() throws IOException {
        String given = System.getProperty("portforward.deb");
        Optional<Path> deb;
        if (given != null) {
            deb = Optional.of(Path.of(given)).filter(Files::isRegularFile);
        } else {
            Path dir = Path.of("target", "installer");
            try (Stream<Path> s = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
                deb = s.filter(p -> p.getFileName().toString().matches("portforward_.*\\.deb")).findFirst();
            }
        }
        String why = "no .deb to install: build it with mvn -Pinstaller package (or give -Dportforward.deb=PATH)";
        if (Boolean.getBoolean("lab.required")) {
            assertTrue(deb.isPresent(), why + " (and -Dlab.required=true)");
        }
        assumeTrue(deb.isPresent(), why);
        return deb.get().toAbsolutePath();
    }

    private static void needTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("dpkg", "Xvfb", "import", "identify", "xwininfo")) {
            if (LabNetwork.which(tool).isEmpty()) {
                missing.add(tool);
            }
        }
        String why = "the package lab needs " + missing + " (Debian: apt-get install xvfb imagemagick x11-utils)";
        if (Boolean.getBoolean("lab.required")) {
            assertTrue(missing.isEmpty(), why + " (and -Dlab.required=true)");
        }
        assumeTrue(missing.isEmpty(), why);
    }

    /** dpkg refuses to run without the sbin folders (ldconfig) on its PATH, which a user's PATH may lack. */
    private static String[] dpkg(String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                LabNetwork.which("dpkg").orElseThrow()));
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }

    static boolean installed() {
        LabCommand.Result r = LabCommand.run(Duration.ofSeconds(20), LabNetwork.which("dpkg-query").orElseThrow(),
                "-W", "-f", "${Status}", PACKAGE);
        return r.ok() && r.stdout().contains("install ok installed");
    }

    private static List<String> packageFiles() {
        return LabCommand.run(Duration.ofSeconds(20), dpkg("-L", PACKAGE)).orThrow().stdout().lines().toList();
    }

    private static long statusKb(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(l -> l.startsWith(field + ":")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElseThrow();
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static String mb(long bytes) {
        return String.format("%.1f", bytes / 1_000_000.0);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
