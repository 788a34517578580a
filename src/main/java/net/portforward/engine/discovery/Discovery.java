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
    private record Outcome(InetAddress source, List<Gateway> gateways, String problem) {
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
        LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService probes = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "portforward-probe");
            t.setDaemon(true);
            return t;
        });
        int[] answers = {0};
        probes.submit(GatewayProbe::warmUp); // runs while jUPnP starts, off the critical path
        try (JupnpSearcher searcher = new JupnpSearcher(choice.networkInterface(), (source, headers) -> {
            synchronized (answers) {
                answers[0]++;
            }
            handle(source, headers, seen, probes, outcomes, progress);
        })) {
            searcher.search(choice.gateway());
            return collect(start, choice, outcomes, seen, answers, progress);
        } finally {
            probes.shutdownNow();
        }
    }

    private void handle(InetAddress source, Map<String, String> headers, Set<String> seen, ExecutorService probes,
            LinkedBlockingQueue<Outcome> outcomes, Progress progress) {
        SsdpAnswer answer;
        try {
            answer = SsdpAnswer.of(source, headers);
        } catch (PortForwardException e) {
            if (seen.add(source.getHostAddress() + " refused")) {
                outcomes.add(new Outcome(source, List.of(), e.getMessage()));
            }
            return;
        }
        // Routers answer every search target, often twice: read each description once.
        if (!seen.add(answer.location().toString())) {
            return;
        }
        probes.submit(() -> {
            try {
                outcomes.add(new Outcome(source, probe.probe(answer.location(), source, progress), null));
            } catch (PortForwardException e) {
                outcomes.add(new Outcome(source, List.of(), e.getMessage()));
            }
        });
    }

    private List<Gateway> collect(long start, NetworkChoice choice, LinkedBlockingQueue<Outcome> outcomes,
            Set<String> seen, int[] answers, Progress progress) throws PortForwardException {
        long deadline = start + timeout.toNanos();
        Map<String, Gateway> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try {
            while (true) {
                progress.checkCancelled();
                long now = System.nanoTime();
                if (now >= deadline) {
                    break;
                }
                Outcome o = outcomes.poll(Math.min(deadline - now, TimeUnit.MILLISECONDS.toNanos(100)),
                        TimeUnit.NANOSECONDS);
                if (o == null) {
                    continue;
                }
                if (o.problem() != null) {
                    problems.add(o.source().getHostAddress() + ": " + o.problem());
                }
                for (Gateway g : o.gateways()) {
                    found.putIfAbsent(g.device().udn() + "|" + g.service().controlUrl(), g);
                }
                if (!found.isEmpty()) {
                    deadline = Math.min(deadline, System.nanoTime() + grace.toNanos());
                    progress.report(-1, "Found " + found.size() + " router service(s)\u2026");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        if (found.isEmpty()) {
            int heard;
            synchronized (answers) {
                heard = answers[0];
            }
            throw new NoGatewayException(choice.networkInterface().getName(), timeout, heard, problems);
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
