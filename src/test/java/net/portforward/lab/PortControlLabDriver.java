package net.portforward.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.natpmp.NatPmpClient;
import net.portforward.engine.natpmp.NatPmpException;
import net.portforward.engine.natpmp.NatPmpExternalAddress;
import net.portforward.engine.natpmp.NatPmpMapping;
import net.portforward.engine.pcp.MappingNonce;
import net.portforward.engine.pcp.PcpAnnounceAnswer;
import net.portforward.engine.pcp.PcpClient;
import net.portforward.engine.pcp.PcpException;
import net.portforward.engine.pcp.PcpExternalAddress;
import net.portforward.engine.pcp.PcpMapRequest;
import net.portforward.engine.pcp.PcpMapping;
import net.portforward.engine.pcp.PcpUnsupportedVersionException;
import net.portforward.engine.pcp.RestartAnnouncementListener;
import net.portforward.engine.portcontrol.NoAnswerException;
import net.portforward.engine.progress.Progress;

/**
 * Runs PortForward's NAT-PMP and PCP clients from inside pf-lan for {@link PortControlLabIT}:
 * {@code ip netns exec pf-lan java -cp target/classes:target/test-classes
 * net.portforward.lab.PortControlLabDriver GATEWAY LOCAL COMMAND ARGS...}. Needs nothing but the
 * engine's own classes. Prints one line per result: a kind, then {@code key=value} pairs, the
 * last {@code ms}, the time the command took without the JVM's start.
 * <pre>
 * pmp-address | pmp-map PROTO PORT SUGGESTED SECONDS | pmp-unmap PROTO PORT
 * pcp-announce | pcp-map NONCE PROTO PORT SUGGESTED SECONDS | pcp-delete NONCE PROTO PORT | pcp-external
 * listen SECONDS          (restart announcements on 224.0.0.1:5350)
 * serve-tcp PORT          (accepts and closes connections on LOCAL:PORT until killed)
 * </pre>
 */
public final class PortControlLabDriver {
    /** Each exchange's deadline: 3 s, or {@code -DdeadlineSeconds=N}. */
    static final Duration DEADLINE = Duration.ofSeconds(Long.getLong("deadlineSeconds", 3));
    private static long started;

    private PortControlLabDriver() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress gateway = InetAddress.getByName(args[0]); // literals only: no name look-up
        InetAddress local = InetAddress.getByName(args[1]);
        String command = args[2];
        started = System.nanoTime();
        NatPmpClient pmp = new NatPmpClient(gateway, local);
        PcpClient pcp = new PcpClient(gateway, local);
        try {
            switch (command) {
                case "pmp-address" -> {
                    NatPmpExternalAddress a = pmp.externalAddress(DEADLINE, Progress.NONE);
                    print("ok", Map.of("address", a.address().getHostAddress(), "epoch", a.epoch()));
                }
                case "pmp-map" -> print(pmp.map(protocol(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                        Duration.ofSeconds(Long.parseLong(args[6])), DEADLINE, Progress.NONE));
                case "pmp-unmap" -> print(pmp.unmap(protocol(args[3]), Integer.parseInt(args[4]), DEADLINE, Progress.NONE));
                case "pcp-announce" -> {
                    PcpAnnounceAnswer a = pcp.announce(DEADLINE, Progress.NONE);
                    print("ok", Map.of("epoch", a.epoch()));
                }
                case "pcp-map" -> print(pcp.map(new PcpMapRequest(MappingNonce.fromHex(args[3]), protocol(args[4]),
                        Integer.parseInt(args[5]), Integer.parseInt(args[6]), Optional.empty(),
                        Duration.ofSeconds(Long.parseLong(args[7]))), DEADLINE, Progress.NONE));
                case "pcp-delete" -> print(pcp.delete(MappingNonce.fromHex(args[3]), protocol(args[4]),
                        Integer.parseInt(args[5]), DEADLINE, Progress.NONE));
                case "pcp-external" -> {
                    PcpExternalAddress a = pcp.externalAddress(DEADLINE, Progress.NONE);
                    print("ok", Map.of("address", a.address().getHostAddress(), "probePort", a.probePort(),
                            "epoch", a.epoch()));
                }
                case "listen" -> listen(gateway, local, Duration.ofSeconds(Long.parseLong(args[3])));
                case "serve-tcp" -> serve(local, Integer.parseInt(args[3]));
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
        } catch (PcpUnsupportedVersionException e) {
            print("pcpError", Map.of("code", e.code(), "name", "UNSUPP_VERSION", "serverVersion", e.serverVersion(),
                    "epoch", e.epoch()));
        } catch (PcpException e) {
            print("pcpError", Map.of("code", e.code(), "name", e.known().map(Enum::name).orElse("?"),
                    "errorLifetime", e.errorLifetime().toSeconds(), "epoch", e.epoch()));
        } catch (NatPmpException e) {
            print("pmpError", Map.of("code", e.code(), "name", e.known().map(Enum::name).orElse("?"), "epoch", e.epoch()));
        } catch (NoAnswerException e) {
            print("noAnswer", Map.of("sent", e.requestsSent()));
        }
        System.out.println("dropped pmp=" + pmp.dropped() + " pcp=" + pcp.dropped());
    }

    private static void listen(InetAddress gateway, InetAddress local, Duration time) throws InterruptedException {
        Optional<RestartAnnouncementListener> l = RestartAnnouncementListener.open(gateway, local, Clock.systemUTC(),
                a -> print("announce", Map.of("source", a.source(), "epoch", a.epoch(),
                        "address", a.externalAddress().map(InetAddress::getHostAddress).orElse("-"))));
        if (l.isEmpty()) {
            System.out.println("cannotListen");
            return;
        }
        System.out.println("listening");
        System.out.flush();
        TimeUnit.NANOSECONDS.sleep(time.toNanos());
        System.out.println("dropped listener=" + l.get().dropped());
        l.get().close();
    }

    private static void serve(InetAddress local, int port) throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(local, port));
            System.out.println("serving");
            System.out.flush();
            while (true) {
                try (Socket s = server.accept()) {
                    System.out.println("accepted from=" + s.getInetAddress().getHostAddress());
                    System.out.flush();
                }
            }
        }
    }

    private static void print(NatPmpMapping m) {
        print("ok", Map.of("protocol", m.protocol(), "internalPort", m.internalPort(), "externalPort", m.externalPort(),
                "lifetime", m.lifetime().toSeconds(), "epoch", m.epoch()));
    }

    private static void print(PcpMapping m) {
        print("ok", Map.of("protocol", m.protocol(), "internalPort", m.internalPort(), "externalPort", m.externalPort(),
                "address", m.externalAddress().getHostAddress(), "lifetime", m.lifetime().toSeconds(),
                "epoch", m.epoch(), "nonce", m.nonce().toHex()));
    }

    /** One result line; {@code ms} is the time since the command began, JVM start left out. */
    private static synchronized void print(String kind, Map<String, ?> fields) {
        StringBuilder sb = new StringBuilder(kind);
        fields.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(' ').append(e.getKey()).append('=').append(e.getValue()));
        sb.append(" ms=").append((System.nanoTime() - started) / 1_000_000);
        System.out.println(sb);
        System.out.flush();
    }

    private static Protocol protocol(String s) {
        return Protocol.parse(s).orElseThrow(() -> new IllegalArgumentException(s.toLowerCase(Locale.ROOT)));
    }
}
