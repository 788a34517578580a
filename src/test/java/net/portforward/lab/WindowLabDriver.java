package net.portforward.lab;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import net.portforward.app.DesktopApp;
import net.portforward.ui.main.MappingRow;
import org.testfx.api.FxRobot;

/**
 * Runs the real desktop app (the real GTK window, not Monocle) and drives it with TestFX, for
 * {@link WindowLabIT}. It must run INSIDE the lab's LAN namespace (the app's start does SSDP
 * discovery) under an X server (Xvfb), started as
 * {@code ip netns exec pf-lan env DISPLAY=:N java -cp TESTCLASSPATH net.portforward.lab.WindowLabDriver --config FILE}.
 *
 * <p>Commands on stdin, one per line; exactly one answer line per command on stdout (everything
 * else, the app's own output included, goes to stderr):
 * <ul>
 * <li>{@code WAIT_TABLE} → {@code TABLE <rows> <filledMs> <shownMs>}: waits until the table has
 *     rows (or the status says "N port forwards.") and nothing runs. Times are milliseconds since
 *     this JVM started: when the main window was shown, when the table first had a row.
 * <li>{@code STATE} → {@code STATE key=value<TAB>key=value...}: router panel, status line, problem.
 * <li>{@code ADD <extPort> <TCP|UDP|BOTH> <intPort> <description...>} → {@code ADDED} or
 *     {@code ERROR <text>}: Add…, fills the dialog by typing (client stays the default: this
 *     computer), OK, waits until the add and the refresh after it are done.
 * <li>{@code REFRESH} → {@code ROWS <n> <port/PROTO>...}: F5, waits until the read is done.
 * <li>{@code POPUP <text>} → {@code POPUP <ms> <title>|<text>|<buttons>}: waits until a change
 *     notification containing the text is showing; ms since the command arrived.
 * <li>{@code REACH [temporary]} → {@code REACH <ms> <verdict>|<notes>}: opens Reachability…,
 *     starts the web server, tests its port (with a temporary forward when asked) and waits for
 *     the verdict; ms from the click on Test to the verdict.
 * <li>{@code CLICK_POPUP <button>} → {@code ROWS ...}: clicks that button of the notification
 *     ("Refresh now") and waits until the read it starts is done.
 * <li>{@code QUIT} → {@code BYE <ms>}: closes the window like the user, waits for the app's
 *     shutdown, exits 0 (3 if the app did not exit in time).
 * </ul>
 * Any failure answers {@code ERROR <text>} on one line; the driver keeps taking commands.
 */
public final class WindowLabDriver {
    private static final long WAIT_TABLE_MS = 40_000;
    private static final long COMMAND_MS = 25_000;

    /** Held so the JDK's logging does not forget the levels (as net.portforward.app.Main does). */
    private static final Logger[] QUIET = {Logger.getLogger("org.jupnp"), Logger.getLogger("javafx")};

    private static PrintStream answers;
    private static final AtomicReference<Throwable> launchError = new AtomicReference<>();
    private static final CountDownLatch launchReturned = new CountDownLatch(1);
    private static volatile long shownAt = -1;
    private static volatile boolean shownExact;
    private static volatile long filledAt = -1;
    private static volatile Stage mainStage;
    /** Busy→idle transitions of the window (the Refresh button is disabled exactly while busy). */
    private static final AtomicInteger idleEdges = new AtomicInteger();
    private static FxRobot robot;

    private WindowLabDriver() {
    }

