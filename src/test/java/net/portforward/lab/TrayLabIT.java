package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real app ({@code java -jar portforward.jar}, GTK under Xvfb) in the LAN namespace, on a
 * desktop with a system tray (trayer), against the real miniupnpd: the user keeps a forward,
 * closes the window, and PortForward goes on in the tray; the router restarts, and the forward
 * comes back by itself while the tray tells the user so. Then the tray's menu: Open brings the
 * window back, Quit ends the app. Screenshots go to target/lab-screenshots/tray-*.png.
 *
 * <p>What the user was told is read twice over: the app's log line of each tray notification
 * (AwtTray logs what it shows), and AWT's notification window on the X screen.
 */
@Tag("lab")
class TrayLabIT {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    static final String APP_CLASS = "net.portforward.app.DesktopApp";
    /** AWT names its windows win0, win1, …: the tray's tooltip and notification are such windows. */
    static final Pattern AWT_WINDOW = Pattern.compile("win\\d+");

    @TempDir
    Path work;

    @Test
    void closedToTheTrayItPutsAKeptForwardBackAfterARouterRestartAndSaysSo() throws Exception {
        LabNetwork.assumeAvailable();
        needTrayDesktop();
        try (LabNetwork lab = LabNetwork.start(LabVariant.IGD2_PUBLIC);
             LabDesktop desktop = LabDesktop.start(lab, work, WindowLabIT.SHOTS)) {
            AppCli cli = new AppCli(lab, work.resolve("app"));
            Path settings = cli.settingsWithEvents("tray", "listen = true");
            Files.writeString(settings, Files.readString(settings) + "[window]\nclose-to-tray = true\n");
            // The user keeps a forward (the command line's add keeps it, as the window's does).
            cli.ok("add", "9443", "TCP", "9443", "--description", "kept in the tray");
            assertTrue(UpnpcListing.find(lab.listMappings(), "TCP", 9443).isPresent());

            try (AppProcess app = cli.startWindow(settings, desktop.x.display)) {
                assertTrue(app.awaitStderr("INFO: PortForward is in the system tray", START_TIMEOUT),
                        () -> "the app did not put its icon into the tray:\n" + app.stderr());
                LabDesktop.XWindow icon = desktop.find("JavaEmbeddedFrame", "java-lang-Thread")
                        .orElseThrow(() -> new AssertionError("no tray icon on the screen:\n" + desktop.tree()));
                LabDesktop.XWindow panel = desktop.windows().stream()
                        .filter(w -> w.wmClass().equals("\"panel\" \"trayer\"")).findFirst().orElseThrow();
                assertTrue(icon.x() >= panel.x() && icon.x() < panel.x() + panel.width(),
                        () -> "the icon sits in the tray's panel: " + icon + " " + panel);
                desktop.await("the main window on the screen", START_TIMEOUT, () -> mainWindow(desktop).isPresent());
                // The watch is subscribed to the router's events (miniupnpd -d logs each SUBSCRIBE).
                desktop.await("the app listening for the router's changes", START_TIMEOUT,
                        () -> lab.routerLog().contains("ProcessHTTPSubscribe"));
                desktop.screenshot("tray-window.png");

                // ---- the window's close button: PortForward stays, in the tray ----
                desktop.close(mainWindow(desktop).orElseThrow());
                desktop.await("the window hidden", ANSWER_TIMEOUT, () -> mainWindow(desktop).isEmpty());
                assertTrue(app.alive(), () -> "closing the window ended the app:\n" + app.stderr());
                assertTrue(desktop.find("JavaEmbeddedFrame", "java-lang-Thread").isPresent(), "the icon stays in the tray");

                // ---- the router restarts: the kept forward comes back, and the tray says so ----
                long restarted = System.nanoTime();
                lab.restartRouter();
                desktop.await("the kept TCP 9443 listed by upnpc again", ANSWER_TIMEOUT,
                        () -> UpnpcListing.find(lab.listMappings(), "TCP", 9443).isPresent());
                long backMs = (System.nanoTime() - restarted) / 1_000_000;
                assertTrue(app.awaitStderr("INFO: Told through the system tray: The router restarted: ", ANSWER_TIMEOUT),
                        () -> "no tray notification of the restart:\n" + app.stderr());
                long toldMs = (System.nanoTime() - restarted) / 1_000_000;
                String told = app.stderr().lines().filter(l -> l.startsWith("INFO: Told through the system tray: The router"
                        + " restarted: ")).findFirst().orElseThrow();
                assertTrue(told.contains("Putting back the port forward you keep."), told);
                desktop.await("the notification on the screen", ANSWER_TIMEOUT, () -> notification(desktop).isPresent());
                Path notified = desktop.screenshot("tray-notification.png");
                System.out.println("BENCH tray: router restart to the kept forward listed again by upnpc " + backMs
                        + " ms; to the tray's notification logged " + toldMs + " ms (window closed to the tray)");
                System.out.println("tray notification: " + told.substring("INFO: ".length()) + " -> " + notified);
                assertTrue(app.alive(), app::stderr);

                // ---- the tray's menu: Open brings the window back ----
                desktop.click(icon.centreX(), icon.centreY(), 3);
                desktop.await("the tray's menu", ANSWER_TIMEOUT, () -> menu(desktop).isPresent());
                Path menuShot = desktop.screenshot("tray-menu.png");
                desktop.keys("Down", "Return"); // the first item: Open PortForward
                desktop.await("the window open again", ANSWER_TIMEOUT, () -> mainWindow(desktop).isPresent());
                Path opened = desktop.screenshot("tray-opened.png");

                // ---- Quit ends the app; the kept forward stays on the router ----
                desktop.click(icon.centreX(), icon.centreY(), 3);
                desktop.await("the tray's menu", ANSWER_TIMEOUT, () -> menu(desktop).isPresent());
                desktop.keys("Down", "Down", "Down", "Return"); // Open, Pause listening, Quit
                assertEquals(0, app.waitFor(ANSWER_TIMEOUT), () -> "Quit did not end the app:\n" + app.stderr());
                assertTrue(UpnpcListing.find(lab.listMappings(), "TCP", 9443).isPresent(), "a kept forward stays");
                System.out.println("tray screenshots: " + menuShot + " " + opened);
            }
        }
    }

