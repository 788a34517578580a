package net.portforward.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second, fully working UPnP gateway on the lab's LAN: the real miniupnpd on pf-lan2
 * ({@link LabNetwork#LAN2_HOST_IP}), with a public-looking WAN address of its own on a dummy
 * interface, as a compromised device or a guest's laptop running miniupnpd would be. It answers
 * searches and adds mappings into its own namespace's nftables; it is not the default gateway of
 * pf-lan. Needs a lab built with {@link LabNetwork.Builder#bridgedLan()}.
 */
public final class LabImpostor implements AutoCloseable {
    public static final String WAN_ADDRESS = "25.99.0.2";
    public static final String FRIENDLY_NAME = "Guest Laptop Router";
    public static final String ROOT_DESC_URL = "http://" + LabNetwork.LAN2_HOST_IP + ":" + LabNetwork.HTTP_PORT
            + "/rootDesc.xml";

    private final LabNetwork lab;
    private final Path dir;
    private final Process daemon;

    private LabImpostor(LabNetwork lab) throws IOException {
        this.lab = lab;
        this.dir = Files.createTempDirectory("pf-impostor-");
        String ip = LabNetwork.which("ip").orElseThrow();
        // A veth pair kept inside pf-lan2 stands for its WAN link (no dummy module on every kernel).
        lab.inLan2(ip, "link", "add", "impwan", "type", "veth", "peer", "name", "impwan-end").orThrow();
        lab.inLan2(ip, "link", "set", "impwan-end", "up").orThrow();
        lab.inLan2(ip, "addr", "add", WAN_ADDRESS + "/24", "dev", "impwan").orThrow();
        lab.inLan2(ip, "link", "set", "impwan", "up").orThrow();
        LabCommand.run(LabNetwork.COMMAND_TIMEOUT, LabNetwork.nftRuleset("lan0", "impwan"),
                List.of(ip, "netns", "exec", LabNetwork.LAN2_NS, LabNetwork.which("nft").orElseThrow(), "-f", "-"))
                .orThrow();
        Path config = dir.resolve("miniupnpd.conf");
        Files.writeString(config, String.join("\n",
                "ext_ifname=impwan", "listening_ip=lan0", "http_port=" + LabNetwork.HTTP_PORT, "enable_natpmp=no",
                "enable_upnp=yes", "secure_mode=no", "system_uptime=yes",
                "uuid=6f0a2b1c-0d1e-4f20-8a31-9b4c5d6e7f80", "friendly_name=" + FRIENDLY_NAME,
                "ext_ip=" + WAN_ADDRESS, "allow 1024-65535 " + LabNetwork.LAN_SUBNET + " 1-65535",
                "deny 0-65535 0.0.0.0/0 0-65535", ""));
        daemon = new ProcessBuilder(ip, "netns", "exec", LabNetwork.LAN2_NS, LabNetwork.which("miniupnpd").orElseThrow(),
                "-f", config.toString(), "-P", dir.resolve("miniupnpd.pid").toString(), "-d")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("miniupnpd.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!lab.inLan(Duration.ofSeconds(2), "bash", "-c",
                "exec 3<>/dev/tcp/" + LabNetwork.LAN2_HOST_IP + "/" + LabNetwork.HTTP_PORT).ok()) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("the impostor's miniupnpd did not start; log:\n" + log());
            }
            try {
                Thread.sleep(100); // polling a daemon that is starting, not waiting for a result
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Starts the impostor on the lab's second LAN host. */
    public static LabImpostor start(LabNetwork lab) {
        try {
            return new LabImpostor(lab);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** upnpc pointed at the impostor, from pf-lan. */
    public LabCommand.Result upnpc(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = LabNetwork.which("upnpc").orElseThrow();
        all[1] = "-u";
        all[2] = ROOT_DESC_URL;
        System.arraycopy(args, 0, all, 3, args.length);
        return lab.inLan(all);
    }

    public String log() {
        try {
            Path log = dir.resolve("miniupnpd.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.destroy();
            try {
                if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                daemon.destroyForcibly();
            }
        }
    }
}
