package net.portforward.engine.watch;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.PortMapping;

/** One change on the router, found by comparing two snapshots, with its words for people. */
public sealed interface RouterChange {
    Instant time();

    /** The JSON type name of {@code watch --json}, such as "mappingAdded". */
    String type();

    /** One sentence: "UDP 27015 → 192.168.1.23:27015 added". */
    String describe();

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
        public String describe() {
            return mapping.summary() + " added" + described(mapping);
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
        public String describe() {
            return mapping.key() + " removed" + described(mapping);
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
        public String describe() {
            List<String> what = new ArrayList<>();
            if (!Objects.equals(before.internalClient(), after.internalClient())
                    || before.internalPort() != after.internalPort()) {
                what.add("now \u2192 " + target(after) + " (was " + target(before) + ")");
            }
            if (before.enabled() != after.enabled()) {
                what.add(after.enabled() ? "enabled" : "disabled");
            }
            if (!before.description().equals(after.description())) {
                what.add("description \"" + after.description() + "\" (was \"" + before.description() + "\")");
            }
            if (!Objects.equals(before.remoteHost(), after.remoteHost())) {
                what.add(after.remoteHost() == null ? "open to every remote host"
                        : "only for " + after.remoteHost().getHostAddress());
            }
            return after.key() + " changed: " + String.join(", ", what);
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
        public String describe() {
            return "External address changed from " + orNone(before) + " to " + orNone(after);
        }

        private static String orNone(String address) {
            return address.isEmpty() ? "none" : address;
        }
    }

    record ConnectionStatusChanged(Instant time, ConnectionStatus before, ConnectionStatus after)
            implements RouterChange {
        @Override
        public String type() {
            return "connectionStatusChanged";
        }

        @Override
        public String describe() {
            return "Internet connection changed from " + before.upnpName() + " to " + after.upnpName();
        }
    }

    /**
     * The router started afresh. {@code lost} are the mappings it had before and not after: the
     * ones a user may want put back.
     *
     * @param evidence how we know, in words: "its uptime went back from 3 h to 12 s"
     */
    record RouterRestarted(Instant time, String evidence, List<PortMapping> lost) implements RouterChange {
        public RouterRestarted {
            lost = List.copyOf(lost);
        }

        @Override
        public String type() {
            return "routerRestarted";
        }

        @Override
        public String describe() {
            String gone = switch (lost.size()) {
                case 0 -> "no mappings were lost";
                case 1 -> "1 mapping is gone";
                default -> lost.size() + " mappings are gone";
            };
            return "Router restarted: " + gone + " (" + evidence + ")";
        }
    }

    private static String described(PortMapping m) {
        return m.description().isEmpty() ? "" : " (\"" + m.description() + "\")";
    }
}
