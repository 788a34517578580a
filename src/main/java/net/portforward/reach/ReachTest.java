package net.portforward.reach;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.portforward.config.Proxy;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.Sentences;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.progress.Progress;

/**
 * "Can the internet reach me?": makes sure a forward to this computer exists (adding a temporary
 * one when asked, removed afterwards), asks the proxies of [proxies] in order, falling over to the
 * next when one fails, and turns what they and the router said into a {@link Verdict} with the
 * most likely reason. Plain blocking Java: the window runs it through its task runner.
 */
public final class ReachTest {
    /** The description of the forward the test adds, so the user recognises it in the table. */
    public static final String TEMPORARY_DESCRIPTION = "PortForward reachability test";
    /** A lease, so a forward left behind by a crash expires by itself; 725 routers get a permanent one. */
    static final Duration TEMPORARY_LEASE = Duration.ofMinutes(10);
    private static final int LOCAL_PROBE_MS = 300;

    private final List<Proxy> proxies;
    private final ProxyHttp http;

    public ReachTest(List<Proxy> proxies, ProxyHttp http) {
        this.proxies = List.copyOf(proxies);
        this.http = http;
    }

    /**
     * @param router the router, or {@code null} when none was found (the forward is then unknown)
     * @param service what answers the checker on this computer, or {@code null} when nothing of ours runs
     */
    public Verdict run(ReachRequest request, MappingAccess router, LocalService service, Progress p)
            throws CancelledException {
        long start = System.nanoTime();
        List<Fact> notes = new ArrayList<>();
        MappingKey key = request.key();
        RouterStatus status = null;
        boolean noMapping = router == null;
        boolean added = false;
        boolean listedBefore = false;
        if (router != null) {
            p.report(0.05, ReachFact.STEP_STATUS.with());
            try {
                status = router.status(p);
            } catch (CancelledException e) {
                throw e;
            } catch (PortForwardException e) {
                notes.add(ReachFact.NOTE_STATUS_UNREADABLE.with(e));
            }
            p.report(0.15, ReachFact.STEP_LOOKING.with(key));
            Optional<PortMapping> existing = Optional.empty();
            boolean known = true;
            try {
                existing = router.mapping(key, p);
            } catch (CancelledException e) {
                throw e;
            } catch (PortForwardException e) {
                known = false;
                notes.add(ReachFact.NOTE_FORWARD_UNREADABLE.with(key, e));
            }
            if (existing.isPresent()) {
                listedBefore = true;
                PortMapping m = existing.get();
                if (!router.localAddress().equals(m.internalClient())) {
                    Object to = m.internalClient() == null ? ReachFact.ANOTHER_DEVICE : m.internalClient();
                    return verdict(false, Reason.MAPPING_TO_OTHER_COMPUTER, ReachFact.TO_OTHER_COMPUTER.with(key, to,
                            router.localAddress()), null, null, start, notes);
                }
                if (m.internalPort() != request.internalPort()) {
                    notes.add(ReachFact.NOTE_OTHER_PORT.with(key, m.internalPort(), request.internalPort()));
                }
            } else if (known && request.addTemporaryMapping()) {
                PortMapping temporary = new PortMapping(request.protocol(), request.externalPort(), router.localAddress(),
                        request.internalPort(), true, TEMPORARY_DESCRIPTION, null, TEMPORARY_LEASE);
                p.report(0.25, ReachFact.STEP_ADDING_TEMPORARY.with(temporary));
                try {
                    // A crash in the middle leaves it in the ledger as "for now": the next start offers to remove it.
                    router.add(temporary, request.keepMapping() ? Retention.KEEP : Retention.FOR_NOW, p);
                    added = true;
                    notes.add((request.keepMapping() ? ReachFact.NOTE_ADDED_STAYS : ReachFact.NOTE_ADDED).with(temporary));
                } catch (CancelledException e) {
                    throw e;
                } catch (PortForwardException e) {
                    noMapping = true;
                    notes.add(ReachFact.NOTE_ADD_FAILED.with(e));
                }
            } else if (known) {
                noMapping = true;
            }
        }
        Verdict v;
        try {
            v = ask(request, router, status, service, noMapping, start, notes, p);
        } finally {
            if (added && !request.keepMapping()) {
                p.report(0.95, ReachFact.STEP_REMOVING_TEMPORARY.with(key));
                removeTemporary(router, key, notes);
            }
        }
        // A forward that was there before the test, to this computer that answers, and nothing gets
        // through: a firewall, or a forward the router keeps listing that stopped working.
        boolean repairable = listedBefore && !v.reachable() && v.reason() == Reason.LOCAL_FIREWALL;
        // Again with the removal's note and time in it.
        return new Verdict(v.reachable(), v.reason(), repairable ? ReachFact.STALE_FORWARD.with(v.fact()) : v.fact(),
                v.proxy(), v.roundTrip(), Duration.ofNanos(System.nanoTime() - start), v.browserUrl(), notes, repairable);
    }

