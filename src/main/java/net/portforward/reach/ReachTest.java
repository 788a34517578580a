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
import net.portforward.engine.error.PortForwardException;
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
    /** Said of a forward that may have stopped working while the router still lists it. */
    static final String STALE_FORWARD = "Or the router keeps listing a forward that has stopped working, as the"
            + " Technicolor CGA4131COM does: repairing it (deleting it and adding it again) may help.";
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
        List<String> notes = new ArrayList<>();
        MappingKey key = request.key();
        RouterStatus status = null;
        boolean noMapping = router == null;
        boolean added = false;
        boolean listedBefore = false;
        if (router != null) {
            p.report(0.05, "Reading the router's status\u2026");
            try {
                status = router.status(p);
            } catch (CancelledException e) {
                throw e;
            } catch (PortForwardException e) {
                notes.add("The router's status could not be read: " + e.getMessage());
            }
            p.report(0.15, "Looking for the forward of " + key + "\u2026");
            Optional<PortMapping> existing = Optional.empty();
            boolean known = true;
            try {
                existing = router.mapping(key, p);
            } catch (CancelledException e) {
                throw e;
            } catch (PortForwardException e) {
                known = false;
                notes.add("The router's forward for " + key + " could not be read: " + e.getMessage());
            }
            if (existing.isPresent()) {
                listedBefore = true;
                PortMapping m = existing.get();
                if (!router.localAddress().equals(m.internalClient())) {
                    String to = m.internalClient() == null ? "another device" : m.internalClient().getHostAddress();
                    return verdict(false, Reason.MAPPING_TO_OTHER_COMPUTER, "The router forwards " + key + " to " + to
                            + ", not to this computer (" + router.localAddress().getHostAddress() + ").",
                            null, null, start, notes);
                }
                if (m.internalPort() != request.internalPort()) {
                    notes.add("The router forwards " + key + " to port " + m.internalPort() + " of this computer; the"
                            + " test answers on port " + request.internalPort() + ".");
                }
            } else if (known && request.addTemporaryMapping()) {
                PortMapping temporary = new PortMapping(request.protocol(), request.externalPort(), router.localAddress(),
                        request.internalPort(), true, TEMPORARY_DESCRIPTION, null, TEMPORARY_LEASE);
                p.report(0.25, "Adding a temporary forward " + temporary.summary() + "\u2026");
                try {
                    // A crash in the middle leaves it in the ledger as "for now": the next start offers to remove it.
                    router.add(temporary, request.keepMapping() ? Retention.KEEP : Retention.FOR_NOW, p);
                    added = true;
                    notes.add(request.keepMapping() ? "Added the forward " + temporary.summary() + " for the test; it stays."
                            : "Added the forward " + temporary.summary() + " for the test.");
                } catch (CancelledException e) {
                    throw e;
                } catch (PortForwardException e) {
                    noMapping = true;
                    notes.add("A temporary forward could not be added: " + e.getMessage());
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
                p.report(0.95, "Removing the temporary forward " + key + "\u2026");
                removeTemporary(router, key, notes);
            }
        }
        // A forward that was there before the test, to this computer that answers, and nothing gets
        // through: a firewall, or a forward the router keeps listing that stopped working.
        boolean repairable = listedBefore && !v.reachable() && v.reason() == Reason.LOCAL_FIREWALL;
        // Again with the removal's note and time in it.
        return new Verdict(v.reachable(), v.reason(), repairable ? v.sentence() + " " + STALE_FORWARD : v.sentence(),
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
            return verdict(false, Reason.UDP_IN_USE, "UDP " + request.internalPort() + " is in use by another program"
                    + " on this computer. " + Reason.UDP_IN_USE.explanation(), null, null, System.nanoTime(), List.of());
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
        String key = request.key().toString();
        String to = device.getHostAddress();
        if (request.protocol() == Protocol.UDP) {
            return verdict(false, Reason.UDP_IN_USE, key + " leads to " + to + ", another device: only the program"
                    + " that uses the port there can test it.", null, null, start, List.of());
        }
        Verdict v = run(new ReachRequest(request.protocol(), request.externalPort(), request.internalPort(), false,
                false), router.towards(device), (LocalService) null, p);
        String via = v.proxy() == null ? "" : " (" + ProxyClient.name(v.proxy()) + ", " + v.roundTrip().toMillis() + " ms)";
        // The sentences of run() speak of this computer; here the forward leads elsewhere.
        String sentence = switch (v.reason()) {
            case REACHABLE -> key + " is reachable from the internet" + via + ": something on " + to + " answered."
                    + " PortForward runs nothing there, so it cannot prove the right program answered.";
            case SERVER_NOT_RUNNING -> key + " is not reachable" + via + ": nothing on " + to + " answers on port "
                    + request.internalPort() + ", where the forward leads.";
            case LOCAL_FIREWALL -> key + " is not reachable" + via + ". " + to + " answers on port "
                    + request.internalPort() + " in your network, so most likely a firewall on that device blocks"
                    + " connections from outside (or the router's own firewall does).";
            default -> v.sentence();
        };
        return new Verdict(v.reachable(), v.reason(), sentence, v.proxy(), v.roundTrip(), v.took(), v.browserUrl(),
                v.notes(), false);
    }

    /**
     * Deletes the forward for {@code request} and adds it again, then tests again: for a verdict
     * that is {@link Verdict#repairable()}. The repair's outcome leads the new verdict's notes.
     */
    public Verdict repairAndRun(ReachRequest request, MappingAccess router, LocalService service, Progress p)
            throws CancelledException {
        String done;
        p.report(0.02, "Deleting " + request.key() + " and adding it again\u2026");
        try {
            router.repair(request.key(), p);
            done = "Deleted the forward " + request.key() + " and added it again.";
        } catch (CancelledException e) {
            throw e;
        } catch (PortForwardException e) {
            done = "The forward " + request.key() + " could not be repaired: " + e.getMessage();
        }
        Verdict v = run(request, router, service, p);
        List<String> notes = new ArrayList<>(v.notes());
        notes.add(0, done);
        return new Verdict(v.reachable(), v.reason(), v.sentence(), v.proxy(), v.roundTrip(), v.took(), v.browserUrl(),
                notes, v.repairable());
    }

    private Verdict ask(ReachRequest request, MappingAccess router, RouterStatus status, LocalService service,
                        boolean noMapping, long start, List<String> notes, Progress p) throws CancelledException {
        ReachToken token = ReachToken.random();
        if (service != null) {
            service.expect(token);
        }
        boolean ours = service != null && service.running();
        boolean listening = ours || (request.protocol() == Protocol.TCP && router != null
                && somethingListens(router.localAddress(), request.internalPort()));
        URI browser = null;
        List<String> failures = new ArrayList<>();
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
                notes.add(ProxyClient.name(proxy) + " checks TCP only; skipped for UDP.");
                continue;
            }
            p.report(0.4 + 0.5 * failures.size() / Math.max(1, proxies.size()),
                    "Asking " + ProxyClient.name(proxy) + " to connect to " + request.key() + "\u2026");
            ProxyAnswer answer;
            try {
                answer = client.ask(request.externalPort(), request.protocol(), token, p);
            } catch (ProxyFailure f) {
                failures.add(f.getMessage());
                continue;
            }
            if (!failures.isEmpty()) {
                notes.add("Checkers that failed first: " + String.join(" ", failures));
            }
            if (!answer.detail().isEmpty()) {
                notes.add(ProxyClient.name(proxy) + " said: " + answer.detail());
            }
            // A page for people comes only from a browser entry: a checker's own address answers JSON.
            URI page = browser != null ? browser : firstBrowserPage(request.externalPort());
            return decide(request, router, status, answer, proxy, ours, listening, noMapping, start, notes, page);
        }
        URI page = browser != null ? browser : firstBrowserPage(request.externalPort());
        if (failures.isEmpty()) {
            String why = automatic == 0 ? Reason.NO_CHECKER.explanation()
                    : "No checker in [proxies] can test " + request.protocol() + "; open the checker page in the browser.";
            Verdict v = verdict(false, Reason.NO_CHECKER, why, null, null, start, notes);
            return withBrowser(v, page);
        }
        Verdict v = verdict(false, Reason.ALL_PROXIES_DOWN, "Every reachability checker failed, so PortForward cannot"
                + " tell whether " + request.key() + " is reachable: " + String.join(" ", failures), null, null, start, notes);
        return withBrowser(v, page);
    }

    private URI firstBrowserPage(int port) {
        return proxies.stream().filter(x -> x.type() == Proxy.Type.BROWSER).findFirst().map(x -> x.url(port)).orElse(null);
    }

    private static Verdict withBrowser(Verdict v, URI page) {
        return new Verdict(v.reachable(), v.reason(), v.sentence(), v.proxy(), v.roundTrip(), v.took(), page, v.notes(),
                v.repairable());
    }

    private Verdict decide(ReachRequest request, MappingAccess router, RouterStatus status, ProxyAnswer answer,
                           Proxy proxy, boolean ours, boolean listening, boolean noMapping, long start,
                           List<String> notes, URI page) {
        String via = " (" + ProxyClient.name(proxy) + ", " + answer.roundTrip().toMillis() + " ms)";
        String port = request.key().toString();
        Verdict v;
        if (answer.reachable()) {
            v = verdict(true, Reason.REACHABLE, port + " is reachable from the internet" + via + ".", proxy,
                    answer.roundTrip(), start, notes);
        } else if (answer.outcome() == CheckProtocol.Outcome.OTHER && !ours) {
            // Something answered, and nothing of ours was there to show the token: the user's own
            // program on that port most likely. Reachable, though not proven to be this computer.
            v = verdict(true, Reason.REACHABLE, port + " is reachable from the internet" + via + "; a program that"
                    + " is not PortForward answered, so the checker could not prove it is this computer.",
                    proxy, answer.roundTrip(), start, notes);
        } else if (answer.outcome() == CheckProtocol.Outcome.OTHER) {
            v = verdict(false, Reason.MAPPING_TO_OTHER_COMPUTER, "The checker reached " + port + ", but another device"
                    + " answered, not this computer" + via + ". Another router in front of yours, or a forward on it,"
                    + " may hold the port.", proxy, answer.roundTrip(), start, notes);
        } else if (answer.outcome() == CheckProtocol.Outcome.NOT_PUBLIC || doubleNat(status, answer)) {
            // NOT_PUBLIC: the checker saw this computer come from an address the internet cannot
            // reach, so some NAT beyond the router stands in between.
            String seen = answer.seenAddress() != null && status != null && status.externalIp() != null
                    && !answer.seenAddress().equals(status.externalIp())
                    ? " The checker saw your address as " + answer.seenAddress().getHostAddress() + ", but the router's is "
                            + status.externalIp().getHostAddress() + "."
                    : "";
            v = verdict(false, Reason.DOUBLE_NAT, port + " is not reachable" + via + ". " + Reason.DOUBLE_NAT.explanation()
                    + seen + " Ask your provider for a public address, or forward the port on the outer router too.",
                    proxy, answer.roundTrip(), start, notes);
        } else if (noMapping) {
            v = verdict(false, Reason.NO_MAPPING, port + " is not reachable" + via + ": " + (router == null
                    ? "PortForward found no router to check the forward on." : "the router has no forward for it."),
                    proxy, answer.roundTrip(), start, notes);
        } else if (!listening) {
            v = verdict(false, Reason.SERVER_NOT_RUNNING, port + " is not reachable" + via + ": nothing on this computer"
                    + " answers on port " + request.internalPort() + ", where the forward leads. Start the web server or"
                    + " the program that should answer.", proxy, answer.roundTrip(), start, notes);
        } else {
            v = verdict(false, Reason.LOCAL_FIREWALL, port + " is not reachable" + via + ". The forward exists and this"
                    + " computer answers on port " + request.internalPort() + ", so most likely a firewall on this"
                    + " computer blocks connections from outside (or the router's own firewall does).",
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

    private static void removeTemporary(MappingAccess router, MappingKey key, List<String> notes) {
        try {
            router.delete(key, Progress.NONE);
            notes.add("Removed the temporary forward " + key + ".");
        } catch (PortForwardException e) {
            notes.add("The temporary forward " + key + " could not be removed (" + e.getMessage() + "); it expires"
                    + " within " + TEMPORARY_LEASE.toMinutes() + " minutes, or delete it yourself.");
        }
    }

    private static Verdict verdict(boolean reachable, Reason reason, String sentence, Proxy proxy, Duration roundTrip,
                                   long start, List<String> notes) {
        return new Verdict(reachable, reason, sentence, proxy, roundTrip, Duration.ofNanos(System.nanoTime() - start),
                null, notes, false);
    }
}