    public static void main(String[] args) throws Exception {
        answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (System.getenv("PORTFORWARD_DEBUG") == null) {
            for (Logger l : QUIET) {
                l.setLevel(Level.OFF);
            }
            QUIET[1].setLevel(Level.SEVERE);
        }
        log("glass.platform=" + System.getProperty("glass.platform") + " testfx.robot="
                + System.getProperty("testfx.robot") + " DISPLAY=" + System.getenv("DISPLAY"));

        // What net.portforward.app.Main does for the window, with the arguments DesktopApp reads.
        Thread launcher = new Thread(() -> {
            try {
                Application.launch(DesktopApp.class, args);
            } catch (Throwable t) {
                launchError.set(t);
                log("launch failed: " + t);
                t.printStackTrace();
            } finally {
                launchReturned.countDown();
            }
        }, "app-launch");
        launcher.setDaemon(true);
        launcher.start();
        watchWindows();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            log("> " + line);
            String answer;
            try {
                answer = handle(line);
            } catch (Throwable t) {
                t.printStackTrace();
                answer = "ERROR " + oneLine(t.toString());
            }
            log("< " + answer);
            answers.println(answer);
            if (answer.startsWith("BYE")) {
                System.exit(0);
            }
        }
        log("stdin closed: exiting");
        Runtime.getRuntime().halt(4);
    }

    private static String handle(String line) throws Exception {
        String[] w = line.split(" ", 5);
        switch (w[0]) {
            case "WAIT_TABLE":
                return waitTable();
            case "STATE":
                return state();
            case "ADD":
                if (w.length < 4) {
                    return "ERROR usage: ADD <extPort> <TCP|UDP|BOTH> <intPort> <description>";
                }
                return add(w[1], w[2], w[3], w.length > 4 ? w[4] : "");
            case "REFRESH":
                return refresh();
            case "REACH":
                return reach(w.length > 1 && w[1].equals("temporary"));
            case "CLICK_POPUP":
                return clickPopup(line.substring("CLICK_POPUP ".length()));
            case "POPUP":
                return popup(w.length > 1 ? line.substring("POPUP ".length()) : "");
            case "QUIT":
                return quit();
            default:
                return "ERROR unknown command " + w[0];
        }
    }

    // ---- watching the start ----------------------------------------------------------------

    /**
     * Waits for the toolkit, then listens for the main window being shown and its table getting
     * its first row, so the times are taken when they happen, not when a command asks.
     */
    private static void watchWindows() throws InterruptedException {
        long end = System.currentTimeMillis() + WAIT_TABLE_MS;
        while (System.currentTimeMillis() < end && launchReturned.getCount() > 0) {
            try {
                Platform.runLater(() -> {
                    Window.getWindows().addListener((ListChangeListener<Window>) c -> {
                        while (c.next()) {
                            c.getAddedSubList().forEach(w -> seen(w, true));
                        }
                    });
                    // Windows shown before the listener existed: then the time is only an upper bound.
                    List.copyOf(Window.getWindows()).forEach(w -> seen(w, false));
                });
                return;
            } catch (IllegalStateException toolkitNotUpYet) {
                Thread.sleep(2);
            }
        }
    }

    private static void seen(Window w, boolean justShown) {
        if (mainStage != null || !(w instanceof Stage s) || s.getScene() == null
                || s.getScene().lookup("#mappings") == null) {
            return;
        }
        long now = uptime();
        mainStage = s;
        shownExact = justShown;
        shownAt = now;
        @SuppressWarnings("unchecked")
        TableView<MappingRow> table = (TableView<MappingRow>) s.getScene().lookup("#mappings");
        Label message = (Label) s.getScene().lookup("#message");
        Button refresh = (Button) s.getScene().lookup("#refresh");
        Runnable check = () -> {
            if (filledAt < 0 && (!table.getItems().isEmpty() || message.getText().contains("port forward"))) {
                filledAt = uptime();
                log("table filled at " + filledAt + " ms (" + table.getItems().size() + " rows)");
            }
        };
        table.getItems().addListener((ListChangeListener<MappingRow>) c -> check.run());
        message.textProperty().addListener((o, a, b) -> check.run());
        refresh.disableProperty().addListener((o, wasBusy, busy) -> {
            if (wasBusy && !busy) {
                idleEdges.incrementAndGet();
            }
        });
        s.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> log("key pressed in the main window: " + e.getCode()));
        log("main window shown at " + shownAt + " ms");
        check.run();
    }

    private static long uptime() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    // ---- commands ---------------------------------------------------------------------------

    private static String waitTable() throws InterruptedException {
        long end = System.currentTimeMillis() + WAIT_TABLE_MS;
        while (mainStage == null) {
            if (launchError.get() != null) {
                return "ERROR the window did not open: " + oneLine(String.valueOf(launchError.get()));
            }
            if (System.currentTimeMillis() > end) {
                return "ERROR no main window within " + WAIT_TABLE_MS + " ms";
            }
            Thread.sleep(10);
        }
        robot();
        boolean ok = waitUntil(end, () -> onFx(() -> !busy() && (filledAt >= 0 || problemShown())));
        if (!ok) {
            return "ERROR table not filled within " + WAIT_TABLE_MS + " ms; status: " + onFx(() -> text("#message"));
        }
        if (filledAt < 0) {
            return "ERROR no router: " + onFx(() -> text("#problemTitle") + ": " + text("#problemExplanation"));
        }
        return "TABLE " + onFx(() -> table().getItems().size()) + " " + filledAt + " " + shownAt
                + (shownExact ? "" : " (shown time is an upper bound)");
    }

    private static String state() {
        return "STATE " + onFx(() -> String.join("\t",
                "routerName=" + text("#routerName"),
                "routerModel=" + text("#routerModel"),
                "externalAddress=" + text("#externalAddress"),
                "connection=" + text("#connection"),
                "natBadge=" + (mainStage.getScene().lookup("#natBadge").isVisible() ? text("#natBadge") : ""),
                "message=" + text("#message"),
                "problem=" + (problemShown() ? text("#problemTitle") : ""),
                "ownForwardsOnly=" + (mainStage.getScene().lookup("#ownForwardsOnly").isVisible()
                        ? text("#ownForwardsOnly") : ""),
                "ipv6Pinholes=" + text("#ipv6Pinholes"),
                "windowSize=" + Math.round(mainStage.getWidth()) + "x" + Math.round(mainStage.getHeight()),
                "windowAt=" + Math.round(mainStage.getX()) + "," + Math.round(mainStage.getY()),
                "focused=" + mainStage.isFocused(),
                "focusOwner=" + Optional.ofNullable(mainStage.getScene().getFocusOwner())
                        .map(n -> n.getId() != null ? "#" + n.getId() : n.getClass().getSimpleName()).orElse("")));
    }

    private static String add(String ext, String proto, String intPort, String description) throws Exception {
        FxRobot r = robot();
        long end = System.currentTimeMillis() + COMMAND_MS;
        if (!waitUntil(end, () -> onFx(() -> !busy()))) {
            return "ERROR the window stayed busy";
        }
        if (onFx(() -> mainStage.getScene().lookup("#add").isDisabled())) {
            return "ERROR Add is disabled; status: " + onFx(() -> text("#message"));
        }
        int before = idleEdges.get();
        r.clickOn("#add");
        if (!waitUntil(end, () -> onFx(() -> dialogField("#externalPort").isPresent()))) {
            return "ERROR the Add dialog did not open";
        }
        String radio = switch (proto.toUpperCase()) {
            case "TCP" -> "#protocolTcp";
            case "UDP" -> "#protocolUdp";
            case "BOTH" -> "#protocolBoth";
            default -> null;
        };
        if (radio == null) {
            return "ERROR protocol must be TCP, UDP or BOTH: " + proto;
        }
        r.clickOn(radio);
        type(r, "#externalPort", ext);
        if (!intPort.equals(ext)) {
            r.clickOn("#samePort");
            type(r, "#internalPort", intPort);
        }
        type(r, "#description", description);

        String client = onFx(() -> dialogField("#internalClient").map(TextInputControl::getText).orElse(""));
        List<String> wrong = new ArrayList<>();
        for (String[] f : new String[][] {{"#externalPort", ext}, {"#internalPort", intPort},
            {"#description", description}}) {
            String got = onFx(() -> dialogField(f[0]).map(TextInputControl::getText).orElse(null));
            if (!f[1].equals(got)) {
                wrong.add(f[0] + "=\"" + got + "\" (typed \"" + f[1] + "\")");
            }
        }
        if (!wrong.isEmpty()) {
            return "ERROR typing did not arrive: " + wrong;
        }
        log("dialog filled; internal client is \"" + client + "\"");
        if (!waitUntil(System.currentTimeMillis() + 5000,
                () -> onFx(() -> !r.lookup(".dialog-pane #ok").queryAs(Button.class).isDisabled()))) {
            return "ERROR OK stays disabled: " + onFx(WindowLabDriver::fieldErrors);
        }
        r.clickOn(".dialog-pane #ok");
        if (!waitUntil(end, () -> idleEdges.get() > before && onFx(() -> !busy()))) {
            return "ERROR the add did not finish within " + COMMAND_MS + " ms; status: " + onFx(() -> text("#message"));
        }
        r.sleep(100); // an error dialog or the reopened dialog is shown through runLater
        Optional<String> error = onFx(() -> r.lookup("#errorSentence").tryQuery()
                .filter(n -> n.getScene().getWindow().isShowing()).map(n -> ((Label) n).getText()));
        if (error.isPresent()) {
            closeOtherWindows();
            return "ERROR dialog: " + oneLine(error.get());
        }
        Optional<String> conflict = onFx(() -> r.lookup("#conflictBanner").tryQuery().filter(Node::isVisible)
                .map(n -> text("#conflict")));
        if (conflict.isPresent()) {
            closeOtherWindows();
            return "ERROR conflict: " + oneLine(conflict.get());
        }
        int port = Integer.parseInt(ext);
        boolean listed = onFx(() -> table().getItems().stream().anyMatch(row -> row.mapping().externalPort() == port
                && (proto.equalsIgnoreCase("BOTH") || row.mapping().protocol().name().equalsIgnoreCase(proto))));
        return listed ? "ADDED" : "ERROR not in the table after the add: " + rows();
    }

    private static String reach(boolean temporary) throws Exception {
        long end = System.currentTimeMillis() + COMMAND_MS;
        onFx(() -> {
            table().getSelectionModel().clearSelection(); // so Test tests the web server's port
            return null;
        });
        if (robot().lookup("#test").tryQuery().isEmpty()) {
            robot().clickOn("#reachability");
        }
        if (!waitUntil(end, () -> robot().lookup("#test").tryQuery().isPresent())) {
            return "ERROR the reachability window did not open";
        }
        javafx.scene.control.ToggleButton server = robot().lookup("#web-server").queryAs(javafx.scene.control.ToggleButton.class);
        if (!onFx(server::isSelected)) {
            robot().clickOn(server);
            if (!waitUntil(end, () -> onFx(() -> !anyText("#web-server-url").isBlank()))) {
                return "ERROR the web server did not start";
            }
        }
        onFx(() -> {
            robot().lookup("#temporary").queryAs(javafx.scene.control.CheckBox.class).setSelected(temporary);
            return null;
        });
        Button test = robot().lookup("#test").queryAs(Button.class);
        AtomicInteger done = new AtomicInteger();
        onFx(() -> {
            test.disableProperty().addListener((o, wasBusy, busy) -> {
                if (wasBusy && !busy) {
                    done.incrementAndGet();
                }
            });
            return null;
        });
        long start = System.nanoTime();
        robot().clickOn(test);
        if (!waitUntil(end, () -> done.get() > 0)) {
            return "ERROR no verdict within " + COMMAND_MS + " ms: " + onFx(() -> anyText("#verdict"));
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return "REACH " + ms + " " + onFx(() -> anyText("#verdict").replace('\n', ' ') + "|"
                + anyText("#verdict-notes").replace('\n', ' '));
    }

    /** Clicks a button of the showing change notification, then waits for the refresh it starts. */
    private static String clickPopup(String button) throws Exception {
        long end = System.currentTimeMillis() + COMMAND_MS;
        int before = idleEdges.get();
        Optional<Node> b = onFx(() -> robot().lookup(".notification-bar").queryAll().stream()
                .filter(Node::isVisible)
                .flatMap(bar -> robot().from(bar).lookup((Button x) -> button.equals(x.getText())).queryAll().stream())
                .findFirst());
        if (b.isEmpty()) {
            return "ERROR no popup button \"" + button + "\"";
        }
        robot().clickOn(b.get());
        if (!waitUntil(end, () -> idleEdges.get() > before && onFx(() -> !busy()))) {
            return "ERROR " + button + " did not refresh within " + COMMAND_MS + " ms; status: " + onFx(() -> text("#message"));
        }
        return rows();
    }

    private static String refresh() throws Exception {
        FxRobot r = robot();
        long end = System.currentTimeMillis() + COMMAND_MS;
        if (!waitUntil(end, () -> onFx(() -> !busy()))) {
            return "ERROR the window stayed busy";
        }
        int before = idleEdges.get();
        // The key goes to the window with the keyboard focus: the main window, under the pointer.
        r.moveTo("#message");
        r.type(KeyCode.F5);
        if (!waitUntil(end, () -> idleEdges.get() > before && onFx(() -> !busy()))) {
            return "ERROR F5 did not refresh within " + COMMAND_MS + " ms; focused=" + onFx(() -> mainStage.isFocused())
                    + " status: " + onFx(() -> text("#message"));
        }
        return rows();
    }

    private static String popup(String wanted) throws InterruptedException {
        long start = System.nanoTime();
        long end = System.currentTimeMillis() + COMMAND_MS;
        Supplier<Optional<String>> find = () -> onFx(() -> robot().lookup(".notification-bar").queryAll().stream()
                .filter(Node::isVisible)
                .map(bar -> {
                    List<String> labels = new ArrayList<>();
                    robot().from(bar).lookup((Label l) -> l.getText() != null && !l.getText().isBlank())
                            .queryAll().forEach(l -> labels.add(((Label) l).getText().replace('\n', ' ')));
                    List<String> buttons = new ArrayList<>();
                    robot().from(bar).lookup((Button b) -> b.getText() != null).queryAll()
                            .forEach(b -> buttons.add(((Button) b).getText()));
                    return String.join("|", labels) + "|" + String.join(",", buttons);
                })
                .filter(text -> text.contains(wanted))
                .findFirst());
        Optional<String> found = find.get();
        while (found.isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
            found = find.get();
        }
        return found.map(text -> "POPUP " + (System.nanoTime() - start) / 1_000_000 + " " + text)
                .orElse("ERROR no popup containing \"" + wanted + "\" within " + COMMAND_MS + " ms");
    }

    private static String quit() throws InterruptedException {
        long start = System.nanoTime();
        onFx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != mainStage) {
                    w.hide();
                }
            }
            // As the window manager's close button: the close request first (the app saves its
            // window size there), then the window goes.
            mainStage.fireEvent(new WindowEvent(mainStage, WindowEvent.WINDOW_CLOSE_REQUEST));
            mainStage.close();
            return null;
        });
        if (!launchReturned.await(20, TimeUnit.SECONDS)) {
            Thread.getAllStackTraces().forEach((t, st) -> {
                log("thread " + t.getName() + (t.isDaemon() ? " (daemon)" : ""));
                for (StackTraceElement e : st) {
                    log("    at " + e);
                }
            });
            answers.println("ERROR the app did not exit within 20 s of closing its window");
            System.exit(3);
        }
        return "BYE " + (System.nanoTime() - start) / 1_000_000;
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static synchronized FxRobot robot() {
        if (robot == null) {
            robot = new FxRobot();
        }
        return robot;
    }

    /** Clicks into the field, erases what is there and types the text key by key. */
    private static void type(FxRobot r, String query, String text) {
        r.clickOn(query);
        int old = onFx(() -> dialogField(query).map(f -> f.getText().length()).orElse(0));
        if (old > 0) {
            r.push(KeyCode.END);
            r.eraseText(old);
        }
        r.write(text);
    }

    private static Optional<TextField> dialogField(String query) {
        return robot().lookup(query).tryQuery().filter(n -> n instanceof TextField && n.getScene() != null
                && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()).map(n -> (TextField) n);
    }

    private static String fieldErrors() {
        List<String> errors = new ArrayList<>();
        robot().lookup(".field-error").queryAll().forEach(n -> {
            if (n.isVisible() && n instanceof Label l) {
                errors.add(l.getText());
            }
        });
        return errors.toString();
    }

    private static String rows() {
        return onFx(() -> {
            StringBuilder sb = new StringBuilder("ROWS ").append(table().getItems().size());
            for (MappingRow row : table().getItems()) {
                sb.append(' ').append(row.mapping().externalPort()).append('/').append(row.mapping().protocol().name());
            }
            return sb.toString();
        });
    }

    private static void closeOtherWindows() {
        onFx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != mainStage) {
                    w.hide();
                }
            }
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private static TableView<MappingRow> table() {
        return (TableView<MappingRow>) mainStage.getScene().lookup("#mappings");
    }

    /** Read on the FX thread only. */
    private static boolean busy() {
        return mainStage.getScene().lookup("#refresh").isDisabled();
    }

    private static boolean problemShown() {
        Node p = mainStage.getScene().lookup("#problem");
        return p != null && p.isVisible();
    }

    /** A label's text in any window (the reachability window is one of its own). */
    private static String anyText(String query) {
        return robot().lookup(query).tryQuery().filter(n -> n instanceof Label).map(n -> String.valueOf(((Label) n).getText()))
                .orElse("");
    }

    private static String text(String query) {
        Node n = mainStage.getScene().lookup(query);
        return n instanceof Label l ? String.valueOf(l.getText()) : "";
    }

    private static boolean waitUntil(long endMillis, BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > endMillis) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static <T> T onFx(Supplier<T> read) {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                value.set(read.get());
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        try {
            if (!done.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the FX thread did not answer in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return value.get();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static void log(String s) {
        System.err.println("[driver " + uptime() + " ms] " + s);
    }
}
