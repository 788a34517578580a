package net.portforward.engine.upnp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.error.UpnpErrorCode;
import net.portforward.engine.error.UpnpException;
import net.portforward.engine.mapping.MappingFact;
import net.portforward.engine.mapping.MappingReasons;
import net.portforward.engine.mapping.Listing;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.mapping.MappingLister;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.mapping.PortMapper;
import net.portforward.engine.model.ByteCounters;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.RouterInfo;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.model.UpnpService;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.progress.Step;

/**
 * Port mapping over UPnP IGD (WANIPConnection:1/:2, WANPPPConnection:1, and their TR-064 names):
 * the router's whole table, descriptions, mappings for other computers, and the retries and
 * readings of refusals that mature clients make.
 */
public final class UpnpMapper implements PortMapper {
    /** How far from the wanted port to look for a free one after a conflict. */
    static final int FREE_PORT_SEARCH = 20;
    /** The lowest port offered instead of a refused one below 1024. */
    static final int FIRST_UNRESERVED_PORT = 1024;
    /** A good answer to GetExternalIPAddress is trusted this long: a batch of adds asks once. */
    static final Duration EXTERNAL_ADDRESS_TRUSTED_FOR = Duration.ofSeconds(30);
    private final Gateway gateway;
    private final UpnpService upnp;
    private final SoapClient soap;
    private final WanConnection wan;
    /** System.nanoTime until which the router's internet address counts as checked; guarded by this. */
    private long externalAddressCheckedUntil;
    private boolean externalAddressChecked;

    public UpnpMapper(Gateway gateway, UpnpService upnp, SoapClient soap) {
        this.gateway = gateway;
        this.upnp = upnp;
        this.soap = soap;
        this.wan = new WanConnection(soap, upnp.service());
    }

    @Override
    public Gateway gateway() {
        return gateway;
    }

    @Override
    public RouterStatus status(Progress p) throws PortForwardException {
        return UpnpStatus.read(wan, p);
    }

    @Override
    public RouterInfo info(Progress p) throws PortForwardException {
        return UpnpInfo.read(gateway.withStatus(status(p)), upnp, soap, wan, p);
    }

    @Override
    public Optional<ByteCounters> traffic(Progress p) throws PortForwardException {
        return UpnpInfo.traffic(upnp, soap, p);
    }

    @Override
    public Listing list(Consumer<ListedMapping> sink, Progress p) throws PortForwardException {
        return MappingLister.list(wan, sink, p);
    }

    @Override
    public Optional<ListedMapping> get(MappingKey key, Progress p) throws PortForwardException {
        return wan.getSpecificPortMappingEntry(key, p);
    }

    /**
     * GetExternalIPAddress before a new mapping, as Tailscale does since PR #20781: a MikroTik
     * that takes only permanent leases kept every mapping made while its address could not be
     * read. An error or 0.0.0.0 (tailscale corp#23538) refuses the add; an empty answer does not,
     * as miniupnpd gives it behind another NAT, where forwarding on the inner router still has its
     * use (the NAT verdict tells the user). A router without the action (401) is not held back.
     */
    @Override
    public void checkBeforeAdd(PortMapping wanted, Progress p) throws PortForwardException {
        long now = System.nanoTime();
        synchronized (this) {
            if (externalAddressChecked && now - externalAddressCheckedUntil < 0) {
                return;
            }
        }
        String address;
        try {
            address = wan.getExternalIPAddress(p).trim();
        } catch (UpnpException e) {
            if (e.is(UpnpErrorCode.INVALID_ACTION)) {
                return;
            }
            throw new RouterRefusedException(Refusal.NO_INTERNET, e.technical(),
                    new MappingReasons.NoAddressBeforeAdd(wanted, false),
                    "GetExternalIPAddress failed (" + e.getMessage() + "), " + wanted.summary() + " not added");
        } catch (RouterProtocolException e) {
            throw new RouterRefusedException(Refusal.NO_INTERNET, "GetExternalIPAddress: " + e.getMessage(),
                    new MappingReasons.NoAddressBeforeAdd(wanted, false),
                    "GetExternalIPAddress unreadable (" + e.getMessage() + "), " + wanted.summary() + " not added");
        }
        if (address.equals("0.0.0.0")) {
            throw new RouterRefusedException(Refusal.NO_INTERNET, "GetExternalIPAddress answered 0.0.0.0",
                    new MappingReasons.NoAddressBeforeAdd(wanted, true),
                    "GetExternalIPAddress answered 0.0.0.0, " + wanted.summary() + " not added");
        }
        synchronized (this) {
            externalAddressChecked = true;
            externalAddressCheckedUntil = now + EXTERNAL_ADDRESS_TRUSTED_FOR.toNanos();
        }
    }

