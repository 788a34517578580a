package net.portforward.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.portforward.config.Settings;
import net.portforward.config.SettingsException;
import net.portforward.config.SettingsLoader;
import net.portforward.engine.EngineOptions;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;

/** The command line: {@code portforward COMMAND [options]}. */
public final class Cli {
    /** Exit codes: 0 done, 1 the router or network failed, 2 the command line was wrong. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private static final Map<String, Supplier<Command>> COMMANDS = Map.of(
            "discover", DiscoverCommand::new,
            "info", InfoCommand::new,
            "list", ListCommand::new,
            "add", AddCommand::new,
            "edit", EditCommand::new,
            "delete", DeleteCommand::new,
            "enable", () -> new EnableCommand(true),
            "disable", () -> new EnableCommand(false),
            "watch", WatchCommand::new);

    private final SettingsLoader loader;
    private final PrintStream out;
    private final PrintStream err;

    public Cli(SettingsLoader loader, PrintStream out, PrintStream err) {
        this.loader = loader;
        this.out = out;
        this.err = err;
    }

    /**
     * True when {@code args} name a command or ask for help (or cannot be read, which the command
     * line then explains). Global options alone ({@code --config FILE}) open the window with them.
     */
    public static boolean isCommandLine(String[] args) {
        try {
            CliArgs parsed = CliArgs.parse(args);
            return parsed.command() != null || parsed.flag("help");
        } catch (InvalidInputException e) {
            return true;
        }
    }

    public int run(String[] argv) {
        CliArgs args;
        try {
            args = CliArgs.parse(argv);
        } catch (InvalidInputException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        if (args.flag("help") || "help".equals(args.command())) {
            out.print(Help.TEXT);
            return OK;
        }
        Supplier<Command> command = args.command() == null ? null : COMMANDS.get(args.command());
        if (command == null) {
            err.println(args.command() == null ? "No command given. See --help."
                    : "Unknown command \"" + args.command() + "\". Commands: discover, info, list, add, edit, delete,"
                            + " enable, disable, watch. See --help.");
            return USAGE;
        }
        try {
            Settings settings = loader.load(args.option("config").map(Path::of));
            settings.problems().forEach(p -> err.println("warning: " + p));
            EngineOptions options = options(args, settings);
            try (PortForwardEngine engine = new PortForwardEngine(options)) {
                return command.get().run(new CommandContext(engine, args, out, err, settings));
            }
        } catch (InvalidInputException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (PortForwardException | SettingsException e) {
            err.println(e.getMessage());
            return FAILED;
        }
    }

    private EngineOptions options(CliArgs args, Settings s) throws InvalidInputException {
        URI router = s.router();
        Optional<String> routerArg = args.option("router");
        if (routerArg.isPresent()) {
            try {
                router = new URI(routerArg.get().trim());
            } catch (URISyntaxException e) {
                throw new InvalidInputException("--router \"" + routerArg.get() + "\" is not a URL such as"
                        + " http://192.168.1.1:5000/rootDesc.xml.");
            }
        }
        Duration timeout = s.discoveryTimeout();
        if (args.option("timeout").isPresent()) {
            timeout = seconds(args.option("timeout").get());
        }
        return new EngineOptions(timeout, s.discoveryGrace(), args.option("interface").orElse(s.networkInterface()),
                router, s.httpTimeout(), s.dataDir());
    }

    private static Duration seconds(String text) throws InvalidInputException {
        try {
            double value = Double.parseDouble(text.trim());
            if (value > 0 && value <= 600) {
                return Duration.ofMillis(Math.round(value * 1000));
            }
        } catch (NumberFormatException ignored) {
            // message below
        }
        throw new InvalidInputException("--timeout \"" + text + "\" must be a number of seconds between 0 and 600.");
    }
}
