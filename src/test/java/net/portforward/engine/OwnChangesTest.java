package net.portforward.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.MovableClock;
import org.junit.jupiter.api.Test;

/** What the engine remembers having changed, for telling the user's own changes from others'. */
class OwnChangesTest extends EngineAgainstFake {
    @Test
    void addsEditsAndDeletesAreNotedAndReadingIsNot() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Router r = EngineTestSupport.open(engine, f);
        PortMapping m = new PortMapping(Protocol.TCP, 8080, InetAddress.getByName(EngineTestSupport.CLIENT), 80, true,
                "web", null, Duration.ZERO);
        r.add(m, Progress.NONE);
        assertTrue(engine.ownChanges().recentlyChanged(new MappingKey(Protocol.TCP, 8080)));
        PortMapping other = new PortMapping(Protocol.TCP, 8082, InetAddress.getByName(EngineTestSupport.CLIENT), 80, true,
                "web", null, Duration.ZERO);
        r.add(other, Progress.NONE);
        assertFalse(engine.ownChanges().recentlyChanged(new MappingKey(Protocol.TCP, 8081)));
        r.edit(other.key(), new PortMapping(Protocol.TCP, 8082, InetAddress.getByName(EngineTestSupport.CLIENT), 81,
                true, "web", null, Duration.ZERO), Progress.NONE);
        assertTrue(engine.ownChanges().recentlyChanged(new MappingKey(Protocol.TCP, 8082)));
        f.table().put(net.portforward.testing.FakeMapping.udp(5000, EngineTestSupport.CLIENT, 5000, "theirs"));
        assertFalse(engine.ownChanges().recentlyChanged(new MappingKey(Protocol.UDP, 5000)));
        r.delete(new MappingKey(Protocol.UDP, 5000), Progress.NONE);
        assertTrue(engine.ownChanges().recentlyChanged(new MappingKey(Protocol.UDP, 5000)));
        r.list(x -> { }, Progress.NONE);
        assertFalse(engine.ownChanges().recentlyChanged(new MappingKey(Protocol.TCP, 9000)), "reading changes nothing");
    }

    @Test
    void aNoteLastsAFewSeconds() {
        MovableClock clock = MovableClock.at(java.time.Instant.parse("2026-11-21T10:00:00Z"));
        OwnChanges own = new OwnChanges(clock);
        MappingKey key = new MappingKey(Protocol.UDP, 27015);
        own.note(key);
        clock.advance(OwnChanges.RECENT.minusSeconds(1));
        assertTrue(own.recentlyChanged(key));
        clock.advance(Duration.ofSeconds(2));
        assertFalse(own.recentlyChanged(key), "after that, the same key changing again is someone else's doing");
    }
}