    /**
     * A forward of this computer, tested with what {@link TestListener} started on its internal
     * port: the command line's {@code test} and the window's row test alike. A UDP port another
     * program holds cannot be tested from here: nothing of PortForward's can answer the checker
     * on it, and UDP has no connection a checker could see accepted, so only that program can.
     * A TCP port another program holds is tested as it is: the checker's plain connect decides.
     */
    public Verdict run(ReachRequest request, MappingAccess router, TestListener listener, Progress p)
            throws CancelledException {
        if (request.protocol() == Protocol.UDP && listener.problem().isPresent()) {
            return verdict(false, Reason.UDP_IN_USE, ReachFact.UDP_BUSY.with(request.internalPort(), Reason.UDP_IN_USE),
                    null, null, System.nanoTime(), List.of());
        }
        return run(request, router, listener.service(), p);
    }

    /**
     * A forward the router has to {@code device}, another device of its network. Nothing of
     * PortForward's runs there to show a token, so the checker's plain connect is all there is:
     * "reachable" means something on that device answered, not that it is the right program.
     * A UDP forward there cannot be tested at all (see {@link Reason#UDP_IN_USE}).
     */
    public Verdict runToDevice(ReachRequest request, MappingAccess router, InetAddress device, Progress p)
            throws CancelledException {
        long start = System.nanoTime();
        MappingKey key = request.key();
        if (request.protocol() == Protocol.UDP) {
            return verdict(false, Reason.UDP_IN_USE, ReachFact.DEVICE_UDP.with(key, device), null, null, start, List.of());
        }
        Verdict v = run(new ReachRequest(request.protocol(), request.externalPort(), request.internalPort(), false,
                false), router.towards(device), (LocalService) null, p);
        // The sentences of run() speak of this computer; here the forward leads elsewhere. Those
        // three come from a checker's answer, so a checker and its time are there.
        Fact said = v.proxy() == null ? v.fact() : switch (v.reason()) {
            case REACHABLE -> ReachFact.DEVICE_REACHABLE.with(key, ProxyClient.name(v.proxy()), v.roundTrip().toMillis(),
                    device);
            case SERVER_NOT_RUNNING -> ReachFact.DEVICE_NO_SERVER.with(key, ProxyClient.name(v.proxy()),
                    v.roundTrip().toMillis(), device, request.internalPort());
            case LOCAL_FIREWALL -> ReachFact.DEVICE_FIREWALL.with(key, ProxyClient.name(v.proxy()),
                    v.roundTrip().toMillis(), device, request.internalPort());
            default -> v.fact();
        };
        return new Verdict(v.reachable(), v.reason(), said, v.proxy(), v.roundTrip(), v.took(), v.browserUrl(),
                v.notes(), false);
    }