    /**
     * AddPortMapping with the retries mature clients make, then read back: 725 (and 402 on the
     * ARRIS NVG578LX, tailscale #15223) to a mapping with a lease means the router takes
     * permanent mappings only, so it is tried once more with lease 0 (Tailscale, libtorrent). 718,
     * and 501 on routers that answer it for a taken port (libtorrent upnp.cpp), lead to who holds
     * the port and a free one near; a refused port below 1024 to a free one from 1024 up.
     */
    @Override
    public MappingEditor.Outcome add(PortMapping wanted, Progress p) throws PortForwardException {
        List<Fact> notes = new ArrayList<>();
        PortMapping sent = sendAdd(wanted, notes, m -> {
            wan.addPortMapping(m, p);
            return m.externalPort();
        }, p);
        p.report(0.8, Step.CHECKING_TABLE.with());
        return new MappingEditor.Outcome(readBack(wanted, sent, notes, p), notes);
    }

    @Override
    public boolean offersAnyPort() {
        return upnp.service().version() >= 2;
    }

    /**
     * IGD:2 AddAnyPortMapping, with the same retries as {@link #add}. A suggestion below 1024 is
     * moved to 1024: many routers keep those ports (Tailscale does the same).
     */
    @Override
    public MappingEditor.Outcome addAnyPort(PortMapping wanted, Progress p) throws PortForwardException {
        if (!offersAnyPort()) {
            throw new RouterRefusedException(Refusal.UNSUPPORTED_REQUEST, "no AddAnyPortMapping on "
                    + upnp.service().shortType(), new MappingReasons.AnyPortNotOffered(upnp.service().shortType()),
                    "no AddAnyPortMapping on " + upnp.service().shortType());
        }
        PortMapping suggested = wanted.externalPort() < FIRST_UNRESERVED_PORT
                ? wanted.withExternalPort(FIRST_UNRESERVED_PORT) : wanted;
        List<Fact> notes = new ArrayList<>();
        int[] granted = new int[1];
        PortMapping sent = sendAdd(suggested, notes, m -> {
            granted[0] = wan.addAnyPortMapping(m, p);
            return granted[0];
        }, p);
        p.report(0.8, Step.CHECKING_TABLE.with());
        PortMapping atGranted = sent.withExternalPort(granted[0]);
        PortMapping actual = readBack(atGranted, atGranted, notes, p);
        notes.add(0, MappingFact.ROUTER_CHOSE_PORT.with(granted[0], actual));
        return new MappingEditor.Outcome(actual, notes);
    }

    /** One add action, by port; returns the external port it took. */
    @FunctionalInterface
    private interface AddCall {
        int send(PortMapping m) throws PortForwardException;
    }

    /** Sends {@code wanted}, once more permanently where the router asks for that; returns what was sent. */
    private PortMapping sendAdd(PortMapping wanted, List<Fact> notes, AddCall call, Progress p)
            throws PortForwardException {
        try {
            call.send(wanted);
            return wanted;
        } catch (UpnpException e) {
            boolean leaseRefused = e.is(UpnpErrorCode.ONLY_PERMANENT_LEASES_SUPPORTED)
                    || e.is(UpnpErrorCode.INVALID_ARGS); // ARRIS NVG578LX, tailscale #15223
            if (!leaseRefused || wanted.permanent()) {
                throw refused(wanted, e, p);
            }
        }
        PortMapping permanent = wanted.withLease(Duration.ZERO);
        try {
            call.send(permanent);
        } catch (UpnpException e) {
            throw refused(permanent, e, p);
        }
        notes.add(MappingFact.PERMANENT_ONLY_NOTE.with(wanted));
        return permanent;
    }

