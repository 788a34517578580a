package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingProtocol;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.progress.Step;

/**
 * The state of one discovery, shared by the sockets' threads, the probes and the collecting
 * caller. Everything a LAN host sends is bounded here: only answers to our IGD searches count,
 * at most {@link #MAX_PROBED} distinct hosts or descriptions are read, on a fixed pool, and what
 * does not fit is counted and told once.
 */
final class Search implements AutoCloseable {
    /** Distinct answering hosts or description URLs read per search; a LAN flood gets no more. */
    static final int MAX_PROBED = 16;
    static final int MAX_ANSWERED_INSTEAD = 4;
    private static final int PROBE_THREADS = 4;

    /** What one probe gave: gateways, or why the answering host was not usable. */
    record Outcome(InetAddress source, MappingProtocol protocol, List<Gateway> gateways, PortForwardException problem,
            boolean fromProbe) {
    }

    /** A probe's work: the gateways it read, or an exception in words. */
    @FunctionalInterface
    interface ProbeCall {
        List<Gateway> call() throws PortForwardException;
    }

    final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    final AtomicInteger answers = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    /** Probes submitted whose outcome has not been collected yet. */
    final AtomicInteger pending = new AtomicInteger();
    final List<Fact> problems = Collections.synchronizedList(new ArrayList<>());
    /** Found so far, by address and record identity, in arrival order; only the collecting thread touches it. */
    final Map<String, Gateway> found = new LinkedHashMap<>();
    final Progress progress;
    /**
     * IGD answers to the unicast search sent to the gateway that came from another address, by
     * address: a pfSense or OPNsense CARP pair answers from its static address instead of the
     * shared gateway address (tailscale PR #6946). Never used by itself; named when the gateway
     * stays silent. At most {@link #MAX_ANSWERED_INSTEAD}.
     */
    final Map<InetAddress, java.net.URI> answeredInstead = new ConcurrentHashMap<>();
    /** The default gateway answered, but describes no port-forwarding service; null otherwise. */
    volatile NoMappingServiceException gatewayUnusable;
    SsdpUnicast unicast;
    MulticastSearch multicast;

    private final GatewayProbe upnpProbe;
    private final Optional<InetAddress> gateway;
    private final boolean upnpWanted;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    /** Probes not finished, per host asked (UPnP descriptions, PCP, NAT-PMP). */
    private final Map<InetAddress, AtomicInteger> probing = new ConcurrentHashMap<>();
    private final AtomicInteger probed = new AtomicInteger();
    private final ThreadPoolExecutor probes;

