package net.portforward.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.testing.EngineFixture;
import net.portforward.engine.Router;
import net.portforward.engine.EngineOptions;
import net.portforward.engine.error.PortForwardException;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine that records into a ledger, against fake routers on 127.0.0.1. "Crashed" sessions are
 * modelled by a liveness test that says a session is gone: the same JVM plays every process.
 */
abstract class LedgerFixture {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    @TempDir
    Path dataDir;
    final FakeTime time = new FakeTime();
    final List<AutoCloseable> closing = new ArrayList<>();
    /** Sessions the test says have died (crashed processes). */
    final List<String> dead = new ArrayList<>();

    Ledger ledger(String sessionId) {
        Predicate<Session> alive = s -> !dead.contains(s.id());
        return new Ledger(dataDir, new Session(sessionId, ProcessHandle.current().pid(), java.time.Instant.EPOCH), time,
                alive);
    }

    PortForwardEngine engine(Ledger ledger) {
        PortForwardEngine e = new PortForwardEngine(EngineFixture.options(dataDir, null, java.time.Duration.ofSeconds(10)), ledger);
        closing.add(e);
        return e;
    }

    FakeRouter fake(FakeRouter.Options options) {
        FakeRouter f = FakeRouter.start(options);
        closing.add(f);
        return f;
    }

    Router open(PortForwardEngine engine, FakeRouter fake) throws PortForwardException {
        return EngineTestSupport.open(engine, fake);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }
}
