package net.portforward.engine.pinhole;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.InputMistake;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.progress.Progress;

/**
 * One router's pinholes, whatever protocol opens them (see {@link PinholeService}), each change
 * told to the journal (the app's ledger) before the router is asked and after it answered. No
 * router lists its pinholes, so what the journal holds is what PortForward knows of them.
 */
public final class Pinholes {
    private final PinholeService service;
    private final PinholeJournal journal;
    private final String id;

    public Pinholes(PinholeService service, String recordId, PinholeJournal journal) {
        this.service = service;
        this.id = recordId;
        this.journal = journal;
    }

    /**
     * What the ledger files a router's pinholes under: its UPnP root device (one firewall for all
     * its WAN services, and stable whatever IPv6 address it has today), else its address for PCP.
     */
    public static String recordId(Gateway g) {
        return g.upnp().map(u -> (u.device().udn().isEmpty() ? u.device().location().toString() : u.device().udn()))
                .orElse("pcp|" + g.address().getHostAddress()) + "|ipv6-firewall";
    }

    public String recordId() {
        return id;
    }

    public PinholeService service() {
        return service;
    }

    public Optional<FirewallStatus> status(Progress p) throws PortForwardException {
        return service.status(p);
    }

    /** What the journal holds for this router. */
    public List<PinholeJournal.Recorded> recorded() throws PortForwardException {
        return journal.recorded(id);
    }

    /**
     * Opens {@code port} of this computer for {@code protocol}, for {@code lease}.
     *
     * @param forwardPort the external port of an IPv4 forward opened together with it, or 0: closing
     *     that forward closes this pinhole too
     */
    public Pinhole open(Protocol protocol, int port, Duration lease, Retention retention, int forwardPort, Progress p)
            throws PortForwardException {
        PinholeRequest request = request(protocol, port, lease);
        journal.opening(id, request, retention, forwardPort);
        Pinhole opened;
        try {
            opened = service.open(request, p);
        } catch (PortForwardException e) {
            journal.openFailed(id, request, e);
            throw e;
        }
        journal.opened(id, opened, retention, forwardPort);
        return opened;
    }

    /** What {@link #renew} did. */
    public record Renewal(Pinhole pinhole, boolean reopened, Fact fact) {
    }

    /**
     * Renews a recorded pinhole for its lease: UpdatePinhole (or PCP's MAP again). One the router
     * lost (it expired, or the router restarted) is opened again; so is one still pending; one
     * for an address this computer no longer has is opened for its address now.
     */
    public Renewal renew(PinholeJournal.Recorded r, Progress p) throws PortForwardException {
        Optional<Pinhole> existing = r.pinhole();
        if (existing.isPresent() && existing.get().address().equals(service.localAddress())) {
            try {
                Pinhole renewed = service.renew(existing.get(), r.lease(), p);
                journal.opened(id, renewed, r.retention(), r.forwardPort());
                return new Renewal(renewed, false, PinholeFact.RENEWED.with(renewed, renewed.lease()));
            } catch (RouterRefusedException e) {
                if (!e.is(Refusal.NO_SUCH_MAPPING)) {
                    throw e;
                }
            }
        }
        Pinhole reopened = open(r.key().protocol(), r.key().port(), r.lease(), r.retention(), r.forwardPort(), p);
        Fact said = existing.isEmpty() ? PinholeFact.REOPENED.with(reopened)
                : !existing.get().address().equals(reopened.address())
                        ? PinholeFact.REOPENED_NEW_ADDRESS.with(reopened, existing.get().address())
                        : PinholeFact.REOPENED_LOST.with(reopened);
        return new Renewal(reopened, true, said);
    }

    /**
     * Closes the pinhole PortForward recorded for {@code key}. One still pending is first asked
     * for again, which gives back its id (a router does not make the same pinhole twice), then
     * closed.
     *
     * @throws InvalidInputException when PortForward recorded none: it knows only the ones it opened
     */
    public void close(PinholeKey key, Progress p) throws PortForwardException {
        PinholeJournal.Recorded r = journal.find(id, key).orElseThrow(() -> new InvalidInputException(
                PinholeFact.NOT_OPENED_BY_US.with(key)));
        Pinhole pinhole = r.pinhole().isPresent() ? r.pinhole().get() : service.open(new PinholeRequest(r.address(),
                key.protocol(), key.port(), Duration.ofSeconds(1)), p);
        try {
            service.close(pinhole, p);
        } catch (CancelledException e) {
            throw e;
        } catch (RouterRefusedException e) {
            if (!pinhole.address().equals(service.localAddress()) && e.is(Refusal.NOT_AUTHORIZED)) {
                // Opened for an address this computer no longer has: only that address may close it,
                // and its lease ends it.
                journal.closed(id, key);
                return;
            }
            throw e;
        }
        journal.closed(id, key);
    }

    public PinholeCheck check(Pinhole pinhole, Progress p) throws PortForwardException {
        return service.check(pinhole, p);
    }

    private PinholeRequest request(Protocol protocol, int port, Duration lease) throws InvalidInputException {
        if (port < 1 || port > 65535) {
            throw new InvalidInputException(InputMistake.PINHOLE_PORT.with(port));
        }
        if (lease.toSeconds() < 1 || lease.compareTo(PinholeRequest.MAX_LEASE) > 0) {
            throw new InvalidInputException(InputMistake.PINHOLE_LEASE.with());
        }
        return new PinholeRequest(service.localAddress(), protocol, port, lease);
    }
}
