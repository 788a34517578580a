package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A router lab on this machine: three network namespaces joined by veth pairs, with the real
 * miniupnpd as the gateway (topology and every odd setting: /work/shared/LAB.md).
 * <pre>
 * [pf-wan] wan0 25.77.0.1 &lt;-&gt; gwwan 25.77.0.2 [pf-gw] gwlan 192.168.77.1 &lt;-&gt; lan0 192.168.77.10 [pf-lan]
 * </pre>
 * This JVM stays in the host namespace and never touches the network itself: everything runs as
 * {@code ip netns exec ...} child processes, so no packet can leave the lab. The namespace names
 * are fixed, so only one lab exists at a time; leftovers of an earlier run are removed first.
 * Needs root; call {@link #assumeAvailable()} first so the test skips where the lab cannot run.
 */
public final class LabNetwork implements AutoCloseable {

    public static final String WAN_NS = "pf-wan";
    public static final String GW_NS = "pf-gw";
    public static final String LAN_NS = "pf-lan";
    /** A second LAN host (bridged labs only): another computer, or an impostor gateway. */
    public static final String LAN2_NS = "pf-lan2";
    public static final String LAN2_HOST_IP = "192.168.77.20";
    public static final String ROUTER_LAN_IP = "192.168.77.1";
    public static final String LAN_HOST_IP = "192.168.77.10";
    public static final String LAN_SUBNET = "192.168.77.0/24";
    /**
     * The dual-stack lab's IPv6 (LAB.md): the documentation prefix on the LAN, the router ::1 on
     * br0 and the client ::10, routed without NAT to the WAN link 2001:db8:25::/64.
     */
    public static final String ROUTER_LAN_IP6 = "2001:db8:77::1";
    public static final String LAN_HOST_IP6 = "2001:db8:77::10";
    public static final String LAN2_HOST_IP6 = "2001:db8:77::20";
    public static final String LAN_PREFIX6 = "2001:db8:77::/64";
    public static final String ROUTER_WAN_IP6 = "2001:db8:25::2";
    public static final String WAN_HOST_IP6 = "2001:db8:25::1";
    public static final int HTTP_PORT = 5000;
    /** miniupnpd serves its description here; {@code upnpc -u} with it skips the 2 s SSDP wait. */
    public static final String ROOT_DESC_URL = "http://" + ROUTER_LAN_IP + ":" + HTTP_PORT + "/rootDesc.xml";
    /** The description over IPv6, as miniupnpd names it to control points without ipv6_listening_ip. */
    public static final String ROOT_DESC_URL6 = "http://[" + ROUTER_LAN_IP6 + "]:" + HTTP_PORT + "/rootDesc.xml";
    public static final String ROUTER_UUID = "3d3cec3a-8cf0-11e0-98ee-001a6bd2d07b";
    public static final String FRIENDLY_NAME = "PortForward Lab Router";
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    /** The chains miniupnpd fills; it leaves its rules there when it stops (seen with 2.3.1). */
    static final List<String> MINIUPNPD_CHAINS = List.of("miniupnpd", "prerouting_miniupnpd", "postrouting_miniupnpd");
    static final List<String> TOOLS = List.of("ip", "nft", "miniupnpd", "upnpc");

    private static final Path MACHINE_LOCK = Path.of(System.getProperty("java.io.tmpdir"), "portforward-lab.lock");
    private static LabNetwork open;

    private final LabVariant variant;
    private final Path dir;
    private final Path config;
    private final Path log;
    private final Path pidFile;
    private final Path leaseFile;
    private final Duration startTimeout;
    /** False with {@code enable_upnp=no}: then only NAT-PMP and PCP answer, on UDP 5351. */
    private final boolean upnp;
    /** The LAN is a bridge with a second host (see {@link Builder#bridgedLan()}). */
    private final boolean bridged;
    /** IPv6 beside IPv4 (see {@link Builder#dualStack()}). */
    private final boolean dualStack;
    private final Map<String, String> tools = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "pf-lab-teardown");
    private Process router;
    private boolean closed;
    private FileChannel machineLock;

    private LabNetwork(Builder b) throws IOException {
        this.variant = b.variant;
        this.startTimeout = b.startTimeout;
        this.upnp = !"no".equalsIgnoreCase(b.options.getOrDefault("enable_upnp", "yes"));
        this.bridged = b.bridged;
        this.dualStack = b.dualStack;
        List<String> needed = new ArrayList<>(TOOLS);
        if (!upnp) {
            needed.add("natpmpc"); // the readiness check without an HTTP port
        }
        for (String tool : needed) {
            tools.put(tool, which(tool).orElseThrow(() -> new IllegalStateException(
                    "missing " + tool + " (call LabNetwork.assumeAvailable() first)")));
        }
        this.dir = Files.createTempDirectory("pf-lab-");
        this.config = dir.resolve("miniupnpd.conf");
        this.log = dir.resolve("miniupnpd.log");
        this.pidFile = dir.resolve("miniupnpd.pid");
        this.leaseFile = b.leaseFile ? dir.resolve("miniupnpd.leases") : null;
        Files.writeString(config, configText(b.options));
        if (leaseFile != null) {
            Files.write(leaseFile, b.leaseLines);
        }
    }

    /**
     * Skips the calling test unless this is Linux, we are root, and ip, nft, miniupnpd, upnpc exist.
     * With {@code -Dlab.required=true} (CI) it fails instead, so a broken CI machine cannot pass by
     * skipping the whole lab suite.
     */
    public static void assumeAvailable() {
        assumeAvailable(new String[0]);
    }

    /** As {@link #assumeAvailable()}, with more tools the calling test needs (such as natpmpc). */
    public static void assumeAvailable(String... moreTools) {
        List<String> problems = new ArrayList<>();
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            problems.add("network namespaces need Linux");
        } else if (!isRoot()) {
            problems.add("creating network namespaces needs root");
        }
        List<String> missing = Stream.concat(TOOLS.stream(), Arrays.stream(moreTools))
                .filter(t -> which(t).isEmpty()).toList();
        if (!missing.isEmpty()) {
            problems.add("missing " + missing
                    + " (Debian: apt-get install iproute2 nftables miniupnpd miniupnpd-nftables miniupnpc natpmpc)");
        }
        String why = "lab unavailable: " + String.join("; ", problems);
        if (Boolean.getBoolean("lab.required")) {
            assertTrue(problems.isEmpty(), why + " (and -Dlab.required=true)");
        }
        assumeTrue(problems.isEmpty(), why);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A lab with the given router, started and ready to answer. */
    public static LabNetwork start(LabVariant variant) {
        return builder().variant(variant).start();
    }

    /**
     * One lease-file line as miniupnpd reads it at start (format from LAB.md):
     * {@code TCP:EXTPORT:CLIENT:INTPORT:EXPIRY_UNIX_TIME:DESCRIPTION}; expiry 0 = permanent.
     */
    public static String leaseLine(String protocol, int externalPort, String client, int internalPort,
                                   long expiryUnixSeconds, String description) {
        return protocol.toUpperCase() + ":" + externalPort + ":" + client + ":" + internalPort + ":"
                + expiryUnixSeconds + ":" + description;
    }

    public LabVariant variant() {
        return variant;
    }

    /** The address GetExternalIPAddress should answer, "" on CGNAT. */
    public String externalAddress() {
        return variant.expectedExternalAddress();
    }

    /** The lease file, when the lab was built with one. */
    public Optional<Path> leaseFile() {
        return Optional.ofNullable(leaseFile);
    }

    public Path configFile() {
        return config;
    }

    // ---- running commands inside the lab --------------------------------------------------

    public LabCommand.Result inLan(String... command) {
        return inNamespace(LAN_NS, COMMAND_TIMEOUT, command);
    }

    public LabCommand.Result inLan(Duration timeout, String... command) {
        return inNamespace(LAN_NS, timeout, command);
    }

    /** A command on the second LAN host (bridged labs only). */
    public LabCommand.Result inLan2(String... command) {
        return inNamespace(LAN2_NS, COMMAND_TIMEOUT, command);
    }

    public LabCommand.Result inWan(String... command) {
        return inNamespace(WAN_NS, COMMAND_TIMEOUT, command);
    }

    public LabCommand.Result inWan(Duration timeout, String... command) {
        return inNamespace(WAN_NS, timeout, command);
    }

    public LabCommand.Result inGw(String... command) {
        return inNamespace(GW_NS, COMMAND_TIMEOUT, command);
    }

    public LabCommand.Result inGw(Duration timeout, String... command) {
        return inNamespace(GW_NS, timeout, command);
    }

    /** The words that run a command inside pf-lan, for processes a test starts and stops itself. */
    public List<String> lanCommandPrefix() {
        return List.of(tools.get("ip"), "netns", "exec", LAN_NS);
    }

    /** upnpc on the LAN host, with SSDP discovery (about 2 s of waiting, per LAB.md). */
    public LabCommand.Result upnpc(String... args) {
        return inLan(concat(List.of(tools.get("upnpc")), args));
    }

    /** upnpc on the LAN host, pointed straight at the router's description: no discovery wait. */
    public LabCommand.Result upnpcDirect(String... args) {
        return upnpc(concat(List.of("-u", ROOT_DESC_URL), args));
    }

    /** natpmpc on the LAN host, pointed at the router: NAT-PMP's own client, for cross-checks. */
    public LabCommand.Result natpmpc(String... args) {
        return inLan(concat(List.of(which("natpmpc").orElseThrow(), "-g", ROUTER_LAN_IP), args));
    }

    /** The router's current mappings as upnpc lists them (GetGenericPortMappingEntry one by one). */
    public List<UpnpcListing.Row> listMappings() {
        return UpnpcListing.parse(upnpcDirect("-l").orThrow().stdout());
    }

    private LabCommand.Result inNamespace(String ns, Duration timeout, String... command) {
        if (closed) {
            throw new IllegalStateException("lab is closed");
        }
        return LabCommand.run(timeout, null, concatList(List.of(tools.get("ip"), "netns", "exec", ns), command));
    }

    // ---- the router daemon ----------------------------------------------------------------

    /**
     * Starts miniupnpd in pf-gw and waits until it answers from the LAN side: its HTTP port, or
     * with UPnP off ({@code enable_upnp=no}) a NAT-PMP external address request by natpmpc.
     */
    public synchronized void startRouter() {
        if (router != null && router.isAlive()) {
            return;
        }
        flushMiniupnpdChains();
        try {
            Files.writeString(log, "---- start " + java.time.Instant.now() + " ----\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            // -d = foreground with a very verbose log (LAB.md): kept in a file for routerLog().
            router = new ProcessBuilder(tools.get("ip"), "netns", "exec", GW_NS, tools.get("miniupnpd"),
                    "-f", config.toString(), "-P", pidFile.toString(), "-d")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start miniupnpd", e);
        }
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (true) {
            if (!router.isAlive()) {
                throw new IllegalStateException("miniupnpd exited with " + router.exitValue()
                        + " during start; log tail:\n" + logTail());
            }
            if (answers()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                stopRouter();
                throw new IllegalStateException("miniupnpd did not answer on " + ROUTER_LAN_IP + ":"
                        + (upnp ? HTTP_PORT + " (HTTP)" : "5351 (NAT-PMP)") + " within " + startTimeout
                        + "; log tail:\n" + logTail());
            }
            sleep(100);
        }
    }

    private boolean answers() {
        if (upnp) {
            // A bare TCP connect from inside pf-lan: bash is everywhere, curl may not be.
            return inLan(Duration.ofSeconds(2), "bash", "-c", "exec 3<>/dev/tcp/" + ROUTER_LAN_IP + "/" + HTTP_PORT).ok();
        }
        // natpmpc retries for a minute on its own; two seconds tell whether the daemon is up. Behind
        // carrier-grade NAT the daemon answers with a network failure: an answer all the same.
        LabCommand.Result r = inLan(Duration.ofSeconds(2), tools.get("natpmpc"), "-g", ROUTER_LAN_IP);
        return r.ok() || (r.stdout() + r.stderr()).toLowerCase(java.util.Locale.ROOT).contains("network failure");
    }

    /**
     * Stops miniupnpd (SIGTERM, then SIGKILL) and empties its nftables chains. miniupnpd 2.3.1
     * leaves its rules behind when it stops and lists them again after a restart; a real reboot
     * loses them, so emptying the chains makes a restart the reboot model LAB.md describes.
     */
    public synchronized void stopRouter() {
        if (router != null) {
            router.destroy();
            try {
                if (!router.waitFor(10, TimeUnit.SECONDS)) {
                    router.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                router.destroyForcibly();
            }
            router = null;
        }
        flushMiniupnpdChains();
    }

    /** A router reboot: mappings survive only through the lease file, if there is one. */
    public void restartRouter() {
        stopRouter();
        startRouter();
    }

    public synchronized boolean routerRunning() {
        return router != null && router.isAlive();
    }

    /** Everything miniupnpd logged in this lab (all starts, appended). */
    public String routerLog() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String logTail() {
        List<String> lines = routerLog().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private void flushMiniupnpdChains() {
        if (!namespaceExists(GW_NS)) {
            return;
        }
        for (String chain : MINIUPNPD_CHAINS) {
            inGw(tools.get("nft"), "flush", "chain", "inet", "filter", chain);
        }
    }

    // ---- building and tearing down --------------------------------------------------------

    private void build() {
        removeNamespaces(tools.get("ip"));
        String ip = tools.get("ip");
        List<String> namespaces = bridged ? List.of(WAN_NS, GW_NS, LAN_NS, LAN2_NS) : List.of(WAN_NS, GW_NS, LAN_NS);
        for (String ns : namespaces) {
            run(ip, "netns", "add", ns);
            run(ip, "-n", ns, "link", "set", "lo", "up");
        }
        // Each veth pair is created with both ends already in their namespaces: nothing ever
        // appears in the host namespace, and pf-wan gets no interface but wan0.
        run(ip, "link", "add", "wan0", "netns", WAN_NS, "type", "veth", "peer", "name", "gwwan", "netns", GW_NS);
        run(ip, "link", "add", "gwlan", "netns", GW_NS, "type", "veth", "peer", "name", "lan0", "netns", LAN_NS);
        run(ip, "-n", WAN_NS, "addr", "add", variant.wanHostAddress() + "/24", "dev", "wan0");
        run(ip, "-n", GW_NS, "addr", "add", variant.routerWanAddress() + "/24", "dev", "gwwan");
        if (bridged) {
            // LAB.md: with a bridge, the host's br_netfilter would pass bridged frames (SSDP among
            // them) through the forward chain, which drops them; and multicast snooping is off.
            run(ip, "-n", GW_NS, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
            run(ip, "-n", GW_NS, "link", "set", "gwlan", "master", "br0");
            run(ip, "link", "add", "gwlan2", "netns", GW_NS, "type", "veth", "peer", "name", "lan0", "netns", LAN2_NS);
            run(ip, "-n", GW_NS, "link", "set", "gwlan2", "master", "br0");
            run(ip, "-n", GW_NS, "link", "set", "gwlan2", "up");
            run(ip, "-n", GW_NS, "link", "set", "br0", "up");
            run(ip, "-n", GW_NS, "addr", "add", ROUTER_LAN_IP + "/24", "dev", "br0");
            run(ip, "-n", LAN2_NS, "addr", "add", LAN2_HOST_IP + "/24", "dev", "lan0");
            run(ip, "-n", LAN2_NS, "link", "set", "lan0", "up");
            run(ip, "-n", LAN2_NS, "route", "add", "default", "via", ROUTER_LAN_IP);
            inGw("sh", "-c", "f=/proc/sys/net/bridge/bridge-nf-call-iptables; [ ! -e $f ] || echo 0 > $f").orThrow();
        } else {
            run(ip, "-n", GW_NS, "addr", "add", ROUTER_LAN_IP + "/24", "dev", "gwlan");
        }
        run(ip, "-n", LAN_NS, "addr", "add", LAN_HOST_IP + "/24", "dev", "lan0");
        run(ip, "-n", WAN_NS, "link", "set", "wan0", "up");
        run(ip, "-n", GW_NS, "link", "set", "gwwan", "up");
        run(ip, "-n", GW_NS, "link", "set", "gwlan", "up");
        run(ip, "-n", LAN_NS, "link", "set", "lan0", "up");
        run(ip, "-n", LAN_NS, "route", "add", "default", "via", ROUTER_LAN_IP);
        // /proc/sys/net is per namespace; writing it avoids needing procps' sysctl.
        inGw("sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward").orThrow();
        if (dualStack) {
            buildIpv6(ip);
        }
        LabCommand.run(COMMAND_TIMEOUT, nftRuleset(lanInterface(), "gwwan"),
                List.of(ip, "netns", "exec", GW_NS, tools.get("nft"), "-f", "-")).orThrow();
    }

    /**
     * The dual-stack lab of LAB.md: addresses added with nodad (usable at once), IPv6 forwarding
     * in the gateway, routes both ways, no NAT. The inet filter table's forward chain (policy drop)
     * applies to IPv6 too, so inbound IPv6 is blocked until a pinhole's rule lands in chain
     * miniupnpd; bridged frames skip ip6tables as they skip iptables.
     */
    private void buildIpv6(String ip) {
        run(ip, "-n", GW_NS, "addr", "add", ROUTER_LAN_IP6 + "/64", "dev", "br0", "nodad");
        run(ip, "-n", LAN_NS, "addr", "add", LAN_HOST_IP6 + "/64", "dev", "lan0", "nodad");
        run(ip, "-n", LAN2_NS, "addr", "add", LAN2_HOST_IP6 + "/64", "dev", "lan0", "nodad");
        run(ip, "-n", GW_NS, "addr", "add", ROUTER_WAN_IP6 + "/64", "dev", "gwwan", "nodad");
        run(ip, "-n", WAN_NS, "addr", "add", WAN_HOST_IP6 + "/64", "dev", "wan0", "nodad");
        run(ip, "-n", LAN_NS, "-6", "route", "add", "default", "via", ROUTER_LAN_IP6);
        run(ip, "-n", LAN2_NS, "-6", "route", "add", "default", "via", ROUTER_LAN_IP6);
        run(ip, "-n", WAN_NS, "-6", "route", "add", LAN_PREFIX6, "via", ROUTER_WAN_IP6);
        inGw("sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/all/forwarding; "
                + "f=/proc/sys/net/bridge/bridge-nf-call-ip6tables; [ ! -e $f ] || echo 0 > $f").orThrow();
    }

    /** The router's LAN interface: the bridge, or the one veth. */
    String lanInterface() {
        return bridged ? "br0" : "gwlan";
    }

    /**
     * miniupnpd 2.3.1's nftables backend wants everything in one {@code inet filter} table (with the
     * NAT chains in a separate table every AddPortMapping failed with 501), and nft wants one
     * statement per line (LAB.md).
     */
    static String nftRuleset(String lan, String wan) {
        return NFT_RULESET.replace("\"gwlan\"", "\"" + lan + "\"").replace("\"gwwan\"", "\"" + wan + "\"");
    }

    static final String NFT_RULESET = """
            table inet filter {
              chain forward {
                type filter hook forward priority 0; policy drop;
                ct state established,related accept
                iifname "gwlan" oifname "gwwan" accept
                jump miniupnpd
              }
              chain prerouting {
                type nat hook prerouting priority -100; policy accept;
                jump prerouting_miniupnpd
              }
              chain postrouting {
                type nat hook postrouting priority 100; policy accept;
                jump postrouting_miniupnpd
                oifname "gwwan" masquerade
              }
              chain miniupnpd {
              }
              chain prerouting_miniupnpd {
              }
              chain postrouting_miniupnpd {
              }
            }
            """;

    private String configText(Map<String, String> overrides) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("ext_ifname", "gwwan");
        o.put("listening_ip", lanInterface());
        o.put("http_port", String.valueOf(HTTP_PORT));
        o.put("enable_natpmp", "yes");
        o.put("enable_upnp", "yes");
        o.put("secure_mode", "no");
        o.put("system_uptime", "yes");
        o.put("uuid", ROUTER_UUID);
        o.put("friendly_name", FRIENDLY_NAME);
        if (variant.declaresExtIp()) {
            // CGNAT has none: a reserved ext_ip makes miniupnpd exit (LAB.md).
            o.put("ext_ip", variant.routerWanAddress());
        }
        if (variant.forceIgdV1()) {
            o.put("force_igd_desc_v1", "yes");
        }
        if (leaseFile != null) {
            o.put("lease_file", leaseFile.toString());
        }
        o.putAll(overrides);
        StringBuilder sb = new StringBuilder();
        o.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        // External ports from 1024 only (so port 80 outside gets 606, as LAB.md saw); internal ports
        // 1-65535 as in LAB.md's working config, so a mapping to a LAN web server on :80 is allowed.
        sb.append("allow 1024-65535 ").append(LAN_SUBNET).append(" 1-65535\n");
        sb.append("deny 0-65535 0.0.0.0/0 0-65535\n");
        return sb.toString();
    }

    /** Stops the router, deletes the namespaces and the temp dir. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stopRouter();
        } finally {
            closed = true;
            removeNamespaces(tools.get("ip"));
            deleteTree(dir);
            synchronized (LabNetwork.class) {
                if (open == this) {
                    open = null;
                }
            }
            releaseMachineLock();
            if (Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // the hook is running or about to; close() is idempotent
                }
            }
        }
    }

    /**
     * The namespaces have fixed names, so two test runs on one machine (two checkouts) would tear
     * down each other's lab: a lock file held for the lab's life makes the second run wait.
     */
    private void takeMachineLock() {
        try {
            machineLock = FileChannel.open(MACHINE_LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            machineLock.lock();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + MACHINE_LOCK, e);
        }
    }

    private void releaseMachineLock() {
        if (machineLock != null) {
            try {
                machineLock.close();
            } catch (IOException ignored) {
                // closing releases the lock; the OS releases it anyway when this process ends
            }
            machineLock = null;
        }
    }

    /** Kills whatever still runs in the lab namespaces (an earlier crashed run's miniupnpd) and deletes them. */
    private static void removeNamespaces(String ip) {
        for (String ns : List.of(LAN2_NS, LAN_NS, GW_NS, WAN_NS)) {
            if (!namespaceExists(ip, ns)) {
                continue;
            }
            LabCommand.run(COMMAND_TIMEOUT, ip, "netns", "pids", ns).stdout().lines()
                    .map(String::trim).filter(s -> s.matches("\\d+"))
                    .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
            LabCommand.run(COMMAND_TIMEOUT, ip, "netns", "del", ns);
        }
    }

    private boolean namespaceExists(String ns) {
        return namespaceExists(tools.get("ip"), ns);
    }

    private static boolean namespaceExists(String ip, String ns) {
        return Files.exists(Path.of("/var/run/netns", ns))
                || LabCommand.run(COMMAND_TIMEOUT, ip, "netns", "list").stdout().lines()
                .anyMatch(l -> l.equals(ns) || l.startsWith(ns + " "));
    }

    private static void run(String... command) {
        LabCommand.run(COMMAND_TIMEOUT, command).orThrow();
    }

    static boolean isRoot() {
        try {
            // /proc/self belongs to the process's effective uid.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The tool's absolute path; the sbin directories are searched too since a user PATH may lack them. */
    static Optional<String> which(String tool) {
        List<String> dirs = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    private static String[] concat(List<String> head, String... tail) {
        return concatList(head, tail).toArray(String[]::new);
    }

    private static List<String> concatList(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(Arrays.asList(tail));
        return all;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }

    /** Options for a lab; {@link #start()} builds the namespaces and starts the router. */
    public static final class Builder {
        private LabVariant variant = LabVariant.IGD2_PUBLIC;
        private boolean leaseFile;
        private final List<String> leaseLines = new ArrayList<>();
        private final Map<String, String> options = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(30);
        private boolean bridged;
        private boolean dualStack;

        private Builder() {
        }

        /**
         * IPv6 beside IPv4 on a bridged LAN (LAB.md's dual-stack lab): {@link #LAN_HOST_IP6} in
         * pf-lan, {@link #ROUTER_LAN_IP6} on br0, {@link #WAN_HOST_IP6} in pf-wan, routed without
         * NAT; miniupnpd gets no ipv6_listening_ip, so it serves HTTP on both and names its IPv6
         * address in its IPv6 SSDP answers.
         */
        public Builder dualStack() {
            this.bridged = true;
            this.dualStack = true;
            return this;
        }

        /**
         * The LAN side as a bridge (br0 in pf-gw) with a second host, pf-lan2 at
         * {@link #LAN2_HOST_IP}, beside pf-lan: what a home network with other devices looks like.
         */
        public Builder bridgedLan() {
            this.bridged = true;
            return this;
        }

        public Builder variant(LabVariant v) {
            this.variant = v;
            return this;
        }

        /** Gives miniupnpd a {@code lease_file=}, so mappings survive {@link #restartRouter()}. */
        public Builder withLeaseFile() {
            this.leaseFile = true;
            return this;
        }

        /** Preloads mappings (lines from {@link #leaseLine}); implies a lease file. */
        public Builder preloadLeases(String... lines) {
            this.leaseFile = true;
            leaseLines.addAll(Arrays.asList(lines));
            return this;
        }

        /** Sets or overrides one {@code key=value} line of miniupnpd.conf, e.g. secure_mode=yes. */
        public Builder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        /** How long start may take; preloading 150 leases took about 20 s (LAB.md). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public LabNetwork start() {
            LabNetwork lab;
            synchronized (LabNetwork.class) {
                if (open != null) {
                    throw new IllegalStateException("a lab is already open in this JVM: close it first");
                }
                try {
                    lab = new LabNetwork(this);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                open = lab;
            }
            Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
            try {
                lab.takeMachineLock();
                lab.build();
                lab.startRouter();
            } catch (RuntimeException | Error e) {
                lab.close();
                throw e;
            }
            return lab;
        }
    }
}
