package net.portforward.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.portforward.config.Durations;
import net.portforward.config.Settings;
import net.portforward.config.SettingsException;
import net.portforward.config.SettingsLoader;
import net.portforward.config.ValueType;
import net.portforward.engine.EngineOptions;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.discovery.DiscoveryPolicy;
import net.portforward.engine.model.MappingProtocol;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.ledger.Ledger;
import net.portforward.text.Failures;
import net.portforward.text.Words;

/** The command line: {@code portforward COMMAND [options]}. */
public final class Cli {
    /** Exit codes: 0 done, 1 the router or network failed, 2 the command line was wrong. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private static final Map<String, Supplier<Command>> COMMANDS = Map.ofEntries(
            Map.entry("discover", DiscoverCommand::new),
            Map.entry("info", InfoCommand::new),
            Map.entry("list", ListCommand::new),
            Map.entry("add", AddCommand::new),
            Map.entry("edit", EditCommand::new),
            Map.entry("delete", DeleteCommand::new),
            Map.entry("enable", () -> new EnableCommand(true)),
            Map.entry("disable", () -> new EnableCommand(false)),
            Map.entry("watch", WatchCommand::new),
            Map.entry("test", TestCommand::new),
            Map.entry("serve", ServeCommand::new),
            Map.entry("export", ExportCommand::new),
            Map.entry("import", ImportCommand::new),
            Map.entry("preset", PresetCommand::new),
            Map.entry("cleanup", CleanupCommand::new),
            Map.entry("restore", RestoreCommand::new),
            Map.entry("report", ReportCommand::new),
            Map.entry("pinhole", PinholeCommand::new));

    /** The commands, as the unknown-command message lists them. */
    private static final java.util.List<String> COMMAND_NAMES = java.util.List.of("discover", "info", "list", "add",
            "edit", "delete", "enable", "disable", "watch", "test", "serve", "checker", "export", "import", "preset",
            "cleanup", "restore", "report", "pinhole");

    /**
     * For servers that run until the user stops them (serve, checker): waits for Ctrl-C, whose
     * shutdown hook runs {@code stop} before the JVM ends.
     */
    static int untilCtrlC(String hookName, Runnable stop) {
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, hookName));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    private final SettingsLoader loader;
    private final DiscoveryPolicy discovery;
    private final RunParts.Maker parts;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param discovery where discovery may send: {@link DiscoveryPolicy#system()} for a user's run
     * @param parts makes each run's ledger and engine (the app's wiring)
     */
    public Cli(SettingsLoader loader, DiscoveryPolicy discovery, RunParts.Maker parts, PrintStream out, PrintStream err) {
        this.loader = loader;
        this.discovery = discovery;
        this.parts = parts;
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
        // Until the settings are read, the system's language; then the one portforward.ini chose, if any.
        Words words = Words.forDefaultLocale();
        CliArgs args;
        try {
            args = CliArgs.parse(argv);
        } catch (InvalidInputException e) {
            err.println(new Failures(words).sentence(e));
            return USAGE;
        }
        if (args.flag("help") || "help".equals(args.command())) {
            out.print(Help.text(words));
            return OK;
        }
        if ("checker".equals(args.command())) {
            return checker(args, words);
        }
        Supplier<Command> command = args.command() == null ? null : COMMANDS.get(args.command());
        if (command == null) {
            err.println(args.command() == null ? words.format("cli.noCommand")
                    : words.format("cli.unknownCommand", args.command(), String.join(", ", COMMAND_NAMES)));
            return USAGE;
        }
        try {
            Settings settings = settings(args);
            if (settings.language() != null) {
                words = Words.in(settings.language());
                // What the ledger says of a batch follows it too.
                java.util.Locale.setDefault(settings.language());
            }
            EngineOptions options = options(args, settings);
            // The ledger records every mapping this run makes; its session ends with the command.
            try (RunParts run = parts.open(options)) {
                if (!"cleanup".equals(args.command())) {
                    CleanupCommand.offer(run.ledger(), err, words);
                }
                return command.get().run(new CommandContext(run.engine(), settings, run.ledger(), args, out, err, words));
            }
        } catch (InvalidInputException e) {
            err.println(new Failures(words).sentence(e));
            return USAGE;
        } catch (PortForwardException e) {
            err.println(new Failures(words).sentence(e));
            return FAILED;
        } catch (SettingsException e) {
            err.println(words.say(e.fact()));
            return FAILED;
        }
    }

    /** The reachability checker needs no router and no settings: it runs without the engine. */
    private int checker(CliArgs args, Words words) {
        try {
            return new CheckerCommand().run(args, out, words);
        } catch (InvalidInputException e) {
            err.println(new Failures(words).sentence(e));
            return USAGE;
        } catch (PortForwardException e) {
            err.println(new Failures(words).sentence(e));
            return FAILED;
        }
    }

    /** The settings, their problems told as warnings once their language is known. */
    private Settings settings(CliArgs args) throws SettingsException {
        Settings s = loader.load(args.option("config").map(Path::of));
        Words words = s.language() != null ? Words.in(s.language()) : Words.forDefaultLocale();
        s.problems().forEach(p -> err.println(words.format("cli.warning", words.say(p))));
        return s;
    }

    private EngineOptions options(CliArgs args, Settings s) throws InvalidInputException {
        URI router = s.router();
        Optional<String> routerArg = args.option("router");
        if (routerArg.isPresent()) {
            try {
                router = new URI(routerArg.get().trim());
            } catch (URISyntaxException e) {
                throw new InvalidInputException(CliMistake.ROUTER_NOT_URL.with(routerArg.get()));
            }
        }
        Duration timeout = s.discoveryTimeout();
        if (args.option("timeout").isPresent()) {
            timeout = seconds(args.option("timeout").get());
        }
        MappingProtocol protocol = s.protocol();
        Optional<String> protocolArg = args.routerProtocol();
        if (protocolArg.isPresent()) {
            // Read as portforward.ini's [network] protocol is.
            ValueType.Reading<MappingProtocol> p = ValueType.PROTOCOL.read(protocolArg.get(), loader.folders());
            if (!p.ok()) {
                throw new InvalidInputException(CliMistake.PROTOCOL.with(protocolArg.get().strip(), p.mistake()));
            }
            protocol = p.value();
        }
        return new EngineOptions(timeout, s.discoveryGrace(), args.option("interface").orElse(s.networkInterface()),
                router, s.httpTimeout(), s.dataDir(), protocol, discovery);
    }

    /** Seconds ("5", "0.5"), or a time written like the settings' ("1500ms", "2m"): more than 0, at most 10 minutes. */
    private static Duration seconds(String text) throws InvalidInputException {
        Optional<Duration> d = Durations.parse(text);
        if (d.isPresent() && !d.get().isZero() && d.get().compareTo(Duration.ofMinutes(10)) <= 0) {
            return d.get();
        }
        throw new InvalidInputException(CliMistake.TIMEOUT.with(text));
    }
}
