package net.portforward.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.portforward.engine.error.InvalidInputException;

/**
 * The command line split into a command, its positional arguments and its options. Options may
 * stand anywhere; {@code --name value} and {@code --name=value} both work.
 */
record CliArgs(String command, List<String> positional, Map<String, String> options) {
    /** Options that take no value. */
    private static final Set<String> FLAGS = Set.of("json", "csv", "help", "same-port", "keep-mapping", "no-mapping",
            "keep", "for-now", "dry-run", "repair", "all", "ipv6", "tray");
    private static final Set<String> KNOWN = Set.of("json", "csv", "help", "router", "interface", "timeout", "config",
            "client", "description", "lease", "internal-port", "same-port",
            "protocol", "checker", "keep-mapping", "no-mapping", "listen", "trust-proxy", "count",
            "keep", "for-now", "dry-run", "hold", "repair", "all", "ipv6", "tray");

    static CliArgs parse(String[] args) throws InvalidInputException {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h")) {
                options.put("help", "true");
            } else if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (!KNOWN.contains(name)) {
                    throw new InvalidInputException(CliMistake.UNKNOWN_OPTION.with("--" + name));
                }
                if (FLAGS.contains(name)) {
                    options.put(name, "true");
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new InvalidInputException(CliMistake.NEEDS_VALUE.with("--" + name));
                    }
                    value = args[++i];
                }
                options.put(name, value);
            } else {
                positional.add(a);
            }
        }
        String command = positional.isEmpty() ? null : positional.remove(0);
        return new CliArgs(command, positional, options);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /**
     * {@code --protocol auto|upnp|pcp|natpmp}: how to ask the router, a global option. The
     * reachability test's {@code --protocol tcp|udp} shares the name; their values never overlap.
     */
    Optional<String> routerProtocol() {
        return option("protocol").filter(v -> !isTransport(v));
    }

    /** {@code --protocol tcp|udp} of the reachability test. */
    Optional<String> transportProtocol() {
        return option("protocol").filter(CliArgs::isTransport);
    }

    private static boolean isTransport(String v) {
        return v.strip().equalsIgnoreCase("tcp") || v.strip().equalsIgnoreCase("udp");
    }

    void expectPositional(int count, String usage) throws InvalidInputException {
        if (positional.size() != count) {
            throw new InvalidInputException(CliMistake.USAGE.with(usage));
        }
    }
}
