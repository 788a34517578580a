package net.portforward.app;

import java.util.logging.Level;
import java.util.logging.Logger;
import net.portforward.cli.Cli;
import net.portforward.config.SettingsLoader;
import net.portforward.engine.discovery.DiscoveryPolicy;

/**
 * Starts PortForward: the window when there are no arguments, the command line otherwise. This
 * class must not extend {@code javafx.application.Application}: a jar started with
 * {@code java -jar} and JavaFX on the class path only launches through a plain main class.
 */
public final class Main {
    /** Held so the JDK's logging does not forget the levels set here. */
    private static final Logger[] QUIET = {Logger.getLogger("org.jupnp"), Logger.getLogger("javafx")};

    private Main() {
    }

    public static void main(String[] args) {
        // jUPnP reports every dropped datagram and shutdown step; users see our messages
        // instead. PORTFORWARD_DEBUG=1 shows theirs.
        if (System.getenv("PORTFORWARD_DEBUG") == null) {
            for (Logger l : QUIET) {
                l.setLevel(Level.OFF);
            }
            // JavaFX warns that it was loaded from the class path, which is how a single jar runs.
            QUIET[1].setLevel(Level.SEVERE);
        }
        if (Cli.isCommandLine(args)) {
            int code = new Cli(SettingsLoader.forThisMachine(), DiscoveryPolicy.system(), CommandLineParts::open,
                    System.out, System.err).run(args);
            System.exit(code);
        }
        try {
            JavaFxNatives.prepare();
        } catch (java.io.IOException e) {
            // JavaFX then says which library it misses, and the line below says the window cannot open.
            System.err.println("PortForward could not unpack JavaFX's libraries: " + e.getMessage());
        }
        try {
            DesktopApp.launchWindow(args);
        } catch (RuntimeException | Error e) {
            // No display, or no GTK on a Linux without a desktop: say so in one line.
            System.err.println("The PortForward window cannot open here (" + e.getMessage() + "). The command line"
                    + " works without a display: java -jar portforward.jar --help");
            System.exit(Cli.FAILED);
        }
        // The window has ended (DesktopApp.stop() ran): the tray's AWT thread must not keep the JVM.
        System.exit(0);
    }
}