    Search(GatewayProbe upnpProbe, Optional<InetAddress> gateway, boolean upnpWanted, Progress progress) {
        this.upnpProbe = upnpProbe;
        this.gateway = gateway;
        this.upnpWanted = upnpWanted;
        this.progress = progress;
        this.probes = new ThreadPoolExecutor(PROBE_THREADS, PROBE_THREADS, 1, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_PROBED + 4), r -> {
                    Thread t = new Thread(r, "portforward-probe");
                    t.setDaemon(true);
                    return t;
                });
        probes.allowCoreThreadTimeOut(true);
    }

    /** A datagram from the unicast search, as text. */
    void datagram(InetAddress source, String text) {
        upnpProbe.traffic().searchAnswer(source, text);
        try {
            answer(SsdpAnswer.parse(source, text));
        } catch (PortForwardException e) {
            dropped.incrementAndGet(); // junk, or not an answer: never a choice, never a crash
        }
    }

    /** A datagram from another address than the gateway's to the unicast search: recorded, never probed. */
    void answeredInstead(InetAddress source, String text) {
        dropped.incrementAndGet();
        upnpProbe.traffic().searchAnswer(source, text);
        try {
            SsdpAnswer answer = SsdpAnswer.parse(source, text);
            if (isGatewayTarget(answer.searchTarget()) && answeredInstead.size() < MAX_ANSWERED_INSTEAD) {
                answeredInstead.putIfAbsent(source, answer.location());
            }
        } catch (PortForwardException e) {
            // junk from another host: counted as dropped, nothing more
        }
    }

    /** An answer from the multicast search, by header. */
    void headers(InetAddress source, Map<String, String> headers) {
        StringBuilder text = new StringBuilder("HTTP/1.1 200 OK\r\n");
        headers.forEach((k, v) -> text.append(k).append(": ").append(v).append("\r\n"));
        upnpProbe.traffic().searchAnswer(source, text.toString());
        SsdpAnswer answer;
        try {
            answer = SsdpAnswer.of(source, headers);
        } catch (PortForwardException e) {
            answers.incrementAndGet();
            if (seen.add(source.getHostAddress() + " refused")) {
                outcomes.add(new Outcome(source, MappingProtocol.UPNP, List.of(), e, false));
            }
            return;
        }
        answer(answer);
    }

    private void answer(SsdpAnswer answer) {
        if (!upnpWanted || !isGatewayTarget(answer.searchTarget())) {
            dropped.incrementAndGet(); // only answers to our IGD searches are read
            return;
        }
        answers.incrementAndGet();
        InetAddress source = answer.source();
        // Routers answer every search target, often twice: read each description once.
        if (!seen.add(answer.location().toString())) {
            return;
        }
        probeDescription(answer.location(), source);
    }

    /**
     * Reads the description the gateway was found at before ({@link KnownGateways}). A failure
     * says nothing of the search: the gateway's SSDP answer may name a new URL (miniupnpd picks a
     * new HTTP port at a restart unless one is set), so it is no problem to tell.
     */
    void probeKnown(java.net.URI location, InetAddress gateway) {
        probeLater(() -> {
            try {
                return upnpProbe.probe(location, gateway, progress).stream().map(g -> g.withDefaultGateway(true)).toList();
            } catch (net.portforward.engine.error.CancelledException e) {
                throw e;
            } catch (PortForwardException e) {
                return List.of();
            }
        }, gateway);
    }

    /**
     * Reads the description at {@code location} (which must be on {@code source}'s own address)
     * and the status of its services, on the probe pool.
     */
    void probeDescription(java.net.URI location, InetAddress source) {
        boolean isGateway = gateway.map(source::equals).orElse(false);
        probeLater(() -> upnpProbe.probe(location, source, progress).stream()
                .map(g -> g.withDefaultGateway(isGateway)).toList(), source);
    }

    /**
     * IGD:1/IGD:2 devices and their WAN connection services, under the UPnP Forum's names or the
     * DSL Forum's TR-064 ones that Huawei routers use (tailscale #6320): what our searches ask for.
     */
    static boolean isGatewayTarget(String st) {
        for (String forum : new String[] {"urn:schemas-upnp-org:", "urn:dslforum-org:"}) {
            if (st.startsWith(forum + "device:InternetGatewayDevice:") || st.startsWith(forum + "service:WANIPConnection:")
                    || st.startsWith(forum + "service:WANPPPConnection:")) {
                return true;
            }
        }
        return false;
    }

    /** Runs a probe on the fixed pool, unless {@link #MAX_PROBED} were run already. */
    void probeLater(ProbeCall call, InetAddress source) {
        if (probed.incrementAndGet() > MAX_PROBED) {
            dropped.incrementAndGet();
            if (probed.get() == MAX_PROBED + 1) {
                problems.add(DiscoveryFact.TOO_MANY_ANSWERS.with(MAX_PROBED));
            }
            return;
        }
        pending.incrementAndGet();
        AtomicInteger forHost = probing.computeIfAbsent(source, s -> new AtomicInteger());
        forHost.incrementAndGet();
        MappingProtocol protocol = MappingProtocol.UPNP;
        try {
            probes.execute(() -> {
                try {
                    List<Gateway> got = call.call();
                    outcomes.add(new Outcome(source, got.isEmpty() ? protocol : got.get(0).protocol(), got, null, true));
                } catch (PortForwardException e) {
                    if (e instanceof NoMappingServiceException none && gateway.map(none.router()::equals).orElse(false)) {
                        gatewayUnusable = none;
                    }
                    outcomes.add(new Outcome(source, protocol, List.of(), e, true));
                } finally {
                    forHost.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException closed) {
            pending.decrementAndGet();
            forHost.decrementAndGet();
        }
    }

    /** Takes an outcome into the results; on the collecting thread. */
    void take(Outcome o) {
        if (o.fromProbe()) {
            pending.decrementAndGet();
        }
        if (o.problem() != null) {
            problems.add(DiscoveryFact.PROBLEM_AT.with(o.source(), o.problem()));
        }
        for (Gateway g : o.gateways()) {
            // By address too: an impostor may copy the real router's UDN and control URLs.
            found.putIfAbsent(g.address().getHostAddress() + "|" + g.recordId(), g);
        }
        if (!found.isEmpty()) {
            progress.report(-1, Step.FOUND_SERVICES.with(found.size()));
        }
    }

    /** Whether the gateway said its SSDP port is closed: no UPnP answer will come. */
    boolean ssdpRefused() {
        return unicast != null && unicast.refused();
    }

    /** Whether the default gateway gave a usable service (of {@code protocol}, or any when null). */
    boolean foundFromGateway(MappingProtocol protocol) {
        return found.values().stream().anyMatch(g -> g.defaultGateway() && (protocol == null || g.protocol() == protocol));
    }

    /**
     * Whether a probe of {@code host} is still running (a UPnP description being read, a PCP or
     * NAT-PMP request waiting): a better service of the gateway may still come.
     */
    boolean probing(InetAddress host) {
        AtomicInteger n = probing.get(host);
        return n != null && n.get() > 0;
    }

    @Override
    public void close() {
        if (unicast != null) {
            unicast.close();
        }
        if (multicast != null) {
            multicast.close();
        }
        probes.shutdownNow();
    }
}
