package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.progress.Progress;

/**
 * Finds the routers on the chosen interface. No fixed sleep: it returns as soon as the first
 * usable gateway has been read plus a short grace for others, and gives up at the timeout.
 */
public final class Discovery {
    /**
     * Set by the fast test suite, which must never send multicast: SSDP runs only inside the lab's
     * LAN namespace.
     */
    public static final String NO_MULTICAST_PROPERTY = "portforward.noMulticast";

    /** How long past the timeout a router that answered may take to describe itself. */
    static final Duration PROBE_ALLOWANCE = Duration.ofSeconds(15);

    private final GatewayProbe probe;
    private final Duration timeout;
    private final Duration grace;
    private final String interfaceName;

    public Discovery(GatewayProbe probe, Duration timeout, Duration grace, String interfaceName) {
        this.probe = probe;
        this.timeout = timeout;
        this.grace = grace;
        this.interfaceName = interfaceName;
    }

    /** What one answering host gave: gateways, or why it was not usable. */
    private record Outcome(InetAddress source, List<Gateway> gateways, String problem, boolean fromProbe) {
    }

    /** The state of one search, shared by jUPnP's threads, the probes and the collecting caller. */
    private final class Search {
        final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final AtomicInteger answers = new AtomicInteger();
        /** Probes submitted whose outcome has not been collected yet. */
        final AtomicInteger pending = new AtomicInteger();
        final ExecutorService probes = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "portforward-probe");
            t.setDaemon(true);
            return t;
        });
        final Progress progress;

        Search(Progress progress) {
            this.progress = progress;
        }

        void answer(InetAddress source, Map<String, String> headers) {
            answers.incrementAndGet();
            SsdpAnswer answer;
            try {
                answer = SsdpAnswer.of(source, headers);
            } catch (PortForwardException e) {
                if (seen.add(source.getHostAddress() + " refused")) {
                    outcomes.add(new Outcome(source, List.of(), e.getMessage(), false));
                }
                return;
            }
            // Routers answer every search target, often twice: read each description once.
            if (!seen.add(answer.location().toString())) {
                return;
            }
            pending.incrementAndGet();
            probes.submit(() -> {
                try {
                    outcomes.add(new Outcome(source, probe.probe(answer.location(), source, progress), null, true));
                } catch (PortForwardException e) {
                    outcomes.add(new Outcome(source, List.of(), e.getMessage(), true));
                }
            });
        }
    }

    /**
     * @return every gateway found, best first (see {@link net.portforward.engine.model.RouterStatus#rank()})
     * @throws NoGatewayException when none answered usefully, with a diagnosis in words
     */
    public List<Gateway> discover(Progress progress) throws PortForwardException {
        if (Boolean.getBoolean(NO_MULTICAST_PROPERTY)) {
            throw new PortForwardException("Discovery is switched off here (" + NO_MULTICAST_PROPERTY
                    + "): give the router's URL with --router.");
        }
        long start = System.nanoTime();
        NetworkChoice choice = NetworkChoice.choose(interfaceName);
        progress.report(-1, "Searching for routers on " + choice.networkInterface().getName() + "\u2026");
        Search search = new Search(progress);
        try (JupnpSearcher searcher = new JupnpSearcher(choice.networkInterface(), search::answer)) {
            searcher.search(choice.gateway());
            return collect(start, choice, search);
        } finally {
            search.probes.shutdownNow();
        }
    }

    private List<Gateway> collect(long start, NetworkChoice choice, Search search) throws PortForwardException {
        long deadline = start + timeout.toNanos();
        // A router that answered is given time to finish describing itself, each call bounded by
        // the HTTP timeout: one with a big table answers slowly (miniupnpd rereads its rules).
        long hardStop = deadline + PROBE_ALLOWANCE.toNanos();
        Map<String, Gateway> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try {
            while (true) {
                search.progress.checkCancelled();
                long now = System.nanoTime();
                boolean waitForProbes = found.isEmpty() && search.pending.get() > 0 && now < hardStop;
                if (now >= deadline && !waitForProbes) {
                    break;
                }
                Outcome o = search.outcomes.poll(100, TimeUnit.MILLISECONDS);
                if (o == null) {
                    continue;
                }
                if (o.fromProbe()) {
                    search.pending.decrementAndGet();
                }
                if (o.problem() != null) {
                    problems.add(o.source().getHostAddress() + ": " + o.problem());
                }
                for (Gateway g : o.gateways()) {
                    found.putIfAbsent(g.device().udn() + "|" + g.service().controlUrl(), g);
                }
                if (!found.isEmpty()) {
                    deadline = Math.min(deadline, System.nanoTime() + grace.toNanos());
                    search.progress.report(-1, "Found " + found.size() + " router service(s)\u2026");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        if (found.isEmpty()) {
            if (search.pending.get() > 0) {
                problems.add("a router answered but did not finish describing itself in time");
            }
            throw new NoGatewayException(choice.networkInterface().getName(), timeout, search.answers.get(), problems);
        }
        List<Gateway> ranked = new ArrayList<>(found.values());
        ranked.sort(Comparator.comparingInt(g -> g.status().rank()));
        return ranked;
    }

    /** Direct mode: the user gave the description URL; no SSDP. */
    public static List<Gateway> connect(GatewayProbe probe, URI location, InetAddress router, Progress progress)
            throws PortForwardException {
        progress.report(-1, "Reading the router at " + location + "\u2026");
        List<Gateway> gateways = new ArrayList<>(probe.probe(location, router, progress));
        gateways.sort(Comparator.comparingInt(g -> g.status().rank()));
        return gateways;
    }
}
