package net.portforward.reach;

import java.net.InetAddress;
import java.util.Optional;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.progress.Progress;

/** The little a reachability test needs of the router: one forward, and whether it sits behind another NAT. */
public interface MappingAccess {
    /** This computer's address on the router's LAN: where a forward must lead. */
    InetAddress localAddress();

    RouterStatus status(Progress p) throws PortForwardException;

    Optional<PortMapping> mapping(MappingKey key, Progress p) throws PortForwardException;

    /** Adds a forward, recorded as kept or (a test's temporary one) only for now. */
    void add(PortMapping mapping, Retention retention, Progress p) throws PortForwardException;

    void delete(MappingKey key, Progress p) throws PortForwardException;

    /**
     * Deletes the forward at {@code key} and adds it again as it was: a forward the router lists
     * but that stopped working (Technicolor CGA4131COM, tailscale #21208). The engine's router puts
     * it back when the add fails and keeps its remote host; this default serves simple stand-ins.
     */
    default void repair(MappingKey key, Progress p) throws PortForwardException {
        Optional<PortMapping> m = mapping(key, p);
        if (m.isPresent()) {
            delete(key, p);
            add(m.get(), Retention.KEEP, p);
        }
    }

    /**
     * The same router with the forward's destination taken to be {@code device}, another device of
     * its network: for testing a forward to it (see {@link ReachTest#runToDevice}).
     */
    default MappingAccess towards(InetAddress device) {
        MappingAccess router = this;
        return new MappingAccess() {
            @Override
            public InetAddress localAddress() {
                return device;
            }

            @Override
            public RouterStatus status(Progress p) throws PortForwardException {
                return router.status(p);
            }

            @Override
            public Optional<PortMapping> mapping(MappingKey key, Progress p) throws PortForwardException {
                return router.mapping(key, p);
            }

            @Override
            public void add(PortMapping mapping, Retention retention, Progress p) throws PortForwardException {
                router.add(mapping, retention, p);
            }

            @Override
            public void delete(MappingKey key, Progress p) throws PortForwardException {
                router.delete(key, p);
            }

            @Override
            public void repair(MappingKey key, Progress p) throws PortForwardException {
                router.repair(key, p);
            }
        };
    }

    /** The engine's router. */
    static MappingAccess of(Router router) {
        return new MappingAccess() {
            @Override
            public InetAddress localAddress() {
                return router.gateway().localAddress();
            }

            @Override
            public RouterStatus status(Progress p) throws PortForwardException {
                return router.status(p);
            }

            @Override
            public Optional<PortMapping> mapping(MappingKey key, Progress p) throws PortForwardException {
                return router.get(key, p).map(l -> l.mapping());
            }

            @Override
            public void add(PortMapping mapping, Retention retention, Progress p) throws PortForwardException {
                router.add(mapping, retention, p);
            }

            @Override
            public void delete(MappingKey key, Progress p) throws PortForwardException {
                router.delete(key, p);
            }

            @Override
            public void repair(MappingKey key, Progress p) throws PortForwardException {
                router.repair(key, p);
            }
        };
    }
}