    /**
     * Deletes the forward for {@code request} and adds it again, then tests again: for a verdict
     * that is {@link Verdict#repairable()}. The repair's outcome leads the new verdict's notes.
     */
    public Verdict repairAndRun(ReachRequest request, MappingAccess router, LocalService service, Progress p)
            throws CancelledException {
        Fact done;
        p.report(0.02, ReachFact.STEP_REPAIRING.with(request.key()));
        try {
            router.repair(request.key(), p);
            done = ReachFact.NOTE_REPAIRED.with(request.key());
        } catch (CancelledException e) {
            throw e;
        } catch (PortForwardException e) {
            done = ReachFact.NOTE_NOT_REPAIRED.with(request.key(), e);
        }
        Verdict v = run(request, router, service, p);
        List<Fact> notes = new ArrayList<>(v.notes());
        notes.add(0, done);
        return new Verdict(v.reachable(), v.reason(), v.fact(), v.proxy(), v.roundTrip(), v.took(), v.browserUrl(),
                notes, v.repairable());
    }

    private Verdict ask(ReachRequest request, MappingAccess router, RouterStatus status, LocalService service,
                        boolean noMapping, long start, List<Fact> notes, Progress p) throws CancelledException {
        ReachToken token = ReachToken.random();
        if (service != null) {
            service.expect(token);
        }
        boolean ours = service != null && service.running();
        boolean listening = ours || (request.protocol() == Protocol.TCP && router != null
                && somethingListens(router.localAddress(), request.internalPort()));
        URI browser = null;
        List<Fact> failures = new ArrayList<>();
        int automatic = 0;
        for (Proxy proxy : proxies) {
            ProxyClient client = ProxyClient.of(proxy, http);
            if (client == null) {
                if (browser == null) {
                    browser = proxy.url(request.externalPort());
                }
                continue;
            }
            automatic++;
            if (request.protocol() == Protocol.UDP && !client.checksUdp()) {
                notes.add(ReachFact.NOTE_TCP_ONLY.with(ProxyClient.name(proxy)));
                continue;
            }
            p.report(0.4 + 0.5 * failures.size() / Math.max(1, proxies.size()),
                    ReachFact.STEP_ASKING.with(ProxyClient.name(proxy), request.key()));
            ProxyAnswer answer;
            try {
                answer = client.ask(request.externalPort(), request.protocol(), token, p);
            } catch (ProxyFailure f) {
                failures.add(f.fact());
                continue;
            }
            if (!failures.isEmpty()) {
                notes.add(ReachFact.NOTE_FAILED_FIRST.with(new Sentences(failures)));
            }
            if (!answer.detail().isEmpty()) {
                notes.add(ReachFact.NOTE_SAID.with(ProxyClient.name(proxy), answer.detail()));
            }
            // A page for people comes only from a browser entry: a checker's own address answers JSON.
            URI page = browser != null ? browser : firstBrowserPage(request.externalPort());
            return decide(request, router, status, answer, proxy, ours, listening, noMapping, start, notes, page);
        }
        URI page = browser != null ? browser : firstBrowserPage(request.externalPort());
        if (failures.isEmpty()) {
            Fact why = automatic == 0 ? Reason.NO_CHECKER.with() : ReachFact.NO_CHECKER_FOR.with(request.protocol());
            Verdict v = verdict(false, Reason.NO_CHECKER, why, null, null, start, notes);
            return withBrowser(v, page);
        }
        Verdict v = verdict(false, Reason.ALL_PROXIES_DOWN, ReachFact.ALL_DOWN.with(request.key(), new Sentences(failures)),
                null, null, start, notes);
        return withBrowser(v, page);
    }

    private URI firstBrowserPage(int port) {
        return proxies.stream().filter(x -> x.type() == Proxy.Type.BROWSER).findFirst().map(x -> x.url(port)).orElse(null);
    }

    private static Verdict withBrowser(Verdict v, URI page) {
        return new Verdict(v.reachable(), v.reason(), v.fact(), v.proxy(), v.roundTrip(), v.took(), page, v.notes(),
                v.repairable());
    }

