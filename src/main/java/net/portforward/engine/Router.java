package net.portforward.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import net.portforward.engine.discovery.GatewayProbe;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.mapping.MappingJournal;
import net.portforward.engine.mapping.MappingLister;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.mapping.ParkedMappings;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.LinkInfo;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.model.RouterInfo;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.net.Text;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.upnp.SoapClient;
import net.portforward.engine.upnp.WanConnection;

/** One gateway's mappings and information. Every method is a blocking call to the router. */
public final class Router {
    private final Gateway gateway;
    private final SoapClient soap;
    private final WanConnection wan;
    private final MappingEditor editor;
    private final MappingJournal journal;
    private final OwnChanges own;
    private final String id;

    Router(Gateway gateway, SoapClient soap, ParkedMappings parked, MappingJournal journal, OwnChanges own) {
        this.own = own;
        this.gateway = gateway;
        this.soap = soap;
        this.wan = new WanConnection(soap, gateway.service());
        this.id = recordId(gateway);
        this.editor = new MappingEditor(wan, parked, id);
        this.journal = journal;
    }

    /** What the app's records (held mappings, the ledger) file this router and WAN service under. */
    public String recordId() {
        return id;
    }

    /**
     * Which router and WAN service a held mapping belongs to. The serviceId alone is not enough:
     * MikroTik's two WAN services are both "WANIPConn1"; their devices and control URLs differ.
     */
    public static String recordId(Gateway g) {
        String root = g.device().udn().isEmpty() ? g.device().location().toString() : g.device().udn();
        return root + "|" + g.service().deviceUdn() + "|" + g.service().serviceId() + "|"
                + g.service().controlUrl().getRawPath()
                + (g.service().controlUrl().getRawQuery() == null ? "" : "?" + g.service().controlUrl().getRawQuery());
    }

    public Gateway gateway() {
        return gateway;
    }

    public RouterStatus status(Progress p) throws PortForwardException {
        return GatewayProbe.readStatus(wan, p);
    }

    /** Status plus connection type and, where offered, WANCommonInterfaceConfig link values. */
    public RouterInfo info(Progress p) throws PortForwardException {
        p.report(0.2, "Reading the router's status\u2026");
        Gateway fresh = new Gateway(gateway.device(), gateway.service(), gateway.address(), gateway.localAddress(),
                status(p));
        String type = "";
        String possible = "";
        try {
            Map<String, String> t = wan.getConnectionTypeInfo(p);
            type = Text.clean(t.getOrDefault("NewConnectionType", ""));
            possible = Text.clean(t.getOrDefault("NewPossibleConnectionTypes", ""));
        } catch (CancelledException e) {
            throw e;
        } catch (PortForwardException ignored) {
            // optional action: many routers answer 401
        }
        p.report(0.6, "Reading link properties\u2026");
        LinkInfo link = linkInfo(p);
        p.report(1, "Done.");
        return new RouterInfo(fresh, type, possible, link);
    }

    private LinkInfo linkInfo(Progress p) throws PortForwardException {
        // The WANDevice that holds this connection: MikroTik has two, each with its own link.
        List<ServiceRef> commons = gateway.device().services().stream()
                .filter(s -> s.serviceType().startsWith("urn:schemas-upnp-org:service:WANCommonInterfaceConfig:"))
                .toList();
        Optional<ServiceRef> common = commons.stream()
                .filter(s -> s.deviceUdn().equals(gateway.service().parentUdn())).findFirst()
                .or(() -> commons.stream().findFirst());
        if (common.isEmpty()) {
            return null;
        }
        ServiceRef s = common.get();
        Map<String, String> props = optional(s, "GetCommonLinkProperties", p);
        return new LinkInfo(
                Text.clean(props.getOrDefault("NewWANAccessType", "")),
                number(props.get("NewLayer1UpstreamMaxBitRate")),
                number(props.get("NewLayer1DownstreamMaxBitRate")),
                Text.clean(props.getOrDefault("NewPhysicalLinkStatus", "")),
                number(optional(s, "GetTotalBytesSent", p).get("NewTotalBytesSent")),
                number(optional(s, "GetTotalBytesReceived", p).get("NewTotalBytesReceived")),
                number(optional(s, "GetTotalPacketsSent", p).get("NewTotalPacketsSent")),
                number(optional(s, "GetTotalPacketsReceived", p).get("NewTotalPacketsReceived")));
    }

    private Map<String, String> optional(ServiceRef s, String action, Progress p) throws CancelledException {
        try {
            return soap.call(s, action, List.of(), p);
        } catch (CancelledException e) {
            throw e;
        } catch (PortForwardException e) {
            return Map.of();
        }
    }

