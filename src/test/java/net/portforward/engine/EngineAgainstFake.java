package net.portforward.engine;

import static net.portforward.engine.EngineTestSupport.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** An engine per test with its own data folder, and the fake routers it started, closed after. */
public abstract class EngineAgainstFake {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    @TempDir
    protected Path dataDir;

    protected PortForwardEngine engine;
    private final List<FakeRouter> fakes = new ArrayList<>();

    /** The engine's HTTP timeout; null for the usual one. */
    protected Duration httpTimeout() {
        return null;
    }

    @BeforeEach
    void startEngine() {
        engine = httpTimeout() == null ? engine(dataDir) : engine(dataDir, httpTimeout());
    }

    @AfterEach
    void stopEngineAndFakes() {
        engine.close();
        fakes.forEach(FakeRouter::close);
    }

    protected FakeRouter fake(FakeRouter.Options options) {
        FakeRouter f = FakeRouter.start(options);
        fakes.add(f);
        return f;
    }
}
