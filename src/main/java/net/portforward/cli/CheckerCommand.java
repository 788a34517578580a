package net.portforward.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.portforward.checker.CheckerServer;
import net.portforward.engine.error.InputMistake;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.net.Ipv4;
import net.portforward.engine.net.Ipv6;
import net.portforward.text.Words;

/**
 * {@code checker --listen ADDRESS:PORT [--trust-proxy ADDRESS]}: hosts the reachability checker.
 * Needs no router, so it runs without the engine. Runs until stopped, one line per check.
 */
final class CheckerCommand {
    static final String USAGE = "checker --listen ADDRESS:PORT [--trust-proxy ADDRESS]";

    int run(CliArgs a, PrintStream out, Words words) throws PortForwardException {
        a.expectPositional(0, USAGE);
        String listen = a.option("listen").orElseThrow(() -> new InvalidInputException(CliMistake.USAGE.with(USAGE)));
        InetSocketAddress at = listenAddress(listen);
        InetAddress trusted = null;
        if (a.option("trust-proxy").isPresent()) {
            trusted = Ipv4.parse(a.option("trust-proxy").get()).orElseThrow(() -> new InvalidInputException(
                    CliMistake.TRUST_PROXY.with(a.option("trust-proxy").get())));
        }
        CheckerServer server = CheckerServer.start(CheckerServer.Options.of(at, trusted), line -> {
            out.println(line);
            out.flush();
        });
        out.println(trusted == null ? words.format("cli.checker.listening", "http://" + listen + "/check")
                : words.format("cli.checker.listeningBehind", "http://" + listen + "/check", trusted.getHostAddress()));
        out.flush();
        return Cli.untilCtrlC("portforward-checker-stop", server::close);
    }

    /**
     * "25.77.0.1:8765" or "[2001:db8:25::1]:8765": an IP literal (no name is looked up) and a port.
     * A checker on IPv6 tests pinholes ({@code test PORT --ipv6}).
     */
    static InetSocketAddress listenAddress(String text) throws InvalidInputException {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        InetAddress address = host.startsWith("[") ? Ipv6.parse(host).orElse(null)
                : colon < 0 ? null : Ipv4.parse(host).orElse(null);
        if (address == null) {
            throw new InvalidInputException(CliMistake.LISTEN.with(text));
        }
        return new InetSocketAddress(address, MappingRules.parsePort(text.substring(colon + 1), InputMistake.LISTEN_PORT));
    }
}
