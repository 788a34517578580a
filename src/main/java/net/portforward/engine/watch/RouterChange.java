package net.portforward.engine.watch;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.portforward.engine.error.Fact;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.PortMapping;

/** One change on the router, found by comparing two snapshots, as a fact the front ends word. */
public sealed interface RouterChange {
    Instant time();

    /** The JSON type name of {@code watch --json}, such as "mappingAdded". */
    String type();

    /** What changed, for the front ends to put into one sentence: "UDP 27015 → 192.168.1.23:27015 added". */
    Fact fact();

    /** The same in English, for logs. */
    default String describe() {
        return fact().english();
    }

    /** The LAN computer the change is about, when it is about a mapping. */
    default Optional<InetAddress> client() {
        return Optional.empty();
    }

    record MappingAdded(Instant time, PortMapping mapping) implements RouterChange {
        @Override
        public String type() {
            return "mappingAdded";
        }

        @Override
        public Fact fact() {
            return mapping.description().isEmpty() ? WatchFact.ADDED.with(mapping)
                    : WatchFact.ADDED_NAMED.with(mapping, mapping.description());
        }

        @Override
        public Optional<InetAddress> client() {
            return Optional.ofNullable(mapping.internalClient());
        }
    }

    record MappingRemoved(Instant time, PortMapping mapping) implements RouterChange {
        @Override
        public String type() {
            return "mappingRemoved";
        }

        @Override
        public Fact fact() {
            return mapping.description().isEmpty() ? WatchFact.REMOVED.with(mapping.key())
                    : WatchFact.REMOVED_NAMED.with(mapping.key(), mapping.description());
        }

        @Override
        public Optional<InetAddress> client() {
            return Optional.ofNullable(mapping.internalClient());
        }
    }

    record MappingChanged(Instant time, PortMapping before, PortMapping after) implements RouterChange {
        @Override
        public String type() {
            return "mappingChanged";
        }

        @Override
        public Fact fact() {
            List<Fact> what = new ArrayList<>();
            if (!Objects.equals(before.internalClient(), after.internalClient())
                    || before.internalPort() != after.internalPort()) {
                what.add(WatchFact.NOW_TO.with(target(after), target(before)));
            }
            if (before.enabled() != after.enabled()) {
                what.add((after.enabled() ? WatchFact.ENABLED : WatchFact.DISABLED).with());
            }
            if (!before.description().equals(after.description())) {
                what.add(WatchFact.DESCRIPTION.with(after.description(), before.description()));
            }
            if (!Objects.equals(before.remoteHost(), after.remoteHost())) {
                what.add(after.remoteHost() == null ? WatchFact.OPEN_TO_EVERY_HOST.with()
                        : WatchFact.ONLY_FOR.with(after.remoteHost()));
            }
            return WatchFact.CHANGED.with(after.key(), what);
        }

        @Override
        public Optional<InetAddress> client() {
            return Optional.ofNullable(after.internalClient());
        }

        private static String target(PortMapping m) {
            return (m.internalClient() == null ? "?" : m.internalClient().getHostAddress()) + ":" + m.internalPort();
        }
    }

    /** Addresses as the router wrote them ("" when it gave none, which CGNAT routers do). */
    record ExternalAddressChanged(Instant time, String before, String after) implements RouterChange {
        @Override
        public String type() {
            return "externalIpChanged";
        }

        @Override
        public Fact fact() {
            return WatchFact.EXTERNAL_ADDRESS.with(orNone(before), orNone(after));
        }

        private static Object orNone(String address) {
            return address.isEmpty() ? WatchFact.NO_ADDRESS : address;
        }
    }

    record ConnectionStatusChanged(Instant time, ConnectionStatus before, ConnectionStatus after)
            implements RouterChange {
        @Override
        public String type() {
            return "connectionStatusChanged";
        }

        @Override
        public Fact fact() {
            return WatchFact.CONNECTION.with(before, after);
        }
    }

    /**
     * The router started afresh. {@code lost} are the mappings it had before and not after: the
     * ones a user may want put back.
     *
     * @param evidence how we know: "its uptime went back from 3 h to 12 s"
     */
    record RouterRestarted(Instant time, Fact evidence, List<PortMapping> lost) implements RouterChange {
        public RouterRestarted {
            lost = List.copyOf(lost);
        }

        @Override
        public String type() {
            return "routerRestarted";
        }

        @Override
        public Fact fact() {
            return WatchFact.RESTARTED.with(lost.size(), evidence);
        }
    }
}
