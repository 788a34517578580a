package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A desktop with a system tray for the real app, inside pf-lan: Xvfb, and trayer (a freedesktop
 * system tray host, as a panel's tray area is) at the top right of the screen. No window manager:
 * what a user does with the mouse and keys is done with xdotool, and the close button's message
 * (WM_DELETE_WINDOW) is sent by lab/xclose.py. Windows are found in {@code xwininfo -root -tree}.
 */
final class LabDesktop implements AutoCloseable {
    /** The tools this needs, with the Debian packages that have them. */
    static final List<String> TOOLS = List.of("Xvfb", "import", "identify", "xwininfo", "xdotool", "trayer", "python3");
    static final String PACKAGES = "xvfb imagemagick x11-utils xdotool trayer python3 libgtk-3-0 libxtst6 libxxf86vm1"
            + " libgl1 fonts-dejavu-core";

    /** One window of the tree: its id, name, class, and place on the screen. */
    record XWindow(String id, String name, String wmClass, int width, int height, int x, int y) {
        int centreX() {
            return x + width / 2;
        }

        int centreY() {
            return y + height / 2;
        }
    }

    // 0x800007 "JavaEmbeddedFrame": ("java-lang-Thread" "java-lang-Thread")  24x22+0+0  +1075+1
    private static final Pattern LINE = Pattern.compile(
            "^\\s*(0x[0-9a-f]+) (?:\"(.*)\"|\\(has no name\\)): \\((.*)\\)\\s+(\\d+)x(\\d+)[+-]-?\\d+[+-]-?\\d+\\s+\\+?(-?\\d+)\\+?(-?\\d+)\\s*$");

    private final LabNetwork lab;
    final WindowLabIT.Xvfb x;
    private final Process tray;
    private final Path shots;

    private LabDesktop(LabNetwork lab, WindowLabIT.Xvfb x, Process tray, Path shots) {
        this.lab = lab;
        this.x = x;
        this.tray = tray;
        this.shots = shots;
    }

    /** Missing tools, or an empty list. */
    static List<String> missingTools() {
        return TOOLS.stream().filter(t -> LabNetwork.which(t).isEmpty()).toList();
    }

    /** Xvfb, then the tray host; returns once the tray's panel is on the screen. */
    static LabDesktop start(LabNetwork lab, Path work, Path shots) throws IOException, InterruptedException {
        Files.createDirectories(shots);
        WindowLabIT.Xvfb x = WindowLabIT.Xvfb.start(work);
        List<String> cmd = new ArrayList<>(lab.lanCommandPrefix());
        cmd.addAll(List.of("env", "DISPLAY=:" + x.display, LabNetwork.which("trayer").orElseThrow(),
                "--edge", "top", "--align", "right", "--widthtype", "request", "--height", "24",
                "--transparent", "false"));
        Process tray = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve("trayer.log").toFile()).start();
        LabDesktop desktop = new LabDesktop(lab, x, tray, shots);
        desktop.await("the tray host's panel", Duration.ofSeconds(15),
                () -> desktop.windows().stream().anyMatch(w -> w.wmClass().equals("\"panel\" \"trayer\"")));
        return desktop;
    }

    /** Every window on the screen, the tree flattened, with places in root coordinates. */
    List<XWindow> windows() {
        String tree = lab.inLan(Duration.ofSeconds(10), LabNetwork.which("xwininfo").orElseThrow(), "-display",
                ":" + x.display, "-root", "-tree").orThrow().stdout();
        List<XWindow> out = new ArrayList<>();
        for (String line : tree.lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                out.add(new XWindow(m.group(1), m.group(2) == null ? "" : m.group(2), m.group(3),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7))));
            }
        }
        return out;
    }

    /** The whole tree as xwininfo prints it, for a failure's message. */
    String tree() {
        return lab.inLan(Duration.ofSeconds(10), LabNetwork.which("xwininfo").orElseThrow(), "-display",
                ":" + x.display, "-root", "-tree").stdout();
    }

    Optional<XWindow> find(String name, String wmClassPart) {
        return windows().stream().filter(w -> w.name().equals(name) && w.wmClass().contains(wmClassPart)).findFirst();
    }

    /** Whether the window is mapped and every ancestor too: on the screen. */
    boolean viewable(XWindow w) {
        LabCommand.Result r = lab.inLan(Duration.ofSeconds(10), LabNetwork.which("xwininfo").orElseThrow(),
                "-display", ":" + x.display, "-id", w.id());
        return r.ok() && r.stdout().contains("Map State: IsViewable");
    }

    /** Moves the pointer there and clicks {@code button} (1 left, 3 right). */
    void click(int px, int py, int button) {
        xdotool("mousemove", String.valueOf(px), String.valueOf(py), "click", String.valueOf(button));
    }

    /** Key presses, as xdotool names them ("Down", "Return"), to whatever has the keyboard. */
    void keys(String... names) {
        List<String> args = new ArrayList<>(List.of("key", "--delay", "150"));
        args.addAll(List.of(names));
        xdotool(args.toArray(String[]::new));
    }

    private void xdotool(String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "DISPLAY=:" + x.display, LabNetwork.which("xdotool").orElseThrow()));
        cmd.addAll(List.of(args));
        lab.inLan(Duration.ofSeconds(10), cmd.toArray(String[]::new)).orThrow();
    }

    /** The window's close button, as a window manager passes the click on: WM_DELETE_WINDOW. */
    void close(XWindow w) throws IOException {
        Path script = Files.createTempFile("xclose", ".py");
        try (var in = LabDesktop.class.getResourceAsStream("/lab/xclose.py")) {
            assertTrue(in != null, "lab/xclose.py is not on the test class path");
            Files.write(script, in.readAllBytes());
        }
        try {
            lab.inLan(Duration.ofSeconds(10), "env", "DISPLAY=:" + x.display, LabNetwork.which("python3").orElseThrow(),
                    script.toString(), w.id()).orThrow();
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** The whole screen into {@code name}; asserts a painted picture, not an empty screen. */
    Path screenshot(String name) {
        Path file = shots.resolve(name);
        lab.inLan(Duration.ofSeconds(20), "env", "DISPLAY=:" + x.display, LabNetwork.which("import").orElseThrow(),
                "-window", "root", file.toString()).orThrow();
        String colours = LabCommand.run(Duration.ofSeconds(20), LabNetwork.which("identify").orElseThrow(),
                "-format", "%k", file.toString()).orThrow().stdout().strip();
        assertTrue(Integer.parseInt(colours) > 20, () -> name + " has only " + colours + " colours");
        return file;
    }

    /** Polls {@code condition} (each poll runs X tools, so every 200 ms) until it holds; fails after {@code limit}. */
    void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what + "\n" + tree());
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    @Override
    public void close() throws InterruptedException {
        WindowLabIT.stop(tray);
        x.close();
    }
}
