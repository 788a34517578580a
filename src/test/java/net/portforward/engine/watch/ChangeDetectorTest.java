package net.portforward.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.RouterStatus;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    static PortMapping mapping(Protocol p, int port, String client, int internal, String description, long leaseSeconds) {
        try {
            return new PortMapping(p, port, InetAddress.getByName(client), internal, true, description, null,
                    Duration.ofSeconds(leaseSeconds));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static RouterSnapshot snapshot(Instant at, String ip, ConnectionStatus status, Long uptimeSeconds,
                                   PortMapping... mappings) {
        RouterStatus s = new RouterStatus(null, ip, status, uptimeSeconds == null ? null : Duration.ofSeconds(uptimeSeconds),
                "", NatVerdict.PUBLIC);
        return new RouterSnapshot(at, s, List.of(mappings).stream().map(ListedMapping::clean).toList());
    }

    private static final PortMapping GAME = mapping(Protocol.UDP, 27015, "192.168.1.23", 27015, "", 0);
    private static final PortMapping WEB = mapping(Protocol.TCP, 8080, "192.168.1.23", 80, "web", 0);

    @Test
    void anAddedMappingIsOneSentence() {
        List<RouterChange> changes = ChangeDetector.diff(
                snapshot(T0, "25.77.0.2", ConnectionStatus.CONNECTED, 100L),
                snapshot(T0.plusSeconds(30), "25.77.0.2", ConnectionStatus.CONNECTED, 130L, GAME), Optional.empty());
        assertEquals(1, changes.size());
        assertEquals("UDP 27015 \u2192 192.168.1.23:27015 added", changes.get(0).describe());
        assertEquals("mappingAdded", changes.get(0).type());
        assertEquals("192.168.1.23", changes.get(0).client().orElseThrow().getHostAddress());
    }

    @Test
    void aRemovedMappingNamesItsPortAndDescription() {
        List<RouterChange> changes = ChangeDetector.diff(
                snapshot(T0, "25.77.0.2", ConnectionStatus.CONNECTED, 100L, WEB, GAME),
                snapshot(T0.plusSeconds(30), "25.77.0.2", ConnectionStatus.CONNECTED, 130L, GAME), Optional.empty());
        assertEquals(List.of("TCP 8080 removed (\"web\")"), changes.stream().map(RouterChange::describe).toList());
        assertEquals("mappingRemoved", changes.get(0).type());
    }

    @Test
    void aChangedTargetSaysWhatItWasAndIs() {
        PortMapping moved = mapping(Protocol.TCP, 8080, "192.168.1.5", 8081, "web", 0);
        List<RouterChange> changes = ChangeDetector.diff(
                snapshot(T0, "25.77.0.2", ConnectionStatus.CONNECTED, 100L, WEB),
                snapshot(T0.plusSeconds(30), "25.77.0.2", ConnectionStatus.CONNECTED, 130L, moved), Optional.empty());
        assertEquals(List.of("TCP 8080 changed: now \u2192 192.168.1.5:8081 (was 192.168.1.23:80)"),
                changes.stream().map(RouterChange::describe).toList());
        assertEquals("mappingChanged", changes.get(0).type());
    }

    @Test
    void aLeaseCountingDownIsNoChange() {
        PortMapping leased = mapping(Protocol.TCP, 8080, "192.168.1.23", 80, "web", 3600);
        PortMapping later = mapping(Protocol.TCP, 8080, "192.168.1.23", 80, "web", 3570);
        assertEquals(List.of(), ChangeDetector.diff(
                snapshot(T0, "25.77.0.2", ConnectionStatus.CONNECTED, 100L, leased),
                snapshot(T0.plusSeconds(30), "25.77.0.2", ConnectionStatus.CONNECTED, 130L, later), Optional.empty()));
    }

    @Test
    void externalAddressAndConnectionChangesAreWords() {
        List<RouterChange> changes = ChangeDetector.diff(
                snapshot(T0, "25.77.0.2", ConnectionStatus.CONNECTED, 100L),
                snapshot(T0.plusSeconds(30), "", ConnectionStatus.DISCONNECTED, 130L), Optional.empty());
        assertEquals(List.of("External address changed from 25.77.0.2 to none",
                        "Internet connection changed from Connected to Disconnected"),
                changes.stream().map(RouterChange::describe).toList());
        assertEquals(List.of("externalIpChanged", "connectionStatusChanged"),
                changes.stream().map(RouterChange::type).toList());
    }

    @Test
    void uptimeGoingBackIsARestartAndListsWhatIsGone() {
        List<RouterChange> changes = ChangeDetector.diff(
                snapshot(T0, "25.77.0.2", ConnectionStatus.CONNECTED, 10_800L, WEB, GAME),
                snapshot(T0.plusSeconds(30), "25.77.0.2", ConnectionStatus.CONNECTED, 12L), Optional.empty());
        assertEquals(1, changes.size());
        RouterChange.RouterRestarted r = assertInstanceOf(RouterChange.RouterRestarted.class, changes.get(0));
        assertEquals(List.of(WEB, GAME), r.lost());
        assertEquals("Router restarted: 2 mappings are gone (its uptime went back from 3 h to 12 s)",
                r.describe());
    }

    @Test
    void aFixedUptimeIsNoRestart() {
        assertEquals(List.of(), ChangeDetector.diff(
                snapshot(T0, "25.77.0.2", ConnectionStatus.CONNECTED, 0L, WEB),
                snapshot(T0.plusSeconds(600), "25.77.0.2", ConnectionStatus.CONNECTED, 0L, WEB), Optional.empty()));
    }

    @Test
    void aLostSubscriptionIsARestartEvenWhenUptimeCountsOn() {
        List<RouterChange> changes = ChangeDetector.diff(
                snapshot(T0, "25.77.0.2", ConnectionStatus.CONNECTED, null, WEB),
                snapshot(T0.plusSeconds(30), "25.77.0.2", ConnectionStatus.CONNECTED, null, GAME),
                Optional.of(WatchFact.FORGOT_US.with()));
        assertEquals(2, changes.size());
        assertEquals("Router restarted: 1 mapping is gone (it forgot this program's event subscription)",
                changes.get(0).describe());
        assertTrue(changes.get(1) instanceof RouterChange.MappingAdded);
    }
}