    private static long number(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The whole table, each entry handed to {@code sink} as it arrives, followed by the mappings
     * PortForward keeps disabled for a router that ignores the enabled flag.
     */
    public MappingLister.Result list(Consumer<ListedMapping> sink, Progress p) throws PortForwardException {
        MappingLister.Result result = MappingLister.list(wan, sink, p);
        Map<MappingKey, PortMapping> onRouter = new HashMap<>();
        result.mappings().forEach(m -> onRouter.put(m.mapping().key(), m.mapping()));
        List<ListedMapping> all = new ArrayList<>(result.mappings());
        for (PortMapping kept : editor.parked()) {
            PortMapping there = onRouter.get(kept.key());
            if (there != null && kept.internalClient().equals(there.internalClient())) {
                continue; // back on the router: the router's entry says it all
            }
            List<String> warnings = there == null ? List.of() : List.of("the router now forwards this port to "
                    + (there.internalClient() == null ? "another device" : there.internalClient().getHostAddress()));
            ListedMapping held = new ListedMapping(kept, warnings, true);
            all.add(held);
            sink.accept(held);
        }
        return new MappingLister.Result(all, result.warnings(), result.method());
    }

    public Optional<ListedMapping> get(MappingKey key, Progress p) throws PortForwardException {
        return editor.get(key, p);
    }

    /** Adds a mapping the user wants kept. */
    public MappingEditor.Outcome add(PortMapping mapping, Progress p) throws PortForwardException {
        return add(mapping, Retention.KEEP, p);
    }

    /** Adds a mapping, recorded in the journal before the router is asked and confirmed after. */
    public MappingEditor.Outcome add(PortMapping mapping, Retention retention, Progress p) throws PortForwardException {
        MappingRules.check(mapping); // bad input is neither sent nor recorded
        journal.adding(id, mapping, retention);
        own.note(mapping.key());
        MappingEditor.Outcome outcome;
        try {
            outcome = editor.add(mapping, p);
        } catch (PortForwardException e) {
            journal.addFailed(id, mapping, e);
            throw e;
        } finally {
            own.note(mapping.key());
        }
        journal.added(id, mapping, outcome.mapping(), retention);
        return outcome;
    }

    /**
     * The mapping at {@code key} as the table lists it, including its remote host, which
     * GetSpecificPortMappingEntry does not report; a held (disabled) one when the router has none.
     * Costs a listing.
     */
    public Optional<ListedMapping> find(MappingKey key, Progress p) throws PortForwardException {
        List<ListedMapping> all = list(m -> { }, p).mappings();
        return all.stream().filter(m -> m.mapping().key().equals(key) && !m.heldByApp()).findFirst()
                .or(() -> all.stream().filter(m -> m.mapping().key().equals(key)).findFirst());
    }

    /** Changes the mapping at {@code key}; its remote-host restriction is looked up and kept. */
    public MappingEditor.Outcome edit(MappingKey key, PortMapping updated, Progress p) throws PortForwardException {
        MappingRules.check(updated); // before the look-up: bad input sends nothing
        return noting(key, updated.key(), () -> {
            MappingEditor.Outcome outcome = editor.edit(key, updated, remoteHostOf(key, p), p);
            journal.changed(id, updated);
            return outcome;
        });
    }

    /**
     * As {@link #edit(MappingKey, PortMapping, Progress)}, for a caller that already has the
     * mapping as the table listed it (the window): no second listing, which on a big table costs
     * a minute (LargeTableLabIT).
     */
    public MappingEditor.Outcome edit(ListedMapping listed, PortMapping updated, Progress p) throws PortForwardException {
        MappingRules.check(updated);
        return noting(listed.mapping().key(), updated.key(), () -> {
            MappingEditor.Outcome outcome = editor.edit(listed.mapping().key(), updated, remoteHostOf(listed), p);
            journal.changed(id, updated);
            return outcome;
        });
    }

    /** As {@link #setEnabled(MappingKey, boolean, Progress)}, with the mapping as listed. */
    public MappingEditor.Outcome setEnabled(ListedMapping listed, boolean enabled, Progress p) throws PortForwardException {
        MappingKey key = listed.mapping().key();
        return noting(key, key, () -> {
            MappingEditor.Outcome outcome = editor.setEnabled(key, enabled, remoteHostOf(listed), p);
            journal.enabledChanged(id, key, enabled);
            return outcome;
        });
    }

    private static java.net.InetAddress remoteHostOf(ListedMapping listed) {
        return listed.heldByApp() ? null : listed.mapping().remoteHost();
    }

    private java.net.InetAddress remoteHostOf(MappingKey key, Progress p) throws PortForwardException {
        return find(key, p).filter(m -> !m.heldByApp()).map(m -> m.mapping().remoteHost()).orElse(null);
    }

    public void delete(MappingKey key, Progress p) throws PortForwardException {
        noting(key, key, () -> {
            editor.delete(key, p);
            journal.removed(id, key);
            return null;
        });
    }

    public MappingEditor.Outcome setEnabled(MappingKey key, boolean enabled, Progress p) throws PortForwardException {
        return noting(key, key, () -> {
            MappingEditor.Outcome outcome = editor.setEnabled(key, enabled, remoteHostOf(key, p), p);
            journal.enabledChanged(id, key, enabled);
            return outcome;
        });
    }

    /** A change to the router, noted as this program's own before and after (see {@link OwnChanges}). */
    private <T> T noting(MappingKey before, MappingKey after, RouterCall<T> call) throws PortForwardException {
        own.note(before);
        own.note(after);
        try {
            return call.run();
        } finally {
            own.note(before);
            own.note(after);
        }
    }

    @FunctionalInterface
    private interface RouterCall<T> {
        T run() throws PortForwardException;
    }

    public OptionalInt freePortNear(MappingKey key, Progress p) throws PortForwardException {
        return editor.freePortNear(key, p);
    }
}
