package net.portforward.engine.upnp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.UpnpErrorCode;
import net.portforward.engine.error.UpnpException;
import net.portforward.engine.mapping.Listing;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.mapping.MappingLister;
import net.portforward.engine.mapping.Listing;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.mapping.PortMapper;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.RouterInfo;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.model.UpnpService;
import net.portforward.engine.progress.Progress;

/**
 * Port mapping over UPnP IGD (WANIPConnection:1/:2, WANPPPConnection:1): the router's whole table,
 * descriptions, mappings for other computers, and the retries mature clients make.
 */
public final class UpnpMapper implements PortMapper {
    /** How far from the wanted port to look for a free one after a conflict. */
    static final int FREE_PORT_SEARCH = 20;

    private final Gateway gateway;
    private final UpnpService upnp;
    private final SoapClient soap;
    private final WanConnection wan;

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
    public Listing list(Consumer<ListedMapping> sink, Progress p) throws PortForwardException {
        return MappingLister.list(wan, sink, p);
    }

    @Override
    public Optional<ListedMapping> get(MappingKey key, Progress p) throws PortForwardException {
        return wan.getSpecificPortMappingEntry(key, p);
    }

    /**
     * AddPortMapping with the retries mature clients make, then read back: 725 means the router
     * takes permanent mappings only (Tailscale, libtorrent retry with lease 0); 718 means another
     * client holds the port (IGD:1 routers also use it for "not your address").
     */
    @Override
    public MappingEditor.Outcome add(PortMapping wanted, Progress p) throws PortForwardException {
        List<String> notes = new ArrayList<>();
        PortMapping sent = wanted;
        try {
            wan.addPortMapping(wanted, p);
        } catch (UpnpException e) {
            if (e.is(UpnpErrorCode.ONLY_PERMANENT_LEASES_SUPPORTED) && !wanted.permanent()) {
                sent = wanted.withLease(Duration.ZERO);
                wan.addPortMapping(sent, p);
                notes.add("This router accepts permanent mappings only, so " + wanted.summary()
                        + " was added without a lease.");
            } else if (e.is(UpnpErrorCode.CONFLICT_IN_MAPPING_ENTRY)) {
                throw new PortConflictException(wanted.key().toString(), get(wanted.key(), p).orElse(null),
                        freePortNear(wanted.key(), p));
            } else {
                throw e;
            }
        }
        p.report(0.8, "Checking the router's table\u2026");
        ListedMapping actual = get(wanted.key(), p).orElseThrow(() -> new RouterProtocolException(
                "The router answered that it added " + wanted.summary() + ", but it does not list it. Some routers"
                        + " ignore additions silently (PortMapper #137); try again, or add it on the router's web page."));
        if (sent.permanent() && !actual.mapping().permanent()) {
            // IGD:2 routers grant a week at most: miniupnpd lists lease 0 as 604800 s.
            notes.add("The router gave " + wanted.key() + " a lease of " + actual.mapping().lease().toDays()
                    + " days instead of a permanent one.");
        }
        // The router's view, but what we sent where it reports a client we cannot read.
        PortMapping granted = actual.mapping().internalClient() == null ? sent : actual.mapping();
        return new MappingEditor.Outcome(granted, notes);
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
                if (port >= 1024 && port <= 65535 && get(new MappingKey(key.protocol(), port), p).isEmpty()) {
                    return OptionalInt.of(port);
                }
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
