package net.portforward.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WANIPv6FirewallControl:1 service of a {@link FakeRouter} (turned on with
 * {@link FakeRouter.Options#ipv6Firewall()}), played as miniupnpd 2.3.1 plays it (upnpsoap.c):
 * every request must come over IPv6 from the pinhole's own address (else 606, as a real router
 * asked over IPv4 answers, LAB.md; miniupnp #600, #731), internal ports from 1024 up, leases of
 * 1-86400 s, protocols by IANA number, a pinhole asked for twice extended and its id answered
 * again. The router also answers SSDP over IPv6 on ::1, naming its IPv6 description there.
 * Nothing here ever leaves loopback.
 */
public final class FakeFirewall implements AutoCloseable {
    public static final String SERVICE_TYPE = "urn:schemas-upnp-org:service:WANIPv6FirewallControl:1";
    public static final String CONTROL_PATH = "/ctl/IP6FCtl";

    /** One pinhole the fake holds. */
    public record Entry(int id, InetAddress client, int port, int protocol, long leaseSeconds, long packets) {
    }

    private final Map<Integer, Entry> pinholes = new LinkedHashMap<>();
    private final List<String> searches = new CopyOnWriteArrayList<>();
    private final DatagramSocket ssdp;
    private final Thread ssdpThread;
    private final String udn;
    private volatile String location = "";
    private volatile String answeredUsnUdn;
    private volatile boolean answersSearches = true;
    private volatile boolean enabled = true;
    private volatile boolean inboundAllowed = true;
    private volatile boolean checkSender = true;
    private volatile int capacity = 128;
    private volatile boolean checkPinholeWorkingOffered = true;
    private volatile boolean unknownIdAnswers402;
    private int nextId = 1;

    FakeFirewall(String udn) {
        this.udn = udn;
        this.answeredUsnUdn = udn;
        try {
            ssdp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ssdpThread = new Thread(this::serveSsdp, "fake-ssdp6-" + ssdp.getLocalPort());
        ssdpThread.setDaemon(true);
        ssdpThread.start();
    }

    void location(String value) {
        location = value;
    }

    /** Where the router answers SSDP over IPv6: give it to {@code Ipv6Network.loopback}. */
    public InetSocketAddress ssdpAddress() {
        return new InetSocketAddress(ssdp.getLocalAddress(), ssdp.getLocalPort());
    }

    /** The search targets asked for over IPv6, in order. */
    public List<String> searches() {
        return List.copyOf(searches);
    }

    // ---- behaviour ----

    /** GetFirewallStatus's FirewallEnabled; off, every pinhole action answers 702. */
    public FakeFirewall enabled(boolean value) {
        enabled = value;
        return this;
    }

    /** GetFirewallStatus's InboundPinholeAllowed; off, pinhole actions answer 703. */
    public FakeFirewall inboundAllowed(boolean value) {
        inboundAllowed = value;
        return this;
    }

    /** false: requests from any address are taken (a router that does not check the sender). */
    public FakeFirewall checkSender(boolean value) {
        checkSender = value;
        return this;
    }

    /** How many pinholes fit; more get 701. */
    public FakeFirewall capacity(int value) {
        capacity = value;
        return this;
    }

    /** false: CheckPinholeWorking (optional in the spec) answers 401. */
    public FakeFirewall checkPinholeWorkingOffered(boolean value) {
        checkPinholeWorkingOffered = value;
        return this;
    }

    /**
     * miniupnpd 2.3.1 with nftables: every action on a UniqueID it does not hold answers 402
     * Invalid Args instead of 704 NoSuchEntry (seen in the lab after a restart).
     */
    public FakeFirewall unknownIdAnswers402(boolean value) {
        unknownIdAnswers402 = value;
        return this;
    }

    /** false: the SSDP searches over IPv6 go unanswered. */
    public FakeFirewall answersSearches(boolean value) {
        answersSearches = value;
        return this;
    }

    /** The UDN its IPv6 SSDP answers carry: another device's, to play an impostor. */
    public FakeFirewall answerAs(String otherUdn) {
        answeredUsnUdn = otherUdn;
        return this;
    }

    // ---- state ----

    public synchronized List<Entry> pinholes() {
        return List.copyOf(pinholes.values());
    }

    public synchronized Optional<Entry> pinhole(int port, int protocol) {
        return pinholes.values().stream().filter(e -> e.port() == port && e.protocol() == protocol).findFirst();
    }

    /** Packets that came through pinhole {@code id}. */
    public synchronized void traffic(int id, long packets) {
        Entry e = pinholes.get(id);
        pinholes.put(id, new Entry(e.id(), e.client(), e.port(), e.protocol(), e.leaseSeconds(), e.packets() + packets));
    }

    /** Leases run down; expired pinholes go. */
    public synchronized void advance(Duration time) {
        pinholes.replaceAll((id, e) -> new Entry(e.id(), e.client(), e.port(), e.protocol(),
                e.leaseSeconds() - time.toSeconds(), e.packets()));
        pinholes.values().removeIf(e -> e.leaseSeconds() <= 0);
    }

    /** A reboot: every pinhole is gone (miniupnpd keeps none across a restart). */
    public synchronized void clear() {
        pinholes.clear();
    }

    // ---- SOAP ----

    synchronized IgdActions.Reply handle(SoapCall call, InetAddress sender) {
        if (!call.action().equals("GetFirewallStatus") && !call.action().equals("GetOutboundPinholeTimeout")) {
            if (!enabled) {
                return fault(702, "FirewallDisabled");
            }
            if (!inboundAllowed) {
                return fault(703, "InboundPinholeNotAllowed");
            }
        }
        return switch (call.action()) {
            case "GetFirewallStatus" -> ok("FirewallEnabled", enabled ? "1" : "0", "InboundPinholeAllowed",
                    inboundAllowed ? "1" : "0");
            case "GetOutboundPinholeTimeout" -> enabled ? fault(501, "Action Failed") : fault(702, "FirewallDisabled");
            case "AddPinhole" -> add(call, sender);
            case "UpdatePinhole" -> update(call, sender);
            case "DeletePinhole" -> withEntry(call, sender, e -> {
                pinholes.remove(e.id());
                return ok();
            });
            case "GetPinholePackets" -> withEntry(call, sender, e -> ok("PinholePackets", String.valueOf(e.packets())));
            case "CheckPinholeWorking" -> !checkPinholeWorkingOffered ? fault(401, "Invalid Action")
                    : withEntry(call, sender, e -> e.packets() == 0 ? fault(709, "NoTrafficReceived")
                            : ok("IsWorking", "1"));
            default -> fault(401, "Invalid Action");
        };
    }

    private IgdActions.Reply add(SoapCall call, InetAddress sender) {
        Integer port = call.intArg("InternalPort");
        Integer protocol = call.intArg("Protocol");
        Integer lease = call.intArg("LeaseTime");
        String client = call.arg("InternalClient") == null ? "" : call.arg("InternalClient").trim();
        if (port == null || protocol == null || protocol < 0 || protocol > 65535) {
            return fault(402, "Invalid Args");
        }
        if (port == 0) {
            return fault(706, "InternalPortWilcardingNotAllowed");
        }
        if (client.isEmpty() || client.equals("*")) {
            return fault(708, "WildCardNotPermittedInSrcIP");
        }
        if (protocol == 65535) {
            return fault(707, "ProtocolWilcardingNotAllowed");
        }
        if (protocol != 6 && protocol != 17) {
            return fault(705, "ProtocolNotSupported");
        }
        if (lease == null || lease < 1 || lease > 86400) {
            return fault(402, "Invalid Args");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName("[" + client + "]");
        } catch (IOException e) {
            return fault(402, "Invalid Args");
        }
        IgdActions.Reply refused = verify(sender, address, port);
        if (refused != null) {
            return refused;
        }
        Optional<Entry> same = pinholes.values().stream()
                .filter(e -> e.client().equals(address) && e.port() == port && e.protocol() == protocol).findFirst();
        if (same.isPresent()) {
            Entry e = same.get(); // the spec: the same pinhole is extended, its id answered again
            pinholes.put(e.id(), new Entry(e.id(), e.client(), e.port(), e.protocol(), lease, e.packets()));
            return ok("UniqueID", String.valueOf(e.id()));
        }
        if (pinholes.size() >= capacity) {
            return fault(701, "PinholeSpaceExhausted");
        }
        int id = nextId++;
        pinholes.put(id, new Entry(id, address, port, protocol, lease, 0));
        return ok("UniqueID", String.valueOf(id));
    }

    private IgdActions.Reply update(SoapCall call, InetAddress sender) {
        Integer lease = call.intArg("NewLeaseTime");
        if (lease == null || lease < 1 || lease > 86400) {
            return fault(402, "Invalid Args");
        }
        return withEntry(call, sender, e -> {
            pinholes.put(e.id(), new Entry(e.id(), e.client(), e.port(), e.protocol(), lease, e.packets()));
            return ok();
        });
    }

    private IgdActions.Reply withEntry(SoapCall call, InetAddress sender,
            java.util.function.Function<Entry, IgdActions.Reply> then) {
        Integer id = call.intArg("UniqueID");
        if (id == null || id < 0 || id > 65535) {
            return fault(402, "Invalid Args");
        }
        Entry e = pinholes.get(id);
        if (e == null) {
            return unknownIdAnswers402 ? fault(402, "Invalid Args") : fault(704, "NoSuchEntry");
        }
        IgdActions.Reply refused = verify(sender, e.client(), e.port());
        return refused != null ? refused : then.apply(e);
    }

    /** miniupnpd's PinholeVerification: the sender must be the pinhole's address, the port 1024 or above. */
    private IgdActions.Reply verify(InetAddress sender, InetAddress client, int port) {
        if (checkSender && (!(sender instanceof Inet6Address) || !sender.equals(client))) {
            return fault(606, "Action not authorized");
        }
        if (port < 1024) {
            return fault(606, "Action not authorized");
        }
        return null;
    }

    private static IgdActions.Reply ok(String... namesAndValues) {
        Map<String, String> xml = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            xml.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new IgdActions.Ok(xml);
    }

    private static IgdActions.Reply fault(int code, String description) {
        return new IgdActions.Fault(code, description);
    }

    // ---- SSDP over IPv6 ----

    private static final Pattern ST = Pattern.compile("(?im)^ST:\\s*(\\S+)\\s*$");

    private void serveSsdp() {
        byte[] buffer = new byte[2048];
        while (!ssdp.isClosed()) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                ssdp.receive(in);
            } catch (IOException closed) {
                return;
            }
            String text = new String(in.getData(), in.getOffset(), in.getLength(), StandardCharsets.US_ASCII);
            Matcher m = ST.matcher(text);
            String st = m.find() ? m.group(1) : "";
            searches.add(st);
            if (!answersSearches || !text.startsWith("M-SEARCH")) {
                continue;
            }
            byte[] answer = ("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nST: " + st + "\r\nUSN: " + answeredUsnUdn
                    + "::" + st + "\r\nEXT:\r\nSERVER: Linux UPnP/1.1 MiniUPnPd/2.3.1\r\nLOCATION: " + location
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                ssdp.send(new DatagramPacket(answer, answer.length, in.getSocketAddress()));
            } catch (IOException e) {
                // the asker went away
            }
        }
    }

    /** The UDN this router has. */
    public String udn() {
        return udn;
    }

    @Override
    public void close() {
        ssdp.close();
    }

    /** Pinholes as a list of lines, for failure messages. */
    @Override
    public synchronized String toString() {
        List<String> lines = new ArrayList<>();
        pinholes.values().forEach(e -> lines.add(e.toString()));
        return "FakeFirewall " + lines;
    }
}