    /** The main window, when it is on the screen (JavaFX destroys its X window when it hides). */
    private static Optional<LabDesktop.XWindow> mainWindow(LabDesktop desktop) {
        return desktop.find("PortForward", APP_CLASS).filter(desktop::viewable);
    }

    /** The tray's menu (AWT's popup menu window) on the screen. */
    private static Optional<LabDesktop.XWindow> menu(LabDesktop desktop) {
        return desktop.windows().stream().filter(w -> w.name().equals("sun-awt-X11-XPopupMenuPeer"))
                .filter(desktop::viewable).findFirst();
    }

    /**
     * AWT's notification on the screen: one of its own windows, wider than the icon's tooltip,
     * showing near the tray.
     */
    private static Optional<LabDesktop.XWindow> notification(LabDesktop desktop) {
        List<LabDesktop.XWindow> all = desktop.windows();
        return all.stream().filter(w -> AWT_WINDOW.matcher(w.name()).matches() && w.width() > 150 && w.height() > 30)
                .filter(desktop::viewable).findFirst();
    }

    private static void needTrayDesktop() {
        List<String> missing = LabDesktop.missingTools();
        String why = "the tray lab needs a desktop with a system tray, and " + missing + " are missing (Debian: apt-get"
                + " install " + LabDesktop.PACKAGES + ")";
        if (Boolean.getBoolean("lab.required")) {
            assertTrue(missing.isEmpty(), why + " (and -Dlab.required=true)");
        }
        assumeTrue(missing.isEmpty(), why);
    }
}