    /** What the router lists after an add; {@code sent} where it reports a client we cannot read. */
    private PortMapping readBack(PortMapping wanted, PortMapping sent, List<Fact> notes, Progress p)
            throws PortForwardException {
        // Some routers ignore additions silently (PortMapper #137).
        ListedMapping actual = get(sent.key(), p).orElseThrow(() -> new RouterProtocolException(
                RouterTrouble.ADD_NOT_LISTED.with(wanted)));
        if (sent.permanent() && !actual.mapping().permanent()) {
            // IGD:2 routers grant a week at most: miniupnpd lists lease 0 as 604800 s.
            notes.add(MappingFact.SHORTER_LEASE.with(sent.key(), actual.mapping().lease().toDays()));
        }
        return actual.mapping().internalClient() == null ? sent : actual.mapping();
    }

    /**
     * A refused add in terms the user can act on. 718, 501 and 606 may all mean "not this port":
     * who holds it is looked up (bounded: one look-up, then at most 2 * {@link #FREE_PORT_SEARCH}
     * for a free port); otherwise the router's own answer stands.
     */
    private PortForwardException refused(PortMapping wanted, UpnpException e, Progress p) throws CancelledException {
        boolean aboutThePort = e.is(UpnpErrorCode.CONFLICT_IN_MAPPING_ENTRY) || e.is(UpnpErrorCode.ACTION_FAILED)
                || e.is(UpnpErrorCode.NOT_AUTHORIZED);
        if (!aboutThePort) {
            return e;
        }
        MappingKey key = wanted.key();
        try {
            Optional<ListedMapping> holder = get(key, p);
            if (holder.isPresent() && !wanted.internalClient().equals(holder.get().mapping().internalClient())) {
                return new PortConflictException(key, holder.get(), freePortNear(key, p));
            }
            // 606 for another computer may also be a rule against mapping for others (miniupnpd's
            // secure mode); then the port offered from 1024 up is refused in turn, with the router's words.
            if (key.externalPort() < FIRST_UNRESERVED_PORT && holder.isEmpty()) {
                return PortConflictException.reservedLowPort(key, e.technical(),
                        freePortFrom(key.protocol(), FIRST_UNRESERVED_PORT, p));
            }
            if (e.is(UpnpErrorCode.CONFLICT_IN_MAPPING_ENTRY)) {
                return new PortConflictException(key, holder.orElse(null), freePortNear(key, p));
            }
        } catch (CancelledException c) {
            throw c;
        } catch (PortForwardException lookupFailed) {
            // the router's own answer is all there is to tell
        }
        return e;
    }

    @Override
    public void delete(MappingKey key, Progress p) throws PortForwardException {
        wan.deletePortMapping(key, p);
    }

    /** The nearest external port with no mapping, looking up to {@link #FREE_PORT_SEARCH} either side. */
    @Override
    public OptionalInt freePortNear(MappingKey key, Progress p) throws PortForwardException {
        for (int d = 1; d <= FREE_PORT_SEARCH; d++) {
            for (int port : new int[] {key.externalPort() + d, key.externalPort() - d}) {
                if (port >= FIRST_UNRESERVED_PORT && port <= 65535
                        && get(new MappingKey(key.protocol(), port), p).isEmpty()) {
                    return OptionalInt.of(port);
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The first external port from {@code first} up with no mapping, within 2 * {@link #FREE_PORT_SEARCH}. */
    private OptionalInt freePortFrom(Protocol protocol, int first, Progress p) throws PortForwardException {
        for (int port = first; port < first + 2 * FREE_PORT_SEARCH; port++) {
            if (get(new MappingKey(protocol, port), p).isEmpty()) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }

    /** A raw action on any service of the device (WANCommonInterfaceConfig), for {@link UpnpInfo}. */
    static Map<String, String> optional(SoapClient soap, net.portforward.engine.model.ServiceRef s, String action,
            Progress p) throws CancelledException {
        try {
            return soap.call(s, action, List.of(), p);
        } catch (CancelledException e) {
            throw e;
        } catch (PortForwardException e) {
            return Map.of();
        }
    }
}