    private Verdict decide(ReachRequest request, MappingAccess router, RouterStatus status, ProxyAnswer answer,
                           Proxy proxy, boolean ours, boolean listening, boolean noMapping, long start,
                           List<Fact> notes, URI page) {
        String name = ProxyClient.name(proxy);
        long ms = answer.roundTrip().toMillis();
        MappingKey port = request.key();
        Verdict v;
        if (answer.reachable()) {
            v = verdict(true, Reason.REACHABLE, ReachFact.REACHABLE.with(port, name, ms), proxy,
                    answer.roundTrip(), start, notes);
        } else if (answer.outcome() == CheckProtocol.Outcome.OTHER && !ours) {
            // Something answered, and nothing of ours was there to show the token: the user's own
            // program on that port most likely. Reachable, though not proven to be this computer.
            v = verdict(true, Reason.REACHABLE, ReachFact.REACHABLE_OTHER_PROGRAM.with(port, name, ms),
                    proxy, answer.roundTrip(), start, notes);
        } else if (answer.outcome() == CheckProtocol.Outcome.OTHER) {
            v = verdict(false, Reason.MAPPING_TO_OTHER_COMPUTER, ReachFact.OTHER_DEVICE_ANSWERED.with(port, name, ms),
                    proxy, answer.roundTrip(), start, notes);
        } else if (answer.outcome() == CheckProtocol.Outcome.NOT_PUBLIC || doubleNat(status, answer)) {
            // NOT_PUBLIC: the checker saw this computer come from an address the internet cannot
            // reach, so some NAT beyond the router stands in between.
            boolean seen = answer.seenAddress() != null && status != null && status.externalIp() != null
                    && !answer.seenAddress().equals(status.externalIp());
            v = verdict(false, Reason.DOUBLE_NAT, seen
                    ? ReachFact.DOUBLE_NAT_SEEN.with(port, name, ms, Reason.DOUBLE_NAT, answer.seenAddress(),
                            status.externalIp())
                    : ReachFact.DOUBLE_NAT.with(port, name, ms, Reason.DOUBLE_NAT),
                    proxy, answer.roundTrip(), start, notes);
        } else if (noMapping) {
            v = verdict(false, Reason.NO_MAPPING, (router == null ? ReachFact.NO_ROUTER : ReachFact.NO_FORWARD)
                    .with(port, name, ms), proxy, answer.roundTrip(), start, notes);
        } else if (!listening) {
            v = verdict(false, Reason.SERVER_NOT_RUNNING, ReachFact.NO_SERVER.with(port, name, ms, request.internalPort()),
                    proxy, answer.roundTrip(), start, notes);
        } else {
            v = verdict(false, Reason.LOCAL_FIREWALL, ReachFact.FIREWALL.with(port, name, ms, request.internalPort()),
                    proxy, answer.roundTrip(), start, notes);
        }
        return withBrowser(v, page);
    }

    private static boolean doubleNat(RouterStatus status, ProxyAnswer answer) {
        if (status != null && status.natVerdict() == NatVerdict.DOUBLE_NAT) {
            return true;
        }
        return status != null && status.externalIp() != null && answer.seenAddress() != null
                && !status.externalIp().equals(answer.seenAddress());
    }

    private static boolean somethingListens(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), LOCAL_PROBE_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void removeTemporary(MappingAccess router, MappingKey key, List<Fact> notes) {
        try {
            router.delete(key, Progress.NONE);
            notes.add(ReachFact.NOTE_REMOVED.with(key));
        } catch (PortForwardException e) {
            notes.add(ReachFact.NOTE_NOT_REMOVED.with(key, e, TEMPORARY_LEASE));
        }
    }

    private static Verdict verdict(boolean reachable, Reason reason, Fact said, Proxy proxy, Duration roundTrip,
                                   long start, List<Fact> notes) {
        return new Verdict(reachable, reason, said, proxy, roundTrip, Duration.ofNanos(System.nanoTime() - start),
                null, notes, false);
    }
}
